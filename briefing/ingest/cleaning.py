"""Text normalisation: whitespace, HTML remnants, markdown marks (pure)."""

from __future__ import annotations

import html
import re
import unicodedata

# Spaces other than the plain one (no-break, thin, ideographic …) become plain spaces; marks that
# render as nothing (zero-width, bidi controls, soft hyphen, BOM) are dropped, so quotes found
# later match what a reader sees.
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MULTI_SPACE = re.compile(r" {2,}")

_BLOCK_TAGS = (
    "p|div|br|li|ul|ol|h[1-6]|tr|table|section|article|header|footer|blockquote|pre|figure|figcaption|dd|dt|hr"
)
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9:-]*(?:\s[^<>]{0,500})?/?>")
_BLOCK_TAG = re.compile(rf"</?(?:{_BLOCK_TAGS})\b[^<>]{{0,500}}/?>", re.IGNORECASE)
_SCRIPT_STYLE = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,6});")


def looks_like_html(text: str) -> bool:
    """True when the text carries markup (a few tags or entities), not just a stray '<'."""
    return len(_TAG.findall(text[:20000])) >= 2 or len(_ENTITY.findall(text[:20000])) >= 3


def strip_html_remnants(text: str) -> str:
    """Turn leftover markup into plain text: block tags become line breaks, others vanish,
    entities are decoded. Text without markup is returned unchanged."""
    if "<" not in text and "&" not in text:
        return text
    out = _COMMENT.sub(" ", text)
    out = _SCRIPT_STYLE.sub(" ", out)
    out = _BLOCK_TAG.sub("\n", out)
    out = _TAG.sub("", out)
    if _ENTITY.search(out):
        out = html.unescape(out)
    return out


def normalise_whitespace(text: str) -> str:
    """NFC, one kind of space, no invisible marks, trimmed lines, at most one blank line."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    lines = [_MULTI_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def tidy_inline(text: str) -> str:
    """Collapse a one-line value (a title, a name) to single spaces."""
    return " ".join(strip_html_remnants(unicodedata.normalize("NFC", text)).split())


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+\s*)?$")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]+|\([^)]*\))*(?:\s+\"[^\"]*\")?\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_SETEXT = re.compile(r"^\s*(=+|-+)\s*$")


def strip_markdown_heading(line: str) -> str:
    m = _MD_HEADING.match(line)
    return (m.group(1) if m else line).strip()


def strip_markdown(text: str) -> str:
    """Keep the words of a markdown text and drop its syntax: headings, links, images, bold."""
    lines = []
    for line in text.split("\n"):
        if _MD_SETEXT.match(line) and lines and lines[-1].strip():
            continue
        line = strip_markdown_heading(line) if line.lstrip().startswith("#") else line
        line = _MD_IMAGE.sub(lambda m: m.group(1), line)
        line = _MD_LINK.sub(lambda m: m.group(1), line)
        line = _MD_EMPHASIS.sub(lambda m: m.group(2), line)
        lines.append(line)
    return "\n".join(lines)


def html_fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed summary or content), paragraphs on their own lines."""
    if not fragment:
        return ""
    try:
        import lxml.html

        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # malformed markup: fall back to the regex stripper
        return normalise_whitespace(strip_html_remnants(fragment))
    for bad in root.xpath(".//script|.//style|.//noscript"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and re.fullmatch(_BLOCK_TAGS, el.tag.lower()):
            el.tail = "\n" + (el.tail or "")
            if el.tag.lower() != "br":
                el.text = "\n" + (el.text or "")
    # one paragraph per line, as trafilatura and plain-text articles have them
    return "\n".join(line for line in normalise_whitespace(root.text_content()).split("\n") if line)
