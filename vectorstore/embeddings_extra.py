"""Two more embedding backends: OpenAI-compatible `/v1/embeddings` servers (to spread a big ingest
over other machines) and a cheap deterministic hashing embedder (for the scale benchmark)."""

from __future__ import annotations

import os
import re
import threading
import zlib
from concurrent.futures import ThreadPoolExecutor

from bot.core.errors import EmbeddingUnavailableError
from vectorstore.identified import IdentifiedEmbeddings

_TOKEN = re.compile(r"\w+")


class HashingEmbeddings(IdentifiedEmbeddings):
    """Words hashed (crc32) into `dims` signed buckets, L2-normalised: deterministic, about 20,000
    texts a second, no model. Shared wording gives close vectors; meaning does not."""

    def __init__(self, dims: int = 384) -> None:
        self.dims = dims
        self.identity = f"hashing-crc32-{dims}"
        self._buckets: dict[str, tuple[int, float]] = {}

    def _vector(self, text: str):
        import numpy as np

        buckets, index, sign = self._buckets, [], []
        for tok in _TOKEN.findall(text.lower()):
            b = buckets.get(tok)
            if b is None:
                h = zlib.crc32(tok.encode())
                b = buckets[tok] = (h % self.dims, 1.0 if h & 0x80000000 else -1.0)
            index.append(b[0])
            sign.append(b[1])
        v = np.bincount(index, weights=sign, minlength=self.dims) if index else np.zeros(self.dims)
        n = float(np.linalg.norm(v))
        return (v / n if n else v).astype(np.float32)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t).tolist() for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text).tolist()


class OpenAIEmbeddings(IdentifiedEmbeddings):
    """Any OpenAI-compatible `/v1/embeddings` server: text-embeddings-inference, llama.cpp's server
    (`--embedding`), Infinity, vLLM, a hosted API. Several base URLs share the batches, `parallel`
    requests at a time; vectors are L2-normalised."""

    def __init__(
        self, base_urls: list[str], model: str, *, api_key: str | None = None, batch_size: int = 32,
        timeout_s: float = 120.0, parallel: int = 0, query_prefix: str = "", passage_prefix: str = "",
        identity: str | None = None,
    ) -> None:
        self.urls = [u.rstrip("/") + "/embeddings" for u in base_urls]
        self.model, self.api_key, self.batch_size, self.timeout_s = model, api_key, max(1, batch_size), timeout_s
        self.parallel = parallel or 2 * len(self.urls)
        self.query_prefix, self.passage_prefix = query_prefix, passage_prefix
        prefixes = f"|q={query_prefix!r}|p={passage_prefix!r}" if query_prefix or passage_prefix else ""
        self.identity = identity or f"openai-embeddings:{model}{prefixes}"
        self._client = None
        self._lock = threading.Lock()

    def _http(self):
        with self._lock:
            if self._client is None:
                import httpx

                headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
                self._client = httpx.Client(timeout=self.timeout_s, headers=headers)
            return self._client

    def _post(self, url: str, inputs: list[str]) -> list[list[float]]:
        import httpx
        import numpy as np

        try:
            resp = self._http().post(url, json={"model": self.model, "input": inputs})
        except httpx.HTTPError as exc:
            raise EmbeddingUnavailableError(f"cannot reach the embeddings server at {url}: {exc}") from exc
        if resp.status_code != 200:
            raise EmbeddingUnavailableError(
                f"the embeddings server at {url} answered {resp.status_code}: {resp.text[:200]}"
            )
        try:
            data = sorted(resp.json()["data"], key=lambda d: d["index"])
            # One vector per text; a server that sends one per token (llama.cpp without pooling)
            # gets its tokens averaged.
            vectors = np.stack([np.asarray(d["embedding"], dtype=np.float32).reshape(-1, _dims(d)).mean(axis=0) for d in data])
        except (ValueError, KeyError, TypeError) as exc:
            raise EmbeddingUnavailableError(f"the embeddings server at {url} sent no embeddings") from exc
        if vectors.ndim != 2 or len(vectors) != len(inputs):
            raise EmbeddingUnavailableError(
                f"the embeddings server at {url} sent {len(vectors)} vectors for {len(inputs)} texts"
            )
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return (vectors / np.where(norms == 0, 1, norms)).tolist()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        texts = [self.passage_prefix + t for t in texts]
        batches = [texts[i : i + self.batch_size] for i in range(0, len(texts), self.batch_size)]
        if len(batches) <= 1:
            return self._post(self.urls[0], batches[0]) if batches else []
        with ThreadPoolExecutor(max_workers=min(self.parallel, len(batches))) as pool:
            parts = pool.map(lambda ib: self._post(self.urls[ib[0] % len(self.urls)], ib[1]), enumerate(batches))
            return [v for part in parts for v in part]

    def embed_query(self, text: str) -> list[float]:
        return self._post(self.urls[0], [self.query_prefix + text])[0]


def _dims(item: dict) -> int:
    first = item["embedding"][0]
    return len(first) if isinstance(first, list) else len(item["embedding"])


def make_openai(settings) -> OpenAIEmbeddings:
    if not settings.model:
        raise EmbeddingUnavailableError("embedding.model must name the server's embedding model")
    return OpenAIEmbeddings(
        [u.strip() for u in settings.base_url.split(",") if u.strip()],
        settings.model,
        api_key=os.environ.get(settings.api_key_env) or None,
        batch_size=settings.batch_size,
        timeout_s=settings.timeout_s,
        parallel=settings.parallel,
        query_prefix=settings.query_prefix,
        passage_prefix=settings.passage_prefix,
        identity=settings.identity,
    )


def make_hashing(settings) -> HashingEmbeddings:
    return HashingEmbeddings(settings.dims)
