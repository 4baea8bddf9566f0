"""The terms a text is indexed and searched by: `bot.core.text.analyse`'s accent-free, stop-word-free
Snowball stems, computed several times faster (accents folded by a translation table, each word's
stem remembered). A unit test holds the two to the same output."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from bot.core.text import STOP_WORDS

LANGUAGES = {"fr": "french", "en": "english"}
_WORD = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)?")
_STEMS: dict[str, dict[str, str]] = {}


class _Fold(dict):
    """str.translate table: each character as `bot.core.text.fold` leaves it (no accent, straight
    apostrophe, plain space), worked out the first time the character is seen."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch == "\u2019":
            out = "'"
        elif ch in "\u00a0\u202f":
            out = " "
        else:
            out = "".join(c for c in unicodedata.normalize("NFD", ch) if unicodedata.category(c) != "Mn")
        self[code] = out
        return out


_FOLD = _Fold()


def words(text: str) -> list[str]:
    """`bot.core.text.words`: lower-case, accent-free words and figures, stop words removed."""
    found = _WORD.findall(text.lower().translate(_FOLD))
    return [w for w in found if w not in STOP_WORDS and (len(w) > 1 or w.isdigit())]


def analyse(text: str, languages: Sequence[str] = ("fr",)) -> list[str]:
    """`bot.core.text.analyse`: the stems of `words(text)`, for each language in turn."""
    found = words(text)
    out: list[str] = []
    for lang in languages:
        cache = _STEMS.setdefault(lang, {})
        if len(cache) > 500_000:
            cache.clear()
        for w in found:
            stem = cache.get(w)
            if stem is None:
                import snowballstemmer

                stem = cache[w] = snowballstemmer.stemmer(LANGUAGES[lang]).stemWord(w)
            out.append(stem)
    return out
