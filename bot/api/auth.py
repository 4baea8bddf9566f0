"""The bearer token of /v1: the same rule as the page. When the UI has credentials (required off
loopback) the API needs a token too: BALKANS_QA_API_KEY (`api.token_env`) if set, else the UI
password. Without any, on loopback, the API is open."""

from __future__ import annotations

import hmac
import os

from bot.api.errors import APIError


def api_token(settings) -> str | None:
    """The token /v1 requires, or None when it is open."""
    token = os.environ.get(settings.api.token_env)
    if token:
        return token
    user = os.environ.get(settings.ui.username_env)
    password = os.environ.get(settings.ui.password_env)
    return password if user and password else None


def check_bearer(authorization: str | None, token: str | None) -> None:
    """Raise a 401 unless `authorization` is "Bearer <token>" (constant-time comparison)."""
    if token is None:
        return
    scheme, _, value = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise APIError(401, "missing API key: send the header 'Authorization: Bearer <key>'", code="missing_api_key")
    if not hmac.compare_digest(value.strip().encode(), token.encode()):
        raise APIError(401, "incorrect API key", code="invalid_api_key")
