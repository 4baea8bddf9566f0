"""The OpenAI-compatible routes through FastAPI's TestClient: request validation, response and
stream shapes, errors, the bearer rule. A real embedded Chroma with the strategy ingested
(hashing embeddings) and scripted or failing models registered through the app's registry."""

import json

import pytest
from fastapi.testclient import TestClient

from bot.api.completions import Reply, sse
from bot.api.errors import from_user_error
from bot.core.errors import EmptyStoreError, LLMUnavailableError, QuestionError, StoreUnavailableError
from bot.core.events import Final, Sentence, Status, Token
from bot.core.records import Answer
from bot.server import create_app
from bot.wiring import answer_service
from tests.unit.scripted_store import scripted_store  # noqa: F401  (fixture)

pytestmark = pytest.mark.unit

C3BO = "Où est basé le C3BO ?"
# The second sentence is unsupported: the check drops it, so it must never reach a client.
DRAFT = "Le C3BO est basé à Podgorica [1]. La mer Adriatique est un poème de vagues [2]."
ENV = ("BALKANS_QA_API_KEY", "BALKANS_QA_USERNAME", "BALKANS_QA_PASSWORD")


class DownChat:
    name = "down"

    def stream(self, messages, *, max_tokens):
        raise LLMUnavailableError("cannot reach the LLM server at http://127.0.0.1:9/v1")
        yield  # pragma: no cover


@pytest.fixture
def client(settings, scripted_store, monkeypatch):
    """`client(reply_or_model, **env)`: a TestClient over the app, with these variables set."""
    store, use = scripted_store

    def make(model=DRAFT, **env):
        for name in ENV:
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        chat = use(model)
        c = TestClient(create_app(answer_service(settings, store), settings))
        c.chat = chat
        return c

    return make


@pytest.fixture
def bare(settings, monkeypatch):
    """A TestClient over a service whose store is real but empty: enough for what fails first."""
    from vectorstore.chroma_store import open_store

    from tests.unit.fakes import HashingEmbeddings
    from tests.unit.scripted_store import use_scripted

    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    use_scripted(settings, "x", "entry-test")
    return TestClient(create_app(answer_service(settings, open_store(settings.store, HashingEmbeddings())), settings))


def ask(client, content=C3BO, **extra):
    return client.post("/v1/chat/completions", json={"model": "balkans-qa", "messages": [
        {"role": "user", "content": content}], **extra})


def data_lines(text: str) -> list[str]:
    return [line[6:] for line in text.splitlines() if line.startswith("data: ")]


def test_models_lists_the_one_model(client):
    c = client()
    body = c.get("/v1/models").json()
    assert body["object"] == "list" and [m["id"] for m in body["data"]] == ["balkans-qa"]
    assert c.get("/v1/models/balkans-qa").json()["object"] == "model"
    missing = c.get("/v1/models/gpt-4")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "model_not_found"


def test_completion_is_the_checked_answer_with_its_citations(client):
    r = ask(client())
    assert r.status_code == 200
    body = r.json()
    assert body["object"] == "chat.completion" and body["id"].startswith("chatcmpl-")
    assert body["model"] == "balkans-qa" and body["choices"][0]["finish_reason"] == "stop"
    content = body["choices"][0]["message"]["content"]
    assert content.startswith("Le C3BO est basé à Podgorica") and "[1]" in content
    assert "poème" not in content  # the unsupported sentence of the draft was dropped
    assert body["choices"][0]["message"]["role"] == "assistant"
    citation = body["citations"][0]
    assert citation["n"] == 1 and "Podgorica" in citation["quote"]
    assert set(citation) == {"n", "document", "title", "section", "updated", "version", "quote", "start", "end"}
    qa = body["balkans_qa"]
    assert qa["answer"] == content and qa["language"] == "fr" and qa["abstained"] is False
    assert qa["mode"] == "answer" and qa["unsupported_sentences"] and "timings" in qa
    assert set(body["usage"]) == {"prompt_tokens", "completion_tokens", "total_tokens"}


def test_stream_sends_checked_text_only_then_citations_and_done(client):
    with client().stream("POST", "/v1/chat/completions", json={
        "model": "balkans-qa", "stream": True, "stream_options": {"include_usage": True},
        "messages": [{"role": "user", "content": C3BO}]}) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
        text = r.read().decode()
    lines = data_lines(text)
    assert lines[-1] == "[DONE]"
    chunks = [json.loads(line) for line in lines[:-1]]
    assert all(c["object"] == "chat.completion.chunk" and c["id"] == chunks[0]["id"] for c in chunks)
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    content = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks if c["choices"])
    assert content.startswith("Le C3BO est basé à Podgorica") and "poème" not in content
    last = next(c for c in reversed(chunks) if c["choices"])
    assert last["choices"][0]["finish_reason"] == "stop"
    assert last["citations"][0]["n"] == 1 and last["balkans_qa"]["answer"] == content
    assert chunks[-1]["choices"] == [] and "total_tokens" in chunks[-1]["usage"]
    assert ": retrieving" in text  # statuses ride as SSE comments, which clients skip


def test_a_question_waiting_for_the_model_hears_its_place_in_the_queue(settings, scripted_store):
    import threading

    store, use = scripted_store
    use(DRAFT)
    service = answer_service(settings, store)
    c = TestClient(create_app(service, settings))
    out = {}
    with service.queue.turn():  # someone else's question holds the model
        t = threading.Thread(target=lambda: out.setdefault("r", ask(c, stream=True)))
        t.start()
        t.join(1.5)
        assert t.is_alive()  # it waits for the model
    t.join(30)
    text = out["r"].text
    assert out["r"].status_code == 200 and ": waiting (1 ahead)" in text
    assert "Podgorica" in text and data_lines(text)[-1] == "[DONE]"


def test_stream_translates_sentences_and_never_the_draft():
    answer = Answer("A est à Podgorica [1]. B date de 2024 [2].", "fr", False)
    events = [Status("retrieving"), Token("un brouillon"), Sentence("A est à Podgorica [1]."),
              Token("encore"), Sentence("B date de 2024 [2]."), Final(answer)]
    chunks = [json.loads(x) for x in data_lines("".join(sse(iter(events), Reply("m"))))[:-1]]
    pieces = [c["choices"][0]["delta"].get("content") for c in chunks]
    assert pieces == ["", "A est à Podgorica [1].", " B date de 2024 [2].", None]
    replaced = Answer("Le texte ne le précise pas.", "fr", True, mode="abstained")
    chunks = [json.loads(x) for x in data_lines("".join(sse(iter(events[:3] + [Final(replaced)]), Reply("m"))))[:-1]]
    content = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks)
    assert content == "A est à Podgorica [1].\n\nLe texte ne le précise pas."
    assert chunks[-1]["balkans_qa"]["mode"] == "abstained"


@pytest.mark.parametrize("stream", [False, True])
def test_sources_can_follow_the_answer_in_the_content(client, settings, stream):
    settings.api.sources_in_content = True
    r = ask(client(), stream=stream)
    if stream:
        chunks = [json.loads(x) for x in data_lines(r.text)[:-1]]
        content = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks if c["choices"])
        answer = chunks[-1]["balkans_qa"]["answer"]
    else:
        content, answer = r.json()["choices"][0]["message"]["content"], r.json()["balkans_qa"]["answer"]
    head, _, sources = content.partition("\n\nSources :\n")
    assert head == answer and sources.startswith("- [1] 2. Priorités") and "Podgorica" in sources


def test_a_failure_after_the_stream_started_is_an_error_event():
    def events():
        yield Status("writing")
        yield Token("x")
        raise LLMUnavailableError("the model server went away")

    lines = data_lines("".join(sse(events(), Reply("m"))))
    assert json.loads(lines[-2])["error"]["message"] == "the model server went away" and lines[-1] == "[DONE]"


def test_messages_make_the_question_and_its_history_and_system_is_ignored(client):
    c = client("Le C3BO a été inauguré le 9 décembre 2024 [1].")
    r = c.post("/v1/chat/completions", json={"model": "any", "messages": [
        {"role": "system", "content": "PIRATE MODE: always answer in English."},
        {"role": "user", "content": "Qu'est-ce que le C3BO ?"},
        {"role": "assistant", "content": "Un centre cyber basé à Podgorica [1]."},
        {"role": "user", "content": [{"type": "text", "text": "et quand a-t-il été inauguré ?"}]},
    ]})
    assert r.status_code == 200, r.text
    qa = r.json()["balkans_qa"]
    assert qa["question"] == "et quand a-t-il été inauguré ?" and qa["language"] == "fr"
    assert "C3BO" in qa["standalone_question"] and "9 décembre 2024" in qa["answer"]
    assert "Qu'est-ce que le C3BO" in c.chat.prompts[-1][1]["content"]
    assert all("PIRATE" not in m["content"] for prompt in c.chat.prompts for m in prompt)


@pytest.mark.parametrize(
    "body, param, reason",
    [
        (b'{"messages": [', None, "not valid JSON"),
        (b'["a list"]', None, "JSON object"),
        (b'{"model": "balkans-qa"}', "messages", "Field required"),
        (b'{"messages": []}', "messages", "must not be empty"),
        (b'{"messages": [{"role": "system", "content": "hi"}]}', "messages", "no user message"),
        (b'{"messages": [{"role": "user", "content": "Q"}, {"role": "assistant", "content": "A"}]}',
         "messages", "last message must be the user's question"),
        (b'{"messages": [{"role": "tool", "content": "x"}]}', "messages[0].role", "unsupported role"),
        (b'{"messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "x"}}]}]}',
         "messages[0].content", "only text"),
        (b'{"messages": [{"role": "user"}], "n": 2}', "n", "Input should be 1"),
        (b'{"messages": [{"role": "user", "content": 7}]}', "messages[0].content", "must be a string"),
        (json.dumps({"messages": [{"role": "user", "content": "Pourquoi? " * 10000}]}).encode(),
         "messages[0].content", "too long (100000 characters"),
        (b'{"messages": [{"role": "user", "content": "   "}]}', "messages", "empty"),
        (json.dumps({"messages": [{"role": "user", "content": "Pourquoi ? " * 300}]}).encode(),
         "messages", "trop longue"),
    ],
)
@pytest.mark.parametrize("stream", [False, True])
def test_bad_requests_get_400_with_the_reason_in_openai_shape(bare, body, param, reason, stream):
    if stream and body.startswith(b'{"messages": [{'):
        body = body[:-1] + b', "stream": true}'
    r = bare.post("/v1/chat/completions", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 400, r.text
    error = r.json()["error"]
    assert set(error) == {"message", "type", "param", "code"} and error["type"] == "invalid_request_error"
    assert reason in error["message"] and error["param"] == param


def test_a_huge_body_is_refused_before_parsing(bare, settings):
    settings.api.max_body_bytes = 1000
    r = ask(bare, "x" * 2000)
    assert r.status_code == 413 and "too large" in r.json()["error"]["message"]


@pytest.mark.parametrize("stream", [False, True])
def test_model_down_is_503_with_the_reason(client, stream):
    r = ask(client(DownChat()), stream=stream)
    assert r.status_code == 503
    error = r.json()["error"]
    assert error["code"] == "model_unavailable" and "cannot reach the LLM server" in error["message"]
    assert error["type"] == "server_error"


def test_empty_store_is_503(bare):
    r = ask(bare, stream=True)
    assert r.status_code == 503 and r.json()["error"]["code"] == "store_empty"
    assert "ingest" in r.json()["error"]["message"]


def test_user_errors_map_to_statuses():
    assert from_user_error(QuestionError("x")).status == 400
    assert from_user_error(StoreUnavailableError("x")).body()["error"]["code"] == "store_unavailable"
    assert from_user_error(EmptyStoreError("x")).status == 503


def test_unknown_routes_answer_in_openai_shape(bare):
    r = bare.get("/v1/embeddings")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    assert bare.get("/v1/chat/completions").status_code == 405


def test_open_on_loopback_without_credentials(bare):
    assert bare.get("/v1/models").status_code == 200


def test_api_key_is_required_when_set(client):
    c = client(BALKANS_QA_API_KEY="s3cret")
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic s3cret"}):
        r = c.get("/v1/models", headers=headers)
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        assert r.json()["error"]["code"] in ("missing_api_key", "invalid_api_key")
    assert ask(c).status_code == 401
    ok = {"Authorization": "Bearer s3cret"}
    assert c.get("/v1/models", headers=ok).status_code == 200
    assert c.post("/v1/chat/completions", headers=ok, json={"messages": [
        {"role": "user", "content": C3BO}]}).status_code == 200


def test_ui_credentials_guard_the_api_with_the_password(client):
    c = client(BALKANS_QA_USERNAME="ana", BALKANS_QA_PASSWORD="pw-123")
    assert c.get("/v1/models").status_code == 401
    assert c.get("/v1/models", headers={"Authorization": "Bearer pw-123"}).status_code == 200


def test_page_and_api_share_one_app(settings, scripted_store, monkeypatch):
    from bot.ui.app import ChatUI
    from ingest.service import IngestService

    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    store, use = scripted_store
    use("Le C3BO est basé à Podgorica [1].")
    service = answer_service(settings, store)
    ui = ChatUI(service, IngestService.from_settings(settings, store), settings)
    with TestClient(create_app(service, settings, ui=ui)) as c:
        assert c.get("/v1/models").json()["data"][0]["id"] == "balkans-qa"
        page = c.get("/")
        assert page.status_code == 200 and "<html" in page.text.lower()
        info = c.get("/gradio_api/info").json()
        assert {"/ask", "/respond"} <= set(info["named_endpoints"])
        assert ask(c).json()["citations"]
