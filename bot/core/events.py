"""Typed events of an answer stream, the same for the chat, the command line, the HTTP API and
the LangChain chain. Each has a `type` name and a JSON-ready `to_dict()`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Union

from bot.core.records import Answer, Citation


@dataclass(frozen=True)
class Status:
    """Where the answer is: "retrieving", "waiting" (for the model, `ahead` questions before it),
    "reading" (the model reads the evidence), "writing", "checking"."""

    stage: str
    ahead: int = 0
    type: ClassVar[str] = "status"

    def to_dict(self) -> dict:
        return {"type": self.type, "stage": self.stage, "ahead": self.ahead}


@dataclass(frozen=True)
class Evidence:
    """The supporting sentences found by retrieval, before the model writes anything."""

    sentences: tuple[Citation, ...] = field(default_factory=tuple)
    type: ClassVar[str] = "evidence"

    def to_dict(self) -> dict:
        return {"type": self.type, "sentences": [c.to_dict() for c in self.sentences]}


@dataclass(frozen=True)
class Token:
    """A piece of the model's draft: unchecked, never to be shown as the answer."""

    text: str
    type: ClassVar[str] = "token"

    def to_dict(self) -> dict:
        return {"type": self.type, "text": self.text}


@dataclass(frozen=True)
class Sentence:
    """One sentence of the answer that passed the check, with its citations (numbered as in the
    final answer). The final answer is these sentences in order, unless it turns out quoted,
    abstained or refused: then Final says so and replaces them."""

    text: str
    citations: tuple[Citation, ...] = field(default_factory=tuple)
    type: ClassVar[str] = "sentence"

    def to_dict(self) -> dict:
        return {"type": self.type, "text": self.text, "citations": [c.to_dict() for c in self.citations]}


@dataclass(frozen=True)
class Final:
    """The checked answer: what is shown and kept."""

    answer: Answer
    type: ClassVar[str] = "final"

    def to_dict(self) -> dict:
        return {"type": self.type, "answer": self.answer.to_dict()}


Event = Union[Status, Evidence, Token, Sentence, Final]
