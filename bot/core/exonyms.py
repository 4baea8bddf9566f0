"""English names for the French names of countries and bodies a model leaves in an English
sentence ("the Slovénie", "Balkans occidentals"): general knowledge, nothing of one document."""

from __future__ import annotations

import re

from bot.core.text import detect_language, fold, is_place


FRENCH_NAMES_EN = {
    "Albanie": "Albania", "Allemagne": "Germany", "Autriche": "Austria", "Belgique": "Belgium",
    "Bosnie-Herzégovine": "Bosnia and Herzegovina", "Bosnie": "Bosnia", "Bulgarie": "Bulgaria",
    "Chine": "China", "Croatie": "Croatia", "Chypre": "Cyprus", "Danemark": "Denmark", "Espagne": "Spain",
    "États-Unis": "the United States", "Etats-Unis": "the United States", "Géorgie": "Georgia",
    "Grèce": "Greece", "Hongrie": "Hungary", "Irlande": "Ireland", "Italie": "Italy",
    "Macédoine du Nord": "North Macedonia", "Moldavie": "Moldova", "Monténégro": "Montenegro",
    "Norvège": "Norway", "Pays-Bas": "the Netherlands", "Pologne": "Poland", "Roumanie": "Romania",
    "Royaume-Uni": "the United Kingdom", "Russie": "Russia", "Serbie": "Serbia", "Slovaquie": "Slovakia",
    "Slovénie": "Slovenia", "Suède": "Sweden", "Suisse": "Switzerland", "Tchéquie": "Czechia",
    "Turquie": "Turkey", "Ukraine": "Ukraine", "France": "France", "Kosovo": "Kosovo", "Europe": "Europe",
    "Union européenne": "the European Union", "Balkans occidentaux": "the Western Balkans",
    "Balkans occidentals": "the Western Balkans", "Balkans occidentales": "the Western Balkans",
    "Europe du Sud-Est": "South-East Europe", "Europe du sud-est": "South-East Europe",
}
# What a country, a region or a body is called, word by word (folded): none of them is a city.
COUNTRY_WORDS = frozenset(w for name in (*FRENCH_NAMES_EN, *FRENCH_NAMES_EN.values())
                          for w in re.findall(r"[\w'’-]+", fold(name)) if w not in ("the", "and", "du", "de"))
ASKS_CITY = re.compile(r"\b(?:villes?|city|cities|town|towns|capitale?s?|capital|capitals)\b")


# What stands before a city's name (folded, "à" as "xa"): "à Podgorica", "in Skopje", "la ville de Mostar",
# "the capital, Tirana".
CITY_BEFORE = re.compile(r"\b(?:xa|in|at|to|from|near|pres de|(?:ville|city|town) (?:de|of)|capitale?,?(?: \w+,)?)\s+$")


def cities_only(names: set[str], question: str, text: str) -> set[str]:
    """`names` (folded), only those `text` (the answer and its evidence) writes as a place that is not a
    country ("à Podgorica", "in Skopje") when the question (folded) asks for a city: "Which Albanian
    city did he visit?" is answered neither by "en Albanie, en Serbie" nor by "le Président de la
    République". `question` is empty for a question that does not ask for a place."""
    if not ASKS_CITY.search(question):
        return names
    folded = fold(re.sub(r"\b[àÀ]\s", " xa ", text))  # "à", not the English article "a"
    return {n for n in names if n not in COUNTRY_WORDS and is_place(n, folded, CITY_BEFORE)}


_ACCENTED = {"e": "[eéèêë]", "a": "[aàâ]", "o": "[oô]", "u": "[uùû]", "i": "[iîï]", "c": "[cç]"}


def _loose(name: str) -> str:
    return "".join(_ACCENTED.get(fold(ch), re.escape(ch)) for ch in name)


_FRENCH_NAME = re.compile(
    r"(?:\b(the)\s+|(?<!\bde\s)(?<!\bà\s)\b(la|le|les)\s+|(?<!\bde\s)(?<!\bà\s)\b(l['’]))?\b(" + "|".join(_loose(n) for n in sorted(FRENCH_NAMES_EN, key=len, reverse=True))
    + r")\b(?![-–]\w)",
    re.IGNORECASE,
)
_BY_FOLDED = {fold(k): v for k, v in FRENCH_NAMES_EN.items()}
# English gives a country no article ("the Slovénie and…", "the Montenegro set up…" lose
# theirs), but keeps the one of a phrase the name only qualifies: "the Kosovo Force", "the
# Ukraine war".
_KEEPS_THE = re.compile(
    r"[-\s]+(?:[A-ZÀ-ÖØ-Þ]|(?:war|conflict|crisis|government|border|question|issue|file|case|mission|force|forces"
    r"|operation|embassy|presidency|office|centre|center|strategy|policy|programme|program|project|authorities"
    r"|side|delegation|model|route|summit|process|region)\b)")
# Quotations, whole or cut by a sentence split: «…», "…", “…”, a « left open, a » closing one.
_QUOTED = re.compile(r"«[^»]*»|\"[^\"]*\"|“[^”]*”|«[^»]*$|^[^«]*»")


def english_names(text: str) -> str:
    """An English sentence with the French names it kept in English ("the France, the Slovénie and
    the Monténégro" -> "France, Slovenia and Montenegro"); quotations of the source and sentences
    in French stay as written."""
    if detect_language(text, default="en") == "fr":
        return text
    out, start = [], 0
    for q in _QUOTED.finditer(text):
        out += [_english_in(text, start, q.start()), q.group(0)]
        start = q.end()
    return "".join(out + [_english_in(text, start, len(text))])


def _english_in(text: str, start: int, end: int) -> str:
    def swap(m: re.Match) -> str:
        english = _BY_FOLDED.get(fold(m.group(4)), m.group(4))
        article = m.group(1) or m.group(2) or m.group(3)  # a French one ("La France is…") reads as "the"
        french = bool(m.group(2) or m.group(3))
        if french:
            article = "The" if article[0].isupper() else "the"
        if article and not english.startswith("the ") and not french and _KEEPS_THE.match(text, start + m.end()):
            return f"{article} {english}"  # "the Kosovo Force"
        if not english.startswith("the "):
            return english
        if article:  # "the Balkans occidentaux" -> "the Western Balkans"
            return f"{article} {english[4:]}"
        before = text[: start + m.start()].rstrip()
        return english if before and before[-1] not in ".!?:" else english[0].upper() + english[1:]

    return _FRENCH_NAME.sub(swap, text[start:end])
