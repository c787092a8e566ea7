"""Plain text and markdown articles: first non-empty line is the title, the rest the body."""

from __future__ import annotations

from briefing.ingest.cleaning import strip_markdown, strip_markdown_heading
from briefing.ingest.records import RawItem

_TITLE_MAX_CHARS = 300


def text_item(text: str, *, origin: str, where: str, file_path: str | None = None, markdown: bool = False,
              url: str | None = None, name_for_date: str | None = None) -> RawItem:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    title, body = "", ""
    if first is not None and len(lines[first].strip()) > _TITLE_MAX_CHARS:
        # a file that opens on a paragraph has no title line: keep it all as the body
        body = "\n".join(lines[first:])
        body = strip_markdown(body) if markdown else body
    elif first is not None:
        title = lines[first].strip()
        body = "\n".join(lines[first + 1:])
        if markdown:
            title = strip_markdown(strip_markdown_heading(title))
            body = strip_markdown(body)
        else:
            title = strip_markdown_heading(title)
    if not body.strip() and title:
        # a one-line file is a body without a title, not a title without a body
        body = title
    return RawItem(
        origin=origin,
        where=where,
        text=body,
        title=title or None,
        file_path=file_path,
        url=url,
        name_for_date=name_for_date if name_for_date is not None else file_path,
    )
