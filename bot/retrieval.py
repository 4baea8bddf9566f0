"""Hybrid retrieval: dense (e5 in Chroma) and lexical (BM25) rankings fused by reciprocal rank.

Per question: one small read to check the manifest's generation, one Chroma query, one lexical
search over the few terms of the question, and one Chroma `get` for the winners the dense search
did not return already. Nothing here grows with the store, and an ingest never blocks a question.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.errors import EmptyStoreError, StoreUnavailableError, UserError, is_disconnect
from bot.core.protocols import ChunkStore
from bot.core.records import Chunk


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
        self._languages: tuple[int, tuple[str, ...]] = (0, ())
        self._pool = None  # one thread: the lexical search runs while Chroma answers the dense one

    def _lexical_in_background(self, *args, **kwargs):
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lexical")
        return self._pool.submit(self.store.lexical_search, *args, **kwargs)

    def warm_up(self) -> None:
        """Load the manifest and catch the lexical index up before the first question."""
        self.store.warm_up()

    def _store_languages(self, manifest: dict) -> tuple[str, ...]:
        if self._languages[0] != id(manifest):
            self._languages = (id(manifest), tuple(sorted({e.language for e in manifest.values()})))
        return self._languages[1]

    def retrieve(self, query: str, k: int, *, query_language: str = "fr", dense_kept: int = 0) -> list[Chunk]:
        """The k best chunks by fused rank; then the dense search's best `dense_kept` the fusion
        left out (hybrid mode only: a passage close in meaning that shares few of the question's
        words loses to passages both searches rank lower)."""
        try:
            with self.store.reading():
                return self._retrieve(query, k, query_language, max(dense_kept, 0))
        except UserError:
            raise
        except Exception as exc:
            if is_disconnect(exc):  # a Chroma server that died after the start
                raise StoreUnavailableError(
                    f"the Chroma server stopped answering ({type(exc).__name__}): start it again, then retry"
                ) from exc
            raise

    def _retrieve(self, query: str, k: int, query_language: str, dense_kept: int) -> list[Chunk]:
        manifest = self.store.manifest()
        if not manifest:
            raise EmptyStoreError("the store is empty: run `balkans-qa ingest` first")
        rankings: list[list[str]] = []
        found: dict[str, Chunk] = {}
        lexical = None
        if self.mode in ("hybrid", "bm25"):
            langs = tuple(dict.fromkeys((query_language, *self._store_languages(manifest))))
            args = (query, self.bm25_k)
            kwargs = {"languages": langs, "manifest": manifest}
            lexical = self._lexical_in_background(*args, **kwargs) if self.mode == "hybrid" else None
            top = self.store.lexical_search(*args, **kwargs) if lexical is None else None
        if self.mode in ("hybrid", "dense"):
            hits = self.store.query(self.store.embeddings.embed_query(query), self.dense_k, manifest)
            rankings.append([h.id for h in hits])
            found.update((h.id, h) for h in hits)
        if self.mode in ("hybrid", "bm25"):
            top = lexical.result() if lexical is not None else top
            rankings.append([cid for cid, _ in top])
        fused = [cid for cid, _ in rrf_fuse(rankings, self.rrf_k)[:k]]
        if self.mode == "hybrid" and dense_kept:  # rankings[0] is the dense one
            fused += [cid for cid in rankings[0][:dense_kept] if cid not in fused]
        missing = [cid for cid in fused if cid not in found]
        if missing:
            found.update((c.id, c.with_score(0.0)) for c in self.store.get_chunks(missing, manifest))
        return [found[cid] for cid in fused if cid in found]
