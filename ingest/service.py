"""Ingest files into the chunk store: exact re-ingest, nothing lost on failure, a report per document.

Order of writes for a document: new chunk vectors first, then one manifest record that makes the
new version visible, then the stale chunks are deleted. Killed between any two steps, readers see
the old or the new version whole, and the next run sweeps the orphans.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from bot.core.errors import LoadError
from bot.core.protocols import ChunkStore
from bot.core.records import ManifestEntry
from ingest.chunker import ParsedDocument, chunk_document, chunk_fixed
from ingest.loaders import load_file, supported_formats
from ingest.report import DocumentReport, IngestReport, ordered

__all__ = ["DocumentReport", "IngestReport", "IngestService"]

Progress = Callable[[int, int], None]


@dataclass
class _Plan:
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


class IngestService:
    def __init__(
        self,
        store: ChunkStore,
        *,
        max_file_mb: float,
        max_chars: int,
        short_bullet_chars: int,
        strategy: str = "structure",
        fixed_chars: int = 800,
        corpus_dir: Path | None = None,
    ) -> None:
        self.store = store
        self.corpus_dir = corpus_dir
        self.max_bytes = int(max_file_mb * 1_000_000)
        self.formats = supported_formats()
        self.max_chars = max_chars
        self.short_bullet_chars = short_bullet_chars
        self.strategy = strategy
        self.fixed_chars = fixed_chars

    @classmethod
    def from_settings(cls, settings, store: ChunkStore) -> IngestService:
        return cls(
            store,
            max_file_mb=settings.ingest.max_file_mb,
            max_chars=settings.chunking.max_chars,
            short_bullet_chars=settings.chunking.short_bullet_chars,
            strategy=settings.chunking.strategy,
            fixed_chars=settings.chunking.fixed_chars,
            corpus_dir=settings.ingest.corpus_dir,
        )

    def check_file(self, path: Path, max_bytes: int | None = None) -> None:
        """Raise LoadError when `path` could not be ingested (format, size, encoding, no text)."""
        load_file(path, max_bytes=self.max_bytes if max_bytes is None else max_bytes)

    def remove(self, doc_id: str) -> DocumentReport:
        """Withdraw a document from the store, and delete its file when it lives in the corpus folder
        (so that the next start, which ingests that folder, does not bring it back)."""
        entry = self.store.manifest().get(doc_id)
        if entry is None:
            return DocumentReport(doc_id, "failed", error=f"no document named {doc_id!r} in the store")
        report = DocumentReport(entry.source or doc_id, "removed", document=doc_id, chunks=len(entry.chunks))
        report.sections["removed"] = ordered(self.store.sections(entry.chunk_ids).get(c) for c in entry.chunk_ids)
        source = Path(entry.source) if entry.source else None
        # The file goes first: killed before the withdrawal, the next ingest of the folder finishes it.
        if source is not None and self.corpus_dir is not None and source.is_file():
            corpus = self.corpus_dir.resolve()
            if corpus in source.resolve().parents:
                source.unlink()
        self.store.withdraw(doc_id)
        self.store.delete(entry.chunk_ids)
        return report

    def ingest(self, paths: list[Path], progress: Progress | None = None) -> IngestReport:
        started = time.perf_counter()
        report = IngestReport()
        manifest = self.store.manifest()

        files, folders = self._expand(paths, report)
        plans = self._plan(files, manifest, report)
        total = sum(len(p.missing) for p in plans)
        done = 0
        if progress and total:
            progress(0, total)
        for plan in plans:
            try:
                done = self._write(plan, manifest.get(plan.doc.doc_id), report, progress, done, total)
            except Exception as exc:  # an embedding or store failure: the old version stays visible
                plan.report.status = "failed"
                plan.report.error = f"{type(exc).__name__}: {exc}"
        report.removed += self._remove_missing(folders, manifest, {p.doc.doc_id for p in plans}, report)
        # Chunks no manifest lists: left by a run that was killed, or by a failure above. Swept
        # last, so that the chunks a killed run had already embedded are reused, not redone.
        report.removed += self.store.sweep_orphans()
        report.seconds = time.perf_counter() - started
        return report

    # -- steps --------------------------------------------------------------------------------
    def _expand(self, paths: list[Path], report: IngestReport) -> tuple[list[Path], list[Path]]:
        files: list[Path] = []
        folders: list[Path] = []
        for path in paths:
            path = path.expanduser()
            if path.is_dir():
                folders.append(path.resolve())
                files.extend(
                    p for p in sorted(path.rglob("*"))
                    if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            elif path.exists():
                files.append(path)
            else:
                report.documents.append(DocumentReport(str(path), "failed", error="no such file or directory"))
        return files, folders

    def _plan(self, files: list[Path], manifest: dict[str, ManifestEntry], report: IngestReport) -> list[_Plan]:
        plans: list[_Plan] = []
        seen: dict[str, Path] = {}
        for path in files:
            doc_report = DocumentReport(str(path), "failed")
            report.documents.append(doc_report)
            doc_id = path.name
            if doc_id in seen:
                doc_report.error = f"same document name as {seen[doc_id]}: rename one of them"
                continue
            try:
                loaded = load_file(path, max_bytes=self.max_bytes)
            except LoadError as exc:
                doc_report.error = str(exc)
                continue
            except OSError as exc:
                doc_report.error = f"cannot read: {exc.strerror or exc}"
                continue
            seen[doc_id] = path
            if self.strategy == "fixed":
                doc = chunk_fixed(doc_id, loaded.text, title=loaded.title, size=self.fixed_chars)
            else:
                doc = chunk_document(
                    doc_id,
                    loaded.text,
                    title=loaded.title,
                    max_chars=self.max_chars,
                    short_bullet_chars=self.short_bullet_chars,
                )
            doc_report.document = doc_id
            doc_report.warning = loaded.warning
            doc_report.chunks = len(doc.chunks)
            if not doc.chunks:
                doc_report.error = "no text to index after parsing"
                continue
            ids = [c.id for c in doc.chunks]
            existing = self.store.existing_ids(ids)
            missing = [i for i, cid in enumerate(ids) if cid not in existing]
            old = manifest.get(doc_id)
            if old is None:
                doc_report.status = "added"
            elif old.version == doc.version and old.chunk_ids == ids and not missing:
                doc_report.status = "unchanged"
            else:
                doc_report.status = "updated"
            plans.append(_Plan(path, doc, ids, missing, doc_report))
        return plans

    def _write(
        self,
        plan: _Plan,
        old: ManifestEntry | None,
        report: IngestReport,
        progress: Progress | None,
        done: int,
        total: int,
    ) -> int:
        doc = plan.doc
        entry = ManifestEntry(
            doc_id=doc.doc_id,
            version=doc.version,
            title=doc.title,
            source=str(plan.path.resolve()),
            language=doc.language,
            updated=doc.updated,
            ingested_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            chunks=[{"id": cid, "start": c.start, "end": c.end} for cid, c in zip(plan.ids, doc.chunks)],
        )
        if plan.report.status == "unchanged":
            if old is not None and old.source != entry.source:
                entry.ingested_at = old.ingested_at
                self.store.commit(entry)
            return done
        plan.report.sections = self._section_changes(plan, old)
        batch = 16
        embedder = self.store.embeddings
        for i in range(0, len(plan.missing), batch):
            idx = plan.missing[i : i + batch]
            chunks = [doc.chunks[j] for j in idx]
            self.store.add(chunks, embed_with_sentences(embedder, chunks))
            done += len(idx)
            plan.report.embedded += len(idx)
            report.embedded += len(idx)
            if progress:
                progress(done, total)
        self.store.commit(entry)  # the switch: from here readers see the new version
        if old is not None:
            report.removed += self.store.delete(set(old.chunk_ids) - set(plan.ids))
        return done

    def _section_changes(self, plan: _Plan, old: ManifestEntry | None) -> dict[str, list[str]]:
        """Sections whose chunks were added, changed or removed between the old and the new version.
        A chunk id hashes its document, section path and text: a shared id is an unchanged chunk."""
        new: dict[str, set[str]] = {}
        for cid, chunk in zip(plan.ids, plan.doc.chunks):
            new.setdefault(chunk.section, set()).add(cid)
        old_ids = old.chunk_ids if old is not None else []
        known = {cid: c.section for cid, c in zip(plan.ids, plan.doc.chunks)}
        gone = [cid for cid in old_ids if cid not in known]
        known.update(self.store.sections(gone) if gone else {})
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

    def _remove_missing(
        self,
        folders: list[Path],
        manifest: dict[str, ManifestEntry],
        present: set[str],
        report: IngestReport,
    ) -> int:
        """Documents once ingested from one of `folders` whose file is gone are withdrawn."""
        removed = 0
        for entry in manifest.values():
            if entry.doc_id in present or not entry.source:
                continue
            source = Path(entry.source)
            inside = any(folder == source.parent or folder in source.parents for folder in folders)
            if inside and not source.exists():
                gone = DocumentReport(entry.source, "removed", document=entry.doc_id)
                gone.sections["removed"] = ordered(self.store.sections(entry.chunk_ids).get(c) for c in entry.chunk_ids)
                self.store.withdraw(entry.doc_id)
                removed += self.store.delete(entry.chunk_ids)
                report.documents.append(gone)
        return removed

