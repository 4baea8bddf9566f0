"""Answers from a document's outline: its parts are headings, quoted and cited at their offsets."""

import pytest

from bot.answer.outline import asked, children
from bot.answer.question import read_question
from bot.wiring import answer_service
from ingest.chunker import chunk_document
from tests.conftest import CORPUS_FILE
from tests.unit.scripted_store import ingest_with_hashing, use_scripted

pytestmark = pytest.mark.unit


def q(text):
    return read_question(text, [], max_chars=2000)


def test_the_chunker_keeps_each_heading_at_its_offsets():
    text = CORPUS_FILE.read_text(encoding="utf-8")
    doc = chunk_document("s.txt", text)
    assert [h["text"][:4] for h in doc.headings] == ["1. P", "2. P", "I. D", "II. ", "III.", "IV. ", "V. R"]
    assert all(text[h["start"] : h["end"]] == h["text"] for h in doc.headings)
    parts = children(doc.headings)
    assert [h["text"].split(".")[0] for h in parts["2. Priorités"]] == ["I", "II", "III", "IV", "V"]


@pytest.mark.parametrize("question, expected", [
    ("Quels sont les piliers de la stratégie ?", ("list", 0)),
    ("Can you break down the main pillars the strategy rests on?", ("list", 0)),
    ("Quel est le deuxième pilier ?", ("one", 2)),
    ("What is pillar IV about?", ("one", 4)),
    ("what's the last of those four strands about?", ("one", -1)),
    ("Combien de piliers compte la stratégie ?", None),  # the model reads it from "repose sur 5 piliers"
    ("Sous quel pilier se trouve la lutte contre la corruption ?", None),  # that one's section
    ("Quand le C3BO a-t-il été inauguré ?", None),
    ("What are the main building blocks of France's Balkans policy?", ("list", 0)),
    ("Quelles sont les grandes composantes de la stratégie ?", ("list", 0)),
    ("Je prépare un exposé : quels sont les cinq chantiers prioritaires de Paris ?", ("list", 0)),
])
def test_what_an_outline_question_asks(question, expected):
    assert asked(q(question)) == expected


@pytest.fixture
def service(settings, corpus_dir):
    store, _ = ingest_with_hashing(settings, corpus_dir)
    chat = use_scripted(settings, "Le texte ne le précise pas.")
    yield answer_service(settings, store), chat
    store.close()


def test_the_parts_are_the_headings_quoted_and_cited_without_the_model(service):
    svc, chat = service
    source = CORPUS_FILE.read_text(encoding="utf-8")
    a = svc.ask("What are the pillars of France's strategy for the Western Balkans?")
    assert a.mode == "answer" and a.answer.startswith("According to the text (in French)") and not chat.prompts
    headings = [c for c in a.citations if c.chunk.kind == "heading"]
    assert [c.quote.split(".")[0] for c in headings] == ["I", "II", "III", "IV", "V"]
    assert all(source[c.start : c.end] == c.quote for c in a.citations)
    assert all(c in a.evidence for c in a.citations)  # every [n] is an evidence number
    assert "repose sur 5 piliers" in a.answer
    # The text's parts by another name: "chantiers" for "piliers".
    a = svc.ask("Quels sont les cinq chantiers prioritaires de la France pour les Balkans occidentaux ?")
    assert a.mode == "answer" and len([c for c in a.citations if c.chunk.kind == "heading"]) == 5 and not chat.prompts


def test_the_k_th_part(service):
    svc, _ = service
    a = svc.ask("Quel est le deuxième pilier de la stratégie ?")
    assert "« II. Contribuer à la paix, la sécurité et la stabilité de la région »" in a.answer
    assert any(c.quote.startswith("II. Contribuer") for c in a.citations)


def test_the_parts_of_something_else_are_not_the_document_s(service):
    svc, _ = service
    a = svc.ask("What are the four axes of Horizons Partagés?")
    assert not any(c.chunk.kind == "heading" for c in a.citations)


def test_every_citation_is_the_evidence_of_its_number(service):
    svc, _ = service
    a = svc.ask("What are the pillars of France's strategy for the Western Balkans?")
    assert [c.n for c in a.evidence] == list(range(1, len(a.evidence) + 1))
    assert all(a.evidence[c.n - 1] is c for c in a.citations)
    assert f"[{a.citations[-1].n}]" in a.answer


def test_the_outline_does_not_answer_a_question_that_asks_more(service):
    svc, _ = service
    a = svc.ask("Quelles sont les priorités de la France dans la lutte contre la corruption ?")
    assert not any(c.chunk.kind == "heading" for c in a.citations)


def test_a_passage_of_another_version_gets_no_headings(settings, corpus_dir):
    from dataclasses import replace

    from bot.wiring import _headings

    store, _ = ingest_with_hashing(settings, corpus_dir)
    try:
        chunk = store.active_chunks()[0]
        assert _headings(store, chunk)
        assert _headings(store, replace(chunk, version="another")) == []
    finally:
        store.close()


def test_headings_survive_the_manifest_and_an_older_record_has_none():
    from bot.core.records import ManifestEntry
    from vectorstore.manifest import _entry, _meta

    heads = [{"level": 2, "text": "I. Développer les relations politiques", "start": 1036, "end": 1074}]
    entry = ManifestEntry("d.txt", "v1", "T", "/x/d.txt", "fr", None, "2026-12-03", [], "c", headings=heads)
    assert _entry("d.txt", _meta(entry), "[]").headings == heads
    older = {k: v for k, v in _meta(entry).items() if k != "headings"}
    assert _entry("d.txt", older, "[]").headings == []
