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
    # Hashing vectors are far coarser than e5: thresholds for them, not for the product.
    a = settings.answer
    a.same_language_support, a.cross_language_support, a.min_relevance, a.quote_min_score = 0.3, 0.05, 0.05, 0.3

    def use(model):
        chat = ScriptedChat(model) if isinstance(model, str) else model
        register_llm("entry-test", lambda _settings: chat)
        settings.llm.backend = "entry-test"
        return chat

    return store, use
