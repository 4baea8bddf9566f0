"""Does a count count what "how many X" asks? "5 pillars" does not answer "how many countries",
and "six strands" is wrong where the evidence's six counts countries. Both checks read each
figure with the words right after it."""

from __future__ import annotations

import functools
import re

from bot.answer.compose import ASKS_OCCASIONS
from bot.answer.judge import ASKS_DURATION
from bot.answer.question import Question
from bot.core.numbers import NUMBER_WORDS
from bot.core.parts import COUNTED_WORDS
from bot.core.text import CITATION_MARK, YEAR, analyse, fold

# "How many pillars", "combien de pays": what is counted, up to its verb.
COUNTED = re.compile(r"\b(?:how many|combien (?:de |d'))\s*([a-z' -]+?)(?=\s+(?:are|is|does|do|did|has|have|were|was|will|can"
                     r"|ont|a|sont|est|compte|comptent|y|la|le|les|l'|sur|in|on|at|work|serve|for|dans|en|au|aux)\b|\s*[?,]|$)")
_TOKEN = re.compile(r"[\w'-]+(?:[.,]\d+)?")
_FIGURE = re.compile(r"^\d+(?:[.,]\d+)?$")


def figures_and_next(text: str, languages: tuple[str, ...], span: int) -> list[tuple[str, list[str]]]:
    """Each figure of `text` (digits or a number word, folded; not an answer's "[1]") with the
    stems of the `span` words after it."""
    tokens = _TOKEN.findall(fold(CITATION_MARK.sub(" ", text)))
    return [(t, [s for w in tokens[i + 1 : i + 1 + span] for s in analyse(w, languages)])
            for i, t in enumerate(tokens) if _FIGURE.match(t) or t in NUMBER_WORDS]


def counts_other(text: str, question: Question, language: str) -> bool:
    """`text` gives a count, but not of what "how many X" asks: "5 pillars" for "how many
    countries", "20 years" for "how many experts". A figure counts X when one of the next few
    words is X (stems compared: "six pays" for "combien de pays")."""
    asked = fold(question.text)
    m = COUNTED.search(asked)
    if question.kind == "number" and not m and only_parts_counted(text, question):
        return True  # "5 pillars" for "how big is trade?"
    if question.kind != "number" or not m or question.money or ASKS_DURATION.search(asked) or ASKS_OCCASIONS.search(asked):
        return False  # an amount of money, a length of time, occasions: not a count of things
    counted = set(analyse(m.group(1), (language,)))
    if not counted:
        return False
    if counted & part_stems((language,)):
        counted |= part_stems((language,))  # "combien d'axes" is answered by "5 piliers": parts go by many names
    figures = figures_and_next(text, (language,), 4)
    if not figures:
        return False  # no figure at all: has_kind says so
    return not any(st in counted or any(len(c) >= 5 and st[:5] == c[:5] for c in counted)
                   for _, after in figures for st in after)


def only_parts_counted(text: str, question: Question) -> bool:
    """The figures of `text` count the parts of a text (pillars, axes…; years aside) and the question,
    which asks a figure ("how big is trade?", "quel montant ?"), names no such part."""
    parts = part_stems(("fr", "en"))
    if set(analyse(question.text, ("fr", "en"))) & parts:
        return False
    figures = figures_and_next(text, ("fr", "en"), 2)
    counted = {_value(t) for t, after in figures if set(after) & parts} - {None}
    return bool(counted) and all(_value(t) in counted or YEAR.fullmatch(t) for t, _ in figures)


def counts_other_parts(answer: str, q: Question, evidence: str) -> bool:
    """"Six strands" for "how many strands?" where the evidence says "dans les six pays … selon 4
    axes": a count of a text's parts (pillars, axes, strands…) is a figure the evidence puts
    before such a noun, in either language; a figure that counts something else there does not."""
    m = COUNTED.search(fold(q.text)) if q.kind == "number" else None
    parts = part_stems(("fr", "en"))
    if not m or not set(analyse(m.group(1), (q.language,))) & parts:
        return False

    def counts(text: str) -> list[tuple[int, list[str]]]:  # each whole count with the stems of the next words
        valued = [(_value(t), after) for t, after in figures_and_next(text, ("fr", "en"), 3)]
        return [(value, after) for value, after in valued if value is not None]
    given = {value for value, _ in counts(answer)}
    in_source = [(value, after) for value, after in counts(evidence) if value in given]
    return bool(in_source) and not any(set(after) & parts for _, after in in_source)


def _value(token: str) -> int | None:
    if token.isdecimal():
        return int(token) if token.isascii() and len(token) < 4 else None  # not "¹", not a year
    return NUMBER_WORDS.get(token)


@functools.cache
def part_stems(languages: tuple[str, ...]) -> frozenset[str]:
    """The stems of every name a text's parts go by, in the given languages (worked out once)."""
    return frozenset(s for lang in languages for s in analyse(COUNTED_WORDS[lang], (lang,)))
