"""Run the evaluation set through one or more configurations, each on its own fresh store."""

from __future__ import annotations

import resource
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bot import wiring
from bot.core.errors import ConfigError
from bot.core.protocols import Retriever
from bot.core.records import Turn
from eval import metrics as M
from eval.configs import EvalConfig
from eval.dataset import UPDATE_DIR, Item
from eval.scoring import score
from eval.summary import summarise

Progress = Callable[[str, int, int], None]


@dataclass
class ConfigResult:
    config: EvalConfig
    items: list[dict] = field(default_factory=list)
    summary: dict = field(default_factory=dict)


class EvalRunner:
    def __init__(self, settings, items: list[Item], llm_backend: str, progress: Progress | None = None) -> None:
        self.settings = settings
        self.items = items
        self.llm_backend = llm_backend
        self.progress = progress
        self._llm = None  # one model per process, shared by the configurations that use it

    def _llm_for(self, config: EvalConfig):
        if config.answers != "llm" or self.llm_backend == "extractive":
            return None
        if self._llm is None:
            s = self.settings.model_copy(deep=True)
            s.llm.backend = self.llm_backend
            self._llm = wiring.make_chat_model(s)
        return self._llm

    def run(self, configs: list[EvalConfig]) -> list[ConfigResult]:
        return [self.run_one(c) for c in configs]

    def run_one(self, config: EvalConfig) -> ConfigResult:
        s = config.apply(self.settings)
        tmp = Path(tempfile.mkdtemp(prefix=f"balkans-eval-{config.name}-"))
        s.store.path, s.store.host = tmp / "chroma", None
        try:
            with wiring.open_chunk_store(s, exclusive=True) as store:
                return self._run_on(config, s, store)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def _run_on(self, config: EvalConfig, s, store) -> ConfigResult:
        ingest = wiring.ingest_service(s, store)
        corpus = s.ingest.corpus_dir
        ingest.ingest([corpus])
        retriever = wiring.make_retriever(s, store)
        answerer = self._answerer(config, s, retriever, store)
        result = ConfigResult(config)
        base = [i for i in self.items if i.scenario == "base"]
        updated = [i for i in self.items if i.scenario == "updated"]
        total, done = len(base) + len(updated), 0
        for group, folder in ((base, corpus), (updated, UPDATE_DIR)):
            if not group:
                continue
            if folder is UPDATE_DIR:
                ingest.ingest(sorted(UPDATE_DIR.iterdir()))
            sources = {p.name: p.read_text(encoding="utf-8") for p in Path(folder).iterdir() if p.is_file()}
            gold_total = _gold_counter(store)
            for item in group:
                result.items.append(self._evaluate(item, retriever, answerer, sources, gold_total))
                done += 1
                if self.progress:
                    self.progress(config.name, done, total)
        result.summary = summarise(result.items, answers=config.answers is not None)
        result.summary["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return result

    def _answerer(self, config: EvalConfig, s, retriever, store):
        if config.answers is None:
            return None
        llm = self._llm_for(config)
        if config.naive:
            if llm is None:
                raise ConfigError("the naive baseline needs an LLM: use --llm local or openai")
            from eval.naive import NaiveAnswerer

            return NaiveAnswerer(retriever, llm, k=s.retrieval.context_k, max_tokens=s.llm.max_tokens)
        return wiring.answer_service(s, store, llm=llm, retriever=retriever)

    def _evaluate(self, item: Item, retriever: Retriever, answerer, sources: dict, gold_total) -> dict:
        t0 = time.perf_counter()
        hits = retriever.retrieve(item.retrieval_query, 5, query_language=item.language)
        rec: dict = {
            "id": item.id, "split": item.split, "language": item.language, "type": item.type,
            "scenario": item.scenario, "question": item.question,
            "retrieval_ms_only": (time.perf_counter() - t0) * 1000,
        }
        if item.gold:
            rels = M.relevance([h.text for h in hits], item.gold)
            rec["retrieval"] = M.retrieval_scores(rels, gold_total(item.gold))
            rec["retrieved"] = [h.text[:100] for h in hits[:3]]
        if answerer is not None:
            history = [Turn(t["question"], t["answer"]) for t in item.history]
            try:
                answer = answerer.ask(item.question, history)
            except Exception as exc:  # recorded as a failure, the run goes on
                rec["error"] = f"{type(exc).__name__}: {exc}"
                return rec
            rec.update(score(item, answer, sources))
        return rec


def _gold_counter(store):
    """How many visible chunks hold a gold string (for nDCG), reading the store once."""
    texts = [c.text for c in store.active_chunks()]
    return lambda gold: sum(M.relevance(texts, gold))


def failures(result: ConfigResult) -> list[dict]:
    """Items an answer configuration did not get right, with what was expected and what came back."""
    return [i for i in result.items if ("answer" in i or "error" in i) and i.get("outcome") != "right"]
