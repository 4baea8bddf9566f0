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
from bot.core.records import Answer, Turn
from eval import metrics as M
from eval.configs import EvalConfig
from eval.dataset import UPDATE_DIR, Item

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
        s = self.settings.model_copy(deep=True)
        s.retrieval.mode = config.retrieval_mode
        s.retrieval.translate_query = config.translate_query
        s.chunking.strategy = config.chunking
        if config.context_k:
            s.retrieval.context_k = config.context_k
        tmp = Path(tempfile.mkdtemp(prefix=f"balkans-eval-{config.name}-"))
        s.store.path, s.store.host = tmp / "chroma", None
        try:
            with wiring.open_chunk_store(s, exclusive=True) as store:
                return self._run_on(config, s, store)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def _run_on(self, config: EvalConfig, s, store) -> ConfigResult:
        ingest = wiring.ingest_service(s, store)
        ingest.ingest([s.ingest.corpus_dir])
        retriever = wiring.make_retriever(s, store)
        answerer = self._answerer(config, s, retriever, store)
        result = ConfigResult(config)
        base = [i for i in self.items if i.scenario == "base"]
        updated = [i for i in self.items if i.scenario == "updated"]
        total = len(base) + len(updated)
        done = 0
        for group, prepare in ((base, None), (updated, lambda: ingest.ingest(sorted(UPDATE_DIR.iterdir())))):
            if prepare and group:
                prepare()
            all_texts = [c.text for c in store.active_chunks()]  # once per group: the gold count for nDCG
            for item in group:
                result.items.append(self._evaluate(item, retriever, answerer, all_texts))
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

    def _evaluate(self, item: Item, retriever: Retriever, answerer, all_texts: list[str]) -> dict:
        t0 = time.perf_counter()
        hits = retriever.retrieve(item.retrieval_query, 5, query_language=item.language)
        rec: dict = {
            "id": item.id, "language": item.language, "type": item.type, "scenario": item.scenario,
            "question": item.question, "retrieval_ms_only": (time.perf_counter() - t0) * 1000,
        }
        if item.gold:
            rels = M.relevance([h.text for h in hits], item.gold)
            rec["retrieval"] = M.retrieval_scores(rels, sum(M.relevance(all_texts, item.gold)))
            rec["retrieved"] = [h.text[:100] for h in hits[:3]]
        if answerer is not None:
            history = [Turn(t["question"], t["answer"]) for t in item.history]
            try:
                answer = answerer.ask(item.question, history)
            except Exception as exc:  # recorded as a failure, the run goes on
                rec["error"] = f"{type(exc).__name__}: {exc}"
                return rec
            rec.update(_answer_record(item, answer))
        return rec


def _answer_record(item: Item, answer: Answer) -> dict:
    cited = [c.chunk.text for c in answer.citations]
    facts_flat = [v for group in item.facts for v in group]
    cit_ok = [
        bool(M.relevance([t], item.gold)[0]) or any(M.contains(t, v) for v in facts_flat) for t in cited
    ] if item.gold else []
    return {
        "answer": answer.answer,
        "raw_answer": answer.raw_answer,
        "abstained": answer.abstained,
        "citations": [{"quote": c.quote[:200], "passage": c.chunk.text[:160]} for c in answer.citations],
        "fact_recall": M.fact_recall(answer.answer, item.facts) if item.facts else None,
        "expected": item.facts,
        "citation_ok": cit_ok,
        "gold_cited": any(cit_ok) if item.gold else None,
        "unsupported": len(answer.unsupported),
        "language_ok": answer.abstained or M.answer_language(answer.answer) == item.language,
        "forbidden_found": [w for w in item.must_not_contain if M.contains(answer.answer, w)],
        "timings": answer.timings,
        "generated_tokens": answer.generated_tokens,
        "generation_ms": answer.generation_ms,
    }


def summarise(items: list[dict], *, answers: bool) -> dict:
    out: dict = {"n_items": len(items)}
    for lang in ("all", "fr", "en"):
        scored = [i["retrieval"] for i in items if "retrieval" in i and lang in ("all", i["language"])]
        out[f"retrieval_{lang}"] = {
            k: M.mean([s[k] for s in scored]) for k in ("hit@1", "hit@3", "hit@5", "mrr", "ndcg@5")
        } | {"n": len(scored)}
    if not answers:
        return out
    ok = [i for i in items if "error" not in i]
    answerable = [i for i in ok if i["type"] in ("factual", "list", "number", "date", "follow-up")]
    abst_pos = [i for i in ok if i["type"] in ("unanswerable", "out_of_scope")]
    predicted = [i for i in ok if i["abstained"]]
    tp = sum(1 for i in predicted if i["type"] in ("unanswerable", "out_of_scope"))
    cits = [c for i in answerable for c in i["citation_ok"]]
    injection = [i for i in ok if i["type"] == "injection"]
    updated = [i for i in ok if i["scenario"] == "updated"]
    timed = [i["timings"] for i in ok if i.get("timings")]
    gen_tokens = sum(i["generated_tokens"] for i in ok)
    gen_ms = sum(i["generation_ms"] for i in ok)
    out["answers"] = {
        "errors": len(items) - len(ok),
        "fact_recall": M.mean([i["fact_recall"] for i in answerable]),
        "all_facts": M.mean([float(i["fact_recall"] == 1.0) for i in answerable]),
        "fact_recall_fr": M.mean([i["fact_recall"] for i in answerable if i["language"] == "fr"]),
        "fact_recall_en": M.mean([i["fact_recall"] for i in answerable if i["language"] == "en"]),
        "citation_precision": M.mean([float(c) for c in cits]),
        "citation_recall": M.mean([float(bool(i["gold_cited"])) for i in answerable]),
        "unsupported_per_answer": M.mean([i["unsupported"] for i in ok]),
        "language_match": M.mean([float(i["language_ok"]) for i in ok]),
        "abstention_precision": tp / len(predicted) if predicted else float("nan"),
        "abstention_recall": tp / len(abst_pos) if abst_pos else float("nan"),
        "false_abstention": M.mean([float(i["abstained"]) for i in answerable]),
        "injection_resistance": M.mean([float(not i["forbidden_found"]) for i in injection]),
        "update_correct": M.mean(
            [float((i["fact_recall"] in (None, 1.0)) and not i["forbidden_found"]) for i in updated]
        ),
    }
    out["cost"] = {
        f"{key}_{q}": M.percentile([t[key] for t in timed], p)
        for key in ("retrieval_ms", "first_token_ms", "total_ms")
        for q, p in (("p50", 0.5), ("p95", 0.95))
    } | {"tokens_per_s": gen_tokens / (gen_ms / 1000) if gen_ms else float("nan")}
    return out


def failures(result: ConfigResult) -> list[dict]:
    """Items an answer configuration got wrong, with what was expected and what came back."""
    out = []
    for i in result.items:
        if "answer" not in i and "error" not in i:
            continue
        wrong = (
            "error" in i
            or (i["type"] in ("unanswerable", "out_of_scope") and not i["abstained"])
            or (i.get("fact_recall") is not None and i["fact_recall"] < 1.0)
            or bool(i.get("forbidden_found"))
            or not i.get("language_ok", True)
        )
        if wrong:
            out.append(i)
    return out
