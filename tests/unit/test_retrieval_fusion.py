import pytest

from bot.core.text import analyse
from bot.lexical import LexicalIndex
from bot.retrieval import rrf_fuse

pytestmark = pytest.mark.unit


def test_rrf_rewards_agreement_between_rankings():
    fused = rrf_fuse([["a", "b", "c"], ["b", "d", "a"]], k=60)
    assert [cid for cid, _ in fused][:2] == ["b", "a"]
    assert {cid for cid, _ in fused} == {"a", "b", "c", "d"}


def test_rrf_of_one_ranking_keeps_its_order():
    assert [c for c, _ in rrf_fuse([["x", "y", "z"]])] == ["x", "y", "z"]


def test_analyse_folds_accents_stems_and_drops_stop_words():
    assert analyse("Les échanges commerciaux") == analyse("echange commercial")
    assert "le" not in analyse("le centre")
    assert analyse("1,5 milliard") [0] == "1,5"


def test_bm25_finds_the_passage_with_the_rare_terms(tmp_path):
    docs = ["La France contribue à la KFOR au Kosovo.", "Un centre cyber à Podgorica.", "La France agit en Europe."]
    index = LexicalIndex(tmp_path / "lexical.sqlite3")
    index.add((f"c{i}", "doc", analyse(d)) for i, d in enumerate(docs))
    assert index.search(analyse("Où est le centre cyber ?"), 1)[0][0] == "c1"
    assert [cid for cid, _ in index.search(analyse("KFOR"), 3)] == ["c0"]


def test_english_query_terms_can_meet_french_stems():
    fr = set(analyse("inauguré", ("fr",)))
    en = set(analyse("inaugurated", ("en", "fr")))
    assert fr & en
