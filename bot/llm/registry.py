"""The LLM registry: a backend name -> a factory, imported only when that backend is used.

Backends name their factory as "module:attribute" so that this module imports none of them (no
import circle, no model library loaded for a backend nobody uses). Tests and plugins add
deterministic or remote models with `register_llm`, the same way the app registers its own; the
command line lists its `--llm` choices from here."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Union

from bot.core.errors import ConfigError
from bot.core.protocols import ChatModel

if TYPE_CHECKING:
    from bot.settings import LLMSettings

LLMFactory = Callable[["LLMSettings"], ChatModel]

# None: no model at all; the answer service quotes the evidence itself.
LLM_BACKENDS: dict[str, Union[str, LLMFactory, None]] = {
    "local": "bot.llm.local:LlamaCppChat",
    "openai": "bot.llm.openai_compat:OpenAICompatibleChat",
    # Another backend's replies, recorded and replayed by prompt (re-scoring the dev split).
    "recorded": "bot.llm.recorded:RecordedChat",
    "extractive": None,
}


def register_llm(name: str, factory: LLMFactory | str | None) -> None:
    """Add a backend: a callable `factory(llm_settings) -> ChatModel`, or "module:attribute"."""
    LLM_BACKENDS[name] = factory


def llm_names() -> list[str]:
    return list(LLM_BACKENDS)


def make_llm(settings: LLMSettings) -> ChatModel | None:
    try:
        factory = LLM_BACKENDS[settings.backend]
    except KeyError:
        raise ConfigError(
            f"unknown LLM backend {settings.backend!r}; known: {', '.join(LLM_BACKENDS)}"
        ) from None
    if factory is None:
        return None
    if isinstance(factory, str):
        module, _, attribute = factory.partition(":")
        factory = getattr(importlib.import_module(module), attribute)
    return factory(settings)
