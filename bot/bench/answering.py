"""The answering half of `balkans-qa bench`, run in a fresh process like a chat starting on the store.

Settings come from the environment (`bot.bench.run.bench_settings`); prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import threading
import time

from bot import wiring
from bot.bench.corpus import CorpusGenerator
from bot.core.text import detect_language
from bot.lexical import analyse
from bot.settings import load_settings


def percentiles(samples_ms: list[float]) -> dict[str, float]:
    import numpy as np

    a = np.asarray(samples_ms or [0.0])
    return {"p50_ms": float(np.percentile(a, 50)), "p95_ms": float(np.percentile(a, 95)), "max_ms": float(a.max()), "n": len(samples_ms)}


def timed(fn, items) -> list[float]:
    out = []
    for item in items:
        t0 = time.perf_counter()
        fn(item)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident memory of this process, from /proc."""
    fields = {}
    with open("/proc/self/status") as fh:
        for line in fh:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


class Questions(threading.Thread):
    """Asks questions back to back until stopped, recording how long each took."""

    def __init__(self, retriever, questions: list[str], k: int) -> None:
        super().__init__(daemon=True)
        self.retriever, self.questions, self.k = retriever, questions, k
        self.stop = threading.Event()
        self.samples: list[float] = []

    def run(self) -> None:
        rng = random.Random(3)
        while not self.stop.is_set():
            q = rng.choice(self.questions)
            t0 = time.perf_counter()
            self.retriever.retrieve(q, self.k, query_language=detect_language(q))
            self.samples.append((time.perf_counter() - t0) * 1000)


def edit_and_wait(gen: CorpusGenerator, settings, ingest, retriever, indices: list[int], revision: int) -> float:
    """Rewrite these documents (each with a word found nowhere else), ingest them as an upload
    would, and return the seconds until a question finds every one of them."""
    corpus = settings.ingest.corpus_dir
    paths = []
    for i in indices:
        doc = gen.document(i, revision=revision)
        path = corpus / doc.name
        path.write_text(doc.text + f"\nRévision {revision} : le dispositif Quorvane{i}r{revision} complète le programme.\n", encoding="utf-8")
        paths.append(path)
    t0 = time.perf_counter()
    report = ingest.ingest(paths)
    if report.failed:
        raise RuntimeError("the edit failed to ingest")
    waiting = set(indices)
    while waiting:
        for i in sorted(waiting):
            word = f"Quorvane{i}r{revision}"
            if any(word in c.text for c in retriever.retrieve(f"le dispositif {word}", 3, query_language="fr")):
                waiting.discard(i)
        if waiting and time.perf_counter() - t0 > 120:
            raise RuntimeError(f"{len(waiting)} edited documents still not found after 120 s")
    return time.perf_counter() - t0


def measure(documents: int, n_questions: int) -> dict:
    settings = load_settings()
    gen = CorpusGenerator()
    questions = gen.questions(n_questions, documents)
    k, r = settings.retrieval.context_k, settings.retrieval
    out: dict = {"retrieval": {}, "floor": {}}
    with wiring.open_chunk_store(settings, exclusive=True) as store:
        ingest = wiring.ingest_service(settings, store)
        retriever = wiring.make_retriever(settings, store)
        t0 = time.perf_counter()
        retriever.warm_up()
        out["warm_up_s"] = time.perf_counter() - t0
        for q in questions[:10]:
            retriever.retrieve(q, k, query_language=detect_language(q))
        for mode in ("dense", "bm25", "hybrid"):
            retriever.mode = mode
            lat = timed(lambda q: retriever.retrieve(q, k, query_language=detect_language(q)), questions)
            out["retrieval"][mode] = percentiles(lat)
        vectors = [store.embeddings.embed_query(q) for q in questions]
        terms = [analyse(q, ("fr", "en")) for q in questions]
        include = ["metadatas", "distances"]
        chroma = timed(lambda v: store.chunks.query(query_embeddings=[v], n_results=r.dense_k, include=include), vectors)
        lexical = timed(lambda t: store.lexical.index.search(t, r.bm25_k), terms)
        out["floor"] = {"chroma_p95_ms": percentiles(chroma)["p95_ms"], "lexical_p95_ms": percentiles(lexical)["p95_ms"]}

        asking = Questions(retriever, questions, k)
        asking.start()
        n_edit = max(1, round(documents / 100))
        edited = [i * (documents // n_edit) for i in range(n_edit)]
        out["edit_searchable_s"] = edit_and_wait(gen, settings, ingest, retriever, edited, revision=1)
        out["edited_documents"] = len(edited)
        out["edited_chunks"] = sum(len(store.manifest()[gen.document(i).name].chunks) for i in edited)
        out["one_edit_searchable_s"] = edit_and_wait(gen, settings, ingest, retriever, [documents - 1], revision=2)
        asking.stop.set()
        asking.join()
        out["during_edit"] = percentiles(asking.samples)
        out["rss_mb"], out["peak_rss_mb"] = rss_mb()
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.bench.answering")
    parser.add_argument("--documents", type=int, required=True)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.documents, args.queries)))


if __name__ == "__main__":
    main()
