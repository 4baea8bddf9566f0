"""Expected failures, all under one base class: entry points catch `UserError` once and show its
message (one line that says what to do), never a traceback."""

from __future__ import annotations


class UserError(Exception):
    """A failure the user can act on; the message says what happened and what to do."""


class ConfigError(UserError, ValueError):
    """A setting or option names something that does not exist (an unknown backend, a bad path)."""


class QuestionError(UserError, ValueError):
    """A question that cannot be asked as it is; the message says why, in the question's language."""


class EmptyStoreError(UserError):
    """Nothing is ingested yet."""


class StoreUnavailableError(UserError):
    """The Chroma server cannot be reached."""


class StoreBusyError(UserError):
    """Another process holds the embedded store."""


class EmbeddingUnavailableError(UserError):
    """The embeddings server cannot be reached or answered something else than embeddings."""


class LLMUnavailableError(UserError):
    """The model cannot be used: file missing, server down."""


class LoadError(UserError, ValueError):
    """A file that cannot be ingested; the message is the one-line reason shown in the report."""


_DISCONNECTS = {
    "ConnectError", "ConnectTimeout", "ReadError", "ReadTimeout", "RemoteProtocolError",
    "ConnectionError", "ConnectionRefusedError", "ConnectionResetError", "ConnectionAbortedError",
}


def is_disconnect(exc: BaseException) -> bool:
    """Whether `exc`, or what caused it, is a server that stopped answering (a refused or broken
    connection, whatever the client library wraps it in)."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if any(cls.__name__ in _DISCONNECTS for cls in type(exc).__mro__):
            return True
        exc = exc.__cause__ or exc.__context__
    return False
