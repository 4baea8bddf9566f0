"""Proper names and acronyms, compared across French and English.

A name matches when its accent-free form is a word of the context, or, across languages, when its
first five letters are (Serbia/Serbie, Montenegro/Monténégro, European/européen). A few common
title-case English adjectives have French forms that share no prefix; they are translated here.
Nothing in this module knows the corpus: it works for any policy text."""

from __future__ import annotations

import functools
import re

from bot.core.text import CLAUSE, STOP_WORDS, fold, split_sentences

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
    "north": "nord", "south": "sud", "east": "est", "west": "ouest", "ouest": "occidental", "head": "chef", "heads": "chef",
    "foreign": "etranger", "affairs": "affaires", "ministry": "ministere", "minister": "ministre",
    "agency": "agence", "development": "developpement", "shared": "partage",
    "law": "droit", "rule": "etat", "state": "etat", "states": "etat", "war": "guerre", "peace": "paix",
    "security": "securite", "defence": "defense", "defense": "defense", "center": "centre",
    "alliance": "alliance", "atlantic": "atlantique", "kingdom": "royaume", "united": "uni",
    "netherlands": "pays-bas", "switzerland": "suisse", "austria": "autriche", "poland": "pologne",
}
# Other names of the same country, body or office, in French and English: a capital stands for
# its government ("Paris soutient…"), a body has a long name and a nickname. General knowledge of
# the kind a reader brings, nothing of one document: a question's "Alliance atlantique" is
# covered by a passage that writes "OTAN". Keys are folded phrases of the question; values are
# names or acronyms looked for in the passage.
ALIASES: dict[str, tuple[str, ...]] = {
    "alliance atlantique": ("OTAN",), "atlantic alliance": ("OTAN",), "north atlantic": ("OTAN",),
    "nations unies": ("ONU",), "united nations": ("ONU",), "brussels": ("UE",), "bruxelles": ("UE",),
    "commission europeenne": ("UE",), "european commission": ("UE",), "kremlin": ("Russie",),
    "elysee": ("President", "France"), "chef de l'etat": ("President",), "head of state": ("President",),
    # France's president since 2017 (the text, of May 2025, says "le Président de la République").
    "emmanuel macron": ("President",), "macron": ("President",), "quai d'orsay": ("France",), "white house": ("Etats",),
    "maison blanche": ("Etats",), "washington": ("Etats",), "paris": ("France",), "berlin": ("Allemagne",),
    "london": ("Royaume",), "londres": ("Royaume",), "rome": ("Italie",), "madrid": ("Espagne",),
    "moscow": ("Russie",), "moscou": ("Russie",), "kyiv": ("Ukraine",), "kiev": ("Ukraine",),
    "beijing": ("Chine",), "pekin": ("Chine",), "ankara": ("Turquie",), "athens": ("Grece",),
    "athenes": ("Grece",), "vienna": ("Autriche",), "vienne": ("Autriche",), "budapest": ("Hongrie",),
    "bucharest": ("Roumanie",), "bucarest": ("Roumanie",), "sofia": ("Bulgarie",), "zagreb": ("Croatie",),
    "ljubljana": ("Slovenie",), "warsaw": ("Pologne",), "varsovie": ("Pologne",), "prague": ("Tcheque",),
    "tirana": ("Albanie",), "skopje": ("Macedoine",), "sarajevo": ("Bosnie",), "podgorica": ("Montenegro",),
    "belgrade": ("Serbie",), "pristina": ("Kosovo",), "chisinau": ("Moldavie",), "tbilisi": ("Georgie",),
    "ottawa": ("Canada",), "tokyo": ("Japon",), "delhi": ("Inde",), "brasilia": ("Bresil",),
}
ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,9}\b")
# Capitalised words that are not the first word of a sentence.
CAPITALISED = re.compile(r"(?<![.!?»:]\s)(?<!^)(?<![.!?])\b[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]{2,}")

# A list item's mark at the start of a line ("- Fight against…", "(ii) the…", "2. The…"): the word
# after it begins a sentence.
LIST_MARK = re.compile(r"^\s*(?:[-*•–—]|\(?[ivx]{1,4}\)|\d{1,2}[.)])\s+", re.MULTILINE | re.IGNORECASE)


def acronyms_in(text: str) -> set[str]:
    """Acronyms of `text` in their French form (NATO and OTAN compare equal)."""
    return {ACRONYM_ALIASES.get(a, a) for a in ACRONYM.findall(text) if not a.isdigit()}


# Months and days are dates, checked as dates (bot.core.numbers), not as names.
CALENDAR = frozenset(
    "january february march april may june july august september october november december janvier fevrier "
    "mars avril mai juin juillet aout septembre octobre novembre decembre monday tuesday wednesday thursday "
    "friday saturday sunday lundi mardi mercredi jeudi vendredi samedi dimanche".split()
)


def spellings(word: str) -> list[str]:
    """The forms a name may take in a text of the other language, for looking it up by stems:
    itself, its French form, its first five and six letters ("serbi" finds "Serbie")."""
    folded = fold(word)
    forms = [folded, EN_FR.get(folded, folded)] + [folded[:n] for n in (5, 6) if len(folded) > n]
    return list(dict.fromkeys(forms))


def names_in(text: str) -> set[str]:
    """Capitalised names inside `text` (not a sentence's first word), folded, split at hyphens."""
    out = set()
    for m in CAPITALISED.finditer(LIST_MARK.sub("", text.strip())):
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
    """Names and acronyms of `text` that `context` does not contain, in any of its languages. A
    name written out ("the United Nations", "Organization for Security and Co-operation in
    Europe") counts as the acronym the context uses (ONU, OSCE)."""
    words = context_words(context)
    acronyms = acronyms_in(context) | {a.upper() for a in acronyms_in(fold(context).upper())}
    missing = {a for a in acronyms_in(text) if a not in acronyms and fold(a) not in words}
    missing |= {n for n in names_in(text) if not name_found(n, words) and n.upper() not in acronyms}
    return missing - spelled_out_names(text, acronyms) if missing else missing


def spelled_out_names(text: str, acronyms: set[str]) -> set[str]:
    """The folded words of `text` that belong to a run of capitalised words (small words between
    them allowed) whose initials spell one of `acronyms`, in French or English form."""
    wanted = acronyms | {en for en, fr in ACRONYM_ALIASES.items() if fr in acronyms}
    tokens = re.findall(r"[\w'’-]+", text)
    out: set[str] = set()
    for i, word in enumerate(tokens):
        if not word[0].isupper():
            continue
        run, initials = [], ""
        for w in tokens[i:]:
            if fold(w) in SMALL_WORDS and run:
                continue
            if not w[0].isupper():
                break
            parts = [p for p in re.split(r"[-’']", w) if p]
            run.append(w)
            initials += "".join(p[0].upper() for p in parts if p[0].isupper())
            if initials in wanted and len(initials) >= 2:
                out |= {fold(p) for r in run for p in re.split(r"[-’']", r) if p}
            if len(initials) >= 10:
                break
    return out


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


def _english(acronym: str) -> set[str]:
    """The English acronyms of a French one (UN for ONU), to find it written out in English."""
    french = ACRONYM_ALIASES.get(acronym, acronym)
    return {en for en, fr in ACRONYM_ALIASES.items() if fr == french}


def alias_targets(anchor: str, question: str) -> tuple[str, ...]:
    """Other names of what `anchor` names in `question` ("OTAN" for the "Alliance" of "l'Alliance
    atlantique"; "France" for "Paris")."""
    word = re.sub(r"['’]s$", "", fold(anchor))
    plain = re.sub(r"['’]s\b", "", fold(question)).replace("’", "'")
    return tuple(t for phrase, targets in ALIASES.items() if word in re.split(r"[\s']+", phrase)
                 and re.search(rf"\b{re.escape(phrase)}\b", plain) for t in targets)


def uncovered(anchors: list[str], context: str, question: str = "") -> list[str]:
    """The anchors (names, acronyms, years) that `context` does not contain, in either language
    (nor, given the `question` they come from, under another name of the same thing)."""
    missing = _uncovered(anchors, context)
    if question and missing:
        missing = [a for a in missing if not any(not _uncovered([t], context) for t in alias_targets(a, question))]
    if missing:  # the other way round: a passage's "Belgrade et Pristina" covers "Serbia" and "Kosovo"
        words = context_words(context)
        missing = [a for a in missing if not any(
            name_found(fold(a), {fold(t) for t in targets}) and all(w in words for w in phrase.split())
            for phrase, targets in ALIASES.items() if " " not in phrase and not a.isdigit())]
    return missing


# "dans un cadre bilatéral ou européen", "au niveau européen", "at European level": the EU acts (not "dans
# le cadre de la Convention européenne", "la perspective européenne", "des cadres européens")
EUROPEAN = re.compile(r"\b(?:cadre|niveau|echelle) (?:(?:bilateral|national|regional) (?:ou|et) )?europeen\b"
                      r"|\bniveaux (?:bilateral|national|regional) et europeen\b|\b(?:at|on the) european level\b")


def _uncovered(anchors: list[str], context: str) -> list[str]:
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
                or any(spelled_out(a, context) for a in {anchor, *acronyms_in(anchor), *_english(anchor)})
                or (fold(anchor) in ("ue", "eu") and bool(EUROPEAN.search(fold(context))))
            )
        else:
            found = name_found(fold(anchor), words) or _same_stem_name(fold(anchor), context)
        if not found:
            missing.append(anchor)
    return missing


def _same_stem_name(name: str, context: str) -> bool:
    """A short name and a name of the context sharing its first four letters: a people and its
    country ("Serbes" and "Serbie", "Grecs" and "Grèce"), which five letters do not join."""
    if not 5 <= len(name) <= 7:
        return False
    return any(len(n) >= 5 and n[:4] == name[:4] for n in names_in(context))


def bare_name(name: str) -> str:
    """A name without what English glues to it: "Montenegro's" -> "Montenegro", "Belgrade-based"
    -> "Belgrade" ("Bosnie-Herzégovine" stays whole)."""
    name = re.sub(r"['’]s$", "", name)
    return re.sub(r"-[a-zà-öø-ÿ].*$", "", name).strip("'’-")


def bound_elsewhere(sentence: str, source: str, question: str) -> list[str]:
    """Acronyms the sentence adds to the question's names that the source writes only in other
    clauses than those names: "France takes part in the EU operation in Bosnia through KFOR"
    over "La France contribue aux forces de l'OTAN au Kosovo (KFOR) et assure le commandement de
    la force EUFOR ALTHEA de l'UE en Bosnie-Herzégovine": KFOR is what the text says of Kosovo."""
    asked = sorted(names_in(question)) + sorted(acronyms_in(question))
    added = acronyms_in(sentence) - acronyms_in(question)
    repeated = [a for a in asked if not uncovered([a], sentence)]
    if not added or not repeated:
        return []
    clauses = [c for a, b in split_sentences(source) for c in CLAUSE.split(source[a:b]) if c and c.strip()]
    about = [c for c in clauses if any(not uncovered([a], c) for a in repeated)]
    if not about:
        return []
    out = []
    for acronym in sorted(added):
        holding = [c for c in clauses if acronym in acronyms_in(c)]
        if holding and not any(c in about for c in holding):
            out.append(acronym)
    return out


@functools.cache
def _known_names() -> tuple[re.Pattern, dict[str, str]]:
    """A pattern of the folded names of general knowledge, and each one's written form."""
    from bot.core.exonyms import FRENCH_NAMES_EN

    forms = set(FRENCH_NAMES_EN) | {v.removeprefix("the ") for v in FRENCH_NAMES_EN.values()}
    forms |= {k.title() for k in ALIASES if " " not in k}  # capitals: "belgrade", "podgorica"
    by_folded = {fold(f): f for f in sorted(forms)}
    alternatives = "|".join(re.escape(f) for f in sorted(by_folded, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b"), by_folded


def lowercase_names(text: str) -> list[str]:
    """Countries, bodies and capitals of general knowledge that `text` writes in lower case, not
    as its first word ("il est allé en macédoine du nord quand ?"), as the capitalised names a
    careful writer would have put there: Macédoine, Nord. A question typed in lower case is read
    as its capitalised twin."""
    pattern, by_folded = _known_names()
    # Folded letter by letter, so that offsets stay those of `text` ("œ" is kept, not "oe").
    folded = "".join(f if len(f := fold(ch)) == 1 else ch for ch in text)
    first = len(text) - len(text.lstrip())
    out = []
    for m in pattern.finditer(folded):
        if m.start() == first or text[m.start() : m.end()] != text[m.start() : m.end()].lower():
            continue  # a first word, or capitalised: read as a name already
        out += [w for w in re.split(r"[\s-]+", by_folded[m.group(0)]) if w[:1].isupper()]
    return out


def asked_names(question: str) -> set[str]:
    """The names a question is about, folded: capitalised ones and those typed in lower case."""
    return names_in(question) | {fold(n) for n in lowercase_names(question)}
