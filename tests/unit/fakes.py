"""Deterministic stand-ins for models, for unit tests only (never for the vector store)."""

from __future__ import annotations

import hashlib
import re

import numpy as np
from langchain_core.embeddings import Embeddings

from bot.core.text import analyse


class HashingEmbeddings(Embeddings):
    """Bag of stems hashed into 256 dims, L2-normalised: similar wording, similar vectors."""

    identity = "test-hashing"
    fingerprint = "testhash00"

    def _vec(self, text: str) -> list[float]:
        v = np.zeros(256, dtype=np.float32)
        for tok in analyse(text, ("fr", "en")):
            v[int(hashlib.md5(tok.encode()).hexdigest(), 16) % 256] += 1.0
        n = np.linalg.norm(v)
        return (v / n if n else v).tolist()

    def embed_documents(self, texts):
        return [self._vec(t) for t in texts]

    def embed_query(self, text):
        return self._vec(text)


class ScriptedChat:
    """A chat model that replies with a fixed text, streamed word by word; records its prompts."""

    name = "scripted"

    def __init__(self, reply: str) -> None:
        self.reply = reply
        self.prompts: list[list[dict]] = []

    def stream(self, messages, *, max_tokens):
        self.prompts.append(messages)
        for piece in re.findall(r"\S+\s*", self.reply):
            yield piece


class SequenceChat(ScriptedChat):
    """A chat model that gives its replies in turn (the last one again once they run out)."""

    def __init__(self, *replies: str) -> None:
        super().__init__(replies[0])
        self.replies = list(replies)

    def stream(self, messages, *, max_tokens):
        self.reply = self.replies[min(len(self.prompts), len(self.replies) - 1)]
        yield from super().stream(messages, max_tokens=max_tokens)
