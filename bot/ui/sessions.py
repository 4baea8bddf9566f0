"""Per-tab state of the chat, kept on the server: the page language, the conversation shown and the
answer being made (at most one per tab), plus what a handler asks the page to change."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from bot.core.records import Answer, Turn
from bot.ui.views import Live


@dataclass
class Job:
    """One answer being made: the question, the conversation before it, and how far it got."""

    conversation: str
    question: str
    history: list[Turn]
    live: Live
    cancel: threading.Event = field(default_factory=threading.Event)
    started: bool = False
    result: Answer | None = None
    error: str | None = None


@dataclass
class Session:
    key: str
    owner: str = ""
    lang: str = "fr"
    conversation: str | None = None
    job: Job | None = None

    @property
    def busy(self) -> bool:
        return self.job is not None


@dataclass
class View:
    """What a handler changes on the page; None leaves that part as it is."""

    chat: str | None = None
    sidebar: str | None = None
    busy: bool | None = None
    box: str | None = None  # "" empties the question box; None never touches it
    stored: dict | None = None  # what the browser keeps across reloads


class Sessions:
    """Sessions by key (Gradio's session hash), the oldest idle ones dropped past `capacity`."""

    def __init__(self, capacity: int = 2000) -> None:
        self._items: OrderedDict[str, Session] = OrderedDict()
        self._lock = threading.Lock()
        self.capacity = capacity

    def get(self, key: str) -> Session:
        with self._lock:
            session = self._items.get(key)
            if session is None:
                session = self._items[key] = Session(key)
                self._trim()
            self._items.move_to_end(key)
            return session

    def drop(self, key: str) -> Session | None:
        with self._lock:
            return self._items.pop(key, None)

    def _trim(self) -> None:
        for key in list(self._items):
            if len(self._items) <= self.capacity:
                break
            if not self._items[key].busy:
                del self._items[key]
