"""One port for all that `balkans-qa chat` serves: the Gradio page at / (with its queue, login and
its /ask and /respond API) and the OpenAI-compatible API at /v1, over one answer service."""

from __future__ import annotations


def create_app(service, settings, *, ui=None, auth: tuple[str, str] | None = None):
    """A FastAPI app with /v1, and the chat page at / when a `ChatUI` is given."""
    from fastapi import FastAPI

    from bot.api.routes import create_api

    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.mount("/v1", create_api(service, settings))  # before "/": the page would take every path
    if ui is not None:
        import gradio as gr

        demo = ui.build().queue(default_concurrency_limit=2)
        gr.mount_gradio_app(app, demo, path="/", auth=auth, **ui.launch_options())
    return app


def serve(app, *, host: str, port: int) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM)."""
    import uvicorn

    uvicorn.run(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=5)
