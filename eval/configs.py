"""Named configurations that `balkans-qa eval --compare` puts side by side."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.errors import ConfigError


@dataclass(frozen=True)
class EvalConfig:
    name: str
    description: str
    retrieval_mode: str = "hybrid"
    chunking: str = "structure"
    answers: str | None = None  # None: retrieval only; "extractive"; "llm": the --llm backend
    translate_query: bool = False
    naive: bool = False
    context_k: int | None = None

    @property
    def uses_llm(self) -> bool:
        return self.answers == "llm"


CONFIGS: dict[str, EvalConfig] = {
    c.name: c
    for c in [
        EvalConfig("dense", "structure chunks, e5 dense retrieval only (retrieval metrics)", "dense"),
        EvalConfig("bm25", "structure chunks, BM25 only (retrieval metrics)", "bm25"),
        EvalConfig("hybrid", "structure chunks, e5 + BM25 fused by RRF (retrieval metrics)", "hybrid"),
        EvalConfig("extractive", "hybrid retrieval, answers quoted from the passages, no LLM", answers="extractive"),
        EvalConfig("full", "hybrid retrieval, the LLM, checked citations (the product)", answers="llm"),
        EvalConfig(
            "full-translate", "as full, plus the English query translated to French by the LLM",
            answers="llm", translate_query=True,
        ),
        EvalConfig(
            "naive", "baseline: fixed 800-character chunks, dense top-4, one generic prompt, same LLM",
            "dense", "fixed", answers="llm", naive=True, context_k=4,
        ),
    ]
}
DETERMINISTIC = ("dense", "bm25", "hybrid", "extractive")


def resolve(names: list[str]) -> list[EvalConfig]:
    unknown = [n for n in names if n not in CONFIGS]
    if unknown:
        raise ConfigError(f"unknown configuration(s) {unknown}; known: {', '.join(CONFIGS)}")
    return [CONFIGS[n] for n in names]
