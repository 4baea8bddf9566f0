"""Errors in OpenAI's shape, {"error": {"message", "type", "param", "code"}}, so that any OpenAI
client raises them with their reason; user-facing errors of the service mapped to a status."""

from __future__ import annotations

from bot.core.errors import (
    EmptyStoreError,
    LLMUnavailableError,
    QuestionError,
    StoreBusyError,
    StoreUnavailableError,
    UserError,
)


class APIError(Exception):
    """A request that gets an error answer: HTTP status and OpenAI error fields."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        type: str = "invalid_request_error",
        param: str | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.message, self.type, self.param, self.code = status, message, type, param, code

    def body(self) -> dict:
        return {"error": {"message": self.message, "type": self.type, "param": self.param, "code": self.code}}


# The service's user-facing errors: a question that cannot be asked is the client's to fix (400);
# everything else (no store, an empty store, no model) is the server's state (503).
_UNAVAILABLE = (
    (EmptyStoreError, "store_empty"),
    (StoreUnavailableError, "store_unavailable"),
    (StoreBusyError, "store_unavailable"),
    (LLMUnavailableError, "model_unavailable"),
)


def from_user_error(exc: UserError) -> APIError:
    if isinstance(exc, QuestionError):
        return APIError(400, str(exc), param="messages", code="invalid_question")
    code = next((c for kind, c in _UNAVAILABLE if isinstance(exc, kind)), "unavailable")
    return APIError(503, str(exc), type="server_error", code=code)


def internal_error() -> APIError:
    return APIError(500, "internal error: see the server's log", type="server_error", code="internal_error")
