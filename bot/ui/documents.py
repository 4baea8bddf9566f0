"""The Documents tab's handlers: the list, an upload ingested at once, removal, the document viewer."""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from bot.core.errors import UserError
from bot.ui.labels import number, t
from bot.ui.render_docs import (
    document_view_html,
    documents_html,
    failed_html,
    notice_html,
    progress_html,
    report_html,
)


class DocumentHandlers:
    def __init__(self, ingest_service, settings) -> None:
        self.ingest = ingest_service
        self.settings = settings
        self._lock = threading.Lock()

    def entries(self) -> list:
        return list(self.ingest.store.manifest().values())

    def table(self, lang: str) -> str:
        return documents_html(self.entries(), lang)

    def upload(self, file_path: str | None, lang: str) -> Iterator[tuple[str, str]]:
        """Check an uploaded file, copy it into the corpus folder and ingest it; yields (report, table).
        A file that cannot be ingested changes nothing, in the folder or in the store."""
        if not file_path:
            yield notice_html(t(lang, "choose")), self.table(lang)
            return
        src = Path(file_path)
        name = Path(getattr(file_path, "orig_name", None) or src.name).name
        limit = int(self.settings.ui.max_upload_mb * 1_000_000)
        try:
            if src.stat().st_size > limit:
                raise UserError(t(lang, "too_large", limit=number(self.settings.ui.max_upload_mb, lang, 0)))
            self.ingest.check_file(src, max_bytes=limit)
        except UserError as exc:
            yield failed_html(name, str(exc), lang), self.table(lang)
            return
        yield progress_html(t(lang, "ingesting", name=name)), self.table(lang)
        with self._lock:
            corpus: Path = self.settings.ingest.corpus_dir
            corpus.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=corpus, prefix=".upload-", delete=False) as tmp:
                shutil.copyfile(src, tmp.name)
            os.replace(tmp.name, corpus / name)
            report = self.ingest.ingest([corpus / name])
        yield report_html(report, lang), self.table(lang)

    def remove(self, doc_id: str | None, lang: str) -> tuple[str, str]:
        """Withdraw a document from the store and delete its file from the corpus folder."""
        entry = self.ingest.store.manifest().get(doc_id or "")
        if entry is None:
            return "", self.table(lang)
        if not hasattr(self.ingest, "remove"):
            return notice_html(t(lang, "remove_unavailable"), error=True), self.table(lang)
        with self._lock:
            try:
                report = self.ingest.remove(doc_id)
            except UserError as exc:
                return notice_html(str(exc), error=True), self.table(lang)
        if getattr(report, "status", "removed") == "failed":
            return notice_html(report.error or "", error=True), self.table(lang)
        return notice_html(t(lang, "removed_doc", title=entry.title or doc_id)), self.table(lang)

    def view(self, doc_id: str, start: int, end: int, lang: str) -> str:
        """The whole document as indexed, its passage [start, end) marked (for the viewer)."""
        manifest = self.ingest.store.manifest()
        entry = manifest.get(doc_id)
        if entry is None:
            return notice_html(t(lang, "doc_none"), error=True)
        chunks = self.ingest.store.active_chunks({doc_id: entry})
        return document_view_html(entry, chunks, int(start), int(end), lang)

