"""The chat's handlers as plain methods: ask, stream the answer, stop, retry, edit the last question.

Each returns (or yields) a `View` of what changes on the page; the Gradio wiring in app.py only
translates it. An answer is made by the answer service's stream: the evidence is shown as soon
as it is found, then only checked sentences; the model's draft is shown as a draft, never as the
answer. Stop closes the service's stream, which frees the model."""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
import time
from collections.abc import Iterator

from bot.core.errors import UserError
from bot.core.events import Evidence, Final, Sentence, Status, Token
from bot.core.text import detect_language
from bot.ui.history import ConversationStore, new_id
from bot.ui.labels import t
from bot.ui.render_chat import conversation_html, sidebar_html
from bot.ui.sessions import Job, Session, Sessions, View
from bot.ui.views import Live, answer_data, cite_data, turns

logger = logging.getLogger(__name__)
DRAFT_EVERY_S = 0.2  # the draft is redrawn at most this often; every other event at once
POLL_S = 0.1  # how often a silent stream is checked for Stop


class ChatFlow:
    def __init__(self, service, store: ConversationStore, sessions: Sessions | None = None) -> None:
        self.service = service
        self.store = store
        self.sessions = sessions or Sessions()

    # -- drawing -----------------------------------------------------------------------------
    def chat_html(self, s: Session) -> str:
        conv = self.store.get(s.conversation, s.owner)
        job = s.job if s.job and s.job.conversation == s.conversation else None
        return conversation_html(conv, job.live if job else None, s.lang, busy=s.busy)

    def sidebar_html(self, s: Session) -> str:
        return sidebar_html(self.store.list(s.owner), s.conversation, s.lang)

    def view(self, s: Session, **kw) -> View:
        """The chat and the conversation list as they are now."""
        return View(chat=self.chat_html(s), sidebar=self.sidebar_html(s), busy=s.busy,
                    stored={"conversation": s.conversation, "lang": s.lang}, **kw)

    # -- asking ------------------------------------------------------------------------------
    def submit(self, key: str, question: str | None, *, from_box: bool = True) -> View:
        """Queue a question typed in the box (or an example): the box empties only once the
        question is taken; an empty question, or one sent while an answer is being made, is not."""
        s = self.sessions.get(key)
        question = (question or "").strip()
        if not question or s.busy:
            return View()
        if s.conversation is None or self.store.get(s.conversation, s.owner) is None:
            s.conversation = self.store.create(s.owner, question)
        conv = self.store.get(s.conversation, s.owner)
        history = turns(conv.messages)
        if conv.messages and conv.messages[-1].role == "user":  # an answer that never came
            self.store.delete_message(conv.messages[-1].id)
        self.store.append(s.conversation, "user", question)
        self._queue(s, question, history)
        return self.view(s, box="" if from_box else None)

    def retry(self, key: str) -> View:
        """Ask the last question again; its previous answer is replaced."""
        s = self.sessions.get(key)
        conv = self.store.get(s.conversation, s.owner)
        if s.busy or conv is None or not conv.messages:
            return View()
        messages = conv.messages
        if messages[-1].role == "assistant":
            self.store.delete_message(messages[-1].id)
            messages = messages[:-1]
        if not messages or messages[-1].role != "user":
            return View()
        self._queue(s, messages[-1].text, turns(messages[:-1]))
        return self.view(s)

    def edit(self, key: str, text: str | None) -> View:
        """Replace the last question by `text` and ask it; the previous answer is replaced."""
        s = self.sessions.get(key)
        text = (text or "").strip()
        conv = self.store.get(s.conversation, s.owner)
        if s.busy or conv is None or not text:
            return View()
        messages = conv.messages
        if messages and messages[-1].role == "assistant":
            self.store.delete_message(messages[-1].id)
            messages = messages[:-1]
        if not messages or messages[-1].role != "user":
            return View()
        self.store.set_text(messages[-1].id, text)
        self._queue(s, text, turns(messages[:-1]))
        return self.view(s)

    def _queue(self, s: Session, question: str, history) -> None:
        live = Live(new_id(), detect_language(question, default=s.lang))
        s.job = Job(s.conversation, question, history, live)

    def stop(self, key: str) -> View:
        """Stop the answer being made: the page is idle at once, and the answer stream is closed
        as soon as it hands over its next event (which frees the model)."""
        s = self.sessions.get(key)
        if s.job is None:
            return View()
        s.job.cancel.set()
        s.job.live.stopping = True
        return View(chat=self.chat_html(s))

    def run(self, key: str) -> Iterator[View]:
        """Make the queued answer, yielding the chat as it goes; the last view is idle.

        The service's stream is read by a helper thread, so that Stop (or a reader who leaves)
        ends this at once even while the stream waits for the model without a word."""
        s = self.sessions.get(key)
        job = s.job
        if job is None or job.started:
            yield View()
            return
        job.started = True
        live, last_draw = job.live, 0.0
        events: queue.Queue = queue.Queue()
        threading.Thread(target=_pump, args=(self.service.stream(job.question, job.history), job, events),
                         name="answer-stream", daemon=True).start()
        try:
            while not job.cancel.is_set():
                try:
                    kind, event = events.get(timeout=POLL_S)
                except queue.Empty:
                    continue
                if kind == "error":
                    job.error = event if event is not None else t(s.lang, "error_generic")
                    break
                if kind == "end" or isinstance(event, Final):
                    job.result = event.answer if isinstance(event, Final) else None
                    break
                _apply(live, event)
                now = time.monotonic()
                if isinstance(event, Token) and now - last_draw < DRAFT_EVERY_S:
                    continue
                last_draw = now
                yield View(chat=self.chat_html(s) if s.conversation == job.conversation else None, busy=True)
        finally:
            job.cancel.set()  # the helper closes the stream at its next event, if not done yet
            self._finish(s, job)
        yield self.view(s)

    def _finish(self, s: Session, job: Job) -> None:
        live = job.live
        if job.result is not None:
            text, data = job.result.answer, answer_data(job.result)
        elif job.error is not None:
            text, data = job.error, {"state": "error", "language": live.language}
        else:
            text = live.text
            data = {"state": "stopped", "language": live.language, "citations": live.citations,
                    "evidence": live.evidence}
        try:
            if self.store.get(job.conversation, s.owner) is not None:
                self.store.append(job.conversation, "assistant", text, data, message_id=live.message_id)
        except sqlite3.Error:
            logger.exception("could not save the answer")
        finally:
            if s.job is job:
                s.job = None


def _pump(stream, job: Job, events: queue.Queue) -> None:
    """Read the answer stream into `events` until it ends or the job is cancelled; then close the
    stream, which frees the model."""
    try:
        for event in stream:
            if job.cancel.is_set():
                break
            events.put(("event", event))
            if isinstance(event, Final):
                break
    except UserError as exc:
        events.put(("error", str(exc)))
    except Exception:  # the page must go on; the log has the traceback
        logger.exception("answering %r failed", job.question)
        events.put(("error", None))
    finally:
        stream.close()
        events.put(("end", None))


def _apply(live: Live, event) -> None:
    if isinstance(event, Status):
        live.stage, live.ahead = event.stage, getattr(event, "ahead", 0)
    elif isinstance(event, Evidence):
        live.evidence = [cite_data(c) for c in event.sentences]
    elif isinstance(event, Token):
        live.draft += event.text
        if live.stage in ("retrieving", "reading", "waiting"):
            live.stage = "writing"
    elif isinstance(event, Sentence):
        live.sentences.append({"text": event.text, "citations": [cite_data(c) for c in event.citations]})
        live.draft = ""
