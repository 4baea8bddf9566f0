"""The lexical index of one chunk collection, kept in step with Chroma.

This process writes it together with the chunks (`add`, `delete`) and marks a document's version
complete when that version is committed. What other processes wrote (a Chroma server shared by
several machines, an ingest run while this process was stopped) is caught up from the manifest,
document by document: a version the index does not hold has its missing chunks fetched from
Chroma; a row is dropped once its chunk is gone from Chroma (not merely unlisted: another
process may be about to commit it).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from bot.core.records import Chunk, ManifestEntry
from bot.core.text import compose_embed_text
from bot.lexical import LexicalIndex, analyse, words
from vectorstore.manifest import Snapshot

FETCH = 1000  # chunk rows per Chroma get
COGNATE_MIN, COGNATE_PREFIX = 7, 6  # a question's word of 7 letters or more, known by its first 6
COGNATE_MAX_SHARE = 0.25  # and found in at most a quarter of the passages


def terms_of(chunk: Chunk) -> list[str]:
    return analyse(chunk.embed_text, (chunk.language,))


class LexicalMirror:
    def __init__(self, index: LexicalIndex, collection) -> None:
        self.index = index
        self.col = collection
        self._synced: Snapshot | None = None
        self._lock = threading.Lock()

    def add(self, chunks: Sequence[Chunk]) -> None:
        self.index.add((c.id, c.doc_id, terms_of(c)) for c in chunks)

    def delete(self, ids: Sequence[str]) -> None:
        self.index.delete(ids)

    def ensure(self, entries: Sequence[ManifestEntry]) -> None:
        """Index every chunk of these versions (fetching from Chroma what is missing), then mark them."""
        ids = [cid for e in entries for cid in e.chunk_ids]
        missing = self.index.missing(ids)
        for i in range(0, len(missing), FETCH):
            got = self.col.get(ids=missing[i : i + FETCH], include=["metadatas"])
            self.index.add(
                (cid, meta.get("doc_id", ""), analyse(
                    compose_embed_text(meta.get("title", ""), meta.get("section", ""), meta.get("lead", ""), meta.get("text", "")),
                    (meta.get("language", "fr"),),
                ))
                for cid, meta in zip(got["ids"], got["metadatas"])
            )
        self.index.set_versions((e.doc_id, e.version) for e in entries)

    def sync(self, snap: Snapshot, *, wait: bool = False) -> None:
        """Catch up with `snap`. A question never waits for a catch-up already running elsewhere."""
        if self._synced is snap:
            return
        if not self._lock.acquire(blocking=wait or self._synced is None):
            return
        try:
            if self._synced is snap:
                return
            versions = self.index.versions()
            stale = [e for e in snap.entries.values() if versions.get(e.doc_id) != e.version]
            group: list[ManifestEntry] = []
            for entry in stale:
                group.append(entry)
                if sum(len(e.chunks) for e in group) >= FETCH:
                    self.ensure(group)
                    group = []
            self.ensure(group)
            gone = [d for d in versions if d not in snap.entries]
            self._drop_deleted([e.doc_id for e in stale] + gone, snap)
            self.index.forget_documents(gone)
            self._synced = snap
        finally:
            self._lock.release()

    def _drop_deleted(self, doc_ids: list[str], snap: Snapshot) -> None:
        if not doc_ids:
            return
        unlisted = [cid for cid in self.index.ids_of(doc_ids) if cid not in snap.live]
        present: set[str] = set()
        for i in range(0, len(unlisted), FETCH):
            present.update(self.col.get(ids=unlisted[i : i + FETCH], include=[])["ids"])
        self.index.delete([cid for cid in unlisted if cid not in present])

    def search(self, query: str, k: int, languages: Sequence[str], snap: Snapshot) -> list[tuple[str, float]]:
        self.sync(snap)
        terms = analyse(query, tuple(languages))
        if len(languages) > 1:
            terms += self.cognate_terms(query, tuple(languages))
        return self.index.search(terms, k, keep=snap.live.__contains__)

    def cognate_terms(self, query: str, languages: tuple[str, ...]) -> list[str]:
        """For a question searched in several languages, the indexed terms of its long words that no
        stem of theirs finds, by their first letters: the other language writes them alike
        ("audiovisual" finds "audiovisuel", "reconciliation" "reconcili"). A prefix that starts many
        terms is no sign of any; a term in many passages ("strateg" in every one) tells none apart."""
        stems = {w: analyse(w, languages) for w in words(query) if len(w) >= COGNATE_MIN and w.isalpha()}
        known = self.index.known([s for found in stems.values() for s in found])  # one read for every word
        out: list[str] = []
        for word, found in stems.items():
            if not known.intersection(found):
                out += self.index.starting(word[:COGNATE_PREFIX], limit=3)
        return [t for t, share in self.index.shares(out).items() if share <= COGNATE_MAX_SHARE]
