"""The `openai` embedding backend against a real server speaking the protocol: llama-cpp-python's
own server (`--embedding true`) with the bundled model. Ingest and retrieval both go through it."""

import json
import subprocess
import sys
import time

import httpx
import pytest

from tests.conftest import free_port
from tests.integration.conftest import run_cli

pytestmark = pytest.mark.integration

DOCS = {
    "cyber.md": "# Cybersécurité\n\nLe centre cyber C3BO a été inauguré à Podgorica.\n",
    "commerce.md": "# Commerce\n\nLes échanges commerciaux avec la Serbie ont progressé.\n",
}


@pytest.fixture(scope="module")
def embeddings_server():
    from bot.settings import DEFAULT_MODEL_FILE

    if not DEFAULT_MODEL_FILE.is_file():
        pytest.fail(f"the local model is missing at {DEFAULT_MODEL_FILE}: run scripts/setup.sh")
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(DEFAULT_MODEL_FILE), "--embedding", "true",
         "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "512", "--model_alias", "qwen-embed"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 180
    while True:
        try:
            if httpx.get(f"{base}/models", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError("the llama.cpp embeddings server did not start")
        time.sleep(1)
    yield base
    proc.terminate()
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()


def server_env(base_url: str) -> dict:
    return {
        "BALKANS_QA_EMBEDDING__BACKEND": "openai",
        "BALKANS_QA_EMBEDDING__BASE_URL": base_url,
        "BALKANS_QA_EMBEDDING__MODEL": "qwen-embed",
        "BALKANS_QA_EMBEDDING__BATCH_SIZE": "4",
    }


def test_ingest_and_retrieve_through_an_embeddings_server(embeddings_server, settings, tmp_path):
    from bot.wiring import make_retriever, open_chunk_store

    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    result = run_cli("ingest", str(folder), "--store", str(settings.store.path), "--json",
                     env=server_env(embeddings_server), timeout=900)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["embedded"] == 2

    settings.embedding.backend, settings.embedding.base_url = "openai", embeddings_server
    settings.embedding.model = "qwen-embed"
    with open_chunk_store(settings, exclusive=False) as store:
        assert store.chunks.metadata["embedding_model"] == "openai-embeddings:qwen-embed"
        dense = store.query(store.embeddings.embed_query("Où le centre cyber a-t-il été inauguré ?"), 2)
        assert len(dense) == 2 and len(store.chunks.get(ids=[dense[0].id], include=["embeddings"])["embeddings"][0]) == 1536
        assert dense[0].sentence_vectors is not None and dense[0].sentence_vectors.shape[1] == 1536
        hits = make_retriever(settings, store).retrieve("Où le centre cyber C3BO a-t-il été inauguré ?", 1)
        assert hits[0].doc_id == "cyber.md"


def test_an_embeddings_server_that_is_down_is_a_failed_document_not_a_traceback(settings, corpus_dir):
    env = server_env(f"http://127.0.0.1:{free_port()}/v1")
    ingest = run_cli("ingest", str(corpus_dir), "--store", str(settings.store.path), "--json", env=env)
    assert ingest.returncode == 1
    doc = json.loads(ingest.stdout)["documents"][0]
    assert doc["status"] == "failed" and "cannot reach the embeddings server" in doc["error"]
    assert "\n" not in doc["error"]
