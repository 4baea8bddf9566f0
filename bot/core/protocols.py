"""The small interfaces between components. A second implementation (a reranker, another store,
another model server) satisfies one of these and is one new file plus one line of wiring."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Protocol, runtime_checkable

from bot.core.records import Chunk, ManifestEntry

Message = dict[str, str]  # {"role": "system"|"user"|"assistant", "content": str}


@runtime_checkable
class Embedder(Protocol):
    """LangChain's `Embeddings` interface plus the exact identity of the model behind the vectors."""

    identity: str

    @property
    def fingerprint(self) -> str: ...

    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


@runtime_checkable
class ChunkStore(Protocol):
    """Chunk vectors plus a manifest that makes each document's version switch atomic, and a
    lexical index of the same chunks. Reading is cheap while nothing changed: `manifest()` returns
    a cached dict (the same object until the store changes)."""

    embeddings: Embedder

    def manifest(self) -> dict[str, ManifestEntry]: ...

    def commit(self, entry: ManifestEntry) -> None: ...

    def commit_many(self, entries: list[ManifestEntry]) -> None: ...

    def withdraw(self, doc_id: str) -> None: ...

    def existing_ids(self, ids: Sequence[str]) -> set[str]: ...

    def sections(self, ids: Sequence[str]) -> dict[str, str]: ...

    def add(self, chunks: list[Chunk], vectors: list[list[float]]) -> None: ...

    def delete(self, ids: Iterable[str]) -> int: ...

    def sweep_orphans(self, manifest: dict[str, ManifestEntry] | None = None) -> int: ...

    def warm_up(self) -> None: ...

    def reading(self) -> AbstractContextManager[None]:
        """Held around a question: the store's own writes let it finish first."""
        ...

    def active_chunks(self, manifest: dict[str, ManifestEntry] | None = None) -> list[Chunk]:
        """Every visible chunk (O(store): tools and evaluation only)."""
        ...

    def get_chunks(self, ids: Sequence[str], manifest: dict[str, ManifestEntry] | None = None) -> list[Chunk]: ...

    def query(self, vector: list[float], k: int, manifest: dict[str, ManifestEntry] | None = None) -> list[Chunk]: ...

    def lexical_search(
        self, query: str, k: int, *, languages: Sequence[str], manifest: dict[str, ManifestEntry] | None = None
    ) -> list[tuple[str, float]]: ...

    def knows(self, word: str, languages: Sequence[str] = ("fr", "en")) -> bool:
        """Some chunk holds `word` (one of its stems): the corpus writes this name or term."""
        ...

    def term_shares(self, stems: Sequence[str]) -> dict[str, float]:
        """The share of chunks holding each stem (as the lexical index stems words)."""
        ...


@runtime_checkable
class Retriever(Protocol):
    """Ranks the visible chunks for a question, best first (scores in `Chunk.score`)."""

    def retrieve(self, query: str, k: int, *, query_language: str = "fr", dense_kept: int = 0) -> list[Chunk]:
        """The k best chunks; then, when fusing rankings left them out, the dense ranking's best
        `dense_kept` (a retriever without one ignores it)."""
        ...

    def warm_up(self) -> None:
        """Do once, before the first question, what would otherwise make it slow."""
        ...


@runtime_checkable
class ChatModel(Protocol):
    name: str

    def stream(self, messages: list[Message], *, max_tokens: int) -> Iterator[str]:
        """Yield the reply's text pieces as they are generated."""
        ...
