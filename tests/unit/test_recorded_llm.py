"""The "recorded" backend: replies of another backend, chosen through the same registry, replayed by prompt."""

import pytest

from bot.core.errors import ConfigError
from bot.llm.recorded import read_replies
from bot.llm.registry import make_llm, register_llm
from bot.settings import LLMSettings
from tests.unit.fakes import SequenceChat

pytestmark = pytest.mark.unit


def ask(model, text: str, max_tokens: int = 20) -> str:
    return "".join(model.stream([{"role": "user", "content": text}], max_tokens=max_tokens))


@pytest.fixture
def recorded(tmp_path):
    inner = SequenceChat("First reply.", "Second reply.", "Third reply.")
    register_llm("sequence", lambda _settings: inner)
    settings = LLMSettings(backend="recorded", recorded_backend="sequence", replies_path=tmp_path / "replies.jsonl")
    return settings, inner


def test_a_prompt_seen_before_gets_its_recorded_reply_without_the_model(recorded):
    settings, inner = recorded
    model = make_llm(settings)
    assert ask(model, "Q1") == "First reply."
    assert ask(model, "Q1") == "First reply." and len(inner.prompts) == 1
    assert ask(model, "Q1", max_tokens=5) == "Second reply."  # another length allowed: another prompt
    assert (model.replayed, model.generated) == (1, 2)


def test_replies_outlive_the_process_and_a_cut_line_is_skipped(recorded):
    settings, inner = recorded
    ask(make_llm(settings), "Q1")
    with settings.replies_path.open("ab") as f:
        f.write('{"key": "abc", "reply": "Fran\u00e7'.encode("utf-8")[:-1])  # a run stopped inside a character
    again = make_llm(settings)
    assert ask(again, "Q1") == "First reply." and len(inner.prompts) == 1
    assert len(read_replies(settings.replies_path)) == 1
    assert ask(again, "Q2") == "Second reply."  # recorded on a line of its own, after the cut one
    assert len(read_replies(settings.replies_path)) == 2


def test_a_reply_stopped_by_the_reader_is_not_recorded(recorded):
    settings, inner = recorded
    model = make_llm(settings)
    stream = model.stream([{"role": "user", "content": "Q1"}], max_tokens=20)
    next(stream)
    stream.close()
    assert not read_replies(settings.replies_path)
    assert ask(model, "Q1") == "Second reply."  # generated again, whole this time


def test_recording_itself_or_no_model_is_a_configuration_error(tmp_path):
    with pytest.raises(ConfigError):
        make_llm(LLMSettings(backend="recorded", recorded_backend="recorded", replies_path=tmp_path / "r.jsonl"))
    model = make_llm(LLMSettings(backend="recorded", recorded_backend="extractive", replies_path=tmp_path / "r.jsonl"))
    with pytest.raises(ConfigError):
        ask(model, "Q1")
