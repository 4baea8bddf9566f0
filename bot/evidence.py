"""Sentence-level evidence: the few sentences of the retrieved passages that answer the question.

Every sentence of a passage was embedded at ingest; choosing evidence costs dot products, not
model calls. A sentence that leans on the one before it ("Inauguré le 9 décembre 2024, il a pour
mission…") is given with its antecedent, so the evidence reads on its own."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from bot.core.names import uncovered
from bot.core.numbers import read
from bot.core.records import Chunk, Citation
from bot.core.text import analyse, fold

# A sentence whose first words lean on the previous one: a pronoun or a demonstrative subject.
LEANS_BACK = re.compile(
    r"^(?:\W*\w+\W+){0,5}?(il|elle|ils|elles|celui-ci|celle-ci|ce dernier|cette derniere|it|they|this|these)\b"
    r"|^(ces|cette|ce|cet|ses|son|sa|leur|leurs|its|their|this|these|such)\b",
)


@dataclass
class EvidenceUnit:
    """Consecutive sentences `first..last` of one chunk; `key` is the one that matched best."""

    chunk: Chunk
    first: int
    last: int
    key: int
    score: float

    @property
    def start(self) -> int:  # relative to the chunk text
        return self.chunk.sentences[self.first][0]

    @property
    def end(self) -> int:
        return self.chunk.sentences[self.last][1]

    @property
    def text(self) -> str:
        return self.chunk.text[self.start : self.end].lstrip("-•*–— ").strip()

    @property
    def vectors(self) -> np.ndarray:
        return self.chunk.sentence_vectors[self.first : self.last + 1]

    @property
    def context(self) -> str:
        """What the names of an answer may come from: the passage, its lead-in, section and title."""
        return " ".join((self.chunk.title, self.chunk.section, self.chunk.lead, self.chunk.text))

    def citation(self, n: int) -> Citation:
        quote = self.chunk.text[self.start : self.end]
        lead = len(quote) - len(quote.lstrip("-•*–— "))
        s = self.start + lead
        return Citation(n, self.chunk, self.chunk.text[s : self.end], self.chunk.start + s, self.chunk.start + self.end)


def _stems(text: str) -> set[str]:
    return set(analyse(text, ("fr", "en")))


def select_evidence(
    question: str,
    qvec: np.ndarray,
    chunks: list[Chunk],
    *,
    kind: str = "other",
    anchors: list[str] | None = None,
    max_units: int = 3,
    max_chars: int = 600,
    margin: float = 0.03,
    lexical_weight: float = 0.04,
    rank_weight: float = 0.004,
    kind_bonus: float = 0.03,
) -> list[EvidenceUnit]:
    """The best evidence units for `question`, best first."""
    q_stems = _stems(question)
    scored: list[tuple[float, Chunk, int, int, bool]] = []
    for rank, chunk in enumerate(chunks):
        vectors = chunk.sentence_vectors
        if vectors is None or not len(chunk.sentences):
            continue
        sims = vectors @ qvec
        context = _stems(f"{chunk.section} {chunk.lead}")
        # A figure or a date counts for a how-many or when question only in a passage about
        # what the question names.
        about = not anchors or not uncovered(anchors, f"{chunk.title} {chunk.section} {chunk.lead} {chunk.text}")
        for i, (s, e) in enumerate(chunk.sentences):
            sim, first = float(sims[i]), i
            if i > 0 and LEANS_BACK.search(fold(chunk.sentence_text(i))):
                # Read with its antecedent: "Inauguré le…, il…" is about the centre named before.
                first = i - 1
                joint = vectors[i - 1] + vectors[i]
                sim = max(sim, float(joint @ qvec) / (float(np.linalg.norm(joint)) or 1.0))
            text = chunk.text[chunk.sentences[first][0] : e]
            overlap = len(q_stems & (_stems(text) | context)) / max(1, len(q_stems))
            score = sim + lexical_weight * overlap - rank_weight * rank
            if about and kind in ("number", "date") and _has_kind(chunk.text[s:e], kind, chunk.language):
                score += kind_bonus
            scored.append((score, chunk, first, i, about))
    scored.sort(key=lambda x: -x[0])
    units: list[EvidenceUnit] = []
    used = 0
    for score, chunk, first, i, _ in scored:
        if units and (len(units) >= max_units or score < units[0].score - margin):
            break
        if any(u.chunk.id == chunk.id and u.first <= i <= u.last for u in units):
            continue
        unit = EvidenceUnit(chunk, first, i, i, score)
        if units and used + len(unit.text) > max_chars:
            continue
        units.append(unit)
        used += len(unit.text)
    if anchors and units and not any(about for _, c, _, _, about in scored if c.id in {u.chunk.id for u in units}):
        # None of it is about what the question names: add the best sentence that is.
        best = next(((sc, c, f, i) for sc, c, f, i, about in scored if about), None)
        if best is not None:
            units.append(EvidenceUnit(best[1], best[2], best[3], best[3], best[0]))
    return _merge(units)


def _merge(units: list[EvidenceUnit]) -> list[EvidenceUnit]:
    """Units of one chunk that touch become one (keeping the better key and score)."""
    out: list[EvidenceUnit] = []
    for u in units:
        for o in out:
            if o.chunk.id == u.chunk.id and u.first <= o.last + 1 and o.first <= u.last + 1:
                o.first, o.last = min(o.first, u.first), max(o.last, u.last)
                break
        else:
            out.append(u)
    return out


def _has_kind(text: str, kind: str, language: str) -> bool:
    reading = read(text, language)
    return reading.has_figure if kind == "number" else reading.has_date


def relevance(qvec: np.ndarray, chunks: list[Chunk]) -> float:
    """How close the question is to anything retrieved: the best sentence similarity."""
    best = 0.0
    for chunk in chunks:
        if chunk.sentence_vectors is not None and len(chunk.sentence_vectors):
            best = max(best, float(np.max(chunk.sentence_vectors @ qvec)))
    return best
