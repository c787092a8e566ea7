"""Run the real CLI and SIGKILL it just before its Nth write to the store, for crash tests.

    python -m briefing.testing.kill_points N -- ingest FILE …      (same arguments as `briefing`)

Every write counts: each Chroma add/upsert/update/delete/modify (chunks, sentences, articles and
the bookkeeping collections), each actor-index change and each lexical-index save. N = 0 kills
nothing and prints `writes: K` on stderr at exit, so a test can spread its kill points over the
K writes of a whole run.
"""

from __future__ import annotations

import atexit
import functools
import os
import signal
import sys

_count = 0


def _counted(fn, kill_at: int):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        global _count
        _count += 1
        if _count == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return fn(*args, **kwargs)

    return wrapper


def install(kill_at: int) -> None:
    from chromadb.api.models.Collection import Collection

    from briefing.actors.store import ActorStore
    from briefing.store.lexical import LexicalIndex

    for name in ("add", "upsert", "update", "delete", "modify"):
        setattr(Collection, name, _counted(getattr(Collection, name), kill_at))
    for name in ("put", "remove"):
        setattr(ActorStore, name, _counted(getattr(ActorStore, name), kill_at))
    LexicalIndex.save = _counted(LexicalIndex.save, kill_at)
    atexit.register(lambda: print(f"writes: {_count}", file=sys.stderr))


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or not argv[0].isdigit():
        sys.exit("usage: python -m briefing.testing.kill_points N -- BRIEFING-ARGS…")
    kill_at = int(argv.pop(0))
    if argv and argv[0] == "--":
        argv.pop(0)
    install(kill_at)
    from briefing.cli import cli

    cli.main(args=argv, prog_name="briefing", standalone_mode=True)


if __name__ == "__main__":
    main()
