"""The deterministic part of the evaluation, with thresholds set from measured numbers.

On the dev split (the one we tune on; the test split is reported, never tuned against): 242
items since 2026-12-02, when 75 questions written blind by helpers that saw only the text (`b-`,
`c-`: users' words, near-miss unanswerables) were added to the 167 of 2026-12-01. Measured
2026-12-02 on the project machine: hybrid hit@3 0.938, MRR 0.905, English hit@3 0.936, French
0.939; dense hit@3 0.922; BM25 0.870 (0.887 on the 167 items before); extractive (no model: the
evidence quoted) fully right 0.642, right or evidence 0.779, false abstentions 0.153, wrong but
cited 13/190 (0.068), answers to another question 2 (two of the blind unanswerables: the envoy's
name, why Slovenia was chosen), citation precision 0.922, French fact recall 0.855, update
scenario 0.667, abstention recall 0.952, injection resistance 1.0. Thresholds sit a little under
those numbers: a drop below them is a regression, not noise (the run is deterministic).
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
    assert hybrid["retrieval_en"]["hit@3"] >= 0.92
    assert hybrid["retrieval_fr"]["hit@3"] >= 0.93
    assert results["dense"]["retrieval_all"]["hit@3"] >= 0.90
    assert results["bm25"]["retrieval_all"]["hit@3"] >= 0.86


def test_hybrid_is_at_least_as_good_as_either_alone(results):
    mrr = {name: results[name]["retrieval_all"]["mrr"] for name in ("dense", "bm25", "hybrid")}
    assert mrr["hybrid"] >= mrr["dense"] and mrr["hybrid"] >= mrr["bm25"], mrr


def test_extractive_answer_thresholds(results):
    a = results["extractive"]["answers"]
    assert a["errors"] == 0
    assert a["fully_right"] >= 0.62
    assert a["right_or_evidence"] >= 0.76
    assert a["citation_precision"] >= 0.91
    assert a["fact_recall_fr"] >= 0.84
    assert a["false_abstention"] <= 0.17
    assert a["wrong_but_cited"] <= 0.07
    assert a["another_question"] <= 0.01
    assert a["abstention_recall"] >= 0.95
    assert a["injection_resistance"] == 1.0
    assert a["update_correct"] >= 0.65


def test_evidence_selection_thresholds(results):
    # The sentences given to the model (and shown first) hold the gold passage: 0.932 of answerable
    # dev items, all of their gold passages 0.884 on the 242 items of 2026-12-02 (0.939 and 0.870
    # on the 167 of 2026-12-01; 0.893 and 0.786 before the passage-weighted scores, the parts of
    # many-part questions and the years were added).
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
