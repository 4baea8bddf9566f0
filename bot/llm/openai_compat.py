"""Any OpenAI-compatible chat endpoint (Ollama, vLLM, a llama.cpp server, a hosted API), streamed."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator

import httpx

from bot.core.errors import LLMUnavailableError
from bot.core.protocols import Message
from bot.settings import LLMSettings


class OpenAICompatibleChat:
    name = "openai"

    def __init__(self, settings: LLMSettings) -> None:
        self.settings = settings
        self.url = settings.openai_base_url.rstrip("/") + "/chat/completions"

    def stream(self, messages: list[Message], *, max_tokens: int) -> Iterator[str]:
        headers = {"Content-Type": "application/json"}
        key = os.environ.get(self.settings.openai_api_key_env)
        if key:
            headers["Authorization"] = f"Bearer {key}"
        body = {
            "model": self.settings.openai_model,
            "messages": messages,
            "max_tokens": max_tokens,
            "temperature": self.settings.temperature,
            "stream": True,
        }
        try:
            with httpx.stream(
                "POST", self.url, json=body, headers=headers, timeout=self.settings.timeout_s
            ) as resp:
                if resp.status_code != 200:
                    resp.read()
                    raise LLMUnavailableError(
                        f"LLM server at {self.url} answered {resp.status_code}: {resp.text[:200]}"
                    )
                for line in resp.iter_lines():
                    if not line.startswith("data:"):
                        continue
                    data = line[5:].strip()
                    if data == "[DONE]":
                        break
                    try:
                        delta = json.loads(data)["choices"][0].get("delta", {})
                    except (json.JSONDecodeError, KeyError, IndexError):
                        continue
                    if delta.get("content"):
                        yield delta["content"]
        except httpx.HTTPError as exc:
            raise LLMUnavailableError(f"cannot reach the LLM server at {self.url}: {exc}") from exc
