"""Fixtures of the chat's unit tests: the real answer and ingest services over an embedded Chroma
with hashing embeddings, and a chat model scripted through the app's LLM registry."""

from __future__ import annotations

import pytest

from bot.llm.registry import register_llm
from bot.ui.app import ChatUI
from bot.wiring import answer_service
from tests.unit.fakes import HashingEmbeddings, ScriptedChat

C3BO = "Le C3BO a été inauguré le 9 décembre 2024 [1]."
QUESTION = "Quand le C3BO a-t-il été inauguré ?"


@pytest.fixture
def env(settings, corpus_dir, tmp_path):
    """(settings, store, ingest service) over the strategy, ingested once."""
    from ingest.service import IngestService
    from vectorstore.chroma_store import open_store

    settings.ui.history_path = tmp_path / "conversations.sqlite3"
    store = open_store(settings.store, HashingEmbeddings())
    ingest = IngestService.from_settings(settings, store)
    ingest.ingest([corpus_dir])
    a = settings.answer  # hashing embeddings score lower than e5: looser thresholds
    a.same_language_support, a.cross_language_support, a.min_relevance, a.quote_min_score = 0.3, 0.05, 0.05, 0.3
    return settings, store, ingest


@pytest.fixture
def make_ui(env):
    """make_ui(reply or chat model, wrap=None) -> ChatUI; `wrap` turns the real service into another."""
    settings, store, ingest = env

    def build(chat=C3BO, wrap=None):
        model = ScriptedChat(chat) if isinstance(chat, str) else chat
        register_llm("ui-test", lambda _s: model)
        settings.llm.backend = "ui-test"
        service = answer_service(settings, store)
        return ChatUI(wrap(service) if wrap else service, ingest, settings)

    return build


def ask(ui, question=QUESTION, key="s1"):
    """Submit then run to the end; returns (submit view, every run view)."""
    first = ui.chat.submit(key, question)
    return first, list(ui.chat.run(key))
