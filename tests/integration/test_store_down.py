"""A Chroma server that dies while the app runs: questions get a clear "store unavailable" error
(503 on the API), not a traceback."""

import signal

import pytest

pytestmark = pytest.mark.integration


def test_a_server_that_dies_is_a_clear_error_not_a_crash(settings, chroma_server_process, tmp_path):
    from bot.core.errors import StoreUnavailableError
    from bot.wiring import answer_service, ingest_service
    from vectorstore.chroma_store import open_store
    from vectorstore.embeddings import make_embeddings

    proc, port = chroma_server_process
    settings.embedding.backend = "hashing"
    settings.llm.backend = "extractive"
    settings.store.host, settings.store.port = "127.0.0.1", port
    settings.store.lexical_dir = tmp_path / "lexical"
    store = open_store(settings.store, make_embeddings(settings.embedding))
    ingest_service(settings, store).ingest([settings.ingest.corpus_dir])
    service = answer_service(settings, store)
    assert service.ask("Où est basé le C3BO ?").passages  # retrieval works (hashing vectors: no answer)

    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with pytest.raises(StoreUnavailableError, match="Chroma server stopped answering"):
        service.ask("Où est basé le C3BO ?")

    from fastapi.testclient import TestClient

    from bot.server import create_app

    client = TestClient(create_app(service, settings))
    reply = client.post("/v1/chat/completions", json={"model": "balkans-qa", "messages": [{"role": "user", "content": "Où est basé le C3BO ?"}]})
    assert reply.status_code == 503, reply.text
    assert reply.json()["error"]["code"] == "store_unavailable"
