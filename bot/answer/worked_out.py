"""Answers worked out in code from the evidence, where a small model reasons badly: where in the
document's structure something comes (its section heading), and which of two dated events came
first or how long passed between them. Every date and heading is read from a cited passage."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from bot.answer.compose import MONTH_NAMES, anchor_spots, dates_in
from bot.answer.question import Question
from bot.core.numbers import MONTHS
from bot.core.parts import SECTION_NOUN
from bot.core.text import YEAR_DIGITS, fold
from bot.evidence import EvidenceUnit
from prompts import message

# The part must be what the interrogative asks for: "sous quel pilier", "which of the five pillars",
# not "quel thème le volet … a-t-il" (a theme asked of a part) nor "what else falls under that pillar".
STRUCTURE = re.compile(
    rf"\b(?:quel|quelle|which|what|sous|under)\s+(?:{SECTION_NOUN}|(?:of|de|des|d'|du|the|les|la|le|main|grand|grande"
    rf"|which|quel|quelle)\b[^?]{{0,25}}\b{SECTION_NOUN})"
)
LATEST = re.compile(r"\b(last|latest|most recent|dernier|derniere|plus recent)\b")
EARLIEST = re.compile(r"\b(first|earliest|premier|premiere)\b")
ORDINAL = re.compile(r"\b(premier|premiere|deuxieme|second|troisieme|third|quatrieme|fourth|cinquieme|fifth|dernier|last|\d(e|er|nd|rd|th))\b")
ORDER = re.compile(
    r"\bwhich (came|happened|comes|was|took place) first\b|\bwhat (came|happened) first\b|\bbefore or after\b"
    r"|\bafter or before\b|\bavant ou apres\b|\bapres ou avant\b|\ben premier\b|\bd'abord\b|\bdeja\b.*\bquand\b"
    r"|\balready\b.*\bwhen\b"
)
GAP = re.compile(
    r"\bhow (many|much) (years|months|time)\b|\bhow long (after|before|between)\b|\bcombien (de temps|d'annees|d'ans|de mois)\b"
    r"|\b(years|months) (passed|elapsed|went by)\b|\becoule\b|\b(gap|interval|time|ecart|intervalle|temps) (between|entre)\b"
    r"|\bhow far apart\b"
)
_LEAD = re.compile(r"^(?:(?:or|ou|and|et|then|puis|did|does|do|is|was|were|est-ce que|quand|when)\s+)+", re.IGNORECASE)
_DATE = re.compile(rf"^(?:(\d{{1,2}}) )?(?:(\w+) )?({YEAR_DIGITS})$")


def section_answer(
    q: Question, units: list[EvidenceUnit], facets: Sequence[tuple[str, np.ndarray]] = (), *, bar: float = 0.0
) -> tuple[str, list[int]] | None:
    """"Which pillar / part does X come under?": the heading of the section of the best passage
    about X (for a follow-up, about its subject). Not for a list of the parts, nor for "the second
    pillar"."""
    plain = fold(q.text)
    found = STRUCTURE.search(plain)
    if found and q.language == "fr" and re.search(r"\bparts?$", found.group(0)):
        found = None  # in French "quelle part" is a share ("quelle part est allée à la Serbie ?")
    if not found or ORDINAL.search(plain) or re.search(r"\b(quels|quelles|what are|which are|combien|how many)\b", plain):
        return None
    # A sentence about the parts ("the strategy rests on 5 pillars") is in none of them.
    order = [i for i, u in enumerate(units) if not re.search(r"\b(pilier|pillar)s?\b", fold(u.text))]
    close = {i: units[i].score for i in order}
    if q.previous and facets:  # a follow-up: "that" is the subject of the question before
        close = {i: float(np.max(units[i].vectors @ facets[0][1])) for i in order}
        order.sort(key=lambda i: -close[i])
    order = [i for i in order if close[i] >= bar]  # clearly about what the question asks of
    paths = {i: [p.strip() for p in units[i].chunk.section.split(">") if p.strip()] for i in order}
    deepest = max((len(p) for p in paths.values()), default=0)
    for i in order[:2]:
        if paths[i] and len(paths[i]) == deepest:
            return message("section", q.language, heading=paths[i][-1], n=str(i + 1)), [i]
    return None


def _date_of(unit: EvidenceUnit, text: str, language: str) -> str:
    """The date `unit` gives the event of `text`: next to the part's names; the latest or the
    earliest when it asks for the last or first one; none when several dates fit alike."""
    found = dates_in(unit.text, language)
    if not found:
        return ""
    if LATEST.search(fold(text)) or EARLIEST.search(fold(text)):
        ranked = sorted(found, key=lambda f: date_order(f[1], language))
        return (ranked[-1] if LATEST.search(fold(text)) else ranked[0])[1]
    spots = anchor_spots(text, fold(unit.text))
    if not spots:
        return found[0][1] if len(found) == 1 else ""
    near = sorted((min(abs(f[0] - s) for s in spots), f[1]) for f in found)
    if len(near) > 1 and near[1][1] != near[0][1] and near[1][0] - near[0][0] <= 16:
        return ""  # "en Serbie (juillet 2019, août 2024)": which visit?
    return near[0][1]


def _dated(units: list[EvidenceUnit], vec: np.ndarray, text: str, language: str) -> tuple[int, str] | None:
    """The unit closest to one part of the question that states a date, and that date."""
    best = None
    for i, unit in enumerate(units):
        date = _date_of(unit, text, language)
        if date:
            sim = float(np.max(unit.vectors @ vec))
            if best is None or sim > best[0]:
                best = (sim, i, date)
    return (best[1], best[2]) if best else None


def date_order(date: str, language: str) -> tuple[int, int, int]:
    m = _DATE.match(date)
    if not m:
        return (0, 0, 0)
    month = m.group(2) or ""
    names = [n.lower() for n in MONTH_NAMES[language]]
    number = names.index(month.lower()) + 1 if month.lower() in names else MONTHS.get(fold(month), 0)
    return (int(m.group(3)), number, int(m.group(1) or 0))


def timeline_answer(
    q: Question, units: list[EvidenceUnit], facets: Sequence[tuple[str, np.ndarray]]
) -> tuple[str, list[int]] | None:
    """"Which came first, X or Y?", "How long between X and Y?": the date of each part, each
    from the passage closest to it, put in order (or subtracted) in code."""
    plain = fold(q.text)
    order, gap = bool(ORDER.search(plain)), bool(GAP.search(plain))
    parts = [(t, v) for t, v in facets if not (ORDER.search(fold(t)) or GAP.search(fold(t)))]
    if not (order or gap) or len(parts) != 2:
        return None
    events = []
    for text, vec in parts:
        found = _dated(units, vec, text, q.language)
        if found is None:
            return None
        events.append((date_order(found[1], q.language), found[1], found[0], _LEAD.sub("", text.strip())))
    if events[0][2] == events[1][2] or not all(e[0][0] for e in events):
        return None  # one passage for both parts: it does not date them apart
    (w1, d1, i1, t1), (w2, d2, i2, t2) = sorted(events)
    cite = [i1, i2]
    if gap:
        span = _span(w1, w2, q.language)
        return message("gap", q.language, span=span, first=t1, d1=d1, n1=str(i1 + 1), second=t2, d2=d2, n2=str(i2 + 1)), cite
    if w1 == w2 or (w1[:2] == w2[:2] and not (w1[2] and w2[2])):
        return message("same_time", q.language, first=t1, second=t2, d1=d1, n1=str(i1 + 1), n2=str(i2 + 1)), cite
    if re.search(r"\b(before or after|after or before|avant ou apres|apres ou avant)\b", plain):
        return message("after", q.language, first=t1, d1=d1, n1=str(i1 + 1), second=t2, d2=d2, n2=str(i2 + 1)), cite
    return message("in_order", q.language, first=t1, d1=d1, n1=str(i1 + 1), second=t2, d2=d2, n2=str(i2 + 1)), cite


def gap_within(q: Question, units: list[EvidenceUnit]) -> tuple[str, list[int]] | None:
    """"How long between his two trips to Serbia?" where one passage dates both right after the
    name ("en Serbie (juillet 2019, août 2024)"): the two dates, subtracted in code."""
    if not GAP.search(fold(q.text)):
        return None
    for i, unit in enumerate(units[:2]):
        found = dates_in(unit.text, q.language)
        for spot in anchor_spots(q.text, fold(unit.text)):
            near = sorted((date_order(date, q.language), date) for at, date in found if 0 <= at - spot <= 30)
            if len(near) == 2 and all(when[0] for when, _ in near):
                (w1, d1), (w2, d2) = near
                return message("gap_within", q.language, span=_span(w1, w2, q.language), d1=d1, d2=d2, n=str(i + 1)), [i]
    return None


def _span(w1: tuple[int, int, int], w2: tuple[int, int, int], language: str) -> str:
    """The time from one (year, month, day) to a later one: in months under two years when both
    months are known, else in years."""
    months = (w2[0] - w1[0]) * 12 + (w2[1] - w1[1]) if w1[1] and w2[1] else None
    if months is not None and months < 24:
        return message("months", language, n=str(months))
    return message("years", language, n=str(w2[0] - w1[0]))
