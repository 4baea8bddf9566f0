"""The Gradio chat: a thin adapter over the answer and ingest services.

`ChatUI(service, ingest_service, settings)` gets the services; `build()` makes the Blocks;
`launch_options()` holds every page-level option (theme, CSS, upload limit), the same whether
Gradio serves alone (`launch()`) or mounted in a larger app. The handlers are plain methods of
`ChatHandlers` and `DocumentHandlers`, tested without a browser; this module only wires them.
The conversation is drawn by the app itself (gr.HTML): no Markdown is ever rendered.

(No `from __future__ import annotations` here: Gradio reads the handlers' `gr.Request` and
`gr.EventData` annotations as objects.)"""

import os
from collections.abc import Iterator
from importlib import resources

from bot.ui import endpoints
from bot.ui.conversations import ChatHandlers
from bot.ui.documents import DocumentHandlers
from bot.ui.history import ConversationStore
from bot.ui.labels import LANGS, t
from bot.ui.render_chat import header_html
from bot.ui.sessions import View

# Events each component sends (named in its js_on_load so that Gradio creates the listeners).
CHAT_EVENTS = "/* 'qa_ask' 'qa_retry' 'qa_edit' 'qa_rate' 'qa_comment' */\n"
SIDE_EVENTS = "/* 'qa_new' 'qa_open' 'qa_delete' */\n"
HEADER_EVENTS = "/* 'qa_language' */\n"
DOCS_EVENTS = "/* 'qa_remove' */\n"


def static(name: str) -> str:
    return resources.files("bot.ui").joinpath("static", name).read_text(encoding="utf-8")


def _key(request) -> tuple[str, str]:
    """(session key, owner) of a request: Gradio's session hash and the signed-in user, if any."""
    if request is None:
        return "local", ""
    return request.session_hash or "local", getattr(request, "username", None) or ""


class ChatUI:
    def __init__(self, service, ingest_service, settings) -> None:
        self.service = service
        self.ingest_service = ingest_service
        self.settings = settings
        self.store = ConversationStore(settings.ui.history_path)
        self.chat = ChatHandlers(service, self.store, settings.ui.feedback_path)
        self.docs = DocumentHandlers(ingest_service, settings)

    # -- API endpoints (plain text / JSON) ----------------------------------------------------
    def ask_json(self, question: str) -> dict:
        """One question, the checked answer as JSON (the `ask --json` shape)."""
        return endpoints.ask_json(self.service, question)

    def respond(self, question: str, history: list | None = None) -> list:  # a generator: streams
        """One chat turn: the messages with the new answer (plain text, numbered references)."""
        yield from endpoints.respond(self.service, question, history)

    # -- app ---------------------------------------------------------------------------------
    def build(self):
        import gradio as gr

        chat_h, docs_h = self.chat, self.docs
        lang_of = lambda request: chat_h.sessions.get(_key(request)[0]).lang  # noqa: E731

        def document_view(payload: dict) -> str:
            """The viewer's content (a server function: called from the page, no session)."""
            payload = payload if isinstance(payload, dict) else {}
            lang = payload.get("lang") if payload.get("lang") in LANGS else "fr"
            try:
                start, end = int(payload.get("start") or 0), int(payload.get("end") or 0)
            except (TypeError, ValueError):
                start = end = 0
            return docs_h.view(str(payload.get("doc", "")), start, end, lang)

        with gr.Blocks(title=t("fr", "page_title"), fill_width=True) as demo:
            stored = gr.BrowserState({}, storage_key="balkans-qa", secret=self.store.secret())
            header = gr.HTML(header_html("fr"), js_on_load=HEADER_EVENTS + static("header.js"), elem_id="header")
            with gr.Sidebar(elem_id="sidebar", width=290, label="Conversations", open=False):
                side = gr.HTML("", js_on_load=SIDE_EVENTS + static("side.js"), elem_id="conversations")
            with gr.Tabs(elem_id="tabs"):
                with gr.Tab("Questions", id="questions", elem_id="tab-questions"):
                    chat = gr.HTML("", js_on_load=CHAT_EVENTS + static("chat.js"), elem_id="chat",
                                   server_functions=[document_view])
                    with gr.Row(equal_height=True, elem_id="ask-row"):
                        box = gr.Textbox(label=t("fr", "question"), placeholder=t("fr", "placeholder"), lines=1,
                                         max_lines=6, elem_id="question", scale=8, autofocus=True,
                                         max_length=self.settings.answer.max_question_chars)
                        send = gr.Button(t("fr", "send"), variant="primary", elem_id="send", scale=1, min_width=110)
                        stop = gr.Button(t("fr", "stop"), variant="stop", elem_id="stop", scale=1, min_width=110,
                                         visible=False)
                with gr.Tab("Documents", id="documents", elem_id="tab-documents"):
                    docs = gr.HTML("", js_on_load=DOCS_EVENTS + static("docs.js"), elem_id="documents")
                    upload = gr.File(label=t("fr", "upload"), file_types=list(self.ingest_service.formats),
                                     elem_id="upload")
                    report = gr.HTML("", elem_id="ingest-report", js_on_load=None)

            chat_out = [chat, side, box, send, stop, stored]
            page_out = [header, docs, upload, *chat_out]

            def out(view: View, lang: str) -> tuple:
                skip = gr.skip()
                buttons = (skip, skip) if view.busy is None else (
                    gr.update(value=t(lang, "send"), visible=not view.busy),
                    gr.update(value=t(lang, "stop"), visible=view.busy, interactive=True),
                )
                return (view.chat if view.chat is not None else skip,
                        view.sidebar if view.sidebar is not None else skip,
                        "" if view.box == "" else skip, *buttons,
                        view.stored if view.stored is not None else skip)

            def page(view: View, lang: str) -> tuple:
                box_update = gr.update(label=t(lang, "question"), placeholder=t(lang, "placeholder"))
                chat_part = list(out(view, lang))
                chat_part[2] = box_update
                return (header_html(lang), docs_h.table(lang), gr.update(label=t(lang, "upload")), *chat_part)

            def on_load(saved, request: gr.Request):
                key, owner = _key(request)
                view = chat_h.load(key, owner, saved, request.headers.get("accept-language") if request else None)
                return page(view, lang_of(request))

            def on_language(evt: gr.EventData, request: gr.Request):
                view = chat_h.set_language(_key(request)[0], evt._data.get("lang", "fr"))
                return page(view, lang_of(request))

            def handler(method, *fields):
                """A chat handler fed with the event's data; returns the page changes."""
                def run(evt: gr.EventData, request: gr.Request):
                    args = [evt._data.get(f) if isinstance(evt._data, dict) else None for f in fields]
                    return out(method(_key(request)[0], *args), lang_of(request))
                return run

            def on_submit(question, request: gr.Request):
                return out(chat_h.submit(_key(request)[0], question), lang_of(request))

            def on_run(request: gr.Request) -> Iterator[tuple]:
                for view in chat_h.run(_key(request)[0]):
                    yield out(view, lang_of(request))

            def on_stop(request: gr.Request):
                return out(chat_h.stop(_key(request)[0]), lang_of(request))

            def on_upload(path, request: gr.Request):
                for report_html, table in docs_h.upload(path, lang_of(request)):
                    yield report_html, table, gr.skip()
                yield gr.skip(), gr.skip(), None

            def on_remove(evt: gr.EventData, request: gr.Request):
                return docs_h.remove(evt._data.get("doc"), lang_of(request))

            def on_unload(request: gr.Request):
                chat_h.unload(_key(request)[0])

            quiet = {"show_progress": "hidden", "api_visibility": "private"}
            now = {**quiet, "concurrency_limit": None}
            answer = {**quiet, "concurrency_limit": 8, "concurrency_id": "answer"}
            demo.load(on_load, [stored], page_out, **now)
            header.qa_language(on_language, None, page_out, **now)
            for trigger, start in (
                (send.click, on_submit), (box.submit, on_submit),
            ):
                trigger(start, [box], chat_out, **now).then(on_run, None, chat_out, **answer)
            for trigger, start in (
                (chat.qa_ask, handler(lambda k, text: chat_h.submit(k, text, from_box=False), "text")),
                (chat.qa_retry, handler(chat_h.retry)),
                (chat.qa_edit, handler(chat_h.edit, "text")),
            ):
                trigger(start, None, chat_out, **now).then(on_run, None, chat_out, **answer)
            stop.click(on_stop, None, chat_out, **now)
            chat.qa_rate(handler(chat_h.feedback, "msg", "rating"), None, chat_out, **now)
            chat.qa_comment(handler(lambda k, msg, comment: chat_h.feedback(k, msg, None, comment), "msg", "comment"),
                            None, chat_out, **now)
            side.qa_new(handler(chat_h.new), None, chat_out, **now)
            side.qa_open(handler(chat_h.open, "id"), None, chat_out, **now)
            side.qa_delete(handler(chat_h.delete, "id"), None, chat_out, **now)
            upload.upload(on_upload, [upload], [report, docs, upload], **quiet)
            docs.qa_remove(on_remove, None, [report, docs], **quiet)
            demo.unload(on_unload)
            gr.api(self.ask_json, api_name="ask")
            gr.api(self.respond, api_name="respond")
        return demo

    def launch_options(self) -> dict:
        """Everything Gradio needs besides the Blocks to serve the page (theme, CSS, upload limit):
        the same whether Gradio serves alone or mounted in a larger app."""
        import gradio as gr

        theme = gr.themes.Default(
            primary_hue="blue",
            font=["system-ui", "Segoe UI", "Helvetica", "Arial", "sans-serif"],
            font_mono=["ui-monospace", "Menlo", "monospace"],
        ).set(
            button_primary_background_fill="#1d4ed8",
            button_primary_background_fill_hover="#1e40af",
            button_primary_text_color="#ffffff",
            button_primary_background_fill_dark="#93b4ff",
            button_primary_background_fill_hover_dark="#b7cdff",
            button_primary_text_color_dark="#111827",
            button_cancel_background_fill="#b91c1c",
            button_cancel_background_fill_hover="#991b1b",
            button_cancel_text_color="#ffffff",
            input_placeholder_color="#4b5563",
            input_placeholder_color_dark="#c7ccd4",
            body_text_color_subdued="#4b5563",
            body_text_color_subdued_dark="#c7ccd4",
        )
        return {
            "theme": theme,
            "css": static("chat.css"),
            "max_file_size": int(self.settings.ui.max_upload_mb * 1_000_000),
            "footer_links": [],
            "ssr_mode": False,
        }

    def launch(self, demo, *, host: str, port: int, auth: tuple[str, str] | None, **kwargs):
        return demo.queue(default_concurrency_limit=2).launch(
            server_name=host, server_port=port, auth=auth, **self.launch_options(), **kwargs
        )


def is_loopback(host: str) -> bool:
    return host in ("127.0.0.1", "localhost", "::1") or host.startswith("127.")


def credentials(settings) -> tuple[str, str] | None:
    user = os.environ.get(settings.ui.username_env)
    password = os.environ.get(settings.ui.password_env)
    return (user, password) if user and password else None
