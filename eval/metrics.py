"""Retrieval metrics (hit@k, MRR, nDCG@k) and answer checks (facts, citations, language, abstention)."""

from __future__ import annotations

import math
import re
import statistics

from bot.core.text import detect_language, strip_accents


def norm(text: str) -> str:
    text = strip_accents(text.lower()).replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", text)


def contains(haystack: str, needle: str) -> bool:
    return norm(needle) in norm(haystack)


def relevance(texts: list[str], gold: list[dict]) -> list[int]:
    return [1 if any(contains(t, g["contains"]) for g in gold) else 0 for t in texts]


def retrieval_scores(rels: list[int], n_relevant: int) -> dict[str, float]:
    first = next((i for i, r in enumerate(rels) if r), None)
    dcg = sum(r / math.log2(i + 2) for i, r in enumerate(rels[:5]))
    ideal = sum(1 / math.log2(i + 2) for i in range(min(max(n_relevant, 1), 5)))
    return {
        "hit@1": float(first is not None and first < 1),
        "hit@3": float(first is not None and first < 3),
        "hit@5": float(first is not None and first < 5),
        "mrr": 1.0 / (first + 1) if first is not None else 0.0,
        "ndcg@5": dcg / ideal if ideal else 0.0,
    }


def fact_recall(answer: str, facts: list[list[str]]) -> float:
    if not facts:
        return 1.0
    return sum(any(contains(answer, v) for v in group) for group in facts) / len(facts)


def unquoted(answer: str) -> str:
    """The answer's own words: quotations of the source («…», nested ones too) left out."""
    out, depth = [], 0
    for ch in answer:
        if ch == "«":
            depth += 1
        elif ch == "»" and depth:
            depth -= 1
            ch = " "
        if not depth:
            out.append(ch)
    return "".join(out)


def answer_language(answer: str) -> str:
    """The language of the answer's own words: quotations of the French source are left out."""
    own = re.sub(r"\"[^\"]*\"", " ", unquoted(answer))  # «…» quotes, nested ones too (« … « Horizons Partagés » … »)
    return detect_language(own, default="fr")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    k = (len(values) - 1) * q
    lo, hi = math.floor(k), math.ceil(k)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def mean(values: list[float]) -> float:
    return statistics.fmean(values) if values else float("nan")
