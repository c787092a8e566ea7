"""Retries for the moments a Chroma server cannot answer yet.

A `chroma run` server that has just taken a collection's first writes from another process keeps
them in its log until it builds the vector segment; a query that arrives in between fails with
"Error creating hnsw segment reader: Nothing found on disk". The next query, a moment later,
succeeds, so a reader asking while others write retries instead of failing the user's question.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# Messages of errors that go away once the server has flushed what it was given.
_TRANSIENT = ("nothing found on disk", "error creating hnsw segment reader", "error loading hnsw index")


def is_transient(exc: Exception) -> bool:
    text = str(exc).lower()
    return any(m in text for m in _TRANSIENT)


def retry_transient(call: Callable[[], T], attempts: int = 6, first_wait: float = 0.1,
                    sleep: Callable[[float], None] = time.sleep) -> T:
    """Run `call`; on a transient server error wait (0.1, 0.2, 0.4 … s) and try again.
    Anything else, or the last transient failure, is raised as it came."""
    wait = first_wait
    for attempt in range(attempts):
        try:
            return call()
        except Exception as exc:
            if attempt == attempts - 1 or not is_transient(exc):
                raise
            sleep(wait)
            wait *= 2
    raise AssertionError("unreachable")
