"""The chat in a real browser: Debian's chromium driven by Playwright, the real local model."""

import time

import pytest

from tests.conftest import CORPUS_FILE
from tests.e2e.conftest import ARTIFACTS

pytestmark = pytest.mark.e2e

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
XSS = "<img src=x onerror=\"window.__xss=1;alert(1)\">"


@pytest.fixture(scope="module")
def browser_page(chat_server):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        page = browser.new_page(viewport={"width": 1300, "height": 1000})
        page.external = []
        page.dialogs = []
        page.on("request", lambda r: page.external.append(r.url)
                if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        page.goto(chat_server["url"], wait_until="domcontentloaded")
        page.locator("#question textarea").wait_for(timeout=60000)
        yield page
        browser.close()


def bot_messages(page):
    return page.locator('#chat [data-testid="bot"]')


def ask(page, question: str, timeout_s: float = 120) -> tuple[str, list[str]]:
    """Type and send; return the final bot message text and the distinct texts seen while streaming.

    Done means: our status line went through a working state (🔎/✍️/🔁) for this question and
    then shows the answer's timings (or an error), and the last bot message is no placeholder."""
    before = bot_messages(page).count()
    page.locator("#question textarea").fill(question)
    page.locator("#send").click()
    seen: list[str] = []
    working = False
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        count = bot_messages(page).count()
        text = bot_messages(page).last.inner_text() if count > before else ""
        if text and (not seen or seen[-1] != text):
            seen.append(text)
        status = page.locator("#status").inner_text()
        working = working or any(mark in status for mark in ("🔎", "✍", "🔁"))
        done = "Réponse en" in status or "Answered in" in status or "⚠" in status
        if working and done and count > before and text.strip() not in ("", "…"):
            break
        time.sleep(0.1)
    else:
        raise AssertionError(f"no answer to {question!r}; seen {seen}")
    return bot_messages(page).last.inner_text(), seen


def test_french_question_streams_and_its_citation_opens_the_passage(browser_page):
    page = browser_page
    text, seen = ask(page, "Quand le C3BO a-t-il été inauguré ?")
    assert "9 décembre 2024" in text
    assert len(seen) >= 2, f"the answer did not stream: {seen}"
    assert "[n]" not in text
    link = bot_messages(page).last.locator('a[href^="#cite-"]').first
    target = link.get_attribute("href")[1:]
    page.locator(f"#{target}").evaluate("el => el.open = false")
    link.click()
    passage = page.locator(f"#{target}")
    assert passage.evaluate("el => el.open")
    assert "9 décembre 2024" in passage.locator("mark").inner_text()
    assert "Contribuer à la paix" in passage.inner_text()
    page.screenshot(path=str(ARTIFACTS / "chat-french.png"), full_page=True)
    assert "Réponse en" in page.locator("#status").inner_text()


def test_english_question_gets_an_english_answer(browser_page):
    text, _ = ask(browser_page, "Where is the interministerial security expertise hub based?")
    assert "Belgrade" in text
    assert " is " in text or " based " in text
    assert browser_page.locator("#sources details.citation").count() >= 1
    browser_page.screenshot(path=str(ARTIFACTS / "chat-english.png"), full_page=True)


def test_script_in_a_question_does_not_execute(browser_page):
    page = browser_page
    text, _ = ask(page, f"{XSS} Où est basé le C3BO ?")
    user_bubbles = page.locator('#chat [data-testid="user"]')
    assert "<img src=x" in user_bubbles.last.inner_text()
    assert page.evaluate("window.__xss") is None
    assert page.dialogs == []


def test_uploaded_edit_is_answered_and_a_script_in_a_document_does_not_execute(browser_page, chat_server, tmp_path):
    page = browser_page
    edited = tmp_path / CORPUS_FILE.name
    edited.write_text(
        CORPUS_FILE.read_text(encoding="utf-8").replace("Inauguré le 9 décembre 2024", "Inauguré le 12 janvier 2025")
        + f"\nLe bureau de liaison culturelle {XSS} est situé à Tirana.\n",
        encoding="utf-8",
    )
    page.get_by_role("tab", name="Documents").click()
    page.locator("#upload input[type=file]").set_input_files(str(edited))
    page.wait_for_timeout(1500)
    page.locator("#ingest").click()
    page.locator("#ingest-report").get_by_text("updated").wait_for(timeout=120000)
    page.screenshot(path=str(ARTIFACTS / "documents-upload.png"), full_page=True)
    assert "janvier 2025" in (chat_server["corpus"] / CORPUS_FILE.name).read_text(encoding="utf-8")
    page.get_by_role("tab", name="Questions").click()
    page.locator("#new-conversation").click()
    deadline = time.monotonic() + 20
    while bot_messages(page).count() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert bot_messages(page).count() == 0, "New conversation did not clear the chat"
    text, _ = ask(page, "Quand le C3BO a-t-il été inauguré ?")
    assert "12 janvier 2025" in text
    _, _ = ask(page, "Où est situé le bureau de liaison culturelle ?")
    assert "Tirana" in page.locator("#sources").inner_text()
    assert page.evaluate("window.__xss") is None
    assert page.dialogs == []


def test_the_page_loads_nothing_from_other_hosts(browser_page):
    assert browser_page.external == []
