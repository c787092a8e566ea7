"""JSON (one object or a list of objects) and JSON Lines article collections."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from briefing.ingest.records import RawItem, skipped
from briefing.models import IngestItem

# Field names and the aliases other exports use for them.
_TEXT = ("text", "content", "body", "article", "full_text")
_TITLE = ("title", "headline")
_PUBLISHED = ("published", "date", "published_at", "publishedAt", "published_date", "pubDate", "datetime", "time")
_URL = ("url", "link")
_SOURCE = ("source", "publisher", "site", "site_name")
_LANGUAGE = ("language", "lang")
_ID = ("id", "guid", "uid")


def _pick(obj: dict[str, Any], names: tuple[str, ...]) -> tuple[str | None, Any]:
    for name in names:
        if name in obj and obj[name] not in (None, ""):
            return name, obj[name]
    return None, None


def record_item(obj: Any, *, origin: str, where: str, file_path: str | None) -> RawItem | IngestItem:
    if not isinstance(obj, dict):
        kind = type(obj).__name__.replace("dict", "object").replace("list", "array").replace("str", "string")
        return skipped(origin, f"{where}: expected a JSON object with a 'text' field, found a {kind}; "
                               "give one article object per line")
    text_key, text = _pick(obj, _TEXT)
    if text_key is None:
        fields = ", ".join(sorted(obj)[:8]) or "none"
        return skipped(origin, f"{where}: no 'text' field (fields: {fields}); add the article text under 'text'")
    if not isinstance(text, str):
        return skipped(origin, f"{where}: 'text' is a {type(text).__name__}, not a string; put the article text there")
    used = {text_key}
    fields: dict[str, Any] = {}
    for slot, names in (("title", _TITLE), ("published", _PUBLISHED), ("url", _URL), ("source", _SOURCE),
                        ("language", _LANGUAGE), ("id", _ID)):
        key, value = _pick(obj, names)
        if key is not None:
            used.add(key)
            fields[slot] = value
    metadata = {k: v for k, v in obj.items() if k not in used}
    url = fields.get("url")
    source = fields.get("source")
    if isinstance(source, dict):  # {"id": "bbc-news", "name": "BBC News"} in news API exports
        source = source.get("name") or source.get("title") or source.get("id")
    return RawItem(
        origin=origin,
        where=where,
        text=text,
        title=str(fields["title"]) if "title" in fields else None,
        published=fields.get("published"),
        source=str(source) if source not in (None, "") else None,
        url=url if isinstance(url, str) else None,
        language=fields.get("language") if isinstance(fields.get("language"), str) else None,
        item_id=str(fields["id"]) if "id" in fields else None,
        file_path=file_path,
        metadata=metadata,
    )


class _Repeats:
    """Items with neither id nor URL are identified by file and title; a title met again in the
    same file gets its rank added, so two such items never share an id."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def __call__(self, item: RawItem | IngestItem) -> RawItem | IngestItem:
        if isinstance(item, RawItem) and not item.url and not item.item_id:
            key = item.title or item.text[:200]
            n = self.seen.get(key, 0)
            self.seen[key] = n + 1
            if n:
                item.id_suffix = str(n + 1)
        return item


def _json_error(exc: json.JSONDecodeError) -> str:
    return f"{exc.msg} at line {exc.lineno} column {exc.colno}"


def jsonl_items(text: str, *, origin: str, name: str, file_path: str | None) -> Iterator[RawItem | IngestItem]:
    found = False
    repeats = _Repeats()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        found = True
        where = f"{name} line {number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield skipped(origin, f"{where}: not valid JSON ({exc.msg} at column {exc.colno}); fix or remove the line")
            continue
        yield repeats(record_item(obj, origin=origin, where=where, file_path=file_path))
    if not found:
        yield skipped(origin, f"{name}: no JSON lines found; nothing to ingest")


def json_items(text: str, *, origin: str, name: str, file_path: str | None) -> Iterator[RawItem | IngestItem]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        hint = ("; it looks like JSON Lines: rename it to .jsonl" if exc.msg.startswith("Extra data") else "; fix the file")
        yield skipped(origin, f"{name}: not valid JSON ({_json_error(exc)}){hint}")
        return
    except RecursionError:
        yield skipped(origin, f"{name}: the JSON is nested too deeply to hold articles; "
                              "give one flat article object per line (JSON Lines)")
        return
    if isinstance(data, dict) and not any(k in data for k in _TEXT):
        # {"articles": [...]} and similar wrappers
        lists = [v for v in data.values() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
        if len(lists) == 1:
            data = lists[0]
    if isinstance(data, list):
        repeats = _Repeats()
        if not data:
            yield skipped(origin, f"{name}: the JSON list is empty; nothing to ingest")
        for index, obj in enumerate(data):
            yield repeats(record_item(obj, origin=origin, where=f"{name} item {index + 1}", file_path=file_path))
    else:
        yield record_item(data, origin=origin, where=name, file_path=file_path)
