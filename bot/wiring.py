"""Build components and services from the settings; nothing here runs at import time."""

from __future__ import annotations

from contextlib import contextmanager
from collections.abc import Iterator

from bot.settings import Settings


@contextmanager
def open_chunk_store(settings: Settings, *, exclusive: bool) -> Iterator:
    """The chunk store, holding the process lock an embedded store needs for as long as it is used."""
    from vectorstore.chroma_store import open_store
    from vectorstore.embeddings import make_embeddings
    from vectorstore.lock import StoreLock

    embeddings = make_embeddings(settings.embedding)
    if settings.store.host:
        yield open_store(settings.store, embeddings)
        return
    with StoreLock(settings.store.path, exclusive=exclusive, timeout_s=settings.store.lock_timeout_s):
        yield open_store(settings.store, embeddings)


def ingest_service(settings: Settings, store):
    from ingest.service import IngestService

    return IngestService.from_settings(settings, store)


def answer_service(settings: Settings, store):
    """The answer service over an open store; the LLM backend is created (not loaded) here."""
    from bot.answer import AnswerService
    from bot.citations import SentenceSupport
    from bot.llm.base import make_llm
    from bot.retrieval import HybridRetriever

    r = settings.retrieval
    retriever = HybridRetriever(store, mode=r.mode, dense_k=r.dense_k, bm25_k=r.bm25_k, rrf_k=r.rrf_k)
    support = SentenceSupport(store.embeddings, settings.answer.support_threshold)
    return AnswerService(retriever, make_llm(settings.llm), support, settings)
