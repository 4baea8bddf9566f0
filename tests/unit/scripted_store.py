"""The real strategy ingested into a real embedded Chroma (hashing embeddings), and a scripted chat
model registered through the app's LLM registry: the helpers every service and entry-point unit
test builds on, and the `scripted_store` fixture."""

from __future__ import annotations

import pytest

from bot.llm.registry import register_llm
from tests.unit.fakes import HashingEmbeddings, ScriptedChat


def ingest_with_hashing(settings, corpus_dir):
    """(store, ingest service) over the strategy, ingested once; answer thresholds for hashing
    vectors, which are far coarser than e5 (thresholds for them, not for the product)."""
    from ingest.service import IngestService
    from vectorstore.chroma_store import open_store

    store = open_store(settings.store, HashingEmbeddings())
    ingest = IngestService.from_settings(settings, store)
    ingest.ingest([corpus_dir])
    a = settings.answer
    a.same_language_support, a.cross_language_support, a.min_relevance, a.quote_min_score = 0.3, 0.05, 0.05, 0.3
    return store, ingest


def use_scripted(settings, model, name: str = "scripted"):
    """Make `settings` select `model` (a reply, scripted, or a chat model) through the registry."""
    chat = ScriptedChat(model) if isinstance(model, str) else model
    register_llm(name, lambda _settings: chat)
    settings.llm.backend = name
    return chat


@pytest.fixture
def scripted_store(settings, corpus_dir):
    """(store, use): `use(reply_or_model)` makes `settings` select that scripted model."""
    store, _ = ingest_with_hashing(settings, corpus_dir)
    return store, lambda model: use_scripted(settings, model, "entry-test")
