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
    naive: bool = False
    # Settings changed for this configuration: ("section.field", value) pairs.
    overrides: tuple[tuple[str, object], ...] = ()

    @property
    def uses_llm(self) -> bool:
        return self.answers == "llm"

    def apply(self, settings):
        """A copy of `settings` for this configuration."""
        s = settings.model_copy(deep=True)
        s.retrieval.mode = self.retrieval_mode
        s.chunking.strategy = self.chunking
        for path, value in self.overrides:
            section, _, name = path.partition(".")
            setattr(getattr(s, section), name, value)
        return s


CONFIGS: dict[str, EvalConfig] = {
    c.name: c
    for c in [
        EvalConfig("dense", "structure chunks, e5 dense retrieval only (retrieval metrics)", "dense"),
        EvalConfig("bm25", "structure chunks, BM25 only (retrieval metrics)", "bm25"),
        EvalConfig("hybrid", "structure chunks, e5 + BM25 fused by RRF (retrieval metrics)", "hybrid"),
        EvalConfig("extractive", "hybrid retrieval, the evidence quoted when it answers, no LLM", answers="extractive"),
        EvalConfig("full", "hybrid retrieval, sentence evidence, the LLM, every sentence checked (the product)", answers="llm"),
        EvalConfig(
            "naive", "baseline: fixed 800-character chunks, dense top-4, one generic prompt, same LLM",
            "dense", "fixed", answers="llm", naive=True, overrides=(("retrieval.context_k", 4),),
        ),
    ]
}
DETERMINISTIC = ("dense", "bm25", "hybrid", "extractive")


def resolve(names: list[str]) -> list[EvalConfig]:
    unknown = [n for n in names if n not in CONFIGS]
    if unknown:
        raise ConfigError(f"unknown configuration(s) {unknown}; known: {', '.join(CONFIGS)}")
    return [CONFIGS[n] for n in names]
