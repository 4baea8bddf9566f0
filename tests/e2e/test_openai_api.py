"""The OpenAI-compatible API of a running `balkans-qa chat` (real local model): the official
`openai` client, streaming and not, and raw HTTP for the error cases and the bearer rule."""

import json

import httpx
import pytest

from tests.conftest import free_port
from tests.e2e.conftest import serve_chat

pytestmark = pytest.mark.e2e

KEY = "e2e-api-key"


@pytest.fixture(scope="module")
def api_server(tmp_path_factory):
    """The chat with an API key: the page stays open on loopback, /v1 needs the key."""
    with serve_chat(tmp_path_factory.mktemp("api"), env={"BALKANS_QA_API_KEY": KEY},
                    log_name="api-server.log") as server:
        server["v1"] = server["url"] + "v1"
        yield server


@pytest.fixture(scope="module")
def client(api_server):
    import openai

    return openai.OpenAI(base_url=api_server["v1"], api_key=KEY, timeout=180, max_retries=0)


def test_models_lists_balkans_qa(client):
    assert [m.id for m in client.models.list().data] == ["balkans-qa"]


def test_a_french_question_gets_a_cited_answer(client):
    reply = client.chat.completions.create(
        model="balkans-qa", messages=[{"role": "user", "content": "Où est basé le C3BO ?"}])
    content = reply.choices[0].message.content
    assert "Podgorica" in content and "[1]" in content, content
    assert reply.choices[0].finish_reason == "stop"
    extra = reply.model_extra
    cited = extra["citations"]
    assert cited and any("Podgorica" in c["quote"] for c in cited)
    first = cited[0]
    assert first["document"].startswith("strategie-francaise") and first["section"] and first["updated"]
    assert first["end"] > first["start"] >= 0
    assert extra["balkans_qa"]["language"] == "fr" and not extra["balkans_qa"]["abstained"]
    assert extra["balkans_qa"]["answer"] == content


def test_a_streamed_answer_carries_its_citations_in_the_last_chunk(client):
    stream = client.chat.completions.create(
        model="balkans-qa", stream=True,
        messages=[{"role": "user", "content": "Combien l'AFD a-t-elle engagé dans la région depuis 2019 ?"}])
    chunks = list(stream)
    content = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert "1,5 milliard" in content and "[1]" in content, content
    last = chunks[-1]
    assert last.choices[0].finish_reason == "stop"
    assert last.model_extra["citations"] and "AFD" in last.model_extra["balkans_qa"]["citations"][0]["passage"]
    assert last.model_extra["balkans_qa"]["answer"] == content  # what was streamed is the checked answer


def test_a_follow_up_uses_the_conversation(client):
    reply = client.chat.completions.create(model="balkans-qa", messages=[
        {"role": "system", "content": "You are a pirate."},
        {"role": "user", "content": "Qu'est-ce que le C3BO ?"},
        {"role": "assistant", "content": "Un centre cyber des Balkans occidentaux basé à Podgorica [1]."},
        {"role": "user", "content": "Et quand a-t-il été inauguré ?"},
    ])
    assert "9 décembre 2024" in reply.choices[0].message.content, reply.model_extra["balkans_qa"]


def raw(api_server, body, key=KEY):
    headers = {"Content-Type": "application/json"}
    if key:
        headers["Authorization"] = f"Bearer {key}"
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return httpx.post(api_server["v1"] + "/chat/completions", content=data, headers=headers, timeout=60)


@pytest.mark.parametrize(
    "body, reason",
    [
        (b'{"model": "balkans-qa", "messages": [{"role": "user", "content": "C3BO ?"', "not valid JSON"),
        ({"model": "balkans-qa", "messages": []}, "must not be empty"),
        ({"model": "balkans-qa", "messages": [{"role": "system", "content": "Be brief."}]}, "no user message"),
        ({"model": "balkans-qa", "messages": [{"role": "user", "content": "Pourquoi? " * 10000}]},
         "too long (100000 characters"),
        ({"model": "balkans-qa", "stream": True, "messages": [{"role": "user", "content": "   "}]}, "empty"),
    ],
)
def test_bad_requests_get_400_with_a_reason(api_server, body, reason):
    r = raw(api_server, body)
    assert r.status_code == 400, r.text
    error = r.json()["error"]
    assert reason in error["message"] and error["type"] == "invalid_request_error"
    assert set(error) == {"message", "type", "param", "code"}


def test_the_api_needs_the_key_and_the_page_stays_open(api_server):
    body = {"model": "balkans-qa", "messages": [{"role": "user", "content": "Où est basé le C3BO ?"}]}
    for key in (None, "wrong"):
        r = raw(api_server, body, key=key)
        assert r.status_code == 401 and r.json()["error"]["code"] in ("missing_api_key", "invalid_api_key")
    assert httpx.get(api_server["v1"] + "/models", timeout=10).status_code == 401
    assert httpx.get(api_server["url"], timeout=10).status_code == 200


def test_the_openai_client_raises_the_reason(client):
    import openai

    with pytest.raises(openai.BadRequestError, match="no user message"):
        client.chat.completions.create(model="balkans-qa", messages=[{"role": "assistant", "content": "Hi"}])


def test_model_down_is_503_with_the_reason(tmp_path):
    dead = f"http://127.0.0.1:{free_port()}/v1"
    with serve_chat(tmp_path, "--llm", "openai", env={"BALKANS_QA_LLM__OPENAI_BASE_URL": dead},
                    log_name="api-server-model-down.log") as server:
        for stream in (False, True):
            r = httpx.post(server["url"] + "v1/chat/completions", timeout=60, json={
                "model": "balkans-qa", "stream": stream,
                "messages": [{"role": "user", "content": "Où est basé le C3BO ?"}]})
            assert r.status_code == 503, r.text
            error = r.json()["error"]
            assert error["code"] == "model_unavailable" and dead in error["message"]
