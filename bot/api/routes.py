"""The /v1 routes: a thin adapter that turns OpenAI requests into calls of the answer service
(the same one the chat page uses) and its answers and events back into OpenAI responses."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from bot.api.auth import api_token, check_bearer
from bot.api.completions import Reply, completion, sse
from bot.api.errors import APIError, from_user_error, internal_error
from bot.api.schemas import conversation, parse_request
from bot.core.errors import UserError
from bot.core.events import Event, Final, Sentence, Status, Token

log = logging.getLogger(__name__)


def _until_first_words(events: Iterator[Event]) -> list[Event]:
    """The events up to the model's first words (or the answer): a question that cannot be asked,
    an empty store or a model that is down fail before that, and so get their own HTTP status
    instead of an error in the middle of a stream. A question that waits for the model (others
    are being answered) starts its stream at once, its place in the queue as SSE comments."""
    head = []
    for event in events:
        head.append(event)
        if isinstance(event, (Token, Sentence, Final)) or (isinstance(event, Status) and event.stage == "waiting"):
            break
    return head


def _resume(head: list[Event], events: Iterator[Event]) -> Iterator[Event]:
    try:
        yield from head
        yield from events
    finally:
        events.close()


def create_api(service, settings) -> FastAPI:
    """The /v1 application (to mount at "/v1") over an answer service."""
    token = api_token(settings)
    model = settings.api.model_name
    started = int(time.time())

    async def bearer(request: Request) -> None:
        check_bearer(request.headers.get("authorization"), token)

    api = FastAPI(
        title="balkans-qa OpenAI-compatible API", docs_url=None, redoc_url=None, openapi_url=None,
        dependencies=[Depends(bearer)],
    )

    def error(exc: APIError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return JSONResponse(exc.body(), status_code=exc.status, headers=headers)

    @api.exception_handler(APIError)
    async def on_api_error(_request: Request, exc: APIError):
        return error(exc)

    @api.exception_handler(HTTPException)
    async def on_http_error(request: Request, exc: HTTPException):
        kind = "not_found" if exc.status_code == 404 else "invalid_request"
        return error(APIError(exc.status_code, f"{request.method} {request.url.path}: {exc.detail}", code=kind))

    @api.exception_handler(RequestValidationError)
    async def on_validation_error(_request: Request, exc: RequestValidationError):
        return error(APIError(400, str(exc.errors()[0].get("msg", "invalid request")), code="invalid_request"))

    def model_card() -> dict:
        return {"id": model, "object": "model", "created": started, "owned_by": "balkans-qa"}

    @api.get("/models")
    async def list_models():
        return {"object": "list", "data": [model_card()]}

    @api.get("/models/{name}")
    async def get_model(name: str):
        if name != model:
            raise APIError(404, f"the model {name!r} does not exist; this server has {model!r}",
                           param="model", code="model_not_found")
        return model_card()

    @api.post("/chat/completions")
    async def chat_completions(request: Request):
        body = parse_request(await request.body(), settings.api.max_body_bytes)
        question, history = conversation(body, settings)
        reply = Reply(model)
        try:
            if not body.stream:
                answer = await run_in_threadpool(service.ask, question, history)
                return completion(answer, reply, sources=settings.api.sources_in_content)
            events = service.stream(question, history)
            head = await run_in_threadpool(_until_first_words, events)
        except UserError as exc:
            raise from_user_error(exc) from None
        except Exception:
            log.exception("answer failed")
            raise internal_error() from None
        include_usage = bool(body.stream_options and body.stream_options.include_usage)
        return StreamingResponse(
            sse(_resume(head, events), reply, include_usage=include_usage, sources=settings.api.sources_in_content),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )

    return api
