"""Whose an amount of money is: the body a text names by its acronym in the sentence that states
the amount ("1,5 milliard d'euros ont été engagés l'AFD"). The amount is not the budget of
something else the question asks about ("the strategy's budget")."""

from __future__ import annotations

import re

from bot.core.names import acronyms_in, uncovered
from bot.core.numbers import Reading, read
from bot.core.text import cognates, split_sentences


def _owners(text: str, language: str) -> list[tuple[set[float], set[str]]]:
    """The amounts of money of each sentence of `text` with the acronyms of that sentence."""
    out = []
    for a, b in split_sentences(text):
        sentence = text[a:b]
        reading = read(sentence, language)
        if reading.currencies and (amounts := _money(reading)):
            out.append((amounts, acronyms_in(sentence)))
    return out


def _money(reading: Reading) -> set[float]:
    """The amounts of a reading, not its years or days ("depuis 2019" owns nothing)."""
    return reading.quantities - {float(y) for y in reading.years} - reading.days


def _named(acronym: str, context: str, said: str) -> bool:
    """`said` names `acronym`: as written or spelled out in either language, or with a word of
    those `context` spells it out with written alike ("the development bank" for "Agence Française
    de Développement (AFD)"; "France" too: what France's agency commits, France commits)."""
    if not uncovered([acronym], said):
        return True
    m = re.search(rf"((?:[\w’'-]+\s+){{1,6}})\({re.escape(acronym)}\)", context)
    spelled = [w for w in re.findall(r"[\w’'-]+", m.group(1)) if w[0].isupper() and len(w) >= 5] if m else []
    return bool(cognates(spelled, said))


def amount_owners_unnamed(sentence: str, claim: Reading, source: str, source_language: str, question: str,
                          context: str = "") -> list[str]:
    """The acronyms that own, in `source`, an amount of money `sentence` states (`claim`: what it
    states, read), when neither the sentence nor the question names them: "The strategy's budget
    was 1.5 billion euros" over "1,5 milliard d'euros ont été engagés l'AFD". `context`: where the
    source spells them out."""
    if not claim.currencies:
        return []
    said = f"{sentence} {question}"
    return sorted({acronym for amounts, acronyms in _owners(source, source_language) if amounts & _money(claim)
                   for acronym in acronyms if not _named(acronym, f"{context} {source}", said)})


def amounts_all_owned_elsewhere(text: str, language: str, question: str, context: str = "") -> bool:
    """Every amount of money of `text` belongs to a body (an acronym in its sentence) the question
    does not name: it does not say how much anything else cost ("What was the strategy's budget?")."""
    owned = _owners(text, language)
    return bool(owned) and all(acronyms and any(not _named(a, f"{context} {text}", question) for a in acronyms)
                               for _, acronyms in owned)
