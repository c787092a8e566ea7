"""Web pages: main-text extraction with trafilatura, with a plain fallback when it finds none."""

from __future__ import annotations

import re

from briefing.ingest.cleaning import html_fragment_to_text, normalise_whitespace, tidy_inline
from briefing.ingest.records import RawItem

_DROP = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button")


def _fallback(html: str) -> dict:
    """Title and visible body text when trafilatura finds no main text (very short pages)."""
    try:
        import lxml.html

        root = lxml.html.document_fromstring(html)
    except Exception:
        return {"title": None, "text": html_fragment_to_text(html)}
    title = None
    found = root.xpath("//title/text()") or root.xpath("//h1//text()")
    if found:
        title = tidy_inline(" ".join(found))
    for bad in root.xpath("|".join(f"//{tag}" for tag in _DROP)):
        bad.drop_tree()
    body = root.find("body")
    fragment = lxml.html.tostring(body if body is not None else root, encoding="unicode")
    return {"title": title, "text": html_fragment_to_text(fragment)}


def extract_page(html: str | bytes, *, url: str | None = None) -> dict:
    """{title, text, date, sitename, language}; text is empty when the page holds none."""
    import trafilatura

    if isinstance(html, bytes):
        from briefing.ingest.decoding import decode_bytes

        match = re.search(rb"<meta[^>]+charset=[\"']?([\w.:-]+)", html[:4096], re.I)
        html, _ = decode_bytes(html, match.group(1).decode("ascii", "ignore") if match else None)
    doc = None
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            # only dates the page states in its markup count as metadata; dates written in
            # the text are found (and labelled "text") by our own dateline reader
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # trafilatura chokes on some malformed pages: the fallback still reads them
        doc = None
    data = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    text = normalise_whitespace(data.get("text") or "")
    title = tidy_inline(data.get("title") or "") or None
    if not text:
        fb = _fallback(html)
        text, title = fb["text"], title or fb["title"]
    if title and text.split("\n", 1)[0].strip() == title:
        # trafilatura keeps the page's <h1> as the first line; the title field already holds it
        text = text.split("\n", 1)[1].strip() if "\n" in text else text
    return {
        "title": title,
        "text": text,
        "date": data.get("date"),
        "sitename": tidy_inline(data.get("sitename") or "") or None,
        "language": data.get("language"),
        "author": data.get("author"),
        "description": data.get("description"),
    }


def page_item(html: str | bytes, *, origin: str, where: str, url: str | None = None,
              file_path: str | None = None) -> RawItem:
    page = extract_page(html, url=url)
    metadata = {k: page[k] for k in ("author",) if page.get(k)}
    return RawItem(
        origin=origin,
        where=where,
        text=page["text"],
        title=page["title"],
        published=page["date"],
        site_name=page["sitename"],
        url=url,
        language=page["language"],
        file_path=file_path,
        name_for_date=file_path or url,
        metadata=metadata,
    )
