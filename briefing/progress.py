"""Progress reporting for long runs: a tqdm bar on stderr, fed by progress(done, total, label)."""

from __future__ import annotations

import sys
from contextlib import contextmanager


@contextmanager
def cli_progress(what: str, *, enabled: bool = True):
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from tqdm import tqdm

    bar = tqdm(desc=what, unit="item", file=sys.stderr, leave=False)

    def update(done: int, total: int | None, label: str) -> None:
        if total is not None and bar.total != total:
            bar.total = total
        bar.n = done
        bar.set_postfix_str(label[:40], refresh=False)
        bar.refresh()

    try:
        yield update
    finally:
        bar.close()

