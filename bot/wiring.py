"""The composition root: components and services built from the settings, in one place.

Entry points (the command line, the chat, the HTTP API, the LangChain adapter, the evaluation)
get their services from here; nothing here runs at import time."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from bot.settings import Settings

if TYPE_CHECKING:
    from bot.answer import AnswerService
    from bot.core.protocols import ChatModel, ChunkStore, Retriever
    from ingest.service import IngestService


@contextmanager
def open_chunk_store(settings: Settings, *, exclusive: bool) -> Iterator[ChunkStore]:
    """The chunk store, holding the process lock an embedded store needs for as long as it is used."""
    from vectorstore.chroma_store import open_store
    from vectorstore.embeddings import make_embeddings
    from vectorstore.lock import StoreLock

    embeddings = make_embeddings(settings.embedding)
    if settings.store.host:
        with open_store(settings.store, embeddings) as store:
            yield store
        return
    with StoreLock(settings.store.path, exclusive=exclusive, timeout_s=settings.store.lock_timeout_s):
        # Closed before the lock is released: a later open in this process sees other processes' writes.
        with open_store(settings.store, embeddings) as store:
            yield store


def ingest_service(settings: Settings, store: ChunkStore) -> IngestService:
    from ingest.service import IngestService

    return IngestService.from_settings(settings, store)


def make_retriever(settings: Settings, store: ChunkStore) -> Retriever:
    from bot.retrieval import HybridRetriever

    r = settings.retrieval
    return HybridRetriever(store, mode=r.mode, dense_k=r.dense_k, bm25_k=r.bm25_k, rrf_k=r.rrf_k)


def make_chat_model(settings: Settings) -> ChatModel | None:
    """The configured LLM backend, created but not loaded (None for the extractive mode)."""
    from bot.llm.registry import make_llm

    return make_llm(settings.llm)


_NO_MODEL = object()


def answer_service(
    settings: Settings,
    store: ChunkStore,
    *,
    llm: ChatModel | None | object = _NO_MODEL,
    retriever: Retriever | None = None,
) -> AnswerService:
    """The answer service over an open store. `llm` shares a model already created (the
    evaluation runs several configurations on one); by default the configured backend."""
    from bot.answer import AnswerService

    model = make_chat_model(settings) if llm is _NO_MODEL else llm
    return AnswerService(
        retriever or make_retriever(settings, store), model, store.embeddings, settings,
        knows=store.knows, term_shares=store.term_shares, headings=lambda chunk: _headings(store, chunk),
    )


def _headings(store: ChunkStore, chunk) -> list[dict]:
    """The headings of the document a passage belongs to, when the store holds that very version
    (a passage found while its document is being re-ingested is not given another version's)."""
    entry = store.manifest().get(chunk.doc_id)
    return entry.headings if entry is not None and entry.version == chunk.version else []
