"""The Gradio adapter's handlers, called directly (no browser): a real embedded Chroma, hashing
embeddings and scripted or failing chat models registered through the app's LLM registry."""

import json

import pytest

from bot.core.errors import LLMUnavailableError
from bot.llm.registry import register_llm
from bot.ui import render
from bot.ui.app import ChatUI
from bot.wiring import answer_service
from tests.unit.fakes import HashingEmbeddings, ScriptedChat

pytestmark = pytest.mark.unit

XSS = "<img src=x onerror=alert(1)>"


class DownChat:
    name = "down"

    def stream(self, messages, *, max_tokens):
        raise LLMUnavailableError("cannot reach the LLM server at http://127.0.0.1:9/v1")
        yield  # pragma: no cover


@pytest.fixture
def make_ui(settings, corpus_dir):
    from ingest.service import IngestService
    from vectorstore.chroma_store import open_store

    store = open_store(settings.store, HashingEmbeddings())
    ingest = IngestService.from_settings(settings, store)
    ingest.ingest([corpus_dir])
    a = settings.answer
    a.same_language_support, a.cross_language_support, a.min_relevance, a.quote_min_score = 0.3, 0.05, 0.05, 0.3

    def build(chat):
        register_llm("ui-test", lambda _s: chat)
        settings.llm.backend = "ui-test"
        return ChatUI(answer_service(settings, store), ingest, settings)

    return build


def final(events):
    return list(events)[-1]


def test_respond_streams_then_shows_checked_answer_and_sources(make_ui):
    ui = make_ui(ScriptedChat("Le C3BO a été inauguré le 9 décembre 2024 [1]."))
    events = list(ui.respond("Quand le C3BO a-t-il été inauguré ?", [], []))
    assert len(events) >= 3
    chat, sources, status, box, turns, last = events[-1]
    assert chat[-1]["content"].endswith("[\\[1\\]](#cite-1).")
    assert 'id="cite-1"' in sources and "<mark>" in sources
    assert status.startswith("Réponse en")
    assert box == "" and len(turns) == 1 and last["citations"]


def test_backend_down_is_a_readable_message_and_the_app_goes_on(make_ui):
    ui = make_ui(DownChat())
    chat, _, status, *_ = final(ui.respond("Quand le C3BO a-t-il été inauguré ?", [], []))
    assert "cannot reach the LLM server" in chat[-1]["content"]
    assert status.startswith("⚠️")


def test_script_in_a_question_is_escaped(make_ui):
    ui = make_ui(ScriptedChat("Le texte ne le précise pas."))
    chat, *_ = final(ui.respond(f"{XSS} Où est le C3BO ?", [], []))
    assert "<img" not in chat[0]["content"] and "&lt;img" in chat[0]["content"]


def test_sources_escape_document_text():
    from bot.core.records import Answer, Chunk, Citation

    chunk = Chunk("d.txt", f"Bureau {XSS} à Tirana.", 0, 30, "S", title="T", id="c", version="v")
    answer = Answer("Tirana [1].", "fr", False, citations=[Citation(1, chunk, chunk.text, 0, len(chunk.text))])
    html = render.sources_html(answer)
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<script" not in render.answer_markdown(Answer("<script>x</script> [1]", "fr", False))


def test_streaming_text_hides_unchecked_markers():
    assert render.streaming_text("Le C3BO [1] a été inauguré [n") == "Le C3BO a été inauguré"


def test_feedback_is_appended_as_jsonl(make_ui, settings):
    ui = make_ui(ScriptedChat("Le C3BO a été inauguré le 9 décembre 2024 [1]."))
    *_, last = final(ui.respond("Quand le C3BO a-t-il été inauguré ?", [], []))
    assert ui.feedback("up", "précis", last).startswith("Merci")
    ui.feedback("down", "", last)
    lines = [json.loads(x) for x in settings.ui.feedback_path.read_text(encoding="utf-8").splitlines()]
    assert [r["rating"] for r in lines] == ["up", "down"]
    assert lines[0]["question"] == "Quand le C3BO a-t-il été inauguré ?"
    assert lines[0]["citations"] and lines[0]["document_versions"]


def test_a_bad_upload_changes_nothing(make_ui, settings, tmp_path):
    ui = make_ui(ScriptedChat("x"))
    before = ui.documents()
    bad = tmp_path / "strategie-francaise-balkans-occidentaux.fr.txt"
    bad.write_bytes(b"\x00\x01" * 50)
    report, docs = list(ui.upload(str(bad)))[-1]
    assert "failed" in report and "binary" in report
    assert docs == before
    assert b"\x00" not in (settings.ingest.corpus_dir / bad.name).read_bytes()


def test_a_good_upload_is_ingested_and_listed(make_ui, settings, tmp_path):
    ui = make_ui(ScriptedChat("x"))
    doc = tmp_path / "note.md"
    doc.write_text("# Note\n\nUn bureau de liaison est situé à Tirana.\n", encoding="utf-8")
    report, docs = list(ui.upload(str(doc)))[-1]
    assert "**added** note.md" in report
    assert any(row[1] == "note.md" for row in docs)
    assert (settings.ingest.corpus_dir / "note.md").is_file()


def test_new_conversation_clears_everything():
    chat, sources, status, box, turns, last = ChatUI.new_conversation()
    assert chat == [] and turns == [] and last is None
