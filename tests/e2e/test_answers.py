"""Answers from the real local model (and a real OpenAI-compatible server), end to end."""

import json
import subprocess
import sys
import time

import httpx
import pytest

from tests.conftest import free_port
from tests.integration.conftest import run_cli

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def service(tmp_path_factory, local_model_path):
    from bot.settings import load_settings
    from ingest.service import IngestService
    from tests.conftest import CORPUS_FILE
    from vectorstore.chroma_store import open_store
    from vectorstore.embeddings import E5Embeddings
    from bot.wiring import answer_service

    tmp = tmp_path_factory.mktemp("answers")
    settings = load_settings()
    settings.store.path = tmp / "chroma"
    settings.llm.backend = "local"
    store = open_store(settings.store, E5Embeddings())
    IngestService.from_settings(settings, store).ingest([CORPUS_FILE])
    svc = answer_service(settings, store)
    svc.warm_up()
    return svc


def assert_cited(answer, needle_in_passage: str):
    assert answer.citations, answer.answer
    assert any(needle_in_passage in c.chunk.text for c in answer.citations)
    for c in answer.citations:
        assert f"[{c.n}]" in answer.answer
        source = c.chunk.text
        assert c.quote in source
    assert "[n]" not in answer.answer


@pytest.mark.parametrize(
    "question, facts, passage",
    [
        ("Quand le C3BO a-t-il été inauguré ?", ["9 décembre 2024"], "C3BO"),
        ("Où est basé le pôle interministériel d'expertise dédié à la sécurité ?", ["Belgrade"], "pôle interministériel"),
        ("Quel est le montant des échanges commerciaux avec la France en 2024 ?", ["2,6 milliards"], "2,6 milliards"),
        ("When was a special envoy for the Western Balkans appointed?", ["October 2023"], "envoyé spécial"),
        ("Where is the interministerial security expertise hub based?", ["Belgrade"], "pôle interministériel"),
    ],
)
def test_facts_with_valid_citations(service, question, facts, passage):
    answer = service.ask(question)
    assert not answer.abstained, answer.raw_answer
    for fact in facts:
        assert fact.lower() in answer.answer.lower(), answer.answer
    assert answer.language == ("en" if question.startswith(("When", "Where")) else "fr")
    assert_cited(answer, passage)


@pytest.mark.parametrize(
    "question, lang",
    [("What is the capital of Australia?", "en"), ("Quel est le PIB de la Serbie ?", "fr")],
)
def test_out_of_scope_is_abstained(service, question, lang):
    answer = service.ask(question)
    assert answer.abstained, answer.answer
    assert answer.citations == []
    assert answer.passages
    assert answer.answer.startswith("The text does not say" if lang == "en" else "Le texte ne le précise pas")


def test_follow_up_is_resolved_with_the_history(service):
    from bot.core.records import Turn

    history = [Turn("Qu'est-ce que le C3BO ?", "Le Centre de développement des capacités cyber des Balkans occidentaux, basé à Podgorica [1].")]
    answer = service.ask("Et quand a-t-il été inauguré ?", history=history)
    assert "C3BO" in answer.standalone_question or "centre" in answer.standalone_question.lower()
    assert "9 décembre 2024" in answer.answer
    assert_cited(answer, "C3BO")


def test_ask_command_json_shape(local_model_path, tmp_path):
    from tests.conftest import CORPUS_FILE

    store = str(tmp_path / "s")
    assert run_cli("ingest", str(CORPUS_FILE), "--store", store).returncode == 0
    result = run_cli("ask", "Combien l'AFD a-t-elle engagé depuis 2019 ?", "--store", store, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"answer", "language", "abstained", "citations", "timings"}
    assert set(data["timings"]) == {"retrieval_ms", "first_evidence_ms", "first_token_ms", "total_ms"}
    assert "1,5 milliard" in data["answer"]
    for c in data["citations"]:
        assert set(c) >= {"n", "document", "section", "quote", "start", "end"}
        assert CORPUS_FILE.read_text(encoding="utf-8")[c["start"] : c["end"]] == c["quote"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["   "], "empty"),
        (["x" * 100_000], "100000"),
    ],
)
def test_bad_questions_are_clear_errors(tmp_path, args, message):
    from tests.conftest import CORPUS_FILE

    store = str(tmp_path / "s")
    run_cli("ingest", str(CORPUS_FILE), "--store", store)
    result = run_cli("ask", *args, "--store", store)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_missing_model_and_empty_store_are_clear_errors(tmp_path):
    from tests.conftest import CORPUS_FILE

    empty = run_cli("ask", "Quand ?", "--store", str(tmp_path / "empty"))
    assert empty.returncode == 2 and "store is empty" in empty.stderr
    store = str(tmp_path / "s")
    run_cli("ingest", str(CORPUS_FILE), "--store", store)
    missing = run_cli("ask", "Quand le C3BO a-t-il été inauguré ?", "--store", store,
                      env={"BALKANS_QA_LLM__MODEL_PATH": str(tmp_path / "nope.gguf")})
    assert missing.returncode == 2 and "model file not found" in missing.stderr
    assert "Traceback" not in missing.stderr


@pytest.fixture(scope="module")
def llama_server(local_model_path):
    """llama-cpp-python's own OpenAI-compatible server with the bundled model, on 127.0.0.1."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(local_model_path), "--host", "127.0.0.1",
         "--port", str(port), "--n_ctx", "2048", "--model_alias", "qwen-local"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/v1/models", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.5)
    else:
        proc.kill()
        raise RuntimeError("llama_cpp.server did not start")
    yield f"http://127.0.0.1:{port}/v1"
    proc.terminate()
    proc.wait(15)


def test_openai_backend_against_a_real_local_server(llama_server, tmp_path):
    from tests.conftest import CORPUS_FILE

    store = str(tmp_path / "s")
    run_cli("ingest", str(CORPUS_FILE), "--store", store)
    env = {"BALKANS_QA_LLM__OPENAI_BASE_URL": llama_server, "BALKANS_QA_LLM__OPENAI_MODEL": "qwen-local",
           "OPENAI_API_KEY": "not-needed-locally"}
    result = run_cli("ask", "Où est basé le C3BO ?", "--store", store, "--llm", "openai", "--json", env=env)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["backend"] == "openai"
    assert "Podgorica" in data["answer"] and data["citations"]


def test_openai_backend_with_the_server_down_is_a_clear_error(tmp_path):
    from tests.conftest import CORPUS_FILE

    store = str(tmp_path / "s")
    run_cli("ingest", str(CORPUS_FILE), "--store", store)
    env = {"BALKANS_QA_LLM__OPENAI_BASE_URL": f"http://127.0.0.1:{free_port()}/v1"}
    result = run_cli("ask", "Où est basé le C3BO ?", "--store", store, "--llm", "openai", env=env)
    assert result.returncode == 2
    assert "cannot reach the LLM server" in result.stderr and "Traceback" not in result.stderr
