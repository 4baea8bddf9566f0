"""Proper names and acronyms, compared across French and English.

A name matches when its accent-free form is a word of the context, or, across languages, when its
first five letters are (Serbia/Serbie, Montenegro/Monténégro, European/européen). A few common
title-case English adjectives have French forms that share no prefix; they are translated here.
Nothing in this module knows the corpus: it works for any policy text."""

from __future__ import annotations

import re

from bot.core.text import STOP_WORDS, fold

# English and French acronyms of the same international bodies.
ACRONYM_ALIASES = {
    "NATO": "OTAN", "EU": "UE", "UN": "ONU", "WHO": "OMS", "IMF": "FMI", "WTO": "OMC", "OECD": "OCDE",
    "ECB": "BCE", "EIB": "BEI", "EBRD": "BERD", "ICC": "CPI", "ICJ": "CIJ", "UNHCR": "HCR",
    "EEC": "CEE", "ECHR": "CEDH", "AU": "UA", "NGO": "ONG", "NGOS": "ONG", "GDP": "PIB", "UNSC": "CSNU",
    "CFSP": "PESC", "CSDP": "PSDC", "EEAS": "SEAE", "EC": "CE", "EP": "PE",
}
# Title-case English words whose French form starts differently.
EN_FR = {
    "western": "occidental", "eastern": "oriental", "northern": "nord", "southern": "sud",
    "french": "francais", "german": "allemand", "germany": "allemagne", "english": "anglais",
    "british": "britannique", "american": "americain", "spanish": "espagnol", "italian": "italien",
    "greek": "grec", "greece": "grece", "hungary": "hongrie", "hungarian": "hongrois",
    "north": "nord", "south": "sud", "east": "est", "west": "ouest", "head": "chef", "heads": "chef",
    "foreign": "etranger", "affairs": "affaires", "ministry": "ministere", "minister": "ministre",
    "agency": "agence", "development": "developpement", "shared": "partage",
    "law": "droit", "rule": "etat", "state": "etat", "states": "etat", "war": "guerre", "peace": "paix",
    "security": "securite", "defence": "defense", "defense": "defense", "center": "centre",
    "alliance": "alliance", "atlantic": "atlantique", "kingdom": "royaume", "united": "uni",
    "netherlands": "pays-bas", "switzerland": "suisse", "austria": "autriche", "poland": "pologne",
}
ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,9}\b")
# Capitalised words that are not the first word of a sentence.
CAPITALISED = re.compile(r"(?<![.!?»:]\s)(?<!^)(?<![.!?])\b[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]{2,}")


def acronyms_in(text: str) -> set[str]:
    """Acronyms of `text` in their French form (NATO and OTAN compare equal)."""
    return {ACRONYM_ALIASES.get(a, a) for a in ACRONYM.findall(text) if not a.isdigit()}


# Months and days are dates, checked as dates (bot.core.numbers), not as names.
CALENDAR = frozenset(
    "january february march april may june july august september october november december janvier fevrier "
    "mars avril mai juin juillet aout septembre octobre novembre decembre monday tuesday wednesday thursday "
    "friday saturday sunday lundi mardi mercredi jeudi vendredi samedi dimanche".split()
)


def names_in(text: str) -> set[str]:
    """Capitalised names inside `text` (not a sentence's first word), folded, split at hyphens."""
    out = set()
    for m in CAPITALISED.finditer(text.strip()):
        word = fold(m.group(0)).split("'")[-1]
        for part in word.split("-"):
            if len(part) >= 3 and part not in CALENDAR:
                out.add(part)
    return out


def context_words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]{2,}", fold(text)))


def name_found(name: str, words: set[str]) -> bool:
    """`name` (folded) is in `words`, whole, translated, or by its first five letters."""
    if name in words:
        return True
    translated = EN_FR.get(name)
    if translated and any(w.startswith(translated[:5]) for w in words):
        return True
    if len(name) >= 5:
        prefix = name[:5]
        return any(w[:5] == prefix for w in words if len(w) >= 5)
    return False


def missing_names(text: str, context: str) -> set[str]:
    """Names and acronyms of `text` that `context` does not contain, in any of its languages."""
    words = context_words(context)
    acronyms = acronyms_in(context) | {a.upper() for a in acronyms_in(fold(context).upper())}
    missing = {a for a in acronyms_in(text) if a not in acronyms and fold(a) not in words}
    missing |= {n for n in names_in(text) if not name_found(n, words) and n.upper() not in acronyms}
    return missing


SMALL_WORDS = frozenset("de du des d la le les l of the and et for pour on sur in en a au aux".split())


def spelled_out(acronym: str, text: str) -> bool:
    """`text` writes `acronym` out, from a capitalised word on: "Union européenne" for UE,
    "European Union" for EU, "Organisation du traité de l'Atlantique nord" for OTAN."""
    letters = acronym.upper()
    if len(letters) < 2:
        return False
    words = [w for w in re.findall(r"\w+", text) if fold(w) not in SMALL_WORDS]
    for i, word in enumerate(words[: len(words) - len(letters) + 1]):
        if word[0].isupper() and fold(word) not in STOP_WORDS and "".join(fold(w)[0] for w in words[i : i + len(letters)]).upper() == letters:
            return True
    return False


def uncovered(anchors: list[str], context: str) -> list[str]:
    """The anchors (names, acronyms, years) that `context` does not contain, in either language."""
    words = context_words(context)
    acronyms = acronyms_in(context)
    missing = []
    for anchor in anchors:
        if anchor.isdigit():
            found = anchor in words
        elif anchor.isupper() and len(anchor) > 1:
            found = (
                acronyms_in(anchor) <= acronyms
                or fold(anchor) in words
                or any(spelled_out(a, context) for a in {anchor, *acronyms_in(anchor)})
            )
        else:
            found = name_found(fold(anchor), words)
        if not found:
            missing.append(anchor)
    return missing
