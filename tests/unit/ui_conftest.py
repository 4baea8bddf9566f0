"""Fixtures of the chat's unit tests: the real answer and ingest services over an embedded Chroma
with hashing embeddings, and a chat model scripted through the app's LLM registry."""

from __future__ import annotations

import pytest

from bot.ui.app import ChatUI
from bot.wiring import answer_service
from tests.unit.scripted_store import ingest_with_hashing, use_scripted

C3BO = "Le C3BO a été inauguré le 9 décembre 2024 [1]."
QUESTION = "Quand le C3BO a-t-il été inauguré ?"


@pytest.fixture
def env(settings, corpus_dir, tmp_path):
    """(settings, store, ingest service) over the strategy, ingested once."""
    settings.ui.history_path = tmp_path / "conversations.sqlite3"
    store, ingest = ingest_with_hashing(settings, corpus_dir)
    return settings, store, ingest


@pytest.fixture
def make_ui(env):
    """make_ui(reply or chat model, wrap=None) -> ChatUI; `wrap` turns the real service into another."""
    settings, store, ingest = env

    def build(chat=C3BO, wrap=None):
        use_scripted(settings, chat, "ui-test")
        service = answer_service(settings, store)
        return ChatUI(wrap(service) if wrap else service, ingest, settings)

    return build


def ask(ui, question=QUESTION, key="s1"):
    """Submit then run to the end; returns (submit view, every run view)."""
    first = ui.chat.submit(key, question)
    return first, list(ui.chat.run(key))
