"""Figures, currencies, dates and names read the same way in French and English."""

import pytest

from bot.core.names import acronyms_in, missing_names, names_in, spellings, uncovered
from bot.core.numbers import consistent, read

pytestmark = pytest.mark.unit

AFD = "1,5 milliard d’euros ont été engagés l’AFD dans les pays des Balkans occidentaux depuis 2019."
TRADE = "(2,6 milliards d’euros d’échanges commerciaux avec la France en 2024 ; +56% par rapport à 2020)"


@pytest.mark.parametrize("claim", ["€1.5 billion since 2019", "1.5 billion euros", "1,5 milliard d'euros", "EUR 1.5 bn"])
def test_the_same_amount_in_either_language_is_consistent(claim):
    assert consistent(read(claim, "en"), read(AFD)) == []


@pytest.mark.parametrize("claim, problem", [
    ("$1.5 billion", "currency"), ("1.5 billion dollars", "currency"), ("€2 billion", "figure"),
    ("1.5 million euros", "figure"), ("3 milliards d'euros", "figure"),
])
def test_a_changed_figure_unit_or_currency_is_caught(claim, problem):
    assert any(problem in p for p in consistent(read(claim, "en"), read(AFD)))


def test_percentages_and_years():
    assert consistent(read("Trade grew by 56% compared with 2020", "en"), read(TRADE)) == []
    assert consistent(read("Trade grew by 56 compared with 2020", "en"), read(TRADE)) == []
    assert consistent(read("Trade grew 56% in 2021", "en"), read(TRADE))


@pytest.mark.parametrize("a, b", [("le 9 décembre 2024", "on December 9, 2024"), ("trois pays", "three countries"),
                                  ("six pays", "6 countries"), ("2,6 milliards", "2.6 billion")])
def test_words_and_formats_read_alike(a, b):
    ra, rb = read(a, "fr"), read(b, "en")
    assert ra.quantities == rb.quantities and ra.months == rb.months


def test_a_month_the_source_lacks_is_caught_and_may_is_a_month_only_with_a_number():
    assert consistent(read("appointed in October 2023", "en"), read("nommé en octobre 2023")) == []
    assert consistent(read("appointed in March 2023", "en"), read("nommé en octobre 2023"))
    assert read("it may change", "en").months == set()
    assert read("updated in May 2025", "en").months == {5}


def test_kinds_of_figures():
    assert read("Inauguré le 9 décembre 2024").has_date and not read("Inauguré le 9 décembre 2024").has_figure
    assert read("repose sur 5 piliers").has_figure
    assert not read("C3BO et KFOR").has_figure
    assert read("depuis plus de 20 ans").has_figure


def test_english_thousands_and_french_decimals():
    assert read("1,500 people", "en").quantities == {1500.0}
    assert read("1,5 personne", "fr").quantities == {1.5}
    assert read("6 000 soldats", "fr").quantities == {6000.0}


def test_acronyms_compare_in_their_french_form():
    assert acronyms_in("NATO and the EU") == {"OTAN", "UE"}


def test_names_across_languages():
    context = "La France contribue aux forces de l’OTAN au Kosovo (KFOR) et assure le commandement de la force EUFOR ALTHEA de l’UE en Bosnie-Herzégovine."
    assert missing_names("France commands EUFOR Althea in Bosnia and Herzegovina.", context) == set()
    assert missing_names("The NATO force in Kosovo is KFOR.", context) == set()
    assert missing_names("The French army is in Serbia.", context) == {"serbia"}
    assert missing_names("La force est déployée en Bosnie-Croatie.", context) == {"croatie"}
    assert missing_names("The Western Balkans", "Balkans occidentaux") == set()


def test_uncovered_anchors():
    text = "Le Président de la République s’est rendu en Albanie (octobre 2023), en Serbie (juillet 2019, août 2024)."
    assert uncovered(["Albania", "President"], text) == []
    assert uncovered(["Kosovo"], text) == ["Kosovo"]
    assert uncovered(["2019"], text) == [] and uncovered(["2022"], text) == ["2022"]
    # A people and its country share four letters, not five ("Serbes", "Serbie"); other names do not.
    assert uncovered(["Serbes"], text) == [] and uncovered(["Macron"], text) == ["Macron"]
    assert uncovered(["Grecs"], "avec la Grèce et Chypre") == [] and uncovered(["Albanais"], text) == []
    # "les Balkans de l'Ouest" are the "Balkans occidentaux"; "North Macedonia" is not.
    west = "La Stratégie française pour les Balkans occidentaux, lancée en 2019"
    assert uncovered(["Balkans", "Ouest"], west) == [] and uncovered(["North", "Macedonia"], west) == ["North", "Macedonia"]


def test_french_decimal_commas_become_english_points():
    from bot.core.numbers import english_decimals

    assert english_decimals("It committed 1,5 billion euros and 2,6 billion") == "It committed 1.5 billion euros and 2.6 billion"
    assert english_decimals("1,500 people; in 2024, 3 visits; 12,75 %") == "1,500 people; in 2024, 3 visits; 12.75 %"


def test_french_scale_words_left_in_an_english_sentence_become_english():
    from bot.core.numbers import english_amounts, english_decimals

    assert english_amounts(english_decimals("2,6 milliards of euros of trade")) == "2.6 billion euros of trade"
    assert english_amounts("3 millions d’euros, 1 milliard d'euros") == "3 million euros, 1 billion euros"
    assert english_amounts("milliards of stars, 1.5 billion euros") == "milliards of stars, 1.5 billion euros"


def test_a_country_is_covered_by_its_capital_in_the_passage():
    # General knowledge, both ways: "Belgrade et Pristina" are Serbia and Kosovo; not Albania.
    text = "la médiation en vue de la normalisation des relations entre Belgrade et Pristina"
    assert uncovered(["Serbia", "Kosovo"], text) == [] and uncovered(["Albania"], text) == ["Albania"]


def test_the_spellings_a_name_is_looked_up_by_in_the_other_language():
    assert "serbi" in spellings("Serbia") and "francais" in spellings("French") and spellings("UE") == ["ue"]


def test_the_word_after_a_list_mark_begins_a_sentence_and_is_no_name():
    assert names_in("- Fight against disinformation and hate speech") == set()
    assert names_in("(iii) The fight in Belgrade") == {"belgrade"}
    assert missing_names("- Promotion of debate on ideas", "la promotion du débat d’idées") == set()


def test_french_names_left_in_an_english_sentence_are_given_their_english_names():
    from bot.core.exonyms import english_names

    assert english_names("It was set up by the France, the Slovénie, and the Monténégro [1].") == (
        "It was set up by France, Slovenia, and Montenegro [1].")
    assert english_names("The aim is to anchor the Balkans occidentals to the Europe.") == (
        "The aim is to anchor the Western Balkans to Europe.")
    assert english_names("Its anchoring to the Europe is reinforced.") == "Its anchoring to Europe is reinforced."
    # The French article left with the name goes with it ("La France is committed…").
    assert english_names("La France is committed to peace in the region.") == "France is committed to peace in the region."
    assert english_names("It works within l’Union européenne and with partners.") == (
        "It works within the European Union and with partners.")
    # Not the article of a French name's own "de" ("Conseil de l'Europe"), nor "the" before a word
    # the French article did not qualify.
    assert english_names("France supports the Conseil de l'Europe and its work.") == (
        "France supports the Conseil de l'Europe and its work.")
    assert english_names("La France Diplomatie site lists it.") == "France Diplomatie site lists it."
    assert english_names("France, Slovenia, and the Montenegro set up the centre.") == (
        "France, Slovenia, and Montenegro set up the centre.")
    assert english_names("It backs the Ukraine war effort.") == "It backs the Ukraine war effort."
    assert english_names("Balkans occidentaux: trade with the Etats-Unis.") == (
        "The Western Balkans: trade with the United States.")
    # Quotations of the source stay as written; a name inside a longer one is left alone.
    quoted = "According to the text (in French): « La Slovénie et le Monténégro ont créé le centre. » [1]"
    assert english_names(quoted) == quoted
    assert english_names("the France-Serbia council") == "the France-Serbia council"
    # "the" stays before a name that does not end its phrase; a quotation cut by a sentence split,
    # quoted words and a French sentence stay as written.
    assert english_names("France contributes to the Kosovo Force (KFOR).") == "France contributes to the Kosovo Force (KFOR)."
    assert english_names("The text says: « La Slovénie a créé le centre.") == "The text says: « La Slovénie a créé le centre."
    assert english_names("Le Monténégro l'accueille. » [1]") == "Le Monténégro l'accueille. » [1]"
    assert english_names('He wrote "la Slovénie" twice.') == 'He wrote "la Slovénie" twice.'
    assert english_names("La France et la Slovénie ont créé le centre.") == "La France et la Slovénie ont créé le centre."


VISITS = ("Le Président de la République s’est rendu en Albanie (octobre 2023), en Serbie (juillet 2019, "
          "août 2024), et a reçu en France les dirigeants de la région.")


def test_a_date_given_to_another_name_than_the_source_gives_it_is_caught():
    from bot.core.dated_names import date_owners, dates_bound_elsewhere

    assert date_owners(VISITS) == [((2023, 10), "albanie"), ((2019, 7), "serbie"), ((2024, 8), "serbie")]
    wrong = "The President has been to Albania twice, in October 2023 and July 2019, and to Serbia in August 2024."
    assert dates_bound_elsewhere(wrong, VISITS) == ["07/2019 (albania)"]
    for right in ("He went to Albania in October 2023 and to Serbia in July 2019 and August 2024.",
                  "In July 2019 and August 2024, the President went to Serbia.",  # no name before the dates
                  "The envoy for the Western Balkans was appointed in October 2023."):  # a name the source dates nowhere
        assert dates_bound_elsewhere(right, VISITS) == []
    # "l’Albanie": the name after an elided article owns its date.
    assert date_owners("… en Serbie (juillet 2019) et dans l’Albanie voisine (octobre 2023).") == [
        ((2019, 7), "serbie"), ((2023, 10), "albanie")]
    # Another word order: only dates the source writes right after their name are judged.
    source = "La France a nommé un envoyé spécial en octobre 2023 et a ouvert le C3BO à Podgorica en décembre 2024."
    assert dates_bound_elsewhere("The centre that France opened in December 2024 is in Podgorica.", source) == []


def test_how_many_times_is_answered_by_the_dates_of_the_one_name_asked():
    from bot.answer.compose import occasions

    assert occasions(VISITS, "fr", "Combien de fois le président s'est-il rendu en Serbie ?") == (
        "Deux fois (juillet 2019, août 2024)")
    assert occasions(VISITS, "en", "How many times has he been to Albania?") == "Once (October 2023)"
    assert occasions(VISITS, "en", "How many times did he go to Albania and Serbia?") == ""  # two names: no one count
    assert occasions(VISITS, "en", "When did he go to Serbia?") == ""
    # A name typed in lower case counts as the name it is.
    assert occasions(VISITS, "fr", "et en serbie il y est allé combien de fois ?").startswith("Deux fois")


def test_a_count_of_occasions_the_source_dates_otherwise_is_caught():
    from bot.core.dated_names import occasions_elsewhere

    source = "Le Président s’est rendu en Albanie (octobre 2023), en Serbie (juillet 2019, août 2024)."
    assert occasions_elsewhere("The French president visited Albania and Serbia twice [1].", source) == ["albania (1)"]
    assert occasions_elsewhere("The French president visited Serbia twice [1].", source) == []
    assert occasions_elsewhere("Le Président est allé deux fois en Serbie.", source) == []
    assert occasions_elsewhere("He went to Serbia twice and to Albania once.", source) == []  # two counts: left alone


def test_i_am_is_not_a_name():
    from bot.answer.question import anchors_of

    assert anchors_of("As a diplomat I'm curious: is France for it? I’ve read about Serbia.") == ["France", "Serbia"]


def test_an_answers_citation_marks_are_no_figures_but_a_bracketed_year_is():
    reading = read("Inaugurée en décembre [1] [12], la stratégie date de [2019].")
    assert 1 not in reading.figures and 12 not in reading.figures
    assert 2019 in reading.years


def test_the_eu_acting_is_written_as_a_european_framework_or_level():
    # "dans un cadre bilatéral ou européen" is how a text says the EU way, beside the bilateral one.
    assert uncovered(["UE"], "Elle met en œuvre, dans un cadre bilatéral ou européen, des actions de coopération.") == []
    assert uncovered(["EU"], "It acts at European level and bilaterally.") == []
    # An adjective alone is not the EU: "l'avenir européen commun", "European heritage".
    assert uncovered(["UE"], "Il vise l’avenir européen commun des Balkans occidentaux.") == ["UE"]
    assert uncovered(["EU"], "A shared European heritage.") == ["EU"]
    # Nor another European body or a frame of something else.
    assert uncovered(["UE"], "dans le cadre de la Convention européenne des droits de l’homme") == ["UE"]
    assert uncovered(["UE"], "au niveau de la Banque européenne pour la reconstruction") == ["UE"]
    assert uncovered(["UE"], "aux niveaux bilatéral et européen") == []


@pytest.mark.parametrize("text, month", [("launched in Sept 2024", 9), ("le 9 déc. 2024", 12), ("on Dec 9, 2024", 12),
                                         ("Oct. 2023", 10), ("9 Dec", 12)])
def test_a_short_month_next_to_a_day_or_year_is_a_month(text, month):
    assert read(text, "en").months == {month}


def test_a_short_month_word_alone_is_not_a_month():
    assert read("les sept pays", "fr").figures == {7.0} and not read("les sept pays", "fr").months
    assert not read("the Dec meeting", "en").months


@pytest.mark.parametrize("question", ["France launched a reconciliation initiative in Sept 2024, what was it called?",
                                      "Qu'a lancé la France en Sept. 2024 ?"])
def test_a_short_month_is_asked_as_its_month(question):
    """"Sept" is no name a passage must write: "septembre" writes the month."""
    from bot.answer.question import anchors_of

    anchors = anchors_of(question)
    assert "Sept" not in anchors and not uncovered([a for a in anchors if a != "France"], "lancé en septembre 2024")


def test_a_short_month_keeps_what_is_not_a_month():
    from bot.core.numbers import spell_out_months

    assert spell_out_months("les 2 sept pays") == "les 2 sept pays"
    assert spell_out_months("on 9 Sept. Which agreement?") == "on 9 September. Which agreement?"
    assert spell_out_months("Sept. 2024") == "September 2024"


def test_only_amounts_the_question_gives_are_set_aside():
    from bot.core.numbers import amounts_given

    assert amounts_given("Sur les 1,5 milliard de l'AFD, quelle part est allée aux transports ?", "fr") == {1.5}
    assert amounts_given("How many of the 6 countries has he visited, and 4 or 5 times?", "en") == set()
    assert amounts_given("6 pays et 100 millions d'euros", "fr") == {100.0}
