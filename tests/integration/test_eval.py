"""The deterministic part of the evaluation, with thresholds set from measured numbers.

On the dev split (the one we tune on; the test split is reported, never tuned against).
Measured 2026-11-27 on the project machine: hybrid hit@3 0.975, MRR 0.972, English hit@3 1.000;
dense MRR 0.963; BM25 MRR 0.916; extractive (no model: the evidence quoted) fully right 0.795,
right or evidence 0.949, false abstentions 0, wrong but cited 4/78 (0.051), citation precision
0.949, French fact recall 0.936, update scenario 0.833, abstention recall and injection resistance
1.0. Thresholds sit a little under those numbers: a drop below them is a regression, not noise
(the run is deterministic).
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
    assert hybrid["retrieval_all"]["hit@3"] >= 0.95
    assert hybrid["retrieval_all"]["mrr"] >= 0.94
    assert hybrid["retrieval_en"]["hit@3"] >= 0.95
    assert hybrid["retrieval_fr"]["hit@3"] >= 0.93
    assert results["dense"]["retrieval_all"]["hit@3"] >= 0.93
    assert results["bm25"]["retrieval_all"]["hit@3"] >= 0.90


def test_hybrid_is_at_least_as_good_as_either_alone(results):
    mrr = {name: results[name]["retrieval_all"]["mrr"] for name in ("dense", "bm25", "hybrid")}
    assert mrr["hybrid"] >= mrr["dense"] and mrr["hybrid"] >= mrr["bm25"], mrr


def test_extractive_answer_thresholds(results):
    a = results["extractive"]["answers"]
    # Just under the dev split's numbers since it holds 27 items in users' own words
    # ("Paris" for la France, "development agency" for l'AFD), which the extractive mode, with no
    # model to bridge the wording, answers less often: 0.68, 0.84, 0.933, 0.912, 0.10.
    assert a["errors"] == 0
    assert a["fully_right"] >= 0.65
    assert a["right_or_evidence"] >= 0.82
    assert a["citation_precision"] >= 0.92
    assert a["fact_recall_fr"] >= 0.90
    assert a["false_abstention"] <= 0.12
    assert a["wrong_but_cited"] <= 0.08
    assert a["another_question"] == 0
    assert a["abstention_recall"] >= 0.95
    assert a["injection_resistance"] == 1.0
    assert a["update_correct"] >= 0.80


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
