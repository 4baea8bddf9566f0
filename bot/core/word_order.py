"""English word order for a French noun and its adjective a model copied in French order.

A small model translating "réforme administrative" or "criminalité organisée" writes "reform
administrative", "criminality organized". Where two words of an English sentence are cognates of
two adjacent words of its French source, in the same order, the English is a calque of the French
noun-adjective order and the pair is swapped ("administrative reform"). General: it needs no list
of words, only the source the sentence was verified against."""

from __future__ import annotations

import re

from bot.core.text import fold

_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+")
MIN_LEN = 4  # "and"/"et", "of"/"de" are not content words
PREFIX = 4  # letters two cognates share from the start ("secto"rs and "secte"urs share four)


def _cognates(english: str, french: str) -> bool:
    """Two words sharing their first four letters once folded (all of a shorter one): "reform"
    and "réforme", "strategic" and "stratégique", "sectors" and "secteurs"; a French "é-" is
    often an English "ex-" or "s-" ("échanges", "exchanges"; "état", "state")."""
    e, f = fold(english), fold(french)
    if len(e) < MIN_LEN or len(f) < MIN_LEN:
        return False
    forms = {e} | ({"e" + e[2:]} if e.startswith("ex") else set()) | ({"e" + e[1:]} if e.startswith("s") else set())
    return any(x[:n] == f[:n] for x in forms for n in [min(PREFIX, len(x), len(f))])


# How French adjectives and participles end ("administrative", "organisée", "stratégique",
# "sociaux", "publiques"): "de multiples secteurs", "haut niveau" put theirs first, as English does.
ADJECTIVE = re.compile(r"(iques?|ales?|aux|els?|elles?|ée|ées|és|ives?|ifs?|aires?|iens?|iennes?|ières?|iers?"
                       r"|iles?|ibles?|ables?|aines?|ains|eures?|uns|unes)$")
# How English adjectives and participles end ("administrative", "organized", "public", "civil"):
# "immigration irregularities" (a noun) is left as it is.
ENGLISH_ADJECTIVE = re.compile(r"(al|ic|ive|ed|ous|ar|ary|il|ile|ible|able|an|ian|ent|ant|ior|ern)$")
# A participle stays after its noun unless a pause or a conjunction follows it ("criminality
# organized, …" is a calque; "mediation conducted by the EU", "the programmes financed 30
# projects" are English).
PARTICIPLE_ENDS = re.compile(r"^\s*(?:$|[,.;:!?)\[]|(?:and|or)\b)", re.IGNORECASE)
# Before the noun: a figure ("1.5 billion euros allocated"), or a verb whose object takes an
# adjective after it ("make the process irreversible"): the adjective is where English puts it.
BEFORE_NOUN = re.compile(r"(?:\d|\b(?:billion|million|thousand|make|makes|made|making|keep|keeps|kept|render|renders"
                         r"|rendered|leave|leaves|left|find|finds|found|consider|considers|considered|deem|deems))"
                         r"\W+(?:(?:the|a|an|its|their|this|these|those)\W+)?$", re.IGNORECASE)
# Inside a quotation the words are the source's own: « réforme administrative », "…".
QUOTED = re.compile(r"«[^»]*»|\"[^\"]*\"|“[^”]*”")


def _noun_adjective_pairs(source: str) -> list[tuple[str, str]]:
    """Adjacent words of the French source that read as a noun and its adjective (no names)."""
    french = _WORD.findall(source)
    return [(f1, f2) for f1, f2 in zip(french, french[1:])
            if not f1[0].isupper() and not f2[0].isupper() and ADJECTIVE.search(f2.lower())]


def _calque(a: str, b: str, f1: str, f2: str) -> bool:
    """English `a b` copies the French noun and adjective `f1 f2` in their French order (not a
    French phrase left as it is: "institutions internationales")."""
    if not ENGLISH_ADJECTIVE.search(b.lower()):
        return False
    if fold(a) == fold(f1) and fold(b) == fold(f2) or fold(b) == fold(f2) and fold(b).endswith(("aux", "es")):
        return False
    return _cognates(a, f1) and _cognates(b, f2)


def english_order(sentence: str, source: str) -> str:
    """`sentence` (English) with each calqued French noun-adjective pair in English order."""
    pairs = _noun_adjective_pairs(source)
    if not pairs:
        return sentence
    words = list(_WORD.finditer(sentence))
    quoted = [m.span() for m in QUOTED.finditer(sentence)]
    out, last = [], 0
    i = 0
    while i < len(words) - 1:
        a, b = words[i], words[i + 1]
        gap = sentence[a.end():b.start()]
        lower = not b.group(0)[0].isupper() and (not a.group(0)[0].isupper() or a.start() == 0)
        english = (a.group(0) + b.group(0)).isascii() and not any(s <= a.start() < e for s, e in quoted)
        whole = sentence[a.start() - 1: a.start()] != "-" and sentence[b.end(): b.end() + 1] != "-"
        participle = b.group(0).lower().endswith("ed") and not PARTICIPLE_ENDS.match(sentence[b.end():])
        if gap == " " and lower and english and whole and not participle and not BEFORE_NOUN.search(
                sentence[:a.start()]) and any(_calque(a.group(0), b.group(0), f1, f2) for f1, f2 in pairs):
            first, second = b.group(0), a.group(0)
            if a.group(0)[0].isupper():  # the sentence's first word
                first, second = first[0].upper() + first[1:], second[0].lower() + second[1:]
            out.append(sentence[last:a.start()] + f"{first} {second}")
            last = b.end()
            i += 2
            continue
        i += 1
    out.append(sentence[last:])
    return "".join(out)
