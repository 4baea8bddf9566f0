from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

VENV_BIN = Path(sys.executable).parent


@pytest.fixture(scope="session")
def e5():
    from vectorstore.embeddings import E5Embeddings

    return E5Embeddings()


@pytest.fixture
def store(settings, e5):
    from vectorstore.chroma_store import open_store

    return open_store(settings.store, e5)


@pytest.fixture
def ingest(settings, store):
    from ingest.service import IngestService

    service = IngestService.from_settings(settings, store)
    return service.ingest


def run_cli(*args: str, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    import os

    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [str(VENV_BIN / "balkans-qa"), *args], capture_output=True, text=True, env=full_env, timeout=timeout
    )


@pytest.fixture
def chroma_server(chroma_server_process):
    """The port of a real `chroma run` on 127.0.0.1, stopped after the test."""
    yield chroma_server_process[1]


@pytest.fixture
def chroma_server_process(tmp_path):
    """A real `chroma run` on 127.0.0.1 (the process and its port), stopped after the test: the
    benchmark's own server runner."""
    from bot.bench.run import chroma_server as run_chroma

    with run_chroma(tmp_path) as (port, proc):
        yield proc, port
