"""The chat app's two API endpoints, in plain text and JSON (no HTML, no entities):
`/ask` (one question, the checked answer as JSON) and `/respond` (a chat turn, streamed)."""

from __future__ import annotations

from collections.abc import Iterator

from bot.core.errors import UserError
from bot.core.events import Final, Sentence
from bot.core.records import Turn
from bot.ui.views import answer_data, plain_text


def ask_json(service, question: str) -> dict:
    """One question, the checked answer as JSON (the `ask --json` shape)."""
    try:
        return service.ask(question).to_dict()
    except UserError as exc:
        return {"error": str(exc)}


def history_turns(history: list | None) -> list[Turn]:
    """OpenAI-style messages ({"role", "content"}) as question/answer turns."""
    turns, question = [], None
    for m in history or []:
        if not isinstance(m, dict) or not isinstance(m.get("content"), str):
            continue
        if m.get("role") == "user":
            question = m["content"]
        elif m.get("role") == "assistant" and question is not None:
            turns.append(Turn(question, m["content"].split("\n\n")[0]))
            question = None
    return turns


def respond(service, question: str, history: list | None) -> Iterator[list[dict]]:
    """The conversation with its new turn: checked sentences as they pass, then the answer with its
    numbered references, all plain text."""
    messages = [m for m in (history or []) if isinstance(m, dict)] + [{"role": "user", "content": question}]
    sentences: list[str] = []
    stream = service.stream(question, history_turns(history))
    try:
        for event in stream:
            if isinstance(event, Sentence):
                sentences.append(event.text.strip())
                yield messages + [{"role": "assistant", "content": " ".join(sentences)}]
            elif isinstance(event, Final):
                answer = event.answer
                text = plain_text(answer.answer, answer_data(answer), answer.language)
                yield messages + [{"role": "assistant", "content": text}]
    except UserError as exc:
        yield messages + [{"role": "assistant", "content": str(exc)}]
    finally:
        stream.close()  # a client that goes away frees the model
