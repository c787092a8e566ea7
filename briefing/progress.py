"""Progress reporting for long runs: a tqdm bar on stderr, fed by progress(done, total, label),
and the same rate and time-left figures as text for the web app."""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager


@contextmanager
def cli_progress(what: str, *, enabled: bool = True, unit: str = "item", lines_every: float | None = None,
                 clock=time.monotonic):
    """A progress callback for a long loop, or None when disabled.

    On a terminal it is a tqdm bar. Elsewhere (a log file, a pipe, a benchmark's child) it prints
    nothing unless `lines_every` is set: then a plain line `what 12/100 · 0.15 unit/s · about 9 min left`
    goes to stderr at most every `lines_every` seconds and once at the end, so a long run that
    writes JSON to stdout still shows how far it got.
    """
    if not enabled:
        yield None
        return
    if not sys.stderr.isatty():
        if lines_every is None:
            yield None
            return
        meter = RateMeter(f"{unit}s", clock=clock)
        last = [clock()]

        def line(done: int, total: int | None, label: str) -> None:
            now = clock()
            if (total is not None and done >= total) or now - last[0] >= lines_every:
                last[0] = now
                print(f"{what} {meter.describe(done, total)}", file=sys.stderr, flush=True)

        yield line
        return
    from tqdm import tqdm

    # tqdm shows done/total, the rate (unit/s) and the time left
    bar = tqdm(desc=what, unit=unit, file=sys.stderr, leave=False, smoothing=0.1)

    def update(done: int, total: int | None, label: str) -> None:
        if total is not None and bar.total != total:
            bar.total = total
        bar.update(done - bar.n)
        bar.set_postfix_str(label[:40], refresh=False)
        bar.refresh()

    try:
        yield update
    finally:
        bar.close()


class RateMeter:
    """'12/162 · 3.4 articles/s · about 44 s left', from the calls' times and counts."""

    def __init__(self, unit: str = "articles", clock=time.monotonic):
        self.unit = unit
        self._clock = clock
        self._started = clock()

    def describe(self, done: int, total: int | None) -> str:
        from tqdm import tqdm

        parts = [f"{done}/{total}" if total else f"{done}"]
        elapsed = self._clock() - self._started
        if done > 0 and elapsed > 0:
            rate = done / elapsed
            parts.append(f"{rate:.2f} {self.unit}/s" if rate < 10 else f"{rate:.0f} {self.unit}/s")
            if total and total > done:
                parts.append(f"about {tqdm.format_interval((total - done) / rate)} left")
        return " · ".join(parts)
