"""The base of every embedding backend: LangChain's `Embeddings`, plus the model's exact identity."""

from __future__ import annotations

import hashlib

from langchain_core.embeddings import Embeddings


class IdentifiedEmbeddings(Embeddings):
    """Embeddings that can name the exact model behind their vectors."""

    identity: str

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(self.identity.encode()).hexdigest()[:10]
