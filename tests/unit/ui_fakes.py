"""Stand-ins for the chat's unit tests: answer streams in the shape of bot.core.events, built from
the real answer service's answers (real Chroma, hashing embeddings, a scripted model)."""

from __future__ import annotations

import re
import threading
import time

from bot.core.events import Evidence, Final, Sentence, Status, Token
from bot.core.text import split_sentences

MARK = re.compile(r"\[(\d{1,2})\]")


class ReplayService:
    """The real service's answer, streamed the way the answer service announces it: status,
    the evidence at once, the draft, then each checked sentence with its citations, then Final."""

    def __init__(self, inner, delay: float = 0.0, draft: str | None = None) -> None:
        self.inner = inner
        self.delay = delay
        self.draft = draft
        self.closed = 0
        self.started = threading.Event()

    def ask(self, question, history=(), lang="auto"):
        return self.inner.ask(question, history, lang)

    def stream(self, question, history=(), lang="auto"):
        try:
            yield Status("retrieving")
            answer = self.inner.ask(question, history, lang)
            yield Evidence(tuple(answer.citations or answer.evidence))
            yield Status("waiting", ahead=1)
            yield Status("reading")
            yield Status("writing")
            self.started.set()
            for piece in re.findall(r"\S+\s*", self.draft if self.draft is not None else answer.raw_answer or answer.answer):
                time.sleep(self.delay)
                yield Token(piece)
            yield Status("checking")
            if answer.mode == "answer":
                by_n = {c.n: c for c in answer.citations}
                for s, e in split_sentences(answer.answer):
                    text = answer.answer[s:e]
                    cites = tuple(by_n[int(n)] for n in MARK.findall(text) if int(n) in by_n)
                    time.sleep(self.delay)
                    yield Sentence(text, cites)
            yield Final(answer)
        finally:
            self.closed += 1


class EndlessService:
    """Writes a draft forever (until its stream is closed): for Stop."""

    def __init__(self) -> None:
        self.closed = threading.Event()
        self.tokens = 0

    def stream(self, question, history=(), lang="auto"):
        try:
            yield Status("retrieving")
            yield Status("writing")
            while True:
                self.tokens += 1
                yield Token("mot ")
                time.sleep(0.01)
        finally:
            self.closed.set()


class SilentService:
    """Waits for the model without a word (like a long queue) until released: for Stop."""

    def __init__(self) -> None:
        self.waiting = threading.Event()
        self.release = threading.Event()
        self.closed = threading.Event()
        self.wrote = False

    def stream(self, question, history=(), lang="auto"):
        try:
            yield Status("waiting", ahead=1)
            self.waiting.set()
            self.release.wait(30)
            yield Status("reading")
            self.wrote = True
            yield Token("trop tard")
        finally:
            self.closed.set()
