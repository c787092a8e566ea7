"""Small pieces every command shares: date options and JSON output."""

from __future__ import annotations

import datetime as dt
import json

import click


def parse_date(value: str | None, option: str | None = None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD, e.g. 2025-02-26", param_hint=option) from exc


def echo_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
