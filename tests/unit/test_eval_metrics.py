import pytest

from eval import metrics as M

pytestmark = pytest.mark.unit


def test_retrieval_scores():
    s = M.retrieval_scores([0, 1, 0, 0, 0], n_relevant=1)
    assert s["hit@1"] == 0 and s["hit@3"] == 1 and s["mrr"] == 0.5
    assert s["ndcg@5"] == pytest.approx(1 / 1.5849625, rel=1e-4)
    assert M.retrieval_scores([0, 0, 0, 0, 0], 1)["mrr"] == 0


def test_fact_recall_accepts_variants_and_ignores_accents_and_case():
    facts = [["9 décembre 2024", "December 9, 2024"], ["Podgorica"]]
    assert M.fact_recall("Inauguré le 9 DECEMBRE 2024 à podgorica", facts) == 1.0
    assert M.fact_recall("It opened on December 9, 2024.", facts) == 0.5


def test_answer_language_ignores_quotations():
    assert M.answer_language("The strategy says (quoted in French): « La France agit au sein de l'Union »") == "en"


def test_percentile():
    assert M.percentile([1, 2, 3, 4], 0.5) == 2.5
    assert M.percentile([5], 0.95) == 5
