"""A small Okapi BM25 index with French and English text handling (accents, stop words, Snowball stems)."""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

import snowballstemmer

from bot.language import strip_accents

STOP = frozenset(
    strip_accents(w)
    for w in """le la les un une des du de d l au aux et ou est sont a ont ete etre pour par sur dans avec
    quel quelle quels quelles qui que qu quoi ou quand comment combien pourquoi ce cette ces cet son sa ses
    leur leurs il elle ils elles nous vous je on ne pas plus en y se s n c j m t ainsi aussi notamment
    the a an of and or is are was were be been for by on in with what which who when where why how many
    much does do did has have had this that these those its it their they we you he she not to from at
    as into about than also its there here""".split()
)
_TOKEN = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)?")


@lru_cache(maxsize=4)
def _stemmer(language: str):
    return snowballstemmer.stemmer({"fr": "french", "en": "english"}[language])


def analyse(text: str, languages: tuple[str, ...] = ("fr",)) -> list[str]:
    """Lower-case, accent-free, stop-word-free stems; several languages give the union of their stems."""
    plain = strip_accents(text.lower().replace("’", "'"))
    words = [w for w in _TOKEN.findall(plain) if w not in STOP and (len(w) > 1 or w.isdigit())]
    if len(languages) == 1:
        return _stemmer(languages[0]).stemWords(words)
    out: list[str] = []
    for lang in languages:
        out.extend(_stemmer(lang).stemWords(words))
    return out


class BM25Index:
    def __init__(self, docs: list[list[str]], k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.tfs = [Counter(d) for d in docs]
        self.lengths = [len(d) for d in docs]
        self.avg = sum(self.lengths) / len(docs) if docs else 0.0
        df: Counter[str] = Counter()
        for tf in self.tfs:
            df.update(tf.keys())
        n = len(docs)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}

    def scores(self, query: list[str]) -> list[float]:
        terms = set(query)
        out = []
        for tf, length in zip(self.tfs, self.lengths):
            s = 0.0
            norm = self.k1 * (1 - self.b + self.b * length / self.avg) if self.avg else self.k1
            for t in terms:
                f = tf.get(t)
                if f:
                    s += self.idf[t] * f * (self.k1 + 1) / (f + norm)
            out.append(s)
        return out

    def top(self, query: list[str], k: int) -> list[tuple[int, float]]:
        ranked = sorted(enumerate(self.scores(query)), key=lambda x: -x[1])
        return [(i, s) for i, s in ranked[:k] if s > 0]
