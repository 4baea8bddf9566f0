"""A question for one date answered with two, from two passages: the second is left out (no model,
no store)."""

import pytest

from bot.answer.one_date import asks_one_date, other_dates
from bot.answer.question import read_question
from bot.core.records import Turn

pytestmark = pytest.mark.unit

UPDATED = ["The strategy page is current as of May 2025.", "The strategy page was last updated in October 2023."]


def q(text, history=()):
    return read_question(text, list(history), max_chars=2000)


def test_the_date_of_the_first_ranked_passage_stays_and_the_other_goes():
    # Asked after another question, as in the chat where it was found; it names its own subject.
    question = q("And how current is this strategy page, when was it last updated?",
                 [Turn("When did Macron go to Serbia?", "In July 2019 and August 2024 [1].")])
    assert not question.previous
    assert asks_one_date(question)
    assert asks_one_date(q("Cette présentation est-elle récente ? De quand date sa dernière révision ?"))
    assert other_dates(UPDATED, [(1,), (2,)], question) == [1]
    assert other_dates(list(reversed(UPDATED)), [(2,), (1,)], question) == [0]  # rank decides, not order


def test_dates_of_one_passage_or_repeated_stay():
    question = q("Quand Macron est-il allé en Serbie ?")
    two = ["Il s'est rendu en Serbie en juillet 2019.", "Il y est retourné en août 2024."]
    assert other_dates(two, [(0,), (0,)], question) == []  # one passage gives both
    same = ["La page a été mise à jour en mai 2025.", "Sa dernière version date de mai 2025."]
    assert other_dates(same, [(0,), (1,)], question) == []  # the same date from two passages
    undated = ["La page a été mise à jour en mai 2025.", "Elle présente la stratégie de la France."]
    assert other_dates(undated, [(0,), (1,)], question) == []


@pytest.mark.parametrize("text", [
    "When was the strategy launched, and when was the envoy appointed?",  # two dates asked
    "When was the strategy launched and the envoy appointed?",  # the second part shares the "when"
    "Quand la stratégie a-t-elle été lancée et quand a été nommé l'envoyé ?",
    "Je fais une frise : quelles sont les dates clés de l'action française en 2024 ?",  # a list
    "How many times did Macron go to Serbia?",  # not a date
])
def test_questions_for_several_dates_or_no_date_keep_every_sentence(text):
    question = q(text)
    assert not asks_one_date(question)
    assert other_dates(UPDATED, [(1,), (2,)], question) == []


@pytest.mark.parametrize("text", [
    "Did Horizons Partagés start before or after Macron's last trip to Serbia, and when exactly?",
    "I saw a post from late December 2024. Did it open then, or when was it actually inaugurated?",
    "L'AFD était-elle déjà active quand le président est allé en Albanie ?",
])
def test_a_question_comparing_dates_or_giving_one_keeps_every_date(text):
    assert not asks_one_date(q(text))


VISITS = "Le Président de la République s’est rendu en Albanie (octobre 2023), en Serbie (juillet 2019, août 2024)."


@pytest.mark.parametrize("question, answer, left", [
    ("C'était quand la dernière visite de Macron en Serbie ?", "La dernière visite fut en juillet 2019.", ["août 2024"]),
    ("C'était quand la dernière visite de Macron en Serbie ?", "En août 2024.", []),
    ("When did Macron first go to Serbia?", "He first went there in August 2024.", ["July 2019"]),
    ("When did Macron first go to Serbia?", "In July 2019.", []),
    ("When did the president go to Serbia?", "In July 2019.", []),  # not one of several: dates_left_out's
    ("Quand le Premier ministre est-il allé en Serbie ?", "En août 2024.", []),  # a title, not the first date
    ("C'était quand la dernière visite en Serbie ?", "En juillet 2019.", [], ),
])
def test_the_last_or_first_of_the_dates_a_name_is_given_is_the_one_asked(question, answer, left):
    from bot.answer.one_date import not_the_one_asked

    evidence = VISITS if "visite en Serbie" not in question else "Il est allé en Serbie en juillet 2019, puis au Kosovo en août 2024."
    assert not_the_one_asked(answer, read_question(question, [], max_chars=2000), evidence) == left
