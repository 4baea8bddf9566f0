from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import free_port

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
    """A real `chroma run` on 127.0.0.1 (the process and its port), stopped after the test."""
    port = free_port()
    data = tmp_path / "server-data"
    proc = subprocess.Popen(
        [str(VENV_BIN / "chroma"), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or proc.poll() is not None:
            proc.kill()
            raise RuntimeError("chroma server did not start")
        time.sleep(0.2)
    yield proc, port
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
