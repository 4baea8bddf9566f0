"""The Gradio chat: a thin adapter over the answer and ingest services.

`ChatUI(...)` gets the services; `build()` makes the Blocks; `launch()` serves them. The handlers
are plain methods, so they can be tested without a browser.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from bot.core.errors import UserError
from bot.core.events import Final, Status, Token
from bot.core.records import Answer, Turn
from bot.core.text import detect_language
from bot.ui import render

EXAMPLES = [
    "Quand le Centre cyber C3BO a-t-il été inauguré ?",
    "Combien l'AFD a-t-elle engagé dans la région depuis 2019 ?",
    "Who holds the strategic command of EUFOR Althea?",
    "What is the Horizons Partagés project?",
]


class ChatUI:
    def __init__(self, service, ingest_service, settings) -> None:
        self.service = service
        self.ingest_service = ingest_service
        self.settings = settings
        self._ingest_lock = threading.Lock()
        self._feedback_lock = threading.Lock()

    # -- chat ------------------------------------------------------------------------------------
    def respond(self, message: str, chat: list | None, turns: list | None) -> Iterator[tuple]:
        """Stream one answer: yields (chat, sources html, status, textbox, turns, last answer)."""
        chat = list(chat or [])
        turns = list(turns or [])
        lang = detect_language(message or "", default="fr")
        chat.append({"role": "user", "content": render.user_text(message or "")})
        chat.append({"role": "assistant", "content": "…"})
        history = [Turn(t["question"], t["answer"]) for t in turns]
        raw = ""
        try:
            for event in self.service.stream(message or "", history):
                if isinstance(event, Status):
                    yield chat, None, render.label(lang, event.stage), "", turns, None
                elif isinstance(event, Token):
                    raw += event.text
                    chat[-1] = {"role": "assistant", "content": render.streaming_text(raw) or "…"}
                    yield chat, None, render.label(lang, "writing"), "", turns, None
                elif isinstance(event, Final):
                    answer: Answer = event.answer
                    lang = answer.language
                    chat[-1] = {"role": "assistant", "content": render.answer_markdown(answer)}
                    turns.append({"question": answer.standalone_question, "answer": answer.answer})
                    t = answer.timings
                    status = render.label(
                        lang, "done", total=t["total_ms"] / 1000, retrieval=t["retrieval_ms"],
                        first=t["first_token_ms"] / 1000,
                    )
                    yield chat, render.sources_html(answer, lang), status, "", turns, _answer_record(answer)
        except UserError as exc:
            chat[-1] = {"role": "assistant", "content": render.label(lang, "error", msg=render.user_text(str(exc)))}
            yield chat, render.sources_html(None, lang), render.label(lang, "error", msg=str(exc)), "", turns, None

    def ask_json(self, question: str) -> dict:
        """API endpoint: one question, the checked answer as JSON (the `ask --json` shape)."""
        try:
            return self.service.ask(question).to_dict()
        except UserError as exc:
            return {"error": str(exc)}

    @staticmethod
    def new_conversation() -> tuple:
        return [], render.sources_html(None), "", "", [], None

    # -- feedback --------------------------------------------------------------------------------
    def feedback(self, rating: str, comment: str, last: dict | None) -> str:
        if not last:
            return "Posez d'abord une question. / Ask a question first."
        record = {
            "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "rating": rating,
            "comment": (comment or "")[:2000],
            **last,
        }
        path: Path = self.settings.ui.feedback_path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._feedback_lock, path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        return "Merci ! / Thank you!"

    # -- documents -------------------------------------------------------------------------------
    def documents(self) -> list[list]:
        rows = []
        for entry in sorted(self.ingest_service.store.manifest().values(), key=lambda e: e.doc_id):
            rows.append([entry.title, entry.doc_id, entry.updated or "", len(entry.chunks), entry.ingested_at])
        return rows

    def upload(self, file_path: str | None) -> Iterator[tuple[str, list]]:
        """Re-ingest an uploaded document: checked first, then copied into the corpus folder."""
        if not file_path:
            yield "Choisissez un fichier. / Choose a file.", self.documents()
            return
        src = Path(file_path)
        limit = int(self.settings.ui.max_upload_mb * 1_000_000)
        name = Path(getattr(file_path, "orig_name", None) or src.name).name
        if src.stat().st_size > limit:
            yield f"**failed** {name}: file too large (limit {self.settings.ui.max_upload_mb:g} MB)", self.documents()
            return
        try:
            self.ingest_service.check_file(src, max_bytes=limit)
        except UserError as exc:  # nothing is copied, nothing in the store changes
            yield f"**failed** {render.user_text(name)}: {render.user_text(str(exc))}", self.documents()
            return
        yield f"⏳ {render.user_text(name)}…", self.documents()
        with self._ingest_lock:
            corpus: Path = self.settings.ingest.corpus_dir
            corpus.mkdir(parents=True, exist_ok=True)
            dest = corpus / name
            with tempfile.NamedTemporaryFile(dir=corpus, prefix=".upload-", delete=False) as tmp:
                shutil.copyfile(src, tmp.name)
            os.replace(tmp.name, dest)
            report = self.ingest_service.ingest([dest])
        lines = [
            f"- **{d.status}** {render.user_text(Path(d.path).name)}: {d.chunks} chunks, {d.embedded} embedded"
            + (f" — {render.user_text(d.error)}" if d.error else "")
            for d in report.documents
        ]
        lines.append(f"\n{report.embedded} embedded, {report.removed} removed, {report.seconds:.1f} s")
        yield "\n".join(lines), self.documents()

    # -- app -------------------------------------------------------------------------------------
    def build(self):
        import gradio as gr

        with gr.Blocks(title="Balkans QA — Stratégie française pour les Balkans occidentaux") as demo:
            gr.Markdown(
                "## Stratégie française pour les Balkans occidentaux — questions / questions\n"
                "Posez une question en français ou en anglais. Chaque réponse cite le passage exact du texte. "
                "Ask in French or English; every answer cites the exact passage."
            )
            turns = gr.State([])
            last = gr.State(None)
            with gr.Tab("Questions"):
                with gr.Row():
                    with gr.Column(scale=3):
                        chat = gr.Chatbot(label="Conversation", height=460, elem_id="chat", feedback_options=None)
                        box = gr.Textbox(
                            label="Question", placeholder="Ex. : Quand le C3BO a-t-il été inauguré ?",
                            elem_id="question", max_length=self.settings.answer.max_question_chars,
                        )
                        with gr.Row():
                            send = gr.Button("Envoyer / Ask", variant="primary", elem_id="send")
                            new = gr.Button("Nouvelle conversation / New conversation", elem_id="new-conversation")
                        status = gr.Markdown("", elem_id="status")
                        gr.Examples(EXAMPLES, inputs=box, label="Exemples / Examples")
                        with gr.Row():
                            up = gr.Button("👍 Utile / Helpful", elem_id="thumbs-up", scale=1)
                            down = gr.Button("👎 Pas utile / Not helpful", elem_id="thumbs-down", scale=1)
                            comment = gr.Textbox(label="Commentaire / Comment", scale=3, elem_id="comment")
                        thanks = gr.Markdown("", elem_id="feedback-status")
                    with gr.Column(scale=2):
                        sources = gr.HTML(render.sources_html(None), elem_id="sources", js_on_load=None)
            with gr.Tab("Documents"):
                docs = gr.Dataframe(
                    headers=["title", "document", "updated", "chunks", "last ingest"],
                    value=self.documents, interactive=False, elem_id="documents",
                )
                upload = gr.File(
                    label="Ajouter ou mettre à jour un document / Add or update a document (.txt .md .html .pdf)",
                    file_types=list(self.ingest_service.formats), elem_id="upload",
                )
                ingest_btn = gr.Button("Ingérer / Ingest", elem_id="ingest")
                report = gr.Markdown("", elem_id="ingest-report")

            outputs = [chat, sources, status, box, turns, last]
            send.click(self.respond, [box, chat, turns], outputs, api_name="respond")
            box.submit(self.respond, [box, chat, turns], outputs, api_visibility="private")
            new.click(self.new_conversation, None, outputs, api_visibility="private")
            up.click(lambda c, l: self.feedback("up", c, l), [comment, last], thanks, api_visibility="private")
            down.click(lambda c, l: self.feedback("down", c, l), [comment, last], thanks, api_visibility="private")
            ingest_btn.click(self.upload, upload, [report, docs], api_name="upload")
            gr.api(self.ask_json, api_name="ask")
        return demo

    def launch_options(self) -> dict:
        """Everything Gradio needs besides the Blocks to serve the page (theme, CSS, head script,
        upload limit): the same whether Gradio serves alone or mounted in a larger app."""
        import gradio as gr

        theme = gr.themes.Default(
            font=["system-ui", "Segoe UI", "Helvetica", "Arial", "sans-serif"],
            font_mono=["ui-monospace", "Menlo", "monospace"],
        )
        return {
            "theme": theme,
            "css": render.CSS,
            "head": render.HEAD,
            "max_file_size": int(self.settings.ui.max_upload_mb * 1_000_000),
            "footer_links": [],
            "ssr_mode": False,
        }

    def launch(self, demo, *, host: str, port: int, auth: tuple[str, str] | None, **kwargs):
        return demo.queue(default_concurrency_limit=2).launch(
            server_name=host, server_port=port, auth=auth, **self.launch_options(), **kwargs
        )


def _answer_record(answer: Answer) -> dict:
    """What the feedback log keeps of an answer: enough to grow the evaluation set from it."""
    return {
        "question": answer.question,
        "standalone_question": answer.standalone_question,
        "language": answer.language,
        "answer": answer.answer,
        "abstained": answer.abstained,
        "citations": [c.to_dict() for c in answer.citations],
        "document_versions": sorted({f"{p.doc_id}@{p.version}" for p in answer.passages}),
        "backend": answer.backend,
    }


def is_loopback(host: str) -> bool:
    return host in ("127.0.0.1", "localhost", "::1") or host.startswith("127.")


def credentials(settings) -> tuple[str, str] | None:
    user = os.environ.get(settings.ui.username_env)
    password = os.environ.get(settings.ui.password_env)
    return (user, password) if user and password else None
