"""A foreground daily scheduler: run a job at HH:MM local time every day until interrupted.

Cron does the same without a resident process:
    5 7 * * *  cd /path/to/briefing && .venv/bin/briefing brief --date "$(date -d yesterday +\\%F)" --out data/briefings/latest.md
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable

_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def parse_hhmm(value: str) -> dt.time:
    m = _HHMM.match(value.strip())
    if not m:
        raise ValueError(f"{value!r} is not a time of day: use HH:MM in 24-hour form, e.g. 07:30")
    return dt.time(int(m.group(1)), int(m.group(2)))


def next_run(now: dt.datetime, at: dt.time) -> dt.datetime:
    """The first moment at or after `now` whose clock reads `at` (today or tomorrow)."""
    candidate = now.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    return candidate if candidate >= now else candidate + dt.timedelta(days=1)


def run_daily(job: Callable[[dt.date], None], at: dt.time, *, now: Callable[[], dt.datetime] = dt.datetime.now,
              sleep: Callable[[float], None] = time.sleep, runs: int | None = None,
              on_wait: Callable[[dt.datetime], None] | None = None) -> int:
    """Call `job(day)` at `at` each day, `day` being the calendar day before the run (the last
    complete day of news). Sleeps in short steps so a clock change or Ctrl-C is noticed promptly.
    Returns how many runs were made (only when `runs` bounds it; else it loops until interrupted)."""
    done = 0
    while runs is None or done < runs:
        target = next_run(now(), at)
        if on_wait:
            on_wait(target)
        while (remaining := (target - now()).total_seconds()) > 0:
            sleep(min(remaining, 30.0))
        job(target.date() - dt.timedelta(days=1))
        done += 1
        # never fire twice in the same minute
        while now() < target + dt.timedelta(minutes=1):
            sleep(min(30.0, max(0.1, (target + dt.timedelta(minutes=1) - now()).total_seconds())))
    return done
