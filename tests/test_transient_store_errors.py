"""A query that reaches a Chroma server before it has built a new collection's vector segment is
retried, not reported to the user; other errors are not swallowed."""

from __future__ import annotations

import pytest

from briefing.store.transient import is_transient, retry_transient

NOT_YET = "Error executing plan: Internal error: Error creating hnsw segment reader: Nothing found on disk"


class Flaky:
    def __init__(self, failures: int, message: str = NOT_YET):
        self.failures, self.message, self.calls = failures, message, 0

    def __call__(self):
        self.calls += 1
        if self.calls <= self.failures:
            raise RuntimeError(self.message)
        return "answer"


def test_not_yet_flushed_segment_is_retried_until_it_answers():
    waits: list[float] = []
    call = Flaky(3)
    assert retry_transient(call, sleep=waits.append) == "answer"
    assert call.calls == 4 and waits == [0.1, 0.2, 0.4]


def test_a_segment_that_never_appears_raises_after_the_last_attempt():
    call = Flaky(100)
    with pytest.raises(RuntimeError, match="Nothing found on disk"):
        retry_transient(call, attempts=4, sleep=lambda _: None)
    assert call.calls == 4


def test_other_errors_are_raised_at_once():
    call = Flaky(1, "Collection writers does not exist")
    with pytest.raises(RuntimeError, match="does not exist"):
        retry_transient(call, sleep=lambda _: pytest.fail("must not wait"))
    assert call.calls == 1 and not is_transient(RuntimeError("Collection writers does not exist"))
