"""Whether evidence is about what a question asks, when the user words it their own way."""

import pytest

from bot.answer.evidence_judge import EvidenceJudge
from bot.answer.question import read_question
from bot.settings import AnswerSettings

pytestmark = pytest.mark.unit

VISITS = "Le Président de la République s’est rendu en Albanie (octobre 2023), en Serbie (juillet 2019, août 2024)."
UPDATED = "Mise à jour : mai 2025"


def judge():
    return EvidenceJudge(AnswerSettings(about_min_score=0.88))


def test_evidence_sharing_a_word_of_the_question_is_about_it_whatever_its_score():
    q = read_question("Quand le Président s'est-il rendu en Serbie ?", [], max_chars=2000)
    assert judge().about(q, VISITS, 0.5)


def test_a_paraphrase_is_about_the_question_only_when_very_close_in_meaning():
    q = read_question("Quand Emmanuel Macron est-il allé en Serbie ?", [], max_chars=2000)  # "allé", not "rendu"
    assert judge().about(q, VISITS, 0.90)
    assert not judge().about(q, VISITS, 0.85)


def test_a_date_from_a_passage_about_something_else_is_not_about_the_question():
    q = read_question("Quand l'envoyé spécial a-t-il été nommé ?", [], max_chars=2000)
    assert not judge().about(q, UPDATED, 0.80)
