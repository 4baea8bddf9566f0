"""Answers from a document's outline: "What are the pillars of the strategy?", "Quel est le deuxième
pilier ?". A policy text states its parts as headings ("I. Développer les relations politiques"),
not in sentences, so no evidence sentence holds them; the headings themselves are quoted, each
cited at its offsets in the source. Nothing here knows one document: any text whose headings
have sub-headings, and a sentence that announces them ("repose sur 5 piliers"), answers so."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from bot.answer import judge
from bot.answer.question import Question
from bot.core.records import Chunk, Citation
from bot.core.text import fold, split_sentences
from prompts import message

# What a text calls its parts, in French and English (folded).
NOUN = (r"piliers?|pillars?|axes?|axis|priorites?|priorit(?:y|ies)|parties|partie|parts?|sections?|chapitres?"
        r"|chapters?|volets?|strands?|rubriques?|headings?")
NOUN_RE = re.compile(rf"\b({NOUN})\b")
ORDINAL_WORDS = {
    "premier": 1, "premiere": 1, "first": 1, "1er": 1, "1ere": 1, "1st": 1,
    "deuxieme": 2, "second": 2, "seconde": 2, "2e": 2, "2eme": 2, "2nd": 2,
    "troisieme": 3, "third": 3, "3e": 3, "3eme": 3, "3rd": 3,
    "quatrieme": 4, "fourth": 4, "4e": 4, "4eme": 4, "4th": 4,
    "cinquieme": 5, "fifth": 5, "5e": 5, "5eme": 5, "5th": 5,
    "sixieme": 6, "sixth": 6, "6e": 6, "6eme": 6, "6th": 6,
    "septieme": 7, "seventh": 7, "7e": 7, "7th": 7,
    "dernier": -1, "derniere": -1, "last": -1, "final": -1,
}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
_ORD = "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))
ORDINAL_BEFORE = re.compile(rf"\b({_ORD})\s+(?:(?:of|des|de|d')\s*)?(?:(?:the|those|these|its|les|ces|ses)\s+)?(?:\w+\s+)?({NOUN})\b")
ORDINAL_AFTER = re.compile(rf"\b({NOUN})\s+(?:n°\s*|no\.?\s*|number\s+|numero\s+)?([ivx]{{1,4}}|\d{{1,2}})\b")
COUNT = re.compile(r"\bcombien\b|\bhow many\b|\bnombre de\b|\bnumber of\b")

Outline = Callable[[str], Sequence[dict]]  # document id -> its headings, in order


def asked(q: Question) -> tuple[str, int] | None:
    """("list", 0) for a question asking for the parts, ("one", k) for the k-th one (-1: the last);
    None for any other question (how many parts, which part X comes under, something else)."""
    plain = fold(q.text)
    if m := ORDINAL_BEFORE.search(plain):
        return "one", ORDINAL_WORDS[m.group(1)]
    if (m := ORDINAL_AFTER.search(plain)) and (m.group(2) in ROMAN or m.group(2).isdigit()):
        return "one", ROMAN.get(m.group(2)) or int(m.group(2))
    if COUNT.search(plain):
        return None  # "how many pillars": the model reads it from the sentence that says so
    # Plural: the parts. Singular ("Which pillar does X come under?") is X's section (worked_out).
    plural = [m.group(1) for m in NOUN_RE.finditer(plain) if m.group(1).endswith(("s", "x"))]
    return ("list", 0) if plural else None


def children(headings: Sequence[dict]) -> dict[str, list[dict]]:
    """Section path ("2. Priorités", as chunks write it) -> its sub-headings in order."""
    out: dict[str, list[dict]] = {}
    stack: list[dict] = []
    for h in headings:
        while stack and stack[-1]["level"] >= h["level"]:
            stack.pop()
        parent = " > ".join(x["text"] for x in stack)
        out.setdefault(parent, []).append(h)
        stack.append(h)
    return out


def outline_answer(q: Question, chunks: Sequence[Chunk], outline: Outline, evidence: list[Citation]
                   ) -> tuple[str, list[Citation], list[Citation]] | None:
    """The answer from the outline of the document of a retrieved passage that announces its parts
    (a passage of a section with sub-headings, naming them: "repose sur 5 piliers"): its text, its
    citations, and the evidence they add (numbered after `evidence`); None when no passage does."""
    wanted = asked(q)
    if wanted is None:
        return None
    for chunk in chunks:
        parts = children(outline(chunk.doc_id)).get(chunk.section, [])
        lead = _announcing_sentence(chunk)
        if len(parts) < 2 or lead is None:
            continue
        context = " ".join([chunk.title, chunk.section, chunk.text] + [h["text"] for h in parts])
        if judge.anchors_covered(q, context):
            continue  # "the four axes of Horizons Partagés" are not the document's parts
        return _compose(q, chunk, lead, parts, wanted, evidence)
    return None


def _announcing_sentence(chunk: Chunk) -> tuple[int, int] | None:
    """The span of the chunk's sentence that names the parts ("… repose sur 5 piliers.")."""
    for s, e in chunk.sentences or split_sentences(chunk.text):
        if NOUN_RE.search(fold(chunk.text[s:e])):
            return s, e
    return None


def _heading_chunk(chunk: Chunk, h: dict) -> Chunk:
    """A heading as a passage of its own, so that a citation shows and opens it like any other."""
    section = f"{chunk.section} > {h['text']}" if chunk.section else h["text"]
    return replace(chunk, text=h["text"], start=h["start"], end=h["end"], section=section, kind="heading",
                   lead="", id=f"{chunk.id}#h{h['start']}", sentences=[(0, len(h["text"]))], sentence_vectors=None)


def _compose(q: Question, chunk: Chunk, lead: tuple[int, int], parts: list[dict], wanted: tuple[str, int],
             evidence: list[Citation]) -> tuple[str, list[Citation], list[Citation]] | None:
    kind, k = wanted
    chosen = parts if kind == "list" else ([parts[k - 1]] if 0 < k <= len(parts) else [parts[-1]] if k == -1 else [])
    if not chosen:
        return None
    s, e = lead
    quote = chunk.text[s:e].lstrip("-•*–— ").strip()
    s = chunk.text.index(quote, s)
    start, end = chunk.start + s, chunk.start + s + len(quote)
    added: list[Citation] = []
    same = [c for c in evidence if c.chunk.doc_id == chunk.doc_id and (c.start, c.end) == (start, end)]
    if not same:
        added.append(Citation(len(evidence) + 1, chunk, quote, start, end))
    cits = same[:1] + added
    for h in chosen:
        added.append(Citation(len(evidence) + len(added) + 1, _heading_chunk(chunk, h), h["text"], h["start"], h["end"]))
        cits.append(added[-1])
    items = message("list_sep", q.language).join(f"« {c.quote} » [{c.n}]" for c in cits[1:])
    where = message("in_source", q.language, source_language=message(chunk.language, q.language)) if chunk.language != q.language else ""
    key = "outline_list" if kind == "list" else "outline_one"
    text = message(key, q.language, lead=quote, n=str(cits[0].n), items=items, k=str(len(parts) if k == -1 else k), where=where)
    return text, cits, added
