"""The sentences of a draft being streamed that are complete enough to be checked."""

import pytest

from bot.answer.draft import finished_sentences

pytestmark = pytest.mark.unit


def test_the_last_part_may_still_grow():
    assert finished_sentences("La France agit. Elle soutient") == ["La France agit."]


def test_a_sentence_waits_for_the_marker_after_its_full_stop():
    # Checked without its [1], a sentence would be checked against every evidence unit at once.
    assert finished_sentences("L'AFD a engagé 1,5 milliard d'euros en 2024. [") == []
    assert finished_sentences("L'AFD a engagé 1,5 milliard d'euros en 2024. [1") == []
    assert finished_sentences("L'AFD a engagé 1,5 milliard d'euros. [1] Elle") == ["L'AFD a engagé 1,5 milliard d'euros. [1]"]
    assert finished_sentences("Première [1]. Deuxième") == ["Première [1]."]


def test_a_sentence_waits_for_all_its_markers():
    assert finished_sentences("L'AFD a engagé 1,5 milliard d'euros en 2024. [1][") == []
    assert finished_sentences("L'AFD a engagé 1,5 milliard d'euros en 2024. [1][2") == []
