"""An amount of money is the body's its sentence names ("engagés l'AFD"), not the strategy's budget."""

import pytest

from bot.core.numbers import read
from bot.core.owners import amount_owners_unnamed, amounts_all_owned_elsewhere

pytestmark = pytest.mark.unit

AFD = ("Le déploiement, depuis 2019, des activités du groupe Agence Française de Développement (AFD), en coopération "
       "avec les institutions publiques. 1,5 milliard d’euros ont été engagés l’AFD dans les pays des Balkans occidentaux "
       "depuis 2019.")
TRADE = "(2,6 milliards d’euros d’échanges commerciaux avec la France en 2024 ; +56% par rapport à 2020)"


@pytest.mark.parametrize("question, elsewhere", [
    ("What was the overall budget of the Western Balkans strategy when it was launched in 2019?", True),
    ("Quel budget est alloué au projet Horizons Partagés ?", True),
    ("How much has France committed in the Western Balkans since 2019?", False),  # through its agency
    ("How much money has the French development bank put into the Western Balkans since 2019?", False),
    ("Combien l'AFD a-t-elle engagé depuis 2019 ?", False),
    ("How much has the agency committed there?", False),
])
def test_an_amount_answers_only_for_the_body_it_belongs_to(question, elsewhere):
    assert amounts_all_owned_elsewhere(AFD, "fr", question) is elsewhere


def test_an_amount_no_body_owns_is_anyones():
    assert not amounts_all_owned_elsewhere(TRADE, "fr", "How much was trade with the region worth?")
    assert amounts_all_owned_elsewhere(f"Le commerce croît {TRADE}. {AFD}", "fr", "What was the budget?") is False


def owners(sentence, source, language, question):
    return amount_owners_unnamed(sentence, read(sentence, "en"), source, language, question)


def test_a_sentence_giving_a_body_s_amount_to_something_else_is_caught():
    budget = "What was the strategy's budget in 2019?"
    assert owners("The strategy's budget was 1.5 billion euros.", AFD, "fr", budget) == ["AFD"]
    assert owners("The AFD committed 1.5 billion euros.", AFD, "fr", budget) == []
    assert owners("Trade was worth 2.6 billion euros.", TRADE, "fr", budget) == []
    both = f"{AFD} {TRADE}"  # a year both passages give is no amount of the agency's
    assert owners("Since 2019, trade reached 2.6 billion euros in 2024.", both, "fr",
                  "How much was trade worth in 2024?") == []
