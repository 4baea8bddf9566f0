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


def test_a_history_turn_in_another_shape_is_refused_with_its_line(tmp_path):
    import json

    from eval.dataset import load_items

    item = {"id": "x-en-fu", "split": "dev", "question": "And when?", "language": "en", "type": "follow-up",
            "scenario": "base", "gold": [], "facts": [], "forbidden": [],
            "history": [{"role": "user", "content": "What is the C3BO?"}]}
    path = tmp_path / "questions.jsonl"
    path.write_text(json.dumps(item) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"questions.jsonl:1: .*history of x-en-fu"):
        load_items(path)
    item["history"] = [{"question": "What is the C3BO?", "answer": "A cyber centre."}]
    path.write_text(json.dumps(item) + "\n", encoding="utf-8")
    assert load_items(path)[0].history[0]["answer"] == "A cyber centre."


def test_an_item_of_a_scenario_the_runner_does_not_run_is_refused(tmp_path):
    import json

    from eval.dataset import load_items

    item = {"id": "x-en-premise", "split": "dev", "question": "Why was it launched in 2022?", "language": "en",
            "type": "date", "scenario": "false_premise", "gold": [], "facts": [], "forbidden": []}
    path = tmp_path / "questions.jsonl"
    path.write_text(json.dumps(item) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"questions.jsonl:1: .*scenario in x-en-premise"):
        load_items(path)
    item["scenario"] = "base"
    path.write_text(json.dumps(item) + "\n", encoding="utf-8")
    assert load_items(path)[0].scenario == "base"
