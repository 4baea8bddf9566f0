"""The deterministic part of the evaluation, with thresholds set from measured numbers.

On the dev split (the one we tune on; the test split is reported, never tuned against), 167 items
since 2026-12-01 (40 more in users' words: yes/no questions, wrong premises, comparisons, facts
from several passages). Measured 2026-12-01 on the project machine: hybrid hit@3 0.932, MRR 0.909,
English hit@3 0.917, French 0.945; dense hit@3 0.917; BM25 0.887; extractive (no model: the
evidence quoted) fully right 0.580 (0.534 before this round's evidence and checks), right or
evidence 0.756, false abstentions 0.183, wrong but cited 8/131 (0.061), citation precision 0.925,
French fact recall 0.833, update scenario 0.667, abstention recall and injection resistance 1.0.
Thresholds sit a little under those numbers: a drop below them is a regression, not noise (the
run is deterministic).
"""

import json

import pytest

from tests.integration.conftest import run_cli

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def results():
    from bot.settings import load_settings
    from eval.configs import resolve
    from eval.dataset import load_items
    from eval.runner import EvalRunner

    settings = load_settings()
    runs = EvalRunner(settings, load_items(split="dev"), "extractive").run(resolve(["dense", "bm25", "hybrid", "extractive"]))
    return {r.config.name: r.summary for r in runs}


@pytest.mark.parametrize("split", ["dev", "test"])
def test_evaluation_set_shape(split):
    from eval.dataset import load_items

    items = load_items(split=split)
    assert len(items) >= 60
    assert sum(i.language == "en" for i in items) >= len(items) / 3
    for lang in ("fr", "en"):
        types = {i.type for i in items if i.language == lang}
        assert types >= {"factual", "list", "number", "date", "follow-up", "unanswerable", "out_of_scope", "injection"}
    assert any(i.scenario == "updated" for i in items)
    for i in items:
        if i.answerable:
            assert i.gold and i.facts, i.id


def test_retrieval_thresholds(results):
    hybrid = results["hybrid"]
    assert hybrid["retrieval_all"]["hit@3"] >= 0.92
    assert hybrid["retrieval_all"]["mrr"] >= 0.89
    assert hybrid["retrieval_en"]["hit@3"] >= 0.90
    assert hybrid["retrieval_fr"]["hit@3"] >= 0.93
    assert results["dense"]["retrieval_all"]["hit@3"] >= 0.90
    assert results["bm25"]["retrieval_all"]["hit@3"] >= 0.87


def test_hybrid_is_at_least_as_good_as_either_alone(results):
    mrr = {name: results[name]["retrieval_all"]["mrr"] for name in ("dense", "bm25", "hybrid")}
    assert mrr["hybrid"] >= mrr["dense"] and mrr["hybrid"] >= mrr["bm25"], mrr


def test_extractive_answer_thresholds(results):
    a = results["extractive"]["answers"]
    assert a["errors"] == 0
    assert a["fully_right"] >= 0.56
    assert a["right_or_evidence"] >= 0.74
    assert a["citation_precision"] >= 0.91
    assert a["fact_recall_fr"] >= 0.82
    assert a["false_abstention"] <= 0.20
    assert a["wrong_but_cited"] <= 0.07
    assert a["another_question"] == 0
    assert a["abstention_recall"] >= 0.95
    assert a["injection_resistance"] == 1.0
    assert a["update_correct"] >= 0.65


def test_evidence_selection_thresholds(results):
    # The sentences given to the model (and shown first) hold the gold passage: 0.939 of answerable
    # dev items, all of their gold passages 0.870 (0.893 and 0.786 before the passage-weighted
    # scores, the parts of many-part questions and the years were added, 2026-12-01).
    a = results["extractive"]["answers"]
    assert a["evidence_holds_gold"] >= 0.92
    assert a["evidence_holds_all_gold"] >= 0.85


def test_eval_command_writes_report_json_and_charts(tmp_path):
    out = tmp_path / "report"
    result = run_cli("eval", "--compare", "hybrid,extractive", "--out", str(out), "--json", "--limit", "12")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert set(summary["summaries"]) == {"hybrid", "extractive"}
    for name in ("report.md", "report.json", "retrieval.png", "answers.png", "latency.png"):
        assert (out / name).is_file(), name
    assert "## Not right: extractive" in (out / "report.md").read_text(encoding="utf-8")


def test_unknown_configuration_is_a_clear_error(tmp_path):
    result = run_cli("eval", "--compare", "hybrid,magic", "--out", str(tmp_path))
    assert result.returncode == 2 and "unknown configuration" in result.stderr
