"""Markdown built from untrusted article text: every piece escaped, so it renders as inert text.

Article text, titles, sources and URLs come from the outside world. Streamlit renders markdown
(links, images, raw HTML when allowed, `:color[...]` directives, `$math$`, emoji shortcodes), so
nothing from an article reaches `st.markdown` without going through `escape`. The few pieces of
markup the app adds (highlights, citation markers, a checked link) are assembled here from
escaped parts.
"""

from __future__ import annotations

import re
import string
from urllib.parse import urlsplit

# CommonMark lets any ASCII punctuation be backslash-escaped; escaping all of it also defeats
# GFM autolinks (`www.`, `http://`, `a@b.c`) and Streamlit's own `:directive[...]` syntax.
_PUNCTUATION = frozenset(string.punctuation)
_MARKER = re.compile(r"\\\[(\d{1,3})\\\]")
# GFM turns bare `www.x`, `http://x` and `a@b.c` into links even when escaped; an invisible
# word joiner inside the trigger keeps them plain text.
_WORD_JOINER = "\u2060"
_AUTOLINK_TRIGGER = re.compile(r"(?i)(?<=\bwww)(?=\.)|(?<=[a-z])(?=://)|(?<=@)|(?<=\bmailto)(?=:)|(?<=\bxmpp)(?=:)")


def escape(text: str) -> str:
    """Backslash-escape every markdown-active character; newlines become hard line breaks."""
    out: list[str] = []
    for ch in _AUTOLINK_TRIGGER.sub(_WORD_JOINER, text):
        if ch in _PUNCTUATION:
            out.append("\\" + ch)
        elif ch == "\r":
            continue
        elif ch == "\n":
            # two trailing spaces keep line breaks visible without opening a new block
            out.append("  \n")
        elif ch == "\t":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def escape_inline(text: str) -> str:
    """Escape for a single line (titles, sources): newlines collapse to spaces."""
    return escape(" ".join(text.split()))


def highlight(text: str, start: int, end: int, *, color: str = "orange") -> str:
    """`text` escaped with text[start:end] shown highlighted; out-of-range spans highlight nothing."""
    start, end = max(0, start), min(len(text), end)
    if not text or start >= end:
        return escape(text)
    before, quote, after = text[:start], text[start:end], text[end:]
    # a highlight cannot span paragraphs in markdown: highlight each line of the quote alone
    lines = [f":{color}-background[**{escape_inline(line)}**]" if line.strip() else "" for line in quote.split("\n")]
    return escape(before) + "  \n".join(lines) + escape(after)


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Where `quote` sits in `text`, tolerant of whitespace differences; None when it is absent."""
    if not quote.strip():
        return None
    i = text.find(quote)
    if i >= 0:
        return i, i + len(quote)
    words = quote.split()
    pattern = r"\s+".join(re.escape(w) for w in words)
    m = re.search(pattern, text)
    return (m.start(), m.end()) if m else None


def safe_url(url: str | None) -> str | None:
    """The URL if it is a plain http(s) address that can sit inside a markdown link, else None."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    if any(c.isspace() or c in "<>()[]\"'`\\" for c in url):
        return None
    return url


def link(label: str, url: str | None) -> str:
    """A markdown link with an escaped label, or just the escaped label when the URL is unsafe."""
    checked = safe_url(url)
    if checked is None:
        return escape_inline(label)
    return f"[{escape_inline(label)}]({checked})"


def answer_markdown(answer_text: str, unverified: set[int] = frozenset()) -> str:
    """The answer escaped, with its `[n]` markers shown as badges; unverified ones marked."""

    def badge(m: re.Match[str]) -> str:
        n = int(m.group(1))
        if n in unverified:
            return f":orange-badge[{n} ⚠ unverified]"
        return f":blue-badge[{n}]"

    return _MARKER.sub(badge, escape(answer_text))


def plain(markdown: str) -> str:
    """What a reader sees of markdown produced by `escape`: escapes and joiners removed."""
    text = re.sub(r"\\([%s])" % re.escape(string.punctuation), r"\1", markdown)
    return text.replace(_WORD_JOINER, "").replace("  \n", "\n")


def stream_delta(delta: str) -> str:
    """A streamed piece of answer, escaped on its own: escaping is per character, so pieces concatenate."""
    return escape(delta)
