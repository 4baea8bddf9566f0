"""The manifest collection, cached: one record per document, plus a generation marker.

Every change to the manifest is one atomic upsert that also writes a new random token into the
marker record, so a reader checks one small record per question and reloads only when it changed;
a reload reads the records' metadata and fetches the chunk lists of the documents that changed
only. A withdrawal writes a tombstone (with the marker) before the record is deleted.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections import deque
from dataclasses import dataclass, field

from bot.core.records import ManifestEntry

MARKER = "/generation"  # a document id is a file name: it never contains "/"
PAGE = 5000


@dataclass(frozen=True)
class Snapshot:
    """The visible documents, and for each visible chunk id its (entry, {"id","start","end"})."""

    entries: dict[str, ManifestEntry] = field(default_factory=dict)
    live: dict[str, tuple[ManifestEntry, dict]] = field(default_factory=dict)
    metas: dict[str, dict] = field(default_factory=dict)
    marker: str | None = None
    languages: tuple[str, ...] = ()


def _meta(entry: ManifestEntry) -> dict:
    return {
        "version": entry.version,
        "title": entry.title,
        "source": entry.source,
        "language": entry.language,
        "updated": entry.updated or "",
        "ingested_at": entry.ingested_at,
        "n_chunks": len(entry.chunks),
        "chunker": entry.chunker,
        "headings": json.dumps(entry.headings, ensure_ascii=False),
    }


def _entry(doc_id: str, meta: dict, doc: str | None) -> ManifestEntry:
    return ManifestEntry(
        doc_id=doc_id,
        version=meta["version"],
        title=meta.get("title", doc_id),
        source=meta.get("source", ""),
        language=meta.get("language", "fr"),
        updated=meta.get("updated") or None,
        ingested_at=meta.get("ingested_at", ""),
        chunks=json.loads(doc or "[]"),
        chunker=meta.get("chunker", ""),
        headings=json.loads(meta.get("headings") or "[]"),
    )


def derive(old: Snapshot, changes: dict[str, tuple[ManifestEntry, dict] | None], marker: str | None) -> Snapshot:
    """`old` with some documents replaced (entry, meta) or removed (None): work in the changes only."""
    entries, metas, live = dict(old.entries), dict(old.metas), dict(old.live)
    for doc_id, change in changes.items():
        previous = entries.pop(doc_id, None)
        metas.pop(doc_id, None)
        if previous is not None:
            for ref in previous.chunks:
                if live.get(ref["id"], (None,))[0] is previous:
                    del live[ref["id"]]
        if change is not None:
            entry, metas[doc_id] = change
            entries[doc_id] = entry
            live.update((ref["id"], (entry, ref)) for ref in entry.chunks)
    languages = tuple(sorted({e.language for e in entries.values()}))
    return Snapshot(entries, live, metas, marker, languages)


def snapshot_of(entries: dict[str, ManifestEntry]) -> Snapshot:
    """A snapshot of a manifest given as a plain dict (a caller's own selection of documents)."""
    return derive(Snapshot(), {d: (e, _meta(e)) for d, e in entries.items()}, None)


class ManifestCache:
    """Reads and writes the manifest collection; `snapshot()` is cheap while nothing changed.

    `single_writer`: this process is the only one that writes (an embedded store under its lock),
    so its own writes keep the cache current without a reload."""

    def __init__(self, collection, *, single_writer: bool) -> None:
        self.col = collection
        self.single_writer = single_writer
        self._snap: Snapshot | None = None
        self._recent: deque[Snapshot] = deque(maxlen=8)
        self._lock = threading.Lock()

    # -- reading --------------------------------------------------------------------------------
    def marker(self) -> str | None:
        got = self.col.get(ids=[MARKER], include=["metadatas"])
        return (got["metadatas"][0] or {}).get("token") if got["ids"] else None

    def current(self) -> Snapshot | None:
        """The cached snapshot, without checking the marker."""
        return self._snap

    def find(self, entries: dict) -> Snapshot | None:
        """The recent snapshot whose entries these are: a question that read the manifest just
        before a switch goes on with the snapshot it started with, not a rebuilt one."""
        return next((s for s in reversed(self._recent) if s.entries is entries), None)

    def snapshot(self) -> Snapshot:
        marker = self.marker()
        snap = self._snap
        if snap is not None and snap.marker == marker:
            return snap
        # A reload in progress in another thread: answer from the current snapshot, do not wait.
        if not self._lock.acquire(blocking=snap is None):
            return snap  # type: ignore[return-value]
        try:
            if self._snap is not snap and self._snap is not None and self._snap.marker == marker:
                return self._snap
            self._snap = self._reload(marker, self._snap)
            self._recent.append(self._snap)
            return self._snap
        finally:
            self._lock.release()

    def _reload(self, marker: str | None, old: Snapshot | None) -> Snapshot:
        heads: dict[str, dict] = {}
        offset = 0
        while True:
            got = self.col.get(include=["metadatas"], limit=PAGE, offset=offset)
            for doc_id, meta in zip(got["ids"], got["metadatas"]):
                if doc_id != MARKER and meta and not meta.get("withdrawn"):
                    heads[doc_id] = meta
            if len(got["ids"]) < PAGE:
                break
            offset += PAGE
        old = old or Snapshot()
        changes: dict[str, tuple[ManifestEntry, dict] | None] = {d: None for d in old.entries if d not in heads}
        changed = [d for d, meta in heads.items() if old.metas.get(d) != meta]
        for i in range(0, len(changed), 500):
            got = self.col.get(ids=changed[i : i + 500], include=["metadatas", "documents"])
            for doc_id, meta, doc in zip(got["ids"], got["metadatas"], got["documents"]):
                ok = meta and not meta.get("withdrawn")
                changes[doc_id] = (_entry(doc_id, meta, doc), meta) if ok else None
        return derive(old, changes, marker)

    # -- writing --------------------------------------------------------------------------------
    def commit(self, entries: list[ManifestEntry]) -> None:
        """Make these versions visible, all at once: one upsert, with a new marker token."""
        if not entries:
            return
        token, before = uuid.uuid4().hex, self._marker_if_alone()
        metas = [_meta(e) for e in entries]
        self.col.upsert(
            ids=[e.doc_id for e in entries] + [MARKER],
            embeddings=[[1.0]] * (len(entries) + 1),
            metadatas=metas + [{"kind": "marker", "token": token}],
            documents=[json.dumps(e.chunks) for e in entries] + [""],
        )
        self._apply({e.doc_id: (e, m) for e, m in zip(entries, metas)}, token, before)

    def withdraw(self, doc_ids: list[str]) -> None:
        if not doc_ids:
            return
        token, before = uuid.uuid4().hex, self._marker_if_alone()
        self.col.upsert(
            ids=[*doc_ids, MARKER],
            embeddings=[[1.0]] * (len(doc_ids) + 1),
            metadatas=[{"withdrawn": True, "version": ""} for _ in doc_ids] + [{"kind": "marker", "token": token}],
            documents=["[]" for _ in doc_ids] + [""],
        )
        self.col.delete(ids=list(doc_ids))
        self._apply({d: None for d in doc_ids}, token, before)

    def _marker_if_alone(self) -> str | None | bool:
        return self.marker() if self.single_writer else False

    def _apply(self, changes: dict[str, tuple[ManifestEntry, dict] | None], token: str, before) -> None:
        """Write-through: this process sees its own change at once. The cache takes the new marker
        only if it was current just before the write; otherwise (other writers about) the next
        snapshot reloads and picks up their changes too."""
        with self._lock:
            snap = self._snap
            if snap is not None:
                current = before is not False and before == snap.marker
                self._snap = derive(snap, changes, token if current else snap.marker)
                self._recent.append(self._snap)
