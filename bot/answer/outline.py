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
from bot.core.parts import OUTLINE_KINDS, OUTLINE_NOUN
from bot.core.records import Chunk, Citation
from bot.core.text import analyse, fold, split_sentences
from prompts import message

NOUN_RE = re.compile(rf"\b({OUTLINE_NOUN})\b")
NUMBERS = {2: r"2|two|deux", 3: r"3|three|trois", 4: r"4|four|quatre", 5: r"5|five|cinq", 6: r"6|six",
           7: r"7|seven|sept", 8: r"8|eight|huit", 9: r"9|nine|neuf", 10: r"10|ten|dix"}
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
ORDINAL_BEFORE = re.compile(rf"\b({_ORD})\s+(?:(?:of|des|de|d')\s*)?(?:(?:the|those|these|its|les|ces|ses)\s+)?(?:\w+\s+)?({OUTLINE_NOUN})\b")
ORDINAL_AFTER = re.compile(rf"\b({OUTLINE_NOUN})\s+(?:n°\s*|no\.?\s*|number\s+|numero\s+)?([ivx]{{1,4}}|\d{{1,2}})\b")
COUNT = re.compile(r"\bcombien\b|\bhow many\b|\bnombre de\b|\bnumber of\b")

Outline = Callable[[Chunk], Sequence[dict]]  # a passage -> its document's headings (same version), in order
Shares = Callable[[list[str]], dict[str, float]]  # stems -> the share of the corpus's passages holding each


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


def outline_answer(q: Question, chunks: Sequence[Chunk], outline: Outline, evidence: list[Citation],
                   term_shares: Shares | None = None) -> tuple[str, list[Citation], list[Citation]] | None:
    """The answer from the outline of the document of a retrieved passage that announces its parts
    (a passage of a section with sub-headings, naming them: "repose sur 5 piliers"): its text, its
    citations, and the evidence they add (numbered after `evidence`); None when no passage does."""
    wanted = asked(q)
    if wanted is None:
        return None
    for chunk in chunks:
        lead = _announcing_sentence(chunk, q)
        if lead is None:
            continue
        parts = children(outline(chunk)).get(chunk.section, [])
        if len(parts) < 2 or not _announces(chunk.text[lead[0] : lead[1]], q, len(parts)):
            continue
        context = " ".join([chunk.title, chunk.section, chunk.text[lead[0] : lead[1]]] + [h["text"] for h in parts])
        if judge.anchors_covered(q, context) or _asks_more(q, context, term_shares):
            continue  # "the four axes of Horizons Partagés", "les priorités contre la corruption"
        return _compose(q, chunk, lead, parts, wanted, evidence)
    return None


def _kind(text: str) -> set[str]:
    plain = fold(text)
    return {k for k, pattern in OUTLINE_KINDS.items() if re.search(rf"\b({pattern})\b", plain)}


def _announces(sentence: str, q: Question, n_parts: int) -> bool:
    """The sentence names the parts as the question does ("piliers" for "pillars"), or counts them
    ("repose sur 5 piliers" for "the main axes", with five sub-headings)."""
    if _kind(sentence) & _kind(q.text):
        return True
    counted = NUMBERS.get(n_parts)
    return bool(counted) and bool(re.search(rf"\b({counted})\s+({OUTLINE_NOUN})\b", fold(sentence)))


def _asks_more(q: Question, context: str, term_shares: Shares | None) -> bool:
    """The question also asks about something the corpus has but the announcing sentence, the
    headings and the title do not: "les priorités de la France contre la corruption" wants more
    than the outline."""
    if term_shares is None:
        return False
    words = set(analyse(NOUN_RE.sub(" ", fold(q.standalone)), ("fr", "en"))) - judge.ASKING
    known = {t for t, share in term_shares(sorted(words)).items() if share > 0}
    return bool(known - set(analyse(context, ("fr", "en"))))


def _announcing_sentence(chunk: Chunk, q: Question) -> tuple[int, int] | None:
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
