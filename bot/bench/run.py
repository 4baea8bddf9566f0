"""`balkans-qa bench`: a synthetic store built through the real ingest path, then measured.

This process generates the corpus and ingests it (the hashing embedder, so embedding is cheap and
its time is left out of the rate), then re-ingests it unchanged. A fresh child process, like a chat
starting on that store, then answers questions in each retrieval mode beside the raw Chroma and
lexical floors, ingests an edit of 1 % of the documents while questions keep coming, and reports
its memory.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from bot.bench.corpus import CorpusGenerator

CHUNKS_PER_DOC = 42  # what the generator's 40 paragraphs make, on average


def bench_settings(workdir: Path, port: int | None):
    """Settings of the benchmark store, also handed to the child process as environment variables."""
    env = {
        "BALKANS_QA_EMBEDDING__BACKEND": "hashing",
        "BALKANS_QA_STORE__PATH": str(workdir / "chroma"),
        "BALKANS_QA_STORE__COLLECTION": "bench",
        "BALKANS_QA_STORE__LEXICAL_DIR": str(workdir / "lexical"),
        "BALKANS_QA_INGEST__CORPUS_DIR": str(workdir / "corpus"),
    }
    if port:
        env |= {"BALKANS_QA_STORE__HOST": "127.0.0.1", "BALKANS_QA_STORE__PORT": str(port)}
    return env


def machine() -> str:
    """CPU model, cores and memory of this machine (what `lscpu` and `free` say)."""
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    except OSError:
        mem = 0.0
    return f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB"


def rss_of(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@contextmanager
def chroma_server(workdir: Path):
    """A real `chroma run` on a free local port (yields its port and process), stopped afterwards."""
    import socket

    import httpx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    chroma = Path(sys.executable).with_name("chroma")
    proc = subprocess.Popen(
        [str(chroma), "run", "--path", str(workdir / "server"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError("the Chroma server did not start")
            time.sleep(0.2)
        yield port, proc
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def settings_for(workdir: Path, port: int | None):
    """The same settings as `bench_settings`' environment, for this process."""
    from bot.settings import load_settings

    s = load_settings()
    s.embedding.backend = "hashing"
    s.store.path, s.store.collection, s.store.lexical_dir = workdir / "chroma", "bench", workdir / "lexical"
    s.store.host, s.store.port = ("127.0.0.1", port) if port else (None, s.store.port)
    s.ingest.corpus_dir = workdir / "corpus"
    return s


def _ingest_phase(settings, progress) -> dict:
    from bot import wiring

    corpus = settings.ingest.corpus_dir
    with wiring.open_chunk_store(settings, exclusive=True) as store:
        service = wiring.ingest_service(settings, store)
        first = service.ingest([corpus], progress=progress)
        embed_s = service.embed_seconds
        own = first.seconds - embed_s
        again = service.ingest([corpus])
        chunks = len(store.snapshot().live)
    if first.failed or again.failed or again.embedded:
        raise RuntimeError("the benchmark ingest failed or re-embedded an unchanged corpus")
    return {
        "chunks": chunks,
        "ingest_s": first.seconds,
        "embed_s": embed_s,
        "ingest_chunks_per_s": chunks / own if own > 0 else math.inf,
        "reingest_unchanged_s": again.seconds,
    }


def run_bench(chunks: int, *, server: bool = False, queries: int = 200, keep: Path | None = None, progress=None) -> dict:
    """Everything `balkans-qa bench` reports, as a dict (see `to_json` for the public shape)."""
    workdir = keep or Path(tempfile.mkdtemp(prefix="balkans-bench-"))
    documents = max(2, math.ceil(chunks / CHUNKS_PER_DOC))
    try:
        t0 = time.perf_counter()
        CorpusGenerator().write(workdir / "corpus", documents)
        generated = time.perf_counter() - t0
        with chroma_server(workdir) if server else _no_server() as (port, server_proc):
            env = bench_settings(workdir, port)
            result = _ingest_phase(settings_for(workdir, port), progress)
            child = subprocess.run(
                [sys.executable, "-m", "bot.bench.answering", "--documents", str(documents), "--queries", str(queries)],
                env={**os.environ, **env}, capture_output=True, text=True,
            )
            if child.returncode != 0:
                raise RuntimeError(f"the answering phase failed: {child.stderr.strip()[-2000:]}")
            result |= json.loads(child.stdout)
            result["server_rss_mb"] = rss_of(server_proc.pid) if server_proc else 0.0
        result |= {"documents": documents, "generate_s": generated, "server": server, "machine": machine()}
        if keep is not None:
            (workdir / "bench.json").write_text(json.dumps(result, indent=1))
        return result
    finally:
        if keep is None:
            shutil.rmtree(workdir, ignore_errors=True)


@contextmanager
def _no_server():
    yield None, None


def to_json(r: dict) -> dict:
    """The documented `--json` shape, exactly."""
    def ms(x: float) -> float:
        return round(x, 2)

    return {
        "chunks": r["chunks"],
        "ingest_chunks_per_s": round(r["ingest_chunks_per_s"], 1),
        "reingest_unchanged_s": round(r["reingest_unchanged_s"], 3),
        "edit_searchable_s": round(r["edit_searchable_s"], 3),
        "retrieval": {m: {"p50_ms": ms(r["retrieval"][m]["p50_ms"]), "p95_ms": ms(r["retrieval"][m]["p95_ms"])}
                      for m in ("dense", "bm25", "hybrid")},
        "floor": {"chroma_p95_ms": ms(r["floor"]["chroma_p95_ms"]), "lexical_p95_ms": ms(r["floor"]["lexical_p95_ms"])},
        "rss_mb": round(r["rss_mb"], 1),
    }


def to_table(r: dict) -> str:
    where = "a Chroma server (chroma run, localhost)" if r["server"] else "embedded Chroma"
    floor = r["floor"]["chroma_p95_ms"] + r["floor"]["lexical_p95_ms"]
    rows = [
        f"{r['chunks']:,} chunks in {r['documents']:,} documents, {where}, hashing embedder",
        f"{time.strftime('%Y-%m-%d')}, {r['machine']}",
        f"ingest                      {r['ingest_chunks_per_s']:,.0f} chunks/s without embedding "
        f"({r['ingest_s']:.1f} s in all, {r['embed_s']:.1f} s embedding)",
        f"re-ingest, unchanged        {r['reingest_unchanged_s']:.3f} s",
        f"edit of 1 % of documents    searchable after {r['edit_searchable_s']:.2f} s ({r['edited_documents']} documents, "
        f"{r['edited_chunks']} chunks)",
        f"edit of one document        searchable after {r['one_edit_searchable_s']:.2f} s",
        f"questions during the edits  {r['during_edit']['n']} answered, p95 {r['during_edit']['p95_ms']:.1f} ms, "
        f"max {r['during_edit']['max_ms']:.1f} ms",
    ]
    for mode in ("dense", "bm25", "hybrid"):
        q = r["retrieval"][mode]
        rows.append(f"retrieval {mode:<17} p50 {q['p50_ms']:6.1f} ms   p95 {q['p95_ms']:6.1f} ms")
    rows += [
        f"floor: raw Chroma query     p95 {r['floor']['chroma_p95_ms']:6.1f} ms",
        f"floor: raw lexical search   p95 {r['floor']['lexical_p95_ms']:6.1f} ms"
        f"   (hybrid p95 = {r['retrieval']['hybrid']['p95_ms'] / floor:.1f}x their sum)",
        f"RSS of the answering process {r['rss_mb']:.0f} MB (peak {r['peak_rss_mb']:.0f} MB)"
        + (f", of the Chroma server {r['server_rss_mb']:.0f} MB" if r["server"] else ""),
    ]
    return "\n".join(rows)
