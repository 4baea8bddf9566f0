"""Shared fixtures. Every test carries exactly one level marker: unit, integration or e2e."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

ROOT = Path(__file__).resolve().parents[1]
CORPUS_FILE = ROOT / "data" / "corpus" / "strategie-francaise-balkans-occidentaux.fr.txt"
LEVELS = ("unit", "integration", "e2e")


def pytest_collection_modifyitems(config, items):
    for item in items:
        levels = [m.name for m in item.iter_markers() if m.name in LEVELS]
        if len(levels) != 1:
            raise pytest.UsageError(f"{item.nodeid} must carry exactly one of {LEVELS}, has {levels}")


@pytest.fixture
def strategy_text() -> str:
    return CORPUS_FILE.read_text(encoding="utf-8")


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(CORPUS_FILE, folder / CORPUS_FILE.name)
    return folder


@pytest.fixture
def settings(tmp_path: Path, corpus_dir: Path):
    from bot.settings import load_settings

    s = load_settings()
    s.store.path = tmp_path / "chroma"
    s.store.host = None
    s.ingest.corpus_dir = corpus_dir
    s.ui.feedback_path = tmp_path / "feedback.jsonl"
    return s


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
