"""Does a text answer the question asked? The kind of answer it needs (a figure, a date, a name)
and the names, acronyms and years the question is about must be there."""

from __future__ import annotations

import re

from bot.answer.question import Question
from bot.core.names import acronyms_in, name_found, uncovered
from bot.core.numbers import read
from bot.core.text import EN_WORDS, FR_WORDS, STOP_WORDS, analyse, fold

CAPITAL_WORD = re.compile(r"\b[A-ZÀ-ÖØ-Þ][\w'’-]{2,}")
# A name right after one of these is a place ("basé à Belgrade", "based in Belgrade").
PLACE_BEFORE = re.compile(r"\b(à|a|en|au|aux|in|at|from|de)\s*$", re.IGNORECASE)
TITLE_WORDS = frozenset("the this these those that it its they there what which when where who why how le la les".split())


def capitalised(text: str, *, places: bool = True, context: str = "") -> set[str]:
    """Capitalised words and acronyms of `text` (folded), stop words out. A sentence's first word
    counts only if `context` also writes it capitalised inside a sentence ("France holds…" with
    "La France…"; not "Depuis…")."""
    inside = {fold(m.group(0)) for m in CAPITAL_WORD.finditer(context) if not _initial(context, m.start())}
    out = set()
    for m in CAPITAL_WORD.finditer(text):
        word = fold(m.group(0)).split("'")[-1]
        if word in STOP_WORDS or word in TITLE_WORDS or word in FR_WORDS or word in EN_WORDS or len(word) < 3:
            continue
        if _initial(text, m.start()) and word not in inside and not m.group(0).isupper():
            continue
        if not places and PLACE_BEFORE.search(text[: m.start()]):
            continue
        out.add(word)
    return out


def _initial(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" «\"“(-–—•*")
    return not before or before[-1] in ".!?:;\n"


def has_kind(text: str, question: Question, language: str, context: str = "") -> bool:
    """`text` holds what the question's kind asks for (`context`: the evidence it rests on)."""
    reading = read(text, language)
    if question.kind == "number":
        return reading.has_figure and (not question.money or bool(reading.currencies))
    if question.kind == "date":
        return reading.has_date
    if question.kind in ("who", "place", "name"):
        asked = capitalised(question.standalone) | {fold(a) for a in acronyms_in(question.standalone)}
        new = capitalised(text, places=question.kind != "who", context=context or text) - asked
        return bool({w for w in new if not name_found(w, asked)})
    return True


def adds_nothing(text: str, question: Question, language: str) -> bool:
    """`text` only restates the question ("The war reinforced the need to…" for "Which war…")."""
    langs = (language,)
    return not (set(analyse(text, langs)) - set(analyse(question.standalone, langs)))


def anchors_covered(question: Question, context: str) -> list[str]:
    """The question's names, acronyms and years that `context` lacks (empty: all covered)."""
    return uncovered(question_anchors(question), context)


def question_anchors(question: Question) -> list[str]:
    return question.anchors + re.findall(r"\b(?:19|20)\d{2}\b", question.text)
