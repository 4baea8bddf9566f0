"""Two countries named as a pair are also written by their capitals ("Serbie-Kosovo", "entre
Belgrade et Pristina"): searched for, and covering the question's names (no model, no store)."""

import pytest

from bot.answer.evidence_judge import names_pair_by_capitals
from bot.answer.question import read_question
from bot.core.capitals import paired_capitals, paired_countries, written_by_capital

pytestmark = pytest.mark.unit

MEDIATION = ("Elle soutient activement la médiation conduite par l’Union européenne en vue de la normalisation "
             "des relations entre Belgrade et Pristina.")


@pytest.mark.parametrize("text", [
    "Sur le dossier Serbie-Kosovo, la France fait quoi ?",
    "Where does France stand on the Serbia–Kosovo dispute?",
    "Who brokers the talks between Serbia and Kosovo?",
    "entre la serbie et le kosovo, la france soutient quelle médiation ?",
])
def test_a_pair_of_countries_is_searched_for_by_its_capitals_too(text):
    assert paired_capitals(text) == ["Belgrade", "Pristina"]
    assert "Belgrade" in read_question(text, [], max_chars=2000).search


@pytest.mark.parametrize("text", [
    "When did Macron go to Serbia?",  # one country
    "Macron est allé en Albanie et en Serbie ?",  # places of a list, not a relation
    "Does France have troops in Kosovo?",
])
def test_a_country_named_alone_or_in_a_list_of_places_is_not_a_pair(text):
    assert paired_countries(text) == {}
    assert read_question(text, [], max_chars=2000).search == text


def test_names_of_several_words_elided_articles_and_either_language():
    assert paired_capitals("Les relations entre la Bosnie-Herzégovine et le Monténégro") == ["Sarajevo", "Podgorica"]
    assert paired_capitals("Le dialogue entre la Serbie et l'Albanie") == ["Belgrade", "Tirana"]
    assert paired_capitals("Relations between North Macedonia and Albania") == ["Skopje", "Tirana"]
    assert paired_capitals("Serbia and Kosovo: talks in Belgrade") == ["Pristina"]  # not one the text writes


@pytest.mark.parametrize("text", [
    "Did Macron visit Albania and Serbia?",  # "and" without a relation: places of a list
    "La France et la Serbie commercent-elles ?",
    "Avec la Slovénie et le Monténégro, la France a créé un centre : dans quelle ville ?",
])
def test_and_makes_a_pair_only_with_a_word_of_a_relation(text):
    assert paired_countries(text) == {}


def test_a_passage_writing_both_capitals_names_the_pair_the_question_names():
    q = read_question("Dans le dossier Serbie-Kosovo, quelle démarche la France appuie-t-elle ?", [], max_chars=2000)
    assert written_by_capital("Serbie", q.standalone, MEDIATION) and names_pair_by_capitals(q, MEDIATION)
    assert not names_pair_by_capitals(q, "Un pôle d’expertise est basé à Belgrade.")  # one of the two
    alone = read_question("Quelle démarche la France appuie-t-elle en Serbie ?", [], max_chars=2000)
    assert not written_by_capital("Serbie", alone.standalone, MEDIATION) and not names_pair_by_capitals(alone, MEDIATION)
