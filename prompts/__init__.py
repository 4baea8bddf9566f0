"""Prompt files, loaded with importlib.resources; a folder set in BALKANS_QA_PROMPTS_DIR overrides them."""

from __future__ import annotations

import os
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path


@lru_cache(maxsize=64)
def load_prompt(name: str) -> str:
    override = os.environ.get("BALKANS_QA_PROMPTS_DIR")
    if override and (Path(override) / name).is_file():
        return (Path(override) / name).read_text(encoding="utf-8").strip()
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8").strip()


def prompt_for(kind: str, language: str) -> str:
    return load_prompt(f"{kind}.{language}.txt")


@lru_cache(maxsize=4)
def _messages() -> dict:
    return tomllib.loads(load_prompt("messages.toml"))


def message(key: str, language: str, **values: str) -> str:
    """A fixed text of the answers (prompts/messages.toml) in `language` ("fr" or "en")."""
    table = _messages().get(language) or _messages()["en"]
    return table[key].format(**values) if values else table[key]
