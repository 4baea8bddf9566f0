"""Figures, amounts, currencies, percentages and dates read the same way in French and English.

"1,5 milliard d'euros", "€1.5 billion" and "1.5 bn euros" all read as the quantity 1.5e9 with the
currency EUR; "trois" and "three" as 3; "9 décembre 2024" and "December 9, 2024" as the same day.
The answer checks compare these readings, so a figure, a unit or a currency cannot change on the
way from the source to the answer."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.core.text import CITATION_MARK, strip_accents

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("janvier", "january"), ("fevrier", "february"), ("mars", "march"), ("avril", "april"),
            ("mai", "may"), ("juin", "june"), ("juillet", "july"), ("aout", "august"),
            ("septembre", "september"), ("octobre", "october"), ("novembre", "november"),
            ("decembre", "december"),
        ],
        1,
    )
    for name in names
}
# Months written short, read as months only next to a day or a year ("Sept 2024", "9 Dec. 2024",
# "déc. 2024", "Oct 3, 2024"), not "les sept pays" nor "dec" alone.
SHORT_MONTHS = {
    "jan": "january", "janv": "janvier", "feb": "february", "fev": "fevrier", "fevr": "fevrier", "févr": "février",
    "mar": "march", "apr": "april", "avr": "avril", "jun": "june", "jul": "july", "juil": "juillet",
    "aug": "august", "sep": "september", "sept": "september", "oct": "october", "nov": "november",
    "dec": "december", "déc": "décembre",
}
_SHORT = "|".join(sorted(SHORT_MONTHS, key=len, reverse=True))
SHORT_MONTH = re.compile(rf"(?:(?<=\b\d\s)|(?<=\b\d\d\s)|(?<=\b\d(?:st|nd|rd|th)\s)|(?<=\b\d\d(?:st|nd|rd|th)\s)|(?<=\b1er\s))"
                         rf"(?!sept\s+[^\W\d])({_SHORT})\b(?:\.(?=\s*\d))?"  # not "les 2 sept pays"; "9 Sept. Which…" keeps its stop
                         rf"|\b({_SHORT})\b\.?(?=\s*(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?\d{{4}}\b)",
                         re.IGNORECASE)


def spell_out_months(text: str) -> str:
    """`text` with its short month names written in full ("Sept 2024" -> "September 2024")."""
    def full(m: re.Match) -> str:
        short = m.group(1) or m.group(2)
        name = SHORT_MONTHS[short.lower()]
        return name.capitalize() if short[0].isupper() else name
    return SHORT_MONTH.sub(full, text)


# Cardinal number words. Not "un/une/one" (articles), "neuf" (also "new"), "cent" ("pour cent"),
# nor ordinals ("the second pillar" states no figure).
NUMBER_WORDS = {
    "deux": 2, "two": 2, "trois": 3, "three": 3, "quatre": 4, "four": 4, "cinq": 5, "five": 5,
    "six": 6, "sept": 7, "seven": 7, "huit": 8, "eight": 8, "nine": 9, "dix": 10, "ten": 10,
    "onze": 11, "eleven": 11, "douze": 12, "twelve": 12, "quinze": 15, "fifteen": 15,
    "vingt": 20, "twenty": 20, "trente": 30, "thirty": 30, "quarante": 40, "forty": 40,
    "cinquante": 50, "fifty": 50,
}
SCALES = {
    "milliard": 1e9, "milliards": 1e9, "billion": 1e9, "billions": 1e9, "bn": 1e9, "md": 1e9, "mds": 1e9,
    "million": 1e6, "millions": 1e6, "mn": 1e6, "mio": 1e6,
    "mille": 1e3, "thousand": 1e3, "thousands": 1e3,
}
CURRENCIES = {
    "€": "EUR", "euro": "EUR", "euros": "EUR", "eur": "EUR",
    "$": "USD", "dollar": "USD", "dollars": "USD", "usd": "USD", "us$": "USD",
    "£": "GBP", "pound": "GBP", "pounds": "GBP", "livre": "GBP", "livres": "GBP", "gbp": "GBP",
    "chf": "CHF", "yen": "JPY", "¥": "JPY",
}
PERCENT = re.compile(r"%|\bpour ?cent\b|\bper ?cent\b|\bpercent\b")
_FIGURE = re.compile(r"(?<![\w.,])(\d{1,3}(?:[  \u202f]\d{3})+|\d+(?:[.,]\d+)*)(?![\w])")
_WORD = re.compile(r"[a-z$€£¥]+")
_MAY = re.compile(r"\bmay\s+\d{4}|\d\s+may\b|\bmay\s+\d{1,2}\b")


@dataclass
class Reading:
    """What a piece of text states in figures: quantities (scaled), the figures as written,
    currencies, percentages, years, months and days."""

    quantities: set[float] = field(default_factory=set)
    figures: set[float] = field(default_factory=set)
    currencies: set[str] = field(default_factory=set)
    percent: bool = False
    years: set[int] = field(default_factory=set)
    months: set[int] = field(default_factory=set)
    days: set[float] = field(default_factory=set)  # figures that are the day of a date

    @property
    def has_figure(self) -> bool:
        """A figure that is not part of a date (a count, an amount, a share, a duration)."""
        return bool(self.figures - set(map(float, self.years)) - self.days)

    @property
    def has_date(self) -> bool:
        return bool(self.years or self.months)


def _figure_value(raw: str, language: str) -> float | None:
    s = raw.replace(" ", "").replace("\u202f", "").replace("\u00a0", "")
    if "," in s and "." in s:  # 1,500.5 (en) or 1.500,5 (fr)
        s = s.replace(",", "") if s.rfind(".") > s.rfind(",") else s.replace(".", "").replace(",", ".")
    elif "," in s:
        head, _, tail = s.rpartition(",")
        # "1,500" in English is a thousand separator; "1,5" anywhere is a decimal comma.
        s = s.replace(",", "") if language == "en" and len(tail) == 3 and head.isdigit() else s.replace(",", ".")
    elif s.count(".") > 1:
        s = s.replace(".", "")
    try:
        return float(s)
    except ValueError:
        return None


def read(text: str, language: str = "fr") -> Reading:
    """The figures, amounts, currencies and dates stated in `text`."""
    out = Reading()
    text = CITATION_MARK.sub(" ", text)  # citation markers are not figures
    plain = strip_accents(spell_out_months(text).lower()).replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ")
    out.percent = bool(PERCENT.search(plain))
    for m in _FIGURE.finditer(plain):
        value = _figure_value(m.group(1), language)
        if value is None:
            continue
        out.figures.add(value)
        after = plain[m.end() : m.end() + 16].lstrip(" ")
        scale = _WORD.match(after)
        factor = SCALES.get(scale.group(0), 1.0) if scale else 1.0
        out.quantities.add(value * factor)
        if value.is_integer() and 1000 <= value <= 2200 and factor == 1.0:
            out.years.add(int(value))
        month_after = re.match(r"(?:er)?\s*([a-z]+)", after)
        month_before = re.search(r"([a-z]+)\s*$", plain[max(0, m.start() - 12) : m.start()])
        if value.is_integer() and 1 <= value <= 31 and (
            (month_after and month_after.group(1) in MONTHS) or (month_before and month_before.group(1) in MONTHS)
        ):
            out.days.add(value)
    for token in re.findall(r"[a-z]+(?:'[a-z]+)?", plain):
        word = token.split("'")[-1]
        if word in NUMBER_WORDS:
            out.figures.add(float(NUMBER_WORDS[word]))
            out.quantities.add(float(NUMBER_WORDS[word]))
        month = MONTHS.get(word)
        if month is None:
            continue
        if word == "may" and not _MAY.search(plain):
            continue  # English "may" is a month only next to a number
        if word == "mars" and not re.search(r"\bmars\s+\d{4}|\d\s+mars\b|\ben mars\b", plain):
            continue  # the planet, the brand
        out.months.add(month)
    for symbol in ("€", "$", "£", "¥"):
        if symbol in plain:
            out.currencies.add(CURRENCIES[symbol])
    for word in re.findall(r"[a-z$]+", plain):
        if word in CURRENCIES and word not in ("livre", "livres"):  # "livre" is also a book
            out.currencies.add(CURRENCIES[word])
    return out


def consistent(claim: Reading, source: Reading) -> list[str]:
    """Why `claim` states something `source` does not (empty when every figure, unit, currency
    and date of the claim is in the source)."""
    problems = []
    for q in claim.quantities:
        if q not in source.quantities and q not in source.figures:
            if not any(abs(q - s) <= 1e-9 * max(abs(q), 1) for s in source.quantities | source.figures):
                problems.append(f"figure {q:g} not in the source")
    if claim.currencies - source.currencies:
        problems.append(f"currency {sorted(claim.currencies - source.currencies)} not in the source")
    if claim.percent and not source.percent:
        problems.append("a percentage the source does not give")
    if claim.months - source.months:
        problems.append("a month the source does not give")
    return problems


_FRENCH_DECIMAL = re.compile(r"(?<![\d,.])(\d{1,3}),(\d{1,2})(?![\d,])")


# French large numbers left in an English sentence: "2,6 milliards of euros", "3 millions d'euros".
_FRENCH_SCALE = re.compile(r"(\d)\s+(milliard|million)s?(?:\s+(?:d['’]|of\s+)(euros?|dollars?))?\b", re.IGNORECASE)
_SCALE_EN = {"milliard": "billion", "million": "million"}


def english_amounts(text: str) -> str:
    """French scale words after a figure in an English sentence as English ones: "2.6 milliards
    of euros" -> "2.6 billion euros", "3 millions d'euros" -> "3 million euros"."""
    def en(m: re.Match) -> str:
        unit = f" {m.group(3).lower()}" if m.group(3) else ""
        return f"{m.group(1)} {_SCALE_EN[m.group(2).lower()]}{unit}"
    return _FRENCH_SCALE.sub(en, text)


def english_decimals(text: str) -> str:
    """French decimal commas written into English ("1,5 billion") as English points ("1.5
    billion"); a comma before three digits is a thousands separator and stays."""
    return _FRENCH_DECIMAL.sub(r"\1.\2", text)


DIGITS = re.compile(r"\d+(?:[.,]\d+)*")  # a figure as the question writes it ("1,5"; not "two-way")


def amounts_given(text: str, language: str) -> set[float]:
    """The figures `text` writes with a scale or a currency ("1,5 milliard", "€1.5 billion"), each
    read on its own: amounts, not counts ("the 6 countries")."""
    out: set[float] = set()
    for m in DIGITS.finditer(text):
        r = read(text[max(0, m.start() - 1) : m.end() + 14], language)
        raw = m.group(0).replace(",", ".")
        if (r.currencies or r.quantities - r.figures) and raw.replace(".", "", 1).isdigit() and float(raw) in r.figures:
            out.add(float(raw))
    return out
