"""The hashing and OpenAI-compatible embedding backends, chosen through the app's registry.
(The OpenAI-compatible one against a real server: tests/integration/test_embeddings_server.py.)"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pytest

from bot.core.errors import EmbeddingUnavailableError
from bot.settings import EmbeddingSettings
from tests.conftest import free_port
from vectorstore.embeddings import make_embeddings

pytestmark = pytest.mark.unit


def test_hashing_is_deterministic_normalised_and_close_for_shared_words():
    emb = make_embeddings(EmbeddingSettings(backend="hashing", dims=384))
    a, b, c = emb.embed_documents(["La coopération régionale", "coopération régionale", "Le commerce extérieur"])
    assert len(a) == 384 and np.linalg.norm(a) == pytest.approx(1.0)
    assert emb.embed_query("La coopération régionale") == a
    assert np.dot(a, b) > np.dot(a, c)
    assert emb.identity == "hashing-crc32-384" and make_embeddings(EmbeddingSettings(backend="hashing")).fingerprint == emb.fingerprint


@pytest.fixture
def server():
    """A minimal /v1/embeddings endpoint: pooled vectors, or one per token when the model says so."""
    seen = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            seen.append(body)
            if body["model"] == "broken":
                self.send_response(500)
                self.end_headers()
                self.wfile.write(b"model not loaded")
                return
            inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
            per_token = body["model"] == "per-token"
            data = [
                {"index": i, "embedding": [[float(len(t)), 0.0, 1.0], [float(len(t)), 2.0, 1.0]] if per_token else [float(len(t)), 1.0, 0.0]}
                for i, t in enumerate(inputs)
            ][::-1]  # out of order: the client sorts by index
            payload = json.dumps({"data": data}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1", seen
    httpd.shutdown()


def test_openai_backend_batches_orders_prefixes_and_normalises(server):
    url, seen = server
    emb = make_embeddings(EmbeddingSettings(
        backend="openai", base_url=f"{url},{url}", model="e5", batch_size=2, query_prefix="query: ", passage_prefix="passage: ",
    ))
    vectors = emb.embed_documents(["a", "bb", "ccc", "dddd", "eeeee"])
    lengths = [len("passage: ") + n for n in range(1, 6)]
    assert [round(v[0] / v[1]) for v in vectors] == lengths  # in input order
    assert all(np.linalg.norm(v) == pytest.approx(1.0) for v in vectors)
    assert len(seen) == 3 and all(len(b["input"]) <= 2 for b in seen)
    assert emb.embed_query("x") == pytest.approx((np.array([8.0, 1.0, 0.0]) / np.linalg.norm([8.0, 1.0, 0.0])).tolist(), rel=1e-6)
    assert emb.identity == "openai-embeddings:e5|q='query: '|p='passage: '"


def test_openai_backend_averages_a_servers_per_token_vectors(server):
    url, _ = server
    emb = make_embeddings(EmbeddingSettings(backend="openai", base_url=url, model="per-token"))
    v = np.array(emb.embed_query("abc"))
    assert v == pytest.approx(np.array([3.0, 1.0, 1.0]) / np.linalg.norm([3.0, 1.0, 1.0]), rel=1e-6)


def test_openai_backend_errors_are_one_line_user_errors(server):
    url, _ = server
    with pytest.raises(EmbeddingUnavailableError, match="answered 500: model not loaded"):
        make_embeddings(EmbeddingSettings(backend="openai", base_url=url, model="broken")).embed_query("x")
    down = f"http://127.0.0.1:{free_port()}/v1"
    with pytest.raises(EmbeddingUnavailableError, match="cannot reach the embeddings server"):
        make_embeddings(EmbeddingSettings(backend="openai", base_url=down, model="e5")).embed_documents(["x"])
    with pytest.raises(EmbeddingUnavailableError, match="embedding.model"):
        make_embeddings(EmbeddingSettings(backend="openai"))
