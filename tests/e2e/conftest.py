from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.conftest import CORPUS_FILE, ROOT, free_port

VENV_BIN = Path(sys.executable).parent
ARTIFACTS = ROOT / "test-artifacts"


def wait_http(url: str, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not come up")


@contextmanager
def serve_chat(
    tmp: Path, *args: str, env: dict | None = None, log_name: str = "chat-server.log", port: int | None = None
):
    """`balkans-qa chat` (real local model unless `args` say otherwise) on its own store and
    corpus copy in `tmp`, with extra environment variables; stopped on exit, its log kept. Served
    again on the same `tmp` and `port`, it is the same chat restarted (store, conversations, log)."""
    corpus = tmp / "corpus"
    corpus.mkdir(exist_ok=True)
    shutil.copy(CORPUS_FILE, corpus / CORPUS_FILE.name)
    port = port or free_port()
    full_env = {
        **os.environ,
        "BALKANS_QA_INGEST__CORPUS_DIR": str(corpus),
        "BALKANS_QA_UI__FEEDBACK_PATH": str(tmp / "feedback.jsonl"),
        "BALKANS_QA_UI__HISTORY_PATH": str(tmp / "conversations.sqlite3"),
        **(env or {}),
    }
    log = (tmp / "server.log").open("a")
    proc = subprocess.Popen(
        [str(VENV_BIN / "balkans-qa"), "chat", "--port", str(port), "--store", str(tmp / "chroma"), *args],
        env=full_env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_http(url, proc)
        yield {"url": url, "corpus": corpus, "tmp": tmp, "proc": proc}
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        ARTIFACTS.mkdir(exist_ok=True)
        shutil.copy(tmp / "server.log", ARTIFACTS / log_name)


@pytest.fixture(scope="module")
def chat_server(tmp_path_factory):
    """`balkans-qa chat` with the real local model, on its own store and corpus copy."""
    with serve_chat(tmp_path_factory.mktemp("chat")) as server:
        yield server


@pytest.fixture(scope="session")
def local_model_path():
    from bot.settings import DEFAULT_MODEL_FILE

    if not DEFAULT_MODEL_FILE.is_file():
        pytest.fail(f"the local model is missing at {DEFAULT_MODEL_FILE}: run scripts/setup.sh")
    return DEFAULT_MODEL_FILE
