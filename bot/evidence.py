"""Sentence-level evidence: the few sentences of the retrieved passages that answer the question.

Every sentence of a passage was embedded at ingest; choosing evidence costs dot products, not
model calls. A sentence that leans on the one before it ("Inauguré le 9 décembre 2024, il a pour
mission…") is given with its antecedent, so the evidence reads on its own."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from bot.core.names import uncovered
from bot.core.numbers import read
from bot.core.records import Chunk, Citation
from bot.core.text import YEAR, analyse, fold

# A sentence whose first words lean on the previous one: a pronoun or a demonstrative subject.
LEANS_BACK = re.compile(
    r"^(?:\W*\w+\W+){0,5}?(il|elle|ils|elles|celui-ci|celle-ci|ce dernier|cette derniere|it|they|this|these)\b"
    r"|^(ces|cette|ce|cet|ses|son|sa|leur|leurs|its|their|this|these|such)\b",
)


# The share of the corpus's passages that hold each stem (ChunkStore.term_shares).
TermShares = Callable[[list[str]], dict[str, float]]


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


def with_next(unit: EvidenceUnit) -> EvidenceUnit:
    """A passage's first sentence with the one after it: the sentence that opens a passage says
    what it is about ("La cybersécurité constitue un axe fort…"), the next one often what answers
    ("La France, la Slovénie et le Monténégro ont créé le C3BO…")."""
    if unit.last == 0 and len(unit.chunk.sentences) > 1:
        return EvidenceUnit(unit.chunk, unit.first, 1, unit.key, unit.score)
    return unit


def _stems(text: str) -> set[str]:
    return set(analyse(text, ("fr", "en")))


@dataclass
class _Candidate:
    score: float
    chunk: Chunk
    first: int  # with the sentence it leans on
    key: int
    about: bool  # its passage holds what the question names


def _candidates(
    question: str, qvec: np.ndarray, chunks: list[Chunk], *, kind: str, anchors: list[str] | None,
    lexical_weight: float, rank_weight: float, kind_bonus: float, passage_weight: float,
    term_shares: TermShares | None = None,
) -> list[_Candidate]:
    """Every sentence of the passages, scored for `question`, best first. A sentence's score mixes
    its own e5 similarity with its passage's (the passage says what the sentence is about: "1,5
    milliard… engagés" is the AFD's because the sentence before names the agency), and the words
    it shares with the question, each weighed by how rare it is in the corpus (`term_shares`):
    "Balkans" in a text about them says little, "émissaire" or "immigration" a lot."""
    q_stems = _stems(question)
    shares = term_shares(sorted(q_stems)) if term_shares is not None and q_stems else {}
    weight = {t: max(0.05, 1.0 - shares.get(t, 0.0)) for t in q_stems}
    total = sum(weight.values()) or 1.0
    out: list[_Candidate] = []
    for rank, chunk in enumerate(chunks):
        vectors = chunk.sentence_vectors
        if vectors is None or not len(chunk.sentences):
            continue
        mean = vectors.mean(axis=0)
        passage = float(mean @ qvec) / (float(np.linalg.norm(mean)) or 1.0)
        sims = (1 - passage_weight) * (vectors @ qvec) + passage_weight * passage
        context = _stems(f"{chunk.section} {chunk.lead}")
        # A figure or a date counts for a how-many or when question only in a passage about
        # what the question names.
        about = not anchors or not uncovered(anchors, f"{chunk.title} {chunk.section} {chunk.lead} {chunk.text}", question)
        for i, (s, e) in enumerate(chunk.sentences):
            sim, first = float(sims[i]), i
            if i > 0 and LEANS_BACK.search(fold(chunk.sentence_text(i))):
                # Read with its antecedent: "Inauguré le…, il…" is about the centre named before.
                first = i - 1
                joint = vectors[i - 1] + vectors[i]
                own = float(joint @ qvec) / (float(np.linalg.norm(joint)) or 1.0)
                sim = max(sim, (1 - passage_weight) * own + passage_weight * passage)
            text = chunk.text[chunk.sentences[first][0] : e]
            overlap = sum(weight[t] for t in q_stems & (_stems(text) | context)) / total
            score = sim + lexical_weight * overlap - rank_weight * rank
            if about and kind in ("number", "date") and _has_kind(chunk.text[s:e], kind, chunk.language):
                score += kind_bonus
            out.append(_Candidate(score, chunk, first, i, about))
    out.sort(key=lambda c: -c.score)
    return out


def select_evidence(
    question: str,
    qvec: np.ndarray,
    chunks: list[Chunk],
    *,
    kind: str = "other",
    anchors: list[str] | None = None,
    facets: Sequence[tuple[str, np.ndarray]] = (),
    max_units: int = 3,
    max_chars: int = 600,
    margin: float = 0.03,
    lexical_weight: float = 0.04,
    rank_weight: float = 0.004,
    kind_bonus: float = 0.03,
    passage_weight: float = 0.8,
    term_shares: TermShares | None = None,
    top_passage: bool = False,
) -> list[EvidenceUnit]:
    """The best evidence units for `question`, best first. A question in several parts ("which
    came first, the envoy or the centre?") also gets the best unit of each part (`facets`: the
    parts and their vectors); a question naming a year gets the sentences that state it; and the
    passage retrieval ranks first, when none of its sentences made the cut, gets its best one (for a
    figure or a date asked, one that holds it; for any question with `top_passage`), beyond
    `max_units` and within one and a half times `max_chars`."""
    weights = dict(lexical_weight=lexical_weight, rank_weight=rank_weight, kind_bonus=kind_bonus,
                   passage_weight=passage_weight, term_shares=term_shares)
    scored = _candidates(question, qvec, chunks, kind=kind, anchors=anchors, **weights)
    units: list[EvidenceUnit] = []
    used = 0

    def covered(c: _Candidate) -> bool:
        return any(u.chunk.id == c.chunk.id and u.first <= c.key <= u.last for u in units)

    def add(c: _Candidate, budget: int) -> bool:
        nonlocal used
        unit = EvidenceUnit(c.chunk, c.first, c.key, c.key, c.score)
        if units and used + len(unit.text) > budget:
            return False
        units.append(unit)
        used += len(unit.text)
        return True

    for c in scored:
        if units and (len(units) >= max_units or c.score < units[0].score - margin):
            break
        if not covered(c):
            add(c, max_chars)
    wide = max_chars + max_chars // 2  # the parts of a many-part question may take more room
    for text, vec in facets:
        part = _candidates(text, vec, chunks, kind="other", anchors=None, **weights)
        if part and not covered(part[0]):
            add(part[0], wide)
    if (kind in ("number", "date") or top_passage) and chunks and not any(u.chunk.id == chunks[0].id for u in units):
        # The passage retrieval ranks first may hold the figure or date asked ("Mise à jour : mai
        # 2025" for "when was the page last updated?") while a sentence of another passage scores
        # higher on its words ("la stratégie, lancée en 2019"): the model sees both. With
        # `top_passage`, for any question ("what does France gain from these projects?").
        top = next((c for c in scored if c.chunk.id == chunks[0].id and c.about and (
            kind not in ("number", "date") or _has_kind(c.chunk.sentence_text(c.key), kind, c.chunk.language))), None)
        if top is not None:
            add(top, wide)
    for year in {a for a in anchors or () if YEAR.fullmatch(a)}:
        for c in scored[:12]:
            if year in c.chunk.sentence_text(c.key) and not covered(c):
                add(c, wide)
    if anchors and units and not any(c.about for c in scored if c.chunk.id in {u.chunk.id for u in units}):
        # None of it is about what the question names: add the best sentence that is.
        best = next((c for c in scored if c.about), None)
        if best is not None:
            units.append(EvidenceUnit(best.chunk, best.first, best.key, best.key, best.score))
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
