"""Citations checked in code: every [n] must point at a passage given to the model that supports
its sentence; unmarked sentences get the passage that supports them; the rest are flagged."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

import numpy as np

from bot.core.records import Chunk, Citation
from bot.core.text import detect_language, split_sentences, strip_accents

MARKER = re.compile(r"\s*\[(\d{1,2}(?:\s*[,;]\s*\d{1,2})*)\]")
STRAY = re.compile(r"\[\s*[^\]]{0,12}\]|【[^】]*】")
NUMBER = re.compile(r"(?<![\w.,])[+-]?\d+(?:[.,]\d+)?")
# A sentence ends at . ! ? … with the markers that follow it: "Phrase. [1] Suite" -> "Phrase. [1]", "Suite".
SENTENCE_END = re.compile(r"[.!?…]+(?:\s*\[[^\]\n]{1,12}\])*(?=\s|$)|\](?=\s+[A-ZÀ-ÖØ-Þ«\"“])|\n+")


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
ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,9}\b")
# The same body under its French and English acronyms.
ALIASES = {"NATO": "OTAN", "EU": "UE", "UN": "ONU", "OSCE": "OSCE", "AFD": "AFD", "FDA": "AFD"}


# A sentence that stops on a function word, or has a gap, is missing its fact: "Il est de [n]."
DANGLING = re.compile(
    r"\b(est|sont|de|des|du|dans|à|en|le|la|les|par|pour|sur|is|are|of|in|the|by|for|on|to|at|was|were)\s*[.:!?…]?$",
    re.IGNORECASE,
)


def numbers_in(text: str) -> set[str]:
    """Figures and months as comparable strings: '1,5' and '1.5' agree, 'octobre' and 'October' too."""
    out = set()
    for m in NUMBER.finditer(text.replace("\u202f", " ").replace("\u00a0", " ")):
        value = m.group(0).lstrip("+-").replace(",", ".")
        out.add(value.rstrip("0").rstrip(".") if "." in value else value)
    for word in re.findall(r"[a-zéèêûôàç]+", text.lower()):
        month = MONTHS.get(strip_accents(word))
        # English "may" is a month only next to a number: "May 2025", "9 May".
        if month and (word != "may" or re.search(r"\bmay\s+\d{4}|\d\s+may\b", text.lower())):
            out.add(f"month{month}")
    return out


CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]{3,}")
# Capitalised English words whose French form does not share their first five letters, and
# France itself, the implicit subject of every passage of its strategy ("Elle conduit...").
NAME_ALLOW = frozenset(
    "western eastern northern southern foreign shared state states head heads government training "
    "rule strategy january february march april june july august france french".split()
)


def names_in(sentence: str, prefix: int | None = None) -> set[str]:
    """Proper names inside a sentence (not its first word), accent-free, cut to `prefix` letters."""
    out = set()
    for m in CAPITALISED.finditer(sentence.strip()):
        word = strip_accents(m.group(0).lower()).replace("’", "'").split("'")[-1]
        for part in word.split("-"):  # Bosnie-Herzégovine: each part on its own
            if len(part) >= 4 and part not in NAME_ALLOW and part not in MONTHS:
                out.add(part[:prefix] if prefix else part)
    return out


def _words(text: str, prefix: int | None = None) -> set[str]:
    return {w[:prefix] if prefix else w for w in re.findall(r"[a-z]{2,}", strip_accents(text.lower()))}


def names_supported(sentence: str, context: str) -> bool:
    """Same language: whole words must match. Across languages (an English sentence about a
    French passage), the first five letters: Slovenia/Slovénie, Serbia/Serbie, Podgorica."""
    if detect_language(sentence) == "fr":
        return names_in(sentence) <= _words(context)
    return names_in(sentence, 5) <= _words(context, 5)


def acronyms_in(text: str) -> set[str]:
    return {ALIASES.get(a, a) for a in ACRONYM.findall(text) if not a.isdigit()}


@dataclass
class Passage:
    n: int
    chunk: Chunk


@dataclass
class CheckedAnswer:
    text: str
    citations: list[Citation] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)
    dropped_markers: int = 0


class SentenceSupport:
    """Embeds passage sentences once (cached by content-addressed chunk id) and scores support."""

    def __init__(self, embeddings, threshold: float) -> None:
        self.embeddings = embeddings
        self.threshold = threshold
        self._cache: dict[str, list[tuple[int, int, np.ndarray]]] = {}
        self._lock = threading.Lock()

    def sentences(self, chunk: Chunk) -> list[tuple[int, int, np.ndarray]]:
        """(start, end, vector) per sentence, offsets relative to the chunk text; the vectors come
        from ingest, or are computed once for a chunk stored without them."""
        if chunk.sentence_vectors is not None and len(chunk.sentences) == len(chunk.sentence_vectors):
            return [(s, e, v) for (s, e), v in zip(chunk.sentences, chunk.sentence_vectors)]
        with self._lock:
            cached = self._cache.get(chunk.id)
        if cached is not None:
            return cached
        spans = chunk.sentences or split_sentences(chunk.text)
        texts = [chunk.text[s:e].lstrip("-•* ") for s, e in spans]
        vectors = np.asarray(self.embeddings.embed_documents(texts), dtype=np.float32)
        out = [(s, e, v) for (s, e), v in zip(spans, vectors)]
        with self._lock:
            self._cache[chunk.id] = out
        return out

    def embed(self, text: str) -> np.ndarray:
        return np.asarray(self.embeddings.embed_documents([text])[0], dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self.embeddings.embed_query(text), dtype=np.float32)

    def best_sentence(self, vector: np.ndarray, chunk: Chunk) -> tuple[float, int, int]:
        best = (-1.0, 0, len(chunk.text))
        for s, e, v in self.sentences(chunk):
            score = float(np.dot(vector, v))
            if score > best[0]:
                best = (score, s, e)
        return best

    def supports(self, sentence: str, vector: np.ndarray, chunk: Chunk) -> tuple[bool, float, int, int]:
        score, s, e = self.best_sentence(vector, chunk)
        context = chunk.embed_text
        if not numbers_in(sentence) <= numbers_in(context):
            return False, score, s, e  # a figure or a month the passage does not contain
        if not acronyms_in(sentence) <= acronyms_in(context) | acronyms_in(strip_accents(context).upper()):
            return False, score, s, e  # an organisation the passage does not name
        if not names_supported(sentence, context):
            return False, score, s, e  # a place or a name the passage does not contain
        return score >= self.threshold, score, s, e


# A marked passage that supports its sentence is kept unless another supports it clearly better.
BEST_MARGIN = 0.02


def split_answer(text: str) -> list[str]:
    out, pos = [], 0
    for m in SENTENCE_END.finditer(text):
        out.append(text[pos : m.end()])
        pos = m.end()
    out.append(text[pos:])
    return [s.strip() for s in out if s.strip()]


def check_citations(answer: str, passages: list[Passage], support: SentenceSupport) -> CheckedAnswer:
    by_n = {p.n: p for p in passages}
    result = CheckedAnswer(text="")
    numbering: dict[tuple[str, int], int] = {}  # (chunk id, quote start) -> displayed number
    out_sentences: list[str] = []
    for raw in split_answer(answer):
        markers = [int(x) for m in MARKER.finditer(raw) for x in re.split(r"[,;]", m.group(1))]
        sentence = STRAY.sub("", MARKER.sub("", raw)).strip()
        if not re.search(r"\w", sentence):
            continue
        if DANGLING.search(sentence) or re.search(r"\s{2,}", sentence):
            result.unsupported.append(sentence)  # a hole where the model left out the fact
            continue
        vector = support.embed(sentence)
        checks = {p.n: support.supports(sentence, vector, p.chunk) for p in passages}
        supported = {n: c for n, c in checks.items() if c[0]}
        best = max(supported, key=lambda n: supported[n][1]) if supported else None
        chosen: list[tuple[Passage, int, int]] = []
        for n in dict.fromkeys(markers):
            if n in supported and supported[n][1] >= supported[best][1] - BEST_MARGIN:
                chosen.append((by_n[n], supported[n][2], supported[n][3]))
            else:  # a passage that was not given, does not support it, or supports it much less
                result.dropped_markers += 1
        if not chosen and best is not None:  # cite the passage that supports the sentence best
            chosen.append((by_n[best], supported[best][2], supported[best][3]))
        if not chosen:
            result.unsupported.append(sentence)
            continue
        labels = []
        for passage, s, e in chosen:
            key = (passage.chunk.id, s)
            if key not in numbering:
                numbering[key] = len(numbering) + 1
                chunk = passage.chunk
                result.citations.append(
                    Citation(numbering[key], chunk, chunk.text[s:e], chunk.start + s, chunk.start + e)
                )
            labels.append(f"[{numbering[key]}]")
        out_sentences.append(_attach(sentence, "".join(labels)))
    result.text = " ".join(out_sentences)
    return result


def _attach(sentence: str, labels: str) -> str:
    """Put the markers before the sentence's final punctuation: 'Il a été nommé en 2023 [1].'"""
    m = re.search(r"([.!?…]+[»\"”)]?)$", sentence)
    if m:
        return f"{sentence[: m.start()].rstrip()} {labels}{m.group(1)}"
    return f"{sentence} {labels}"
