"""Answers in OpenAI's chat-completion shapes, with the citations in documented extra fields.

The reply's `content` is the checked answer with its [n] markers. Beside `choices`, a response
(and the last chunk of a stream) carries:
- `citations`: one object per [n]: n, document, title, section, updated, version, quote, start,
  end (character offsets of the quote in the document);
- `balkans_qa`: the whole checked answer, the `balkans-qa ask --json` shape (language, abstained,
  mode, citations with their passages, evidence, timings, standalone_question, ...).

A stream sends only checked text: each `Sentence` event as it passes the check, then whatever of
the final answer is not sent yet. The model's draft (`Token` events) is never sent. Should the
final answer replace sentences already sent (it turned out quoted, abstained or refused), it
follows them after a blank line and `balkans_qa.mode` says which. Status events are SSE comments.

With `api.sources_in_content`, the content also ends with a "Sources" list (section and quote of
each [n]) for front-ends that show nothing but the content.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from bot.api.errors import from_user_error, internal_error
from bot.core.errors import UserError
from bot.core.events import Event, Final, Sentence, Status
from bot.core.records import Answer

log = logging.getLogger(__name__)
CITATION_FIELDS = ("n", "document", "title", "section", "updated", "version", "quote", "start", "end")


@dataclass
class Reply:
    """The identity every chunk of one reply repeats."""

    model: str
    id: str = field(default_factory=lambda: f"chatcmpl-{uuid.uuid4().hex}")
    created: int = field(default_factory=lambda: int(time.time()))

    def head(self, kind: str) -> dict:
        return {"id": self.id, "object": kind, "created": self.created, "model": self.model}


def extras(answer: Answer) -> dict:
    """The documented extra fields: `citations` (compact) and `balkans_qa` (the whole answer)."""
    full = answer.to_dict()
    return {
        "citations": [{k: c.get(k) for k in CITATION_FIELDS} for c in full["citations"]],
        "balkans_qa": full,
    }


def sources_text(answer: Answer) -> str:
    """The citations as a Markdown list to follow the answer ("" when there is none)."""
    if not answer.citations:
        return ""
    lines = [f"- [{c.n}] {c.chunk.section or c.chunk.title} — « {c.quote.strip()} »" for c in answer.citations]
    head = "Sources :" if answer.language == "fr" else "Sources:"
    return f"\n\n{head}\n" + "\n".join(lines)


def usage(answer: Answer) -> dict:
    return {
        "prompt_tokens": answer.prompt_tokens,
        "completion_tokens": answer.generated_tokens,
        "total_tokens": answer.prompt_tokens + answer.generated_tokens,
    }


def completion(answer: Answer, reply: Reply, *, sources: bool = False) -> dict:
    """The non-streamed response (`sources`: the citations listed after the answer)."""
    content = answer.answer + (sources_text(answer) if sources else "")
    return {
        **reply.head("chat.completion"),
        "choices": [{
            "index": 0,
            "message": {"role": "assistant", "content": content, "refusal": None},
            "logprobs": None,
            "finish_reason": "stop",
        }],
        "usage": usage(answer),
        **extras(answer),
    }


def _chunk(reply: Reply, delta: dict, finish_reason: str | None = None, **extra) -> dict:
    choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}
    return {**reply.head("chat.completion.chunk"), "choices": [choice], **extra}


def _data(payload: dict) -> str:
    return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n"


def rest_of(sent: str, final: str) -> str | None:
    """What of `final` follows the text already `sent` (whitespace may differ), or None when
    `final` does not start with it."""
    i = 0
    for ch in sent:
        if ch.isspace():
            continue
        while i < len(final) and final[i].isspace():
            i += 1
        if i >= len(final) or final[i] != ch:
            return None
        i += 1
    return final[i:]


def sse(
    events: Iterable[Event], reply: Reply, *, include_usage: bool = False, sources: bool = False
) -> Iterator[str]:
    """The server-sent events of a streamed reply, ending with `data: [DONE]`. An error after the
    stream started comes as `data: {"error": {...}}`, which OpenAI clients raise."""
    yield _data(_chunk(reply, {"role": "assistant", "content": ""}))
    sent = ""
    try:
        for event in events:
            if isinstance(event, Status):
                yield f": {event.stage} ({event.ahead} ahead)\n\n" if event.ahead else f": {event.stage}\n\n"
            elif isinstance(event, Sentence):
                piece = f" {event.text}" if sent else event.text
                sent += piece
                yield _data(_chunk(reply, {"content": piece}))
            elif isinstance(event, Final):
                answer = event.answer
                rest = rest_of(sent, answer.answer)
                if rest is None:
                    rest = f"\n\n{answer.answer}"
                if sources:
                    rest += sources_text(answer)
                if rest:
                    yield _data(_chunk(reply, {"content": rest}))
                yield _data(_chunk(reply, {}, "stop", **extras(answer)))
                if include_usage:
                    yield _data({**reply.head("chat.completion.chunk"), "choices": [], "usage": usage(answer)})
    except UserError as exc:
        yield _data(from_user_error(exc).body())
    except Exception:
        log.exception("answer stream failed")
        yield _data(internal_error().body())
    finally:
        close = getattr(events, "close", None)
        if close is not None:
            close()
    yield "data: [DONE]\n\n"
