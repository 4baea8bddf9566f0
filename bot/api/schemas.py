"""What /v1/chat/completions accepts, and how a list of messages becomes a question and its history.

The last message must be the user's: it is the question. Earlier user/assistant pairs are the
conversation (for follow-ups). System and developer messages are ignored: what the assistant does
(answer from the strategy only, cite, abstain) is not a client's to change, and clients such as
Open WebUI add their own system prompt to every request. Sampling options (temperature,
max_tokens, ...) are accepted and ignored: answers are deterministic and checked."""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from bot.api.errors import APIError
from bot.core.records import Turn

IGNORED_ROLES = ("system", "developer")


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")

    role: str
    content: Any = None  # a string, or a list of text parts; checked by _text


class StreamOptions(BaseModel):
    model_config = ConfigDict(extra="allow")

    include_usage: bool = False


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="allow")

    model: str | None = None
    messages: list[ChatMessage]
    stream: bool = False
    stream_options: StreamOptions | None = None
    n: Literal[1] | None = None


def _param(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def parse_request(raw: bytes, max_bytes: int) -> ChatRequest:
    """The request body as a ChatRequest, or a 400/413 that says what is wrong and where."""
    if len(raw) > max_bytes:
        raise APIError(413, f"the request body is too large ({len(raw)} bytes; the limit is {max_bytes})")
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise APIError(400, f"the request body is not valid JSON: {exc}", code="invalid_json") from None
    if not isinstance(data, dict):
        raise APIError(400, "the request body must be a JSON object", code="invalid_json")
    try:
        return ChatRequest.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        param = _param(first["loc"])
        raise APIError(400, f"{param or 'body'}: {first['msg']}", param=param or None, code="invalid_request") from None


def _text(message: ChatMessage, where: str) -> str:
    if message.content is None or isinstance(message.content, str):
        return message.content or ""
    if not isinstance(message.content, list):
        raise APIError(400, f"{where}: must be a string or a list of text parts", param=where)
    parts = []
    for part in message.content:
        if not isinstance(part, dict) or part.get("type") != "text" or not isinstance(part.get("text"), str):
            raise APIError(400, f"{where}: only text content is supported", param=where, code="unsupported_content")
        parts.append(part["text"])
    return "\n".join(parts)


def conversation(request: ChatRequest, settings) -> tuple[str, list[Turn]]:
    """(question, history) from the messages; a 400 with the reason when there is no question."""
    messages = request.messages
    if not messages:
        raise APIError(400, "messages must not be empty: send the question as a user message", param="messages")
    if len(messages) > settings.api.max_messages:
        raise APIError(400, f"too many messages ({len(messages)}; the limit is {settings.api.max_messages})",
                       param="messages")
    said: list[tuple[str, str]] = []
    limit = settings.api.max_message_chars
    for i, message in enumerate(messages):
        where = f"messages[{i}].content"
        if message.role not in (*IGNORED_ROLES, "user", "assistant"):
            raise APIError(400, f"messages[{i}].role: unsupported role {message.role!r} (use user or assistant)",
                           param=f"messages[{i}].role")
        text = _text(message, where)
        if len(text) > limit:
            raise APIError(400, f"{where} is too long ({len(text)} characters; the limit is {limit})",
                           param=where, code="message_too_long")
        if message.role not in IGNORED_ROLES:
            said.append((message.role, text))
    if not any(role == "user" for role, _ in said):
        raise APIError(400, "no user message: the last message must be the user's question", param="messages")
    if said[-1][0] != "user":
        raise APIError(400, "the last message must be the user's question, not an assistant message",
                       param="messages")
    earlier = said[:-1]
    history = [Turn(q, a) for (r1, q), (r2, a) in zip(earlier, earlier[1:]) if (r1, r2) == ("user", "assistant")]
    return said[-1][1], history
