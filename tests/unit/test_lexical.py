"""The lexical index: the same BM25 as a from-scratch computation, updated chunk by chunk."""

import math
import sqlite3
from collections import Counter

import pytest

from bot.core.text import analyse as reference_analyse
from bot.core.text import words as reference_words
from bot.lexical import MAX_SEGMENTS, LexicalIndex, analyse, words
from ingest.chunker import chunk_document
from tests.conftest import CORPUS_FILE

pytestmark = pytest.mark.unit


def bm25_from_scratch(docs: dict[str, list[str]], query: list[str], k1=1.2, b=0.75) -> dict[str, float]:
    """Okapi BM25 written out plainly, as the retriever had it before the index existed."""
    n = len(docs)
    avg = sum(len(d) for d in docs.values()) / n
    df = Counter(t for d in docs.values() for t in set(d))
    out = {}
    for cid, terms in docs.items():
        tf = Counter(terms)
        norm = k1 * (1 - b + b * len(terms) / avg)
        s = sum(
            math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5)) * tf[t] * (k1 + 1) / (tf[t] + norm)
            for t in set(query) if tf[t]
        )
        if s > 0:
            out[cid] = s
    return out


@pytest.fixture
def chunks(strategy_text):
    return chunk_document(CORPUS_FILE.name, strategy_text).chunks


@pytest.fixture
def index(tmp_path):
    return LexicalIndex(tmp_path / "lexical.sqlite3")


def test_cached_analysis_gives_exactly_the_reference_terms(chunks):
    for c in chunks:
        for langs in (("fr",), ("en", "fr"), ("fr", "en")):
            assert analyse(c.embed_text, langs) == reference_analyse(c.embed_text, langs)


@pytest.mark.parametrize("text", [
    "L’Œuvre d’ÉTÉ à Skopje\u00a0: 1,5 milliard — +56 % (2,6 Mds€) ; naïve façade Ærø",
    "İstanbul ǅemal e\u0301te\u0301 ﬁnance ß Straße 3.14 x.y 7, 8",
    "tab\tnew\nline\u202fnarrow the a of le la",
])
def test_fast_folding_gives_the_reference_words(text):
    assert words(text) == reference_words(text)


@pytest.mark.parametrize("question", [
    "Quand le C3BO a-t-il été inauguré ?", "When was the cyber capacity centre inaugurated?",
    "1,5 milliard AFD depuis 2019", "Qui commande EUFOR Althea ?", "échanges commerciaux 2024",
])
def test_scores_equal_bm25_from_scratch(index, chunks, question):
    docs = {c.id: analyse(c.embed_text, (c.language,)) for c in chunks}
    index.add((cid, "s", terms) for cid, terms in list(docs.items())[:7])
    index.add((cid, "s", terms) for cid, terms in list(docs.items())[7:])  # two segments
    query = analyse(question, ("fr", "en"))
    expected = sorted(bm25_from_scratch(docs, query).items(), key=lambda x: (-x[1], x[0]))[:5]
    got = index.search(query, 5)
    assert [cid for cid, _ in got] == [cid for cid, _ in expected] or {c for c, _ in got} == {c for c, _ in expected}
    assert [s for _, s in got] == pytest.approx([s for _, s in expected])


def test_delete_updates_statistics_and_hides_the_rows(index, chunks):
    docs = {c.id: analyse(c.embed_text, (c.language,)) for c in chunks}
    index.add((cid, "s", t) for cid, t in docs.items())
    gone = [c.id for c in chunks if "C3BO" in c.text]
    assert index.delete(gone) == len(gone)
    rest = {cid: t for cid, t in docs.items() if cid not in gone}
    query = analyse("centre cyber Podgorica C3BO")
    got = index.search(query, 5)
    assert not {cid for cid, _ in got} & set(gone)
    expected = bm25_from_scratch(rest, query)
    assert {cid: pytest.approx(s) for cid, s in got} == {cid: expected[cid] for cid, _ in got}
    assert index.count() == len(rest)


def test_adding_an_indexed_id_again_changes_nothing(index, chunks):
    rows = [(c.id, "s", analyse(c.embed_text)) for c in chunks]
    assert index.add(rows) == len(rows)
    assert index.add(rows) == 0
    assert index.count() == len(rows)
    assert index.missing([rows[0][0], "nope"]) == ["nope"]


def test_keep_filters_and_the_search_looks_further_for_enough_results(index):
    index.add((f"c{i}", "d", ["kosovo", "kfor"] if i < 40 else ["kosovo"]) for i in range(60))
    hidden = {f"c{i}" for i in range(40)}
    got = index.search(["kosovo", "kfor"], 5, keep=lambda cid: cid not in hidden)
    assert len(got) == 5 and not {cid for cid, _ in got} & hidden


def test_segments_are_merged_and_deleted_rows_dropped(index, tmp_path):
    for i in range(MAX_SEGMENTS + 3):
        index.add([(f"c{i}", "d", ["balkans", f"t{i}"])])
    index.delete(["c0", "c1"])
    index.add([("late", "d", ["balkans"])])
    con = sqlite3.connect(tmp_path / "lexical.sqlite3")
    assert con.execute("SELECT count(*) FROM posting WHERE term = 'balkans'").fetchone()[0] <= MAX_SEGMENTS
    assert len(index.search(["balkans"], 100)) == MAX_SEGMENTS + 2
    assert {cid for cid, _ in index.search(["balkans"], 100)} >= {"late", "c2"}


def test_document_versions_and_rows_by_document(index):
    index.add([("a1", "a.txt", ["x"]), ("a2", "a.txt", ["y"]), ("b1", "b.txt", ["x"])])
    index.set_versions([("a.txt", "v1"), ("b.txt", "v9")])
    assert index.versions() == {"a.txt": "v1", "b.txt": "v9"}
    assert index.ids_of(["a.txt"]) == {"a1": "a.txt", "a2": "a.txt"}
    index.forget_documents(["b.txt"])
    assert index.versions() == {"a.txt": "v1"}


def test_a_second_connection_sees_the_writes(index, tmp_path):
    index.add([("a1", "a.txt", ["sarajevo"])])
    other = LexicalIndex(tmp_path / "lexical.sqlite3")
    assert [cid for cid, _ in other.search(["sarajevo"], 3)] == ["a1"]


def test_a_question_in_the_other_language_finds_the_words_written_alike(tmp_path):
    from vectorstore.lexical_mirror import LexicalMirror

    index = LexicalIndex(tmp_path / "lexical.sqlite")
    texts = {"culture": "En matière culturelle et audiovisuelle.", "security": "La sécurité intérieure et le transport.",
             "many": "Transmission, transmettre, transmis, transmet."}
    # "Stratégie" in every passage, as a title is: a term that tells no passage apart.
    texts.update({f"other{i}": f"La stratégie, partie {i}." for i in range(5)})
    texts = {cid: f"{text} Stratégie." for cid, text in texts.items()}
    index.add((cid, "doc", analyse(text, ("fr",))) for cid, text in texts.items())
    mirror = LexicalMirror(index, collection=None)
    assert index.starting("audiov", limit=3) == ["audiovisuel"]
    assert mirror.cognate_terms("anything on the audiovisual side?", ("en", "fr")) == ["audiovisuel"]
    assert mirror.cognate_terms("internal security?", ("en", "fr")) == ["securit"]
    # A word a stem of its own finds, a short word, a prefix that starts many terms: nothing added.
    assert mirror.cognate_terms("and transport?", ("en", "fr")) == []
    assert mirror.cognate_terms("is it transmitted?", ("en", "fr")) == []
    assert index.starting("transm", limit=3) == []
    assert index.starting("strate", limit=3) == ["strateg"]
    assert mirror.cognate_terms("the strategy", ("en", "fr")) == []
    # The added term finds the passage.
    terms = analyse("anything on the audiovisual side?", ("en", "fr"))
    assert not index.search(terms, 3)
    assert [cid for cid, _ in index.search(terms + mirror.cognate_terms("audiovisual side", ("en", "fr")), 3)] == ["culture"]
