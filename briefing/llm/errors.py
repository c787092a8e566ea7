"""Chat-model failures turned into one clear message that never carries the key."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable

_KEY_PATTERN = re.compile(r"\b(sk-[A-Za-z0-9_\-*]{4,}|Bearer\s+\S+)")
_KEY_HINT = "Check OPENAI_API_KEY (or BRIEFING_OPENAI_API_KEY)."


class ChatModelError(RuntimeError):
    """The chat model could not answer; `kind` says why (auth, connection, timeout, rate_limit, ...)."""

    def __init__(self, message: str, *, kind: str = "error", status: int | None = None):
        super().__init__(message)
        self.kind = kind
        self.status = status


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "***")
    return _KEY_PATTERN.sub("***", text)


def _server_message(exc: BaseException) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and inner.get("message"):
            return str(inner["message"])
        if isinstance(inner, str):
            return inner
    return str(exc)


def _cut_short(exc: BaseException) -> bool:
    """The connection dropped during a response body (the client wraps the transport's error)."""
    # matched by name: the openai client may ship its own copy of httpx (httpx2)
    seen: BaseException | None = exc
    for _ in range(6):
        seen = seen.__cause__ or seen.__context__
        if seen is None:
            return False
        if type(seen).__name__ in ("RemoteProtocolError", "ReadError", "IncompleteRead"):
            return True
    return False


def explain(exc: BaseException, *, model: str = "", base_url: str | None = None,
            secrets: Iterable[str | None] = ()) -> ChatModelError:
    """A ChatModelError for `exc` (an openai exception or anything else), with the secrets removed."""
    if isinstance(exc, ChatModelError):
        return exc
    where = base_url or "the OpenAI API"
    # an openai exception implies openai is loaded; importing it for any other error costs seconds
    openai = sys.modules.get("openai")
    detail = redact(_server_message(exc), secrets)
    if openai is not None:
        if isinstance(exc, openai.AuthenticationError):
            return ChatModelError(f"The chat model server ({where}) rejected the API key (HTTP 401). {_KEY_HINT}",
                                  kind="auth", status=401)
        if isinstance(exc, openai.PermissionDeniedError):
            return ChatModelError(f"The chat model server ({where}) refused access to model {model!r} (HTTP 403). "
                                  f"{_KEY_HINT}", kind="auth", status=403)
        if isinstance(exc, openai.NotFoundError):
            return ChatModelError(f"Model {model!r} was not found at {where} (HTTP 404). "
                                  "Check BRIEFING_CHAT_MODEL and BRIEFING_OPENAI_BASE_URL.",
                                  kind="not_found", status=404)
        if isinstance(exc, openai.RateLimitError):
            return ChatModelError(f"The chat model server ({where}) is rate limiting or the quota is used up "
                                  f"(HTTP 429): {detail}. Wait and retry, or check the account.",
                                  kind="rate_limit", status=429)
        if isinstance(exc, openai.APITimeoutError):
            return ChatModelError(f"The chat model server ({where}) did not answer in time. Retry, or use a "
                                  "faster model.", kind="timeout")
        if isinstance(exc, openai.APIConnectionError) and _cut_short(exc):
            return ChatModelError(f"The chat model server ({where}) stopped in the middle of its answer. Retry, and "
                                  "check the server's log.", kind="cut")
        if isinstance(exc, openai.APIConnectionError):
            return ChatModelError(f"Could not reach the chat model server ({where}). Check BRIEFING_OPENAI_BASE_URL "
                                  "and that the server is running.", kind="connection")
        if isinstance(exc, openai.BadRequestError):
            return ChatModelError(f"The chat model server ({where}) rejected the request (HTTP 400): {detail}",
                                  kind="bad_request", status=400)
        if isinstance(exc, openai.APIStatusError):
            return ChatModelError(f"The chat model server ({where}) failed (HTTP {exc.status_code}): {detail}",
                                  kind="server", status=exc.status_code)
    httpx = sys.modules.get("httpx")
    if httpx is not None and isinstance(exc, (httpx.RemoteProtocolError, httpx.ReadError)):
        return ChatModelError(f"The chat model server ({where}) stopped in the middle of its answer. Retry, and "
                              "check the server's log.", kind="cut")
    if httpx is not None and isinstance(exc, httpx.TimeoutException):
        return ChatModelError(f"The chat model server ({where}) did not answer in time. Retry, or use a "
                              "faster model.", kind="timeout")
    return ChatModelError(f"The chat model failed: {type(exc).__name__}: {detail}")
