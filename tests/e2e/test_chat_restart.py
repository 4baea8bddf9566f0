"""Conversations survive a restart of the chat (real servers, Chromium): the same browser comes
back to the same conversation with its rating, and a deleted one stays deleted. The answers are
the extractive backend's (no model to load twice: this is about what is kept, not how it is written)."""

import pytest

from tests.conftest import free_port
from tests.e2e.browser import DONE, ask, browser_context, open_page
from tests.e2e.conftest import serve_chat

pytestmark = pytest.mark.e2e


def test_a_conversation_and_its_rating_survive_a_restart(tmp_path):
    port = free_port()
    log = "chat-restart-server.log"
    with browser_context() as context:
        with serve_chat(tmp_path, "--llm", "extractive", port=port, log_name=log) as server:
            page = open_page(context, server["url"])
            answer = ask(page, "Quand le C3BO a-t-il été inauguré ?")
            answer.get_by_role("button", name="Réponse utile").click()
            page.locator(f'{DONE} .rate-up[aria-pressed="true"]').wait_for(timeout=10000)
            page.close()
        with serve_chat(tmp_path, "--llm", "extractive", port=port, log_name=log) as server:
            page = open_page(context, server["url"])  # the same browser: it comes back to its conversation
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
