"""Offline French/English detection from function words and accents: fast, deterministic, no model."""

from __future__ import annotations

import re
import unicodedata

FR_WORDS = frozenset(
    """le la les un une des du de d l au aux et ou est sont a ont été être pour par sur dans avec
    quel quelle quels quelles qui que qu quoi où quand comment combien pourquoi est-ce ce cette ces
    son sa ses leur leurs il elle ils elles nous vous je on ne pas plus en y se s n c j m t
    depuis vers entre sous chez lors dont aussi mais donc car ni fait faire quelle-est est-il
    français française france pays région balkans occidentaux stratégie""".split()
)
EN_WORDS = frozenset(
    """the a an of and or is are was were be been for by on in with what which who whom whose when
    where why how many much does do did has have had this that these those its it their they
    we you he she not no to from at as into about since than also but so can could would should
    there here strategy french france country countries region western balkans""".split()
)
_TOKEN = re.compile(r"[a-zA-ZÀ-ÿœŒæÆ'-]+")
_ELISION = re.compile(r"\b[ldjqnsc]['’][aeiouyhéèêàâîôû]")
_FR_CHARS = set("éèêëàâîïôûùüçœÉÈÊÀÂÎÔÛÇŒ")


def detect_language(text: str, default: str = "fr") -> str:
    """Return 'fr' or 'en' for `text`; `default` when the text gives no signal either way."""
    words = [w.lower().strip("'-") for w in _TOKEN.findall(text)]
    words = [w for part in words for w in part.replace("’", "'").split("'") if w]
    fr = sum(1 for w in words if w in FR_WORDS)
    en = sum(1 for w in words if w in EN_WORDS)
    accents = sum(1 for ch in text if ch in _FR_CHARS)
    fr_score = fr + min(accents, 3) * 0.7
    if _ELISION.search(text.lower()):
        fr_score += 1
    if fr_score > en:
        return "fr"
    if en > fr_score:
        return "en"
    return default


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
