"""Conversations kept in a local SQLite file, so that they survive reloads and restarts.

One row per conversation (its owner: the signed-in user name, or "" for a local chat) and one row
per message, in order. An answer is stored as the JSON the chat renders it from (its text,
citations with their passages, timings), with the reader's rating and comment."""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    title TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS conversations_owner ON conversations(owner, updated);
CREATE TABLE IF NOT EXISTS messages (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
    text TEXT NOT NULL,
    data TEXT NOT NULL DEFAULT '{}',
    rating TEXT CHECK (rating IN ('up', 'down')),
    comment TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_conversation ON messages(conversation_id, position);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def new_id(prefix: str = "m") -> str:
    """A short random id that starts with a letter (so it is also a valid CSS selector)."""
    return prefix + uuid.uuid4().hex[:12]


@dataclass
class Message:
    id: str
    role: str  # user | assistant
    text: str
    data: dict = field(default_factory=dict)
    rating: str | None = None
    comment: str = ""
    position: int = 0


@dataclass
class Conversation:
    id: str
    title: str
    updated: str
    messages: list[Message] = field(default_factory=list)


class ConversationStore:
    """Conversations and their messages in one SQLite file (created on first use)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._ready = False

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if not self._ready:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=10)
            try:
                conn.execute("PRAGMA foreign_keys = ON")
                if not self._ready:
                    conn.execute("PRAGMA journal_mode = WAL")
                    conn.executescript(SCHEMA)
                    self._ready = True
                with conn:  # one transaction
                    yield conn
            finally:
                conn.close()

    # -- conversations -----------------------------------------------------------------------
    def create(self, owner: str, title: str) -> str:
        cid, now = new_id("c"), _now()
        with self._db() as db:
            db.execute(
                "INSERT INTO conversations (id, owner, title, created, updated) VALUES (?, ?, ?, ?, ?)",
                (cid, owner, title.strip()[:120] or "…", now, now),
            )
        return cid

    def list(self, owner: str, limit: int = 200) -> list[Conversation]:
        with self._db() as db:
            rows = db.execute(
                "SELECT id, title, updated FROM conversations WHERE owner = ? ORDER BY updated DESC, rowid DESC LIMIT ?",
                (owner, limit),
            ).fetchall()
        return [Conversation(*row) for row in rows]

    def get(self, conversation_id: str | None, owner: str) -> Conversation | None:
        if not conversation_id:
            return None
        with self._db() as db:
            row = db.execute(
                "SELECT id, title, updated FROM conversations WHERE id = ? AND owner = ?", (conversation_id, owner)
            ).fetchone()
            if row is None:
                return None
            rows = db.execute(
                "SELECT id, role, text, data, rating, comment, position FROM messages "
                "WHERE conversation_id = ? ORDER BY position",
                (conversation_id,),
            ).fetchall()
        messages = [Message(r[0], r[1], r[2], json.loads(r[3]), r[4], r[5], r[6]) for r in rows]
        return Conversation(*row, messages=messages)

    def delete(self, conversation_id: str, owner: str) -> bool:
        with self._db() as db:
            cur = db.execute("DELETE FROM conversations WHERE id = ? AND owner = ?", (conversation_id, owner))
        return cur.rowcount > 0

    # -- messages ----------------------------------------------------------------------------
    def append(self, conversation_id: str, role: str, text: str, data: dict | None = None,
               message_id: str | None = None) -> str:
        mid, now = message_id or new_id(), _now()
        with self._db() as db:
            (position,) = db.execute(
                "SELECT COALESCE(MAX(position), -1) + 1 FROM messages WHERE conversation_id = ?", (conversation_id,)
            ).fetchone()
            db.execute(
                "INSERT INTO messages (id, conversation_id, position, role, text, data, created) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (mid, conversation_id, position, role, text, json.dumps(data or {}, ensure_ascii=False), now),
            )
            db.execute("UPDATE conversations SET updated = ? WHERE id = ?", (now, conversation_id))
        return mid

    def set_text(self, message_id: str, text: str) -> None:
        with self._db() as db:
            db.execute("UPDATE messages SET text = ? WHERE id = ?", (text, message_id))

    def delete_message(self, message_id: str) -> None:
        with self._db() as db:
            db.execute("DELETE FROM messages WHERE id = ?", (message_id,))

    def rate(self, message_id: str, owner: str, rating: str | None, comment: str | None) -> Message | None:
        """Set a rating and/or a comment on an answer. Returns the message when something changed,
        None when it was already so (a second click writes nothing) or the answer is not the owner's."""
        with self._db() as db:
            row = db.execute(
                "SELECT m.id, m.role, m.text, m.data, m.rating, m.comment, m.position FROM messages m "
                "JOIN conversations c ON c.id = m.conversation_id "
                "WHERE m.id = ? AND c.owner = ? AND m.role = 'assistant'",
                (message_id, owner),
            ).fetchone()
            if row is None:
                return None
            message = Message(row[0], row[1], row[2], json.loads(row[3]), row[4], row[5], row[6])
            new_rating = rating if rating in ("up", "down") else message.rating
            new_comment = message.comment if comment is None else comment.strip()[:2000]
            if (new_rating, new_comment) == (message.rating, message.comment):
                return None
            db.execute("UPDATE messages SET rating = ?, comment = ? WHERE id = ?", (new_rating, new_comment, message_id))
        message.rating, message.comment = new_rating, new_comment
        return message

    def secret(self) -> str:
        """A random key made once per file: it signs what the browser keeps across restarts."""
        with self._db() as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'browser_secret'").fetchone()
            if row:
                return row[0]
            value = secrets.token_urlsafe(24)
            db.execute("INSERT INTO meta (key, value) VALUES ('browser_secret', ?)", (value,))
        return value
