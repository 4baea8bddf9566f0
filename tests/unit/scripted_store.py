"""A fixture for the entry-point tests: the real strategy ingested into a real embedded Chroma
(hashing embeddings), and a scripted chat model registered through the app's LLM registry."""

from __future__ import annotations

import pytest

from bot.llm.registry import register_llm
from tests.unit.fakes import HashingEmbeddings, ScriptedChat


@pytest.fixture
def scripted_store(settings, corpus_dir):
    """(store, use): `use(reply_or_model)` makes `settings` select that scripted model."""
    from ingest.service import IngestService
    from vectorstore.chroma_store import open_store

    store = open_store(settings.store, HashingEmbeddings())
    IngestService.from_settings(settings, store).ingest([corpus_dir])
    settings.answer.support_threshold = 0.3
    settings.answer.min_relevance = 0.05

    def use(model):
        chat = ScriptedChat(model) if isinstance(model, str) else model
        register_llm("entry-test", lambda _settings: chat)
        settings.llm.backend = "entry-test"
        return chat

    return store, use
