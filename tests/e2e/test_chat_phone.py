"""The chat on a phone (390x844) in Chromium, the real local model: the first screen asks, a
citation opens its passage under the answer with a way back, the list of conversations is a drawer."""

import pytest

from tests.e2e.browser import DONE, PHONE, browser_context, open_page, wait_answer
from tests.e2e.conftest import ARTIFACTS

pytestmark = pytest.mark.e2e

IN_VIEW = "el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight && r.width > 0; }"


@pytest.fixture(scope="module")
def phone(chat_server):
    with browser_context(PHONE) as context:
        yield context, open_page(context, chat_server["url"])


def test_the_first_screen_invites_a_question(phone):
    _, page = phone
    page.wait_for_timeout(500)  # the drawer settles closed
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for selector in ("#chat .qa-empty .intro", "#chat button.example >> nth=0", "#question textarea", "#send"):
        assert page.locator(selector).evaluate(IN_VIEW), f"{selector} is not on the first screen"
    assert not page.locator("#sidebar").evaluate("el => el.classList.contains('open')")
    page.screenshot(path=str(ARTIFACTS / "phone-first-screen.png"))


def test_a_citation_opens_under_the_answer_with_a_way_back(phone):
    _, page = phone
    page.locator("#chat button.example").first.click()
    answer = wait_answer(page, "")
    # The answer's tools (copy, retry, the two ratings) stay on one row.
    tops = answer.locator(".toolbar .act").evaluate_all("els => els.map(e => Math.round(e.getBoundingClientRect().top))")
    assert len(tops) == 4 and len(set(tops)) == 1, tops
    link = answer.locator("a.cite").first
    link.click()
    card = page.locator(f"#{link.get_attribute('data-card')}")
    assert card.evaluate("(el, msg) => el.closest('.msg') === msg", answer.element_handle())
    page.wait_for_timeout(700)  # the smooth scroll
    assert card.locator("summary").evaluate(IN_VIEW)
    assert page.evaluate("window.scrollY") == 0 and page.locator("#question textarea").evaluate(IN_VIEW)
    page.screenshot(path=str(ARTIFACTS / "phone-passage.png"))
    card.get_by_role("button", name="Retour à la réponse").click()
    page.wait_for_timeout(700)
    assert page.evaluate("document.activeElement.classList.contains('cite')")
    assert link.evaluate(IN_VIEW)


def test_the_document_view_fills_the_screen_and_closes(phone):
    _, page = phone
    page.locator(f"{DONE} details.card[open] button[data-act=doc]").first.click()
    dialog = page.locator("#qa-doc-dialog[open]")
    dialog.wait_for(timeout=10000)
    assert dialog.locator(".chunk.target").evaluate(IN_VIEW)
    close = dialog.get_by_role("button", name="Fermer")
    assert close.evaluate(IN_VIEW)
    close.click()
    assert page.locator("#qa-doc-dialog[open]").count() == 0


def test_conversations_are_a_drawer_that_closes_when_one_is_chosen(phone):
    _, page = phone
    page.locator("#sidebar .toggle-button").click()
    drawer_item = page.locator("#conversations li.conv button.open").first
    drawer_item.wait_for(state="visible", timeout=5000)
    assert page.locator("#sidebar .toggle-button").get_attribute("aria-label") == "Afficher ou masquer les conversations"
    page.locator("#conversations button.new-conv").click()
    page.locator("#chat .qa-empty").wait_for(timeout=10000)
    page.wait_for_timeout(500)
    assert not page.locator("#sidebar").evaluate("el => el.classList.contains('open')")
    page.locator("#sidebar .toggle-button").click()
    page.locator("#conversations li.conv button.open").first.click()
    page.locator(f"{DONE} .answer").first.wait_for(timeout=10000)
    page.wait_for_timeout(500)
    assert not page.locator("#sidebar").evaluate("el => el.classList.contains('open')")


def test_nothing_is_loaded_from_other_hosts(phone):
    context, page = phone
    assert context.external == [] and page.dialogs == []
