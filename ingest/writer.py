"""Writing planned documents to the store in large batches, each document switched atomically.

Missing chunks of many documents are embedded together (in the embedder's own batch size, with
progress after each), written in large upserts (at least every few seconds, so a killed run loses
little), and the documents whose chunks are all stored are switched in one manifest upsert; their
stale chunks are deleted after. Killed at any point, every document is at its old or new version
and the next run reuses what was stored.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from bot.core.protocols import ChunkStore
from bot.core.records import ManifestEntry
from ingest.chunker import ParsedDocument
from ingest.report import DocumentReport, IngestReport, ordered

Progress = Callable[[int, int], None]
UPSERT_EVERY_S = 5.0


@dataclass
class Plan:
    path: Path
    doc: ParsedDocument
    ids: list[str]
    missing: list[int]
    report: DocumentReport


def embed_with_sentences(embedder, chunks: list) -> list[list[float]]:
    """Chunk vectors, returned; sentence vectors, set on each chunk. One call embeds both, so a
    question later embeds nothing but itself."""
    import numpy as np

    texts = [c.embed_text for c in chunks]
    for c in chunks:
        texts.extend(c.sentence_text(i) for i in range(len(c.sentences)))
    vectors = embedder.embed_documents(texts)
    pos = len(chunks)
    for c in chunks:
        n = len(c.sentences)
        c.sentence_vectors = np.asarray(vectors[pos : pos + n], dtype=np.float32)
        pos += n
    return vectors[: len(chunks)]


def entry_of(plan: Plan, chunker: str) -> ManifestEntry:
    doc = plan.doc
    return ManifestEntry(
        doc_id=doc.doc_id,
        version=doc.version,
        title=doc.title,
        source=str(plan.path.resolve()),
        language=doc.language,
        updated=doc.updated,
        ingested_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        chunks=[{"id": cid, "start": c.start, "end": c.end} for cid, c in zip(plan.ids, doc.chunks)],
        chunker=chunker,
        headings=doc.headings,
    )


def section_changes(store: ChunkStore, plan: Plan, old: ManifestEntry | None) -> dict[str, list[str]]:
    """Sections whose chunks were added, changed or removed between the old and the new version.
    A chunk id hashes its document, section path and text: a shared id is an unchanged chunk."""
    new: dict[str, set[str]] = {}
    for cid, chunk in zip(plan.ids, plan.doc.chunks):
        new.setdefault(chunk.section, set()).add(cid)
    old_ids = old.chunk_ids if old is not None else []
    known = {cid: c.section for cid, c in zip(plan.ids, plan.doc.chunks)}
    gone = [cid for cid in old_ids if cid not in known]
    known.update(store.sections(gone) if gone else {})
    before: dict[str, set[str]] = {}
    for cid in old_ids:
        if cid in known:
            before.setdefault(known[cid], set()).add(cid)
    order = ordered([*new, *before])
    return {
        "added": [s for s in order if s in new and s not in before],
        "changed": [s for s in order if s in new and s in before and new[s] != before[s]],
        "removed": [s for s in order if s in before and s not in new],
    }


class BatchWriter:
    def __init__(
        self, store: ChunkStore, report: IngestReport, *, total: int, batch_chunks: int,
        embed_batch: int, chunker: str = "", progress: Progress | None = None,
    ) -> None:
        self.store, self.report, self.progress, self.chunker = store, report, progress, chunker
        self.total, self.batch_chunks, self.embed_batch = total, batch_chunks, max(1, embed_batch)
        self.done = 0
        self.embed_seconds = 0.0
        self._pending: list[tuple[Plan, ManifestEntry, ManifestEntry | None]] = []
        self._buffer: list = []
        if progress and total:
            progress(0, total)

    def put(self, plan: Plan, old: ManifestEntry | None) -> None:
        entry = entry_of(plan, self.chunker)
        if plan.report.status == "unchanged":
            if old is None or (old.source, old.chunker) == (entry.source, entry.chunker):
                return
            entry.ingested_at = old.ingested_at  # moved (or chunked by older code), not changed
        else:
            plan.report.sections = section_changes(self.store, plan, old)
        self._pending.append((plan, entry, old))
        self._buffer.extend(plan.doc.chunks[j] for j in plan.missing)
        if len(self._buffer) >= self.batch_chunks:
            self.flush()

    def flush(self) -> None:
        pending, buffer = self._pending, self._buffer
        self._pending, self._buffer = [], []
        try:
            self._store_chunks(buffer)
            self.store.commit_many([entry for _, entry, _ in pending])  # the switch
        except Exception as exc:  # an embedding or store failure: the old versions stay visible
            for plan, _, _ in pending:
                plan.report.status, plan.report.error = "failed", f"{type(exc).__name__}: {exc}"
                plan.report.sections = {"added": [], "changed": [], "removed": []}
            return
        stale: list[str] = []
        for plan, _, old in pending:
            plan.report.embedded = len(plan.missing)
            self.report.embedded += len(plan.missing)
            if old is not None:
                stale.extend(set(old.chunk_ids) - set(plan.ids))
            plan.doc = None  # type: ignore[assignment]  # its chunks (and their vectors) can go
        self.report.removed += self.store.delete(stale)

    def _store_chunks(self, chunks: list) -> None:
        embedder = self.store.embeddings
        ready: list = []
        vectors: list[list[float]] = []
        last = time.monotonic()
        for i in range(0, len(chunks), self.embed_batch):
            part = chunks[i : i + self.embed_batch]
            t0 = time.perf_counter()
            vectors.extend(embed_with_sentences(embedder, part))
            self.embed_seconds += time.perf_counter() - t0
            ready.extend(part)
            if len(ready) >= self.batch_chunks or time.monotonic() - last > UPSERT_EVERY_S:
                self.store.add(ready, vectors)
                ready, vectors, last = [], [], time.monotonic()
            self.done += len(part)
            if self.progress:
                self.progress(self.done, self.total)
        if ready:
            self.store.add(ready, vectors)
