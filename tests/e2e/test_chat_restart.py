"""Conversations survive a restart of the chat (real servers, Chromium): the same browser comes
back to the same conversation with its rating, and a deleted one stays deleted. The answers are
the extractive backend's (no model to load twice: this is about what is kept, not how it is written)."""

import os
import shutil
import subprocess
from contextlib import contextmanager

import pytest

from tests.conftest import CORPUS_FILE, free_port
from tests.e2e.browser import DONE, ask, browser_context, open_page
from tests.e2e.conftest import ARTIFACTS, VENV_BIN, wait_http

pytestmark = pytest.mark.e2e


@contextmanager
def serve(tmp, port):
    """`balkans-qa chat` over the store, corpus and conversations in `tmp`."""
    env = {
        **os.environ,
        "BALKANS_QA_INGEST__CORPUS_DIR": str(tmp / "corpus"),
        "BALKANS_QA_UI__FEEDBACK_PATH": str(tmp / "feedback.jsonl"),
        "BALKANS_QA_UI__HISTORY_PATH": str(tmp / "conversations.sqlite3"),
    }
    with (tmp / "server.log").open("a") as log:
        proc = subprocess.Popen(
            [str(VENV_BIN / "balkans-qa"), "chat", "--port", str(port), "--store", str(tmp / "chroma"),
             "--llm", "extractive"],
            env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        try:
            wait_http(f"http://127.0.0.1:{port}/", proc)
            yield f"http://127.0.0.1:{port}/"
        finally:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
            ARTIFACTS.mkdir(exist_ok=True)
            shutil.copy(tmp / "server.log", ARTIFACTS / "chat-restart-server.log")


def test_a_conversation_and_its_rating_survive_a_restart(tmp_path):
    (tmp_path / "corpus").mkdir()
    shutil.copy(CORPUS_FILE, tmp_path / "corpus" / CORPUS_FILE.name)
    port = free_port()
    with browser_context() as context:
        with serve(tmp_path, port) as url:
            page = open_page(context, url)
            answer = ask(page, "Quand le C3BO a-t-il été inauguré ?")
            answer.get_by_role("button", name="Réponse utile").click()
            page.locator(f'{DONE} .rate-up[aria-pressed="true"]').wait_for(timeout=10000)
            page.close()
        with serve(tmp_path, port) as url:
            page = open_page(context, url)  # the same browser: it comes back to its conversation
            answer = page.locator(DONE).last
            answer.wait_for(timeout=30000)
            assert "9 décembre 2024" in answer.inner_text()
            assert answer.locator('.rate-up[aria-pressed="true"]').count() == 1
            item = page.locator("#conversations li.conv")
            assert item.count() == 1 and "C3BO" in item.inner_text()
            item.locator("button.del").click()
            item.locator(".confirm").get_by_role("button", name="Supprimer").click()
            page.locator("#chat .qa-empty").wait_for(timeout=10000)
            page.reload(wait_until="domcontentloaded")
            page.locator("#chat .qa-empty").wait_for(timeout=60000)
            assert page.locator("#conversations li.conv").count() == 0
    assert context.external == []
