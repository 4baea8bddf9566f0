"""The evaluation's per-batch figures: batches of items written at different times, reported apart."""

import pytest

from eval.summary import batches

pytestmark = pytest.mark.unit


def item(id_, type_, outcome, abstained=False):
    return {"id": id_, "type": type_, "outcome": outcome, "abstained": abstained}


def test_outcomes_are_counted_per_id_prefix():
    items = [
        item("k-en-a", "date", "right"), item("k-fr-b", "list", "abstained", True), item("k-en-c", "unanswerable", "right", True),
        item("h-en-a", "factual", "wrong_cited"), item("h-fr-b", "unanswerable", "another_question"),
    ]
    got = batches(items)
    assert set(got) == {"h", "k"}
    assert got["k"]["n_answerable"] == 2 and got["k"]["fully_right"] == 0.5 and got["k"]["false_abstention"] == 0.5
    assert got["k"]["abstention_recall"] == 1.0
    assert got["h"]["wrong_but_cited_count"] == 1 and got["h"]["another_question_count"] == 1
    assert got["h"]["abstention_recall"] == 0.0
