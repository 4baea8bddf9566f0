"""Ingest files into the chunk store: exact re-ingest, nothing lost on failure, a report per document.

Order of writes for a document: new chunk vectors first, then one manifest record that makes the
new version visible, then the stale chunks are deleted. Killed between any two steps, readers see
the old or the new version whole, and the next run sweeps the orphans.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from bot.core.errors import LoadError
from bot.core.protocols import ChunkStore
from bot.core.records import ManifestEntry
from ingest.chunker import ParsedDocument, chunk_document, chunk_fixed, guess_title
from ingest.loaders import load_file, supported_formats
from ingest.report import DocumentReport, IngestReport, ordered
from ingest.writer import BatchWriter, Plan, Progress, embed_with_sentences

__all__ = ["DocumentReport", "IngestReport", "IngestService", "embed_with_sentences"]

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
        batch_chunks: int = 2000,
        embed_batch: int = 16,
    ) -> None:
        self.store = store
        self.corpus_dir = corpus_dir
        self.batch_chunks = batch_chunks
        self.embed_batch = embed_batch
        self.embed_seconds = 0.0  # of the last ingest: the rest is this code's and the store's
        self.chunker_id = chunker_fingerprint(strategy, max_chars, short_bullet_chars, fixed_chars)
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
            batch_chunks=settings.ingest.batch_chunks,
            embed_batch=settings.embedding.batch_size,
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
        present: set[str] = set()
        plans = self._plan(files, manifest, report, present)
        writer = BatchWriter(
            self.store, report, total=sum(len(p.missing) for p in plans), batch_chunks=self.batch_chunks,
            embed_batch=self.embed_batch, chunker=self.chunker_id, progress=progress,
        )
        for plan in plans:
            writer.put(plan, manifest.get(plan.doc.doc_id))
        writer.flush()
        self.embed_seconds = writer.embed_seconds
        report.removed += self._remove_missing(folders, manifest, present, report)
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

    def _plan(
        self, files: list[Path], manifest: dict[str, ManifestEntry], report: IngestReport, present: set[str]
    ) -> list[Plan]:
        """Load and chunk every file; which chunks each needs embedded (one store read per batch).
        A file whose text, title, path and chunking code are those of its stored version is
        unchanged without being chunked again."""
        plans: list[Plan] = []
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
            present.add(doc_id)
            old = manifest.get(doc_id)
            if old is not None and self._same_as_stored(old, path, loaded):
                doc_report.status, doc_report.document = "unchanged", doc_id
                doc_report.chunks, doc_report.warning = len(old.chunks), loaded.warning
                continue
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
            if old is None:
                doc_report.status = "added"
            elif old.version == doc.version and old.chunk_ids == ids:
                doc_report.status = "unchanged"  # committed chunks exist: the switch came after them
            else:
                doc_report.status = "updated"
            plans.append(Plan(path, doc, ids, [], doc_report))
        self._find_missing([p for p in plans if p.report.status != "unchanged"])
        return plans

    def _same_as_stored(self, old: ManifestEntry, path: Path, loaded) -> bool:
        if (old.chunker, old.source) != (self.chunker_id, str(path.resolve())):
            return False
        version = ParsedDocument(old.doc_id, "", "", None, loaded.text).version
        return old.version == version and old.title == (loaded.title or guess_title(loaded.text, old.doc_id))

    def _find_missing(self, plans: list[Plan]) -> None:
        """Chunks already stored (unchanged, or left by a killed run) are reused, not embedded."""
        for i in range(0, len(plans), 100):
            group = plans[i : i + 100]
            existing = self.store.existing_ids([cid for p in group for cid in p.ids])
            for p in group:
                p.missing = [j for j, cid in enumerate(p.ids) if cid not in existing]

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


def chunker_fingerprint(*params: object) -> str:
    """Changes when the chunking settings or the code that turns text into chunks and ids change."""
    from bot.core import records, text
    from ingest import chunker

    digest = hashlib.sha256(repr(params).encode())
    for module in (chunker, text, records):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:12]
