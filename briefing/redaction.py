"""Secrets out of text that may be shown or logged: URLs with credentials, keys, tokens (pure)."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that may carry credentials: their values never reach a message.
_SECRET_PARAM = re.compile(r"(?:key|token|secret|password|passwd|pwd|auth|sig|signature|session|credential)", re.I)
# API keys and bearer tokens must never reach the page, even inside a provider's own message.
_SECRET = re.compile(r"(sk-[A-Za-z0-9_\-*]{6,}|Bearer\s+\S+|api[_-]?key=\S+)", re.IGNORECASE)


def redact(text: str) -> str:
    return _SECRET.sub("[redacted]", text)


def redact_url(url: str) -> str:
    """The URL without user:password and without the values of secret-looking parameters."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparseable URL>"
    netloc = parts.netloc.rsplit("@", 1)[-1]
    query = parts.query
    if query and _SECRET_PARAM.search(query):
        pairs = parse_qsl(query, keep_blank_values=True)
        query = urlencode([(k, "***" if _SECRET_PARAM.search(k) else v) for k, v in pairs], safe="*")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
