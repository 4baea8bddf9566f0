"""The rest of the chat's handlers: opening the page, the language, the conversation list (open,
new, delete) and the per-answer feedback (rating and comment, idempotent, logged as JSON lines)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from bot.ui.flow import ChatFlow
from bot.ui.history import ConversationStore
from bot.ui.labels import LANGS, page_language
from bot.ui.sessions import Sessions, View
from bot.ui.views import feedback_record


class ChatHandlers(ChatFlow):
    def __init__(self, service, store: ConversationStore, feedback_path: Path,
                 sessions: Sessions | None = None) -> None:
        super().__init__(service, store, sessions)
        self.feedback_path = Path(feedback_path)
        self._feedback_lock = threading.Lock()

    def load(self, key: str, owner: str = "", stored: dict | None = None, accept_language: str | None = None) -> View:
        """A page opens (or reloads): its language, and the conversation it showed, if it still exists."""
        s = self.sessions.get(key)
        stored = stored if isinstance(stored, dict) else {}
        s.owner = owner or ""
        s.lang = page_language(accept_language, stored.get("lang"))
        wanted = stored.get("conversation")
        s.conversation = wanted if isinstance(wanted, str) and self.store.get(wanted, s.owner) else None
        return self.view(s)

    def unload(self, key: str) -> None:
        """The tab is gone: an answer it was waiting for is stopped, which frees the model."""
        s = self.sessions.drop(key)
        if s is not None and s.job is not None:
            s.job.cancel.set()

    def set_language(self, key: str, lang: str) -> View:
        s = self.sessions.get(key)
        if lang in LANGS:
            s.lang = lang
        return self.view(s)

    # -- the conversation list ---------------------------------------------------------------
    def _leave(self, s) -> None:
        """Another conversation is shown: the answer being made, if any, is stopped."""
        if s.job is not None:
            s.job.cancel.set()
            s.job.live.stopping = True

    def new(self, key: str) -> View:
        s = self.sessions.get(key)
        self._leave(s)
        s.conversation = None
        return self.view(s)

    def open(self, key: str, conversation_id: str | None) -> View:
        s = self.sessions.get(key)
        if not conversation_id or self.store.get(conversation_id, s.owner) is None:
            return self.view(s)
        if conversation_id != s.conversation:
            self._leave(s)
            s.conversation = conversation_id
        return self.view(s)

    def delete(self, key: str, conversation_id: str | None) -> View:
        s = self.sessions.get(key)
        if not conversation_id:
            return View()
        if s.job is not None and s.job.conversation == conversation_id:
            self._leave(s)
        self.store.delete(conversation_id, s.owner)
        if s.conversation == conversation_id:
            s.conversation = None
        return self.view(s)

    # -- feedback ----------------------------------------------------------------------------
    def feedback(self, key: str, message_id: str | None, rating: str | None = None, comment: str | None = None) -> View:
        """Rate an answer (up/down) and/or comment on it. The same rating twice changes nothing;
        each change is one line in the feedback log (the last line of a message id is current)."""
        s = self.sessions.get(key)
        if not message_id or (rating not in ("up", "down", None)):
            return View()
        message = self.store.rate(message_id, s.owner, rating, comment)
        if message is None:
            return View(chat=self.chat_html(s))
        conv = self.store.get(s.conversation, s.owner)
        question = ""
        if conv:
            for before, m in zip(conv.messages, conv.messages[1:]):
                if m.id == message_id and before.role == "user":
                    question = before.text
        record = feedback_record(message, question, s.conversation or "")
        self.feedback_path.parent.mkdir(parents=True, exist_ok=True)
        with self._feedback_lock, self.feedback_path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        return View(chat=self.chat_html(s))
