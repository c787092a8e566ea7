"""Briefings as Markdown and HTML with numbered footnotes to the cited passages.

Everything that came from an article (headlines, quotes, titles, source names) is untrusted:
Markdown control characters and HTML are escaped, and only http(s) URLs become links.
"""

from __future__ import annotations

import html
import re

from briefing.briefs.models import Briefing, Story
from briefing.models import Citation

_MARKER = re.compile(r"\[(\d+)\]")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~$])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])")


def escape_markdown(text: str) -> str:
    """Backslash-escape Markdown syntax and HTML angle brackets, so text shows as written.

    Whitespace runs collapse to one space, but a leading or trailing space is kept so escaped
    pieces can be joined back together.
    """
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() and text.strip() else ""
    body = _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    body = _MD_LINE_START.sub(lambda m: m.group(1) + "".join("\\" + c if not c.isdigit() else c for c in m.group(2)), body)
    return lead + body + trail


def safe_url(url: str | None) -> str | None:
    if url and re.match(r"https?://[^\s<>\"']+$", url.strip()):
        return url.strip()
    return None


def _parts(summary: str) -> list[tuple[str, int | None]]:
    """Summary text split into (text, None) and (marker, n) pieces."""
    out: list[tuple[str, int | None]] = []
    pos = 0
    for m in _MARKER.finditer(summary):
        out.append((summary[pos:m.start()], None))
        out.append((m.group(0), int(m.group(1))))
        pos = m.end()
    out.append((summary[pos:], None))
    return [p for p in out if p[0]]


def _where(c: Citation) -> str:
    bits = [c.title, c.source, c.published.isoformat() if c.published else ""]
    return ", ".join(b for b in bits if b)


def _story_meta(story: Story, sep: str = " · ") -> str:
    span = story.first_seen.isoformat()
    if story.last_seen != story.first_seen:
        span += f" – {story.last_seen.isoformat()}"
    bits = [f"{story.articles} article{'s' if story.articles != 1 else ''}",
            f"{story.sources} source{'s' if story.sources != 1 else ''}", span, story.status]
    return sep.join(bits)


def to_markdown(b: Briefing) -> str:
    lines = [f"# Briefing {_period(b)}", ""]
    lines.append(f"*{b.articles} articles · language {b.language} · {b.mode}"
                 + (f" ({escape_markdown(b.model)})" if b.model else "") + "*")
    lines.append("")
    if not b.stories:
        lines += [escape_markdown(b.note or "No news in this period."), ""]
        return "\n".join(lines)
    if b.note:
        lines += [f"*{escape_markdown(b.note)}*", ""]
    lines += ["## Top of the day", ""]
    lines += [f"{i}. {escape_markdown(t.headline)}" for i, t in enumerate(b.top, 1)]
    lines.append("")
    for story in b.stories:
        lines += [f"## {escape_markdown(story.headline)}", "", f"*{_story_meta(story)}*", ""]
        if story.actors:
            lines += ["Actors: " + ", ".join(escape_markdown(a) for a in story.actors), ""]
        if story.previous:
            lines += [f"*Follows “{escape_markdown(story.previous.headline)}” "
                      f"(briefing {escape_markdown(story.previous.briefing_id)}). "
                      f"{escape_markdown(story.changes)}*", ""]
        text = "".join(f"[^{n}]" if n is not None else escape_markdown(t) for t, n in _parts(story.summary))
        if story.summary:
            lines += [text, ""]
    if b.left_out:
        lines += ["## Left out", ""]
        lines += [f"- {escape_markdown(x.headline)} ({x.articles} articles, {x.sources} sources): "
                  f"{escape_markdown(x.reason)}" for x in b.left_out]
        lines.append("")
    notes = b.all_citations()
    if notes:
        lines += ["---", ""]
        for c in notes:
            url = safe_url(c.url)
            link = f" <{url}>" if url else ""
            lines.append(f"[^{c.n}]: “{escape_markdown(c.quote)}” — {escape_markdown(_where(c))}{link}")
        lines.append("")
    return "\n".join(lines)


def _period(b: Briefing) -> str:
    return b.since.isoformat() if b.since == b.until else f"{b.since.isoformat()} – {b.until.isoformat()}"


def to_html(b: Briefing) -> str:
    e = html.escape
    out = ["<!doctype html>", '<html lang="' + e(b.language) + '"><head><meta charset="utf-8">',
           f"<title>Briefing {e(_period(b))}</title></head><body>",
           f"<h1>Briefing {e(_period(b))}</h1>",
           f"<p><em>{b.articles} articles · language {e(b.language)} · {e(b.mode)}</em></p>"]
    if not b.stories:
        out.append(f"<p>{e(b.note or 'No news in this period.')}</p></body></html>")
        return "\n".join(out)
    if b.note:
        out.append(f"<p><em>{e(b.note)}</em></p>")
    out.append("<h2>Top of the day</h2><ol>")
    out += [f"<li>{e(t.headline)}</li>" for t in b.top]
    out.append("</ol>")
    for story in b.stories:
        out.append(f"<h2>{e(story.headline)}</h2>")
        out.append(f"<p><em>{e(_story_meta(story))}</em></p>")
        if story.actors:
            out.append("<p>Actors: " + e(", ".join(story.actors)) + "</p>")
        if story.previous:
            out.append(f"<p><em>Follows “{e(story.previous.headline)}” (briefing {e(story.previous.briefing_id)}). "
                       f"{e(story.changes)}</em></p>")
        body = "".join(f'<sup><a href="#fn-{n}" id="ref-{n}">{n}</a></sup>' if n is not None else e(t)
                       for t, n in _parts(story.summary))
        out.append(f"<p>{body}</p>")
    if b.left_out:
        out.append("<h2>Left out</h2><ul>")
        out += [f"<li>{e(x.headline)} ({x.articles} articles, {x.sources} sources): {e(x.reason)}</li>"
                for x in b.left_out]
        out.append("</ul>")
    notes = b.all_citations()
    if notes:
        out.append("<hr><ol class=\"footnotes\">")
        for c in notes:
            url = safe_url(c.url)
            where = e(_where(c))
            if url:
                where = f'<a href="{e(url, quote=True)}" rel="noopener noreferrer">{where}</a>'
            out.append(f'<li id="fn-{c.n}" value="{c.n}">“{e(c.quote)}” — {where} <a href="#ref-{c.n}">↩</a></li>')
        out.append("</ol>")
    out.append("</body></html>")
    return "\n".join(out)
