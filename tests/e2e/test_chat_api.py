"""The running chat app through gradio_client, and the bind/credentials rule."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import free_port

pytestmark = pytest.mark.e2e


def test_api_answer_comes_back_with_citations(chat_server):
    from gradio_client import Client

    client = Client(chat_server["url"], verbose=False)
    result = client.predict("Combien l'AFD a-t-elle engagé dans la région depuis 2019 ?", api_name="/ask")
    result = result if isinstance(result, dict) else json.loads(result)
    assert result["language"] == "fr"
    assert not result["abstained"]
    assert "1,5 milliard" in result["answer"]
    assert result["citations"] and "AFD" in result["citations"][0]["passage"]


def test_api_bad_question_is_a_readable_error(chat_server):
    from gradio_client import Client

    client = Client(chat_server["url"], verbose=False)
    result = client.predict("   ", api_name="/ask")
    result = result if isinstance(result, dict) else json.loads(result)
    assert "empty" in result["error"]


def test_refuses_to_bind_elsewhere_without_credentials(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("BALKANS_QA_")}
    result = subprocess.run(
        [str(Path(sys.executable).parent / "balkans-qa"), "chat", "--host", "0.0.0.0", "--port", str(free_port()),
         "--store", str(tmp_path / "s")],
        env=env, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    assert "without credentials" in result.stderr


def test_api_respond_streams_plain_text_with_references(chat_server):
    from gradio_client import Client

    client = Client(chat_server["url"], verbose=False)
    messages = client.predict("Combien l'AFD a-t-elle engagé dans la région depuis 2019 ?", [], api_name="/respond")
    assert [m["role"] for m in messages] == ["user", "assistant"]
    answer = messages[-1]["content"]
    assert "1,5 milliard" in answer and "\n[1] " in answer
    assert "&#x27;" not in answer and "&amp;" not in answer and "<" not in answer
