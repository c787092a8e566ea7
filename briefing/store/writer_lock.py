"""One writer at a time for an embedded store.

Two processes writing one embedded Chroma folder at once leave it broken (each persists its own
in-memory vector index over the other's; reads then fail with "Error finding id"), and so does
a process that writes with an index it loaded before another process wrote. So writers take
this lock and reopen the store once they hold it. A `chroma run` server needs neither: it is the
only process that touches its files.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

log = logging.getLogger(__name__)

WAITING = "another ingest is running — waiting for it to finish ({path})"


class WriterLock:
    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = FileLock(str(self.path))

    @contextmanager
    def held(self, waiting: Callable[[str], None] | None = None) -> Iterator[bool]:
        """Hold the lock; yields True when it was taken now (False when this thread already held it)."""
        fresh = not self._lock.is_locked
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            message = WAITING.format(path=self.path)
            (waiting or log.warning)(message)
            self._lock.acquire()
        try:
            yield fresh
        finally:
            self._lock.release()

    def busy(self) -> bool:
        """Whether another process (or thread) holds the lock right now."""
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            return True
        self._lock.release()
        return False


@contextmanager
def opening(folder: Path) -> Iterator[None]:
    """Held while a process opens an embedded store: the first open of a folder creates Chroma's
    tables, and two processes doing that at once fail with "table … already exists". Separate
    from the writer lock, so a reader opening the store does not wait for a whole ingest."""
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(folder.with_name(folder.name + ".open.lock"))):
        yield
