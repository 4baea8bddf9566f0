"""Hybrid retrieval: dense (e5 in Chroma) and lexical (BM25) rankings fused by reciprocal rank."""

from __future__ import annotations

import threading
from collections.abc import Sequence

from bot.bm25 import BM25Index
from bot.core.errors import EmptyStoreError
from bot.core.protocols import ChunkStore
from bot.core.records import Chunk
from bot.core.text import analyse


def rrf_fuse(rankings: Sequence[Sequence[str]], k: int = 60) -> list[tuple[str, float]]:
    """Reciprocal rank fusion of several ranked id lists: sum of 1 / (k + rank)."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, cid in enumerate(ranking, 1):
            scores[cid] = scores.get(cid, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda x: (-x[1], x[0]))


class HybridRetriever:
    def __init__(
        self,
        store: ChunkStore,
        *,
        mode: str = "hybrid",
        dense_k: int = 8,
        bm25_k: int = 8,
        rrf_k: int = 60,
    ) -> None:
        self.store = store
        self.mode = mode
        self.dense_k, self.bm25_k, self.rrf_k = dense_k, bm25_k, rrf_k
        self._lock = threading.Lock()
        self._generation: tuple | None = None
        self._chunks: list[Chunk] = []
        self._bm25: BM25Index | None = None

    def _refresh(self):
        """Rebuild the lexical index when the manifest (the set of visible versions) changed."""
        manifest = self.store.manifest()
        generation = tuple(sorted((d, e.version, e.ingested_at) for d, e in manifest.items()))
        with self._lock:
            if generation != self._generation:
                chunks = self.store.active_chunks(manifest)
                self._bm25 = BM25Index([analyse(c.embed_text, (c.language,)) for c in chunks])
                self._chunks = chunks
                self._generation = generation
            return manifest, self._chunks, self._bm25

    def retrieve(self, query: str, k: int, *, query_language: str = "fr") -> list[Chunk]:
        manifest, chunks, bm25 = self._refresh()
        if not chunks:
            raise EmptyStoreError("the store is empty: run `balkans-qa ingest` first")
        by_id = {c.id: c for c in chunks}
        rankings: list[list[str]] = []
        dense_scores: dict[str, float] = {}
        if self.mode in ("hybrid", "dense"):
            hits = self.store.query(self.store.embeddings.embed_query(query), self.dense_k, manifest)
            rankings.append([h.id for h in hits])
            dense_scores = {h.id: h.score for h in hits}
        if self.mode in ("hybrid", "bm25"):
            langs = tuple(dict.fromkeys((query_language, *{c.language for c in chunks})))
            top = bm25.top(analyse(query, langs), self.bm25_k)
            rankings.append([chunks[i].id for i, _ in top])
        fused = rrf_fuse(rankings, self.rrf_k)[:k]
        out = []
        for cid, score in fused:
            chunk = by_id.get(cid)
            if chunk is None:
                continue
            out.append(chunk.with_score(dense_scores.get(cid, 0.0)))
        return out

    def all_chunks(self) -> list[Chunk]:
        return self._refresh()[1]
