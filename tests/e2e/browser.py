"""Helpers of the browser tests: Debian's chromium driven by Playwright, waits on the page itself."""

from __future__ import annotations

from contextlib import contextmanager

from tests.e2e.conftest import ARTIFACTS

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
DONE = "#chat .msg.assistant:not(.working)"

# Records, for every change of the answer being made, what was shown as the answer and as the draft.
RECORDER = """
() => {
  window.__seen = [];
  const chat = document.querySelector('#chat');
  new MutationObserver(() => {
    const w = chat.querySelector('.msg.working');
    if (!w) return;
    const answer = w.querySelector('.answer');
    const draft = w.querySelector('.draft');
    window.__seen.push({answer: answer ? answer.innerText : '', draft: draft ? draft.innerText : '',
                        evidence: !!w.querySelector('.sources')});
  }).observe(chat, {subtree: true, childList: true, characterData: true});
}
"""

# The WCAG contrast ratio of an element's text against the background it sits on.
CONTRAST = """
([selector, pseudo]) => {
  const el = document.querySelector(selector);
  if (!el) return null;
  const parse = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const fg = parse(getComputedStyle(el, pseudo || null).color);
  let node = el, bg = null;
  while (node && node.nodeType === 1) {
    const c = parse(getComputedStyle(node).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) { bg = c.slice(0, 3); break; }
    node = node.parentElement;
  }
  bg = bg || [255, 255, 255];
  const [a, b] = [lum(fg.slice(0, 3)), lum(bg)].sort((x, y) => y - x);
  return Math.round(((a + 0.05) / (b + 0.05)) * 100) / 100;
}
"""


@contextmanager
def browser_context(viewport=DESKTOP, locale="fr-FR"):
    """A fresh Chromium context; `context.external` collects requests to any host but 127.0.0.1."""
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        context = browser.new_context(viewport=viewport, locale=locale)
        context.external = []
        context.on("request", lambda r: context.external.append(r.url)
                   if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
        try:
            yield context
        finally:
            browser.close()


def open_page(context, url: str):
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.goto(url, wait_until="domcontentloaded")
    page.locator("#question textarea").wait_for(timeout=60000)
    page.locator("#chat .qa-chat").wait_for(timeout=60000)
    page.evaluate(RECORDER)
    return page


def last_answer_id(page) -> str:
    done = page.locator(DONE)
    return done.last.get_attribute("data-msg") if done.count() else ""


def wait_answer(page, previous: str, timeout_s: float = 180):
    """Until the last finished answer is a new one (not `previous`) and the chat is idle again;
    returns its locator."""
    page.wait_for_function(
        """previous => {
             const done = document.querySelectorAll('#chat .msg.assistant:not(.working)');
             const last = done[done.length - 1];
             return !!last && last.dataset.msg !== previous
                    && document.querySelector('#chat .qa-chat').dataset.busy === '0';
           }""",
        arg=previous, timeout=timeout_s * 1000,
    )
    return page.locator(DONE).last


def ask(page, question: str, timeout_s: float = 180):
    """Type, send, wait for the answer; returns the locator of the finished answer."""
    previous = last_answer_id(page)
    page.locator("#question textarea").fill(question)
    page.locator("#send").click()
    return wait_answer(page, previous, timeout_s)


def contrast(page, selector: str, pseudo: str | None = None) -> float | None:
    return page.evaluate(CONTRAST, [selector, pseudo])
