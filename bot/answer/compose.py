"""The texts an answer is made of: the model's prompt, a quotation of the evidence, an abstention."""

from __future__ import annotations

import re

from bot.core.dated_names import date_owners
from bot.core.names import asked_names, name_found
from bot.core.numbers import MONTHS
from bot.core.text import YEAR_DIGITS, fold
from bot.evidence import EvidenceUnit
from prompts import load_prompt, message, prompt_for

MONTH_NAMES = {
    "en": "January February March April May June July August September October November December".split(),
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(),
}
_MONTH_NAMES = "|".join(sorted({m for m in MONTHS}, key=len, reverse=True))
_DATE = re.compile(
    r"\b(?:(\d{1,2})(?:er)?\s+)?(" + _MONTH_NAMES + r")\s+(\d{4})\b"
    r"|\b(" + YEAR_DIGITS + r")\b"
    # The English order: "December 9, 2024", "December 9th 2024".
    r"|\b(" + _MONTH_NAMES + r")\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b"
)
_AMOUNT = re.compile(
    r"([+-]?\d+(?:[.,]\d+)?)\s*(%|milliards?|millions?|mille|ans|annees|mois|jours)?(?:\s+d'?\s*(euros?))?"
)
UNITS_EN = {"milliard": "billion", "milliards": "billion", "million": "million", "millions": "million",
            "mille": "thousand", "ans": "years", "annees": "years", "mois": "months", "jours": "days"}


def messages(question: str, previous: str, units: list[EvidenceUnit], language: str, *, yes_no: bool = False) -> list[dict]:
    """System prompt (kept evaluated in the model's cache) and the extracts, best one last. A
    question to confirm or deny gets a hint: without it the model restates the question or says
    the text does not say, where the text settles it."""
    lines = []
    for n in range(len(units), 0, -1):  # [1] is the best: next to the question
        unit = units[n - 1]
        head = unit.chunk.section.split(" > ")[-1] if unit.chunk.section else ""
        head = re.sub(r"^[IVX]+\.\s+|^\d+\.\s+", "", head)[:60]
        lines.append(f"[{n}] ({head}) {unit.text}" if head else f"[{n}] {unit.text}")
    prev = message("previous", language, previous=previous) if previous else ""
    user = prompt_for("answer", language).format(evidence="\n".join(lines), previous=prev, question=question)
    if yes_no:
        user += "\n" + message("yes_no_hint", language)
    return [{"role": "system", "content": load_prompt("system.txt")}, {"role": "user", "content": user}]


def quote(unit: EvidenceUnit, n: int) -> str:
    return f"« {unit.text} » [{n}]"


def quoted_answer(units: list[EvidenceUnit], numbers: list[int], language: str, kind: str, question: str) -> str:
    """The evidence itself, quoted and cited, with a short lead in the question's language; for a
    date or a figure asked across languages, the value is given first in the question's words."""
    quotes = " ".join(quote(u, n) for u, n in zip(units, numbers))
    source = units[0].chunk.language
    text = _under("quoted", quotes, source, language)
    if source == language:
        value = occasions(units[0].text, language, question) if kind == "number" else ""
    else:
        value = key_value(units[0].text, kind, language, question)
    return message("value_lead", language, value=value) + text if value else text


def also(units: list[EvidenceUnit], indices: list[int], language: str) -> str:
    """Other passages that answer a question for several things, quoted after the answer."""
    return _quoted_after("also", units, indices, language)


def listed(units: list[EvidenceUnit], indices: list[int], language: str) -> str:
    """The list a cited passage gives, quoted after an answer that names only part of it."""
    return _quoted_after("lists", units, indices, language)


def _quoted_after(key: str, units: list[EvidenceUnit], indices: list[int], language: str) -> str:
    """Passages quoted after an answer under the lead `key` ("The text also says: …"), or its
    `key`_translated form naming the source's language when one is in the other language."""
    quotes = " ".join(quote(units[i], i + 1) for i in indices)
    same = all(units[i].chunk.language == language for i in indices)
    return _under(key, quotes, language if same else units[indices[0]].chunk.language, language)


def _under(key: str, quotes: str, source: str, language: str) -> str:
    """`quotes` under the lead `key`, or under its `key`_translated form naming the source's
    language when it is not the question's."""
    if source == language:
        return message(key, language, quote=quotes)
    return message(f"{key}_translated", language, quote=quotes, source_language=message(source, language))


def abstention(language: str, nearby: EvidenceUnit | None = None, n: int = 1) -> str:
    text = message("abstain", language)
    if nearby is not None:
        text += " " + _under("nearby", quote(nearby, n), nearby.chunk.language, language)
    return text


# "How many times has he been to Serbia?": occasions, counted by "twice" or by their dates.
ASKS_OCCASIONS = re.compile(r"\bhow many times\b|\bcombien de fois\b|\bhow often\b")
TIMES = {"en": ["once", "twice", "three times", "four times", "five times"],
         "fr": ["une fois", "deux fois", "trois fois", "quatre fois", "cinq fois"]}


def occasions(text: str, language: str, question: str) -> str:
    """"How many times…?" answered by the dates `text` gives the one name of the question it
    dates: "Twice (July 2019, August 2024)" for "en Serbie (juillet 2019, août 2024)"."""
    if not ASKS_OCCASIONS.search(fold(question)):
        return ""
    asked = asked_names(question)
    owners = date_owners(text, tight=True)
    matched = {o for _, o in owners if any(name_found(o, {n}) or name_found(n, {o}) for n in asked)}
    if len(matched) != 1:
        return ""
    dates = list(dict.fromkeys(d for d, o in owners if o in matched))
    if len(dates) > len(TIMES[language]):
        return ""
    times = TIMES[language][len(dates) - 1]
    listed = ", ".join(f"{MONTH_NAMES[language][month - 1]} {year}" for year, month in dates)
    return f"{times[0].upper()}{times[1:]} ({listed})"


def key_value(text: str, kind: str, language: str, question: str) -> str:
    """The date or figure of `text` a question of `kind` asks for, written in `language`; when
    there are several, the one closest to a name of the question."""
    if kind == "number" and (times := occasions(text, language, question)):
        return times
    plain = fold(text)
    found: list[tuple[int, str]] = []
    if kind == "date":
        found = dates_in(text, language)
    elif kind == "number":
        for m in _AMOUNT.finditer(plain):
            value, unit, currency = m.group(1), m.group(2) or "", m.group(3)
            if re.fullmatch(YEAR_DIGITS, value) and not unit:
                continue  # a year
            if language == "en":
                value = value.replace(",", ".")
                unit = UNITS_EN.get(unit, unit)
            rendered = ("€" if currency and language == "en" else "") + value
            rendered += unit if unit == "%" else (f" {unit}" if unit else "")
            if currency and language != "en":
                rendered += " d'euros"
            found.append((m.start(), rendered))
        growth = re.search(r"%|percent|pourcent|grow|grew|increase|augment|hausse|progress|rise|rose", fold(question))
        preferred = [f for f in found if ("%" in f[1]) == bool(growth)]
        if not growth:  # an amount of money or a scaled figure before a bare count
            preferred = [f for f in preferred if re.search(r"€|euros|billion|million|milliard|thousand|mille", f[1])] or preferred
        found = preferred or found
    if not found:
        return ""
    spots = anchor_spots(question, plain)
    if not spots:
        return found[0][1]
    return min(found, key=lambda f: min(abs(f[0] - s) for s in spots))[1]


def dates_in(text: str, language: str) -> list[tuple[int, str]]:
    """The dates of `text` (positions in its folded form), written in `language`."""
    found: list[tuple[int, str]] = []
    for m in _DATE.finditer(fold(text)):
        if m.group(2) or m.group(5):
            day, name, year = (m.group(1), m.group(2), m.group(3)) if m.group(2) else (m.group(6), m.group(5), m.group(7))
            month = MONTH_NAMES[language][MONTHS[name] - 1]
            day = f"{int(day)} " if day else ""
            found.append((m.start(), f"{day}{month} {year}"))
        elif not any(s <= m.start() < s + 30 for s, _ in found):
            found.append((m.start(), m.group(4)))
    return found


def anchor_spots(question: str, plain: str) -> list[int]:
    """Where the names and years of `question` are in `plain` (folded text)."""
    anchors = [a[:5] for a in asked_names(question) if len(a) >= 4] + re.findall(r"\b\d{4}\b", question)
    return [m.start() for a in anchors for m in re.finditer(re.escape(a), plain)]
