"""The chat-model interface and the registry that picks a backend by name, importing it lazily."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from bot.settings import LLMSettings

Message = dict[str, str]  # {"role": "system"|"user"|"assistant", "content": str}


class LLMUnavailableError(RuntimeError):
    """The model cannot be used: file missing, server down. The message says what to do."""


class ChatModel(Protocol):
    name: str

    def stream(self, messages: list[Message], *, max_tokens: int) -> Iterator[str]:
        """Yield the reply's text pieces as they are generated."""
        ...


LLMFactory = Callable[["LLMSettings"], ChatModel]


def _local(settings: LLMSettings) -> ChatModel:
    from bot.llm.local import LlamaCppChat

    return LlamaCppChat(settings)


def _openai(settings: LLMSettings) -> ChatModel:
    from bot.llm.openai_compat import OpenAICompatibleChat

    return OpenAICompatibleChat(settings)


LLM_BACKENDS: dict[str, LLMFactory | None] = {
    "local": _local,
    "openai": _openai,
    "extractive": None,  # no model: the answer service quotes the passages itself
}


def register_llm(name: str, factory: LLMFactory) -> None:
    """Add a backend (tests register deterministic fakes here, the way the app registers its own)."""
    LLM_BACKENDS[name] = factory


def make_llm(settings: LLMSettings) -> ChatModel | None:
    try:
        factory = LLM_BACKENDS[settings.backend]
    except KeyError as exc:
        raise ValueError(f"unknown LLM backend {settings.backend!r}; known: {sorted(LLM_BACKENDS)}") from exc
    return factory(settings) if factory else None
