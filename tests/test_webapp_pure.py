"""The web app's pure helpers: safe markdown, suggestions, uploads, quote location, messages."""

from __future__ import annotations

import datetime as dt
import string

import pytest

from briefing.models import Answer, Article, Citation, IngestItem, IngestReport, Passage
from briefing.webapp.citation_context import passage_span, surrounding, unique_citations
from briefing.webapp.friendly_errors import friendly_message, redact
from briefing.webapp.ingest_summary import rows, summary_line, with_rejected
from briefing.webapp.safe_markdown import (
    answer_markdown, escape, find_quote, highlight, link, plain, safe_url, stream_delta,
)
from briefing.webapp.suggestions import frequent_names, suggest_questions
from briefing.webapp.uploads import Upload, check_upload, safe_filename, write_uploads

EVIL = ('<script>alert(1)</script> <img src=x onerror="alert(2)"> ![pic](http://evil.example/x.png) '
        '[click](javascript:alert(3)) www.evil.example a@b.com :red[red] $x^2$ **bold** # head')


def _unescaped_punctuation(md: str) -> list[str]:
    found, i = [], 0
    while i < len(md):
        if md[i] == "\\":
            i += 2
            continue
        if md[i] in string.punctuation:
            found.append(md[i])
        i += 1
    return found


def test_escape_leaves_no_active_markdown():
    md = escape(EVIL)
    assert _unescaped_punctuation(md) == []
    for trigger in ("www\\.", "http\\:", "@b"):  # autolink triggers are broken up
        assert trigger not in md
    assert plain(md) == EVIL


def test_escape_keeps_lines_as_hard_breaks():
    assert escape("a\nb") == "a  \nb"
    assert plain(escape("one\r\ntwo")) == "one\ntwo"


def test_stream_deltas_concatenate_to_the_escaped_whole():
    text = "Lavrov [1] met *Rubio* at <b>Riyad</b>."
    pieces = [text[i:i + 3] for i in range(0, len(text), 3)]
    assert "".join(stream_delta(p) for p in pieces) == escape(text)


def test_highlight_marks_only_the_quote_and_escapes_everything():
    text = "Before <b>. Lavrov et Rubio [se] sont rencontrés à Riyad. After ![x](y)"
    start = text.index("Lavrov")
    end = text.index(" After")
    md = highlight(text, start, end)
    assert md.count(":orange-background[") == 1
    inside = md.split(":orange-background[", 1)[1]
    assert inside.startswith("**Lavrov et Rubio \\[se\\] sont")
    assert "<b>" not in md and "![" not in md


def test_highlight_out_of_range_is_plain():
    assert highlight("abc", 5, 9) == escape("abc")


def test_answer_markers_become_badges_and_unverified_ones_say_so():
    md = answer_markdown("Lavrov and Rubio met [1], in Riyadh [2].", {2})
    assert ":blue-badge[1]" in md
    assert ":orange-badge[2 ⚠ unverified]" in md


def test_links_only_for_plain_http_urls():
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", "data:text/html,x", "https://x.org/a)(b", "ftp://x.org", "", None):
        assert safe_url(bad) is None
    assert link("t [x]", "javascript:alert(1)") == escape("t [x]")
    assert link("t", "https://x.org") == "[t](https://x.org)"


def test_find_quote_tolerates_whitespace():
    assert find_quote("a  b\nc d", "b c") == (3, 6)
    assert find_quote("abc", "zzz") is None


def _article(title: str, text: str, day: int = 1, source: str = "The Moscow Times") -> Article:
    return Article(id=title[:8], title=title, text=text, published=dt.date(2025, 2, day), source=source)


def test_frequent_names_skip_sentence_starts_and_publishers():
    a = _article("Les diplomates se rencontrent", "Le ministre Sergueï Lavrov a parlé. Lavrov et Marco Rubio "
                 "se sont rencontrés à Riyad. Le Moscow Times le dit. le chat.")
    b = _article("Une autre histoire du jour", "Marco Rubio a parlé à Riyad avec Sergueï Lavrov. La suite.", day=2)
    names = frequent_names([a, b])
    assert names[:2] == ["Sergueï Lavrov", "Marco Rubio"]
    assert "Le" not in names and "Moscow Times" not in names


def test_suggestions_come_from_the_store_and_prefer_actors():
    a = _article("Lavrov annonce une réunion à Istanbul jeudi prochain", "Sergueï Lavrov et Marco Rubio à Riyad.")
    qs = suggest_questions([a])
    assert any("Lavrov" in q for q in qs)
    assert any("Istanbul" in q for q in qs)
    assert suggest_questions([a], actors=["NATO"])[0] == "What do the articles say about NATO?"
    assert suggest_questions([]) == []


def test_uploads_are_checked_and_written_under_their_names(tmp_path):
    assert check_upload("a.pdf", 10, max_mb=1).startswith("unsupported file type .pdf")
    assert "over the 1 MB limit" in check_upload("a.txt", 2 * 1024 * 1024, max_mb=1)
    assert check_upload("a.txt", 0, max_mb=1) == "file is empty"
    assert safe_filename("../../etc/passwd.txt") == "passwd.txt"
    paths, rejected = write_uploads(
        [Upload("news_2025-02-26.txt", b"x"), Upload("news_2025-02-26.txt", b"y"), Upload("b.exe", b"z")],
        tmp_path, max_mb=1)
    assert [p.name for p in paths] == ["news_2025-02-26.txt", "news_2025-02-26-2.txt"]
    assert [r.name for r in rejected] == ["b.exe"]
    assert all(p.parent == tmp_path for p in paths)


def _citation(**kw) -> Citation:
    base = dict(n=1, article_id="a1", title="T", source="S", published=dt.date(2025, 2, 26), url=None,
                chunk_id="a1:0", quote="Lavrov et Rubio se sont rencontrés", start=110, end=144)
    base.update(kw)
    return Citation(**base)


def test_quote_is_found_in_passage_by_offsets_or_by_search():
    text = "x" * 100 + " Puis.    Lavrov et Rubio se sont rencontrés à Riyad."
    passage = Passage(chunk_id="a1:0", article_id="a1", text=text[100:], start=100, end=len(text))
    c = _citation(start=text.index("Lavrov"), end=text.index(" à Riyad"))
    answer = Answer(question="q", answer="a [1]", language="fr", mode="extractive", model="x",
                    citations=[c], passages=[passage])
    span = passage_span(answer, c)
    assert span.text[span.start:span.end] == c.quote
    stale = _citation(start=0, end=5)
    answer2 = answer.model_copy(update={"citations": [stale]})
    span2 = passage_span(answer2, stale)
    assert span2.text[span2.start:span2.end] == c.quote


def test_surrounding_window_keeps_the_quote_highlightable():
    text = "Intro line.\n" + "word " * 400 + "Lavrov et Rubio se sont rencontrés. " + "tail " * 400
    c = _citation(start=text.index("Lavrov"), end=text.index("."))
    c = _citation(start=text.index("Lavrov"), end=text.index("Lavrov") + len(c.quote))
    span = surrounding(text, c)
    assert span.text[span.start:span.end] == c.quote
    assert span.text.startswith("… ") and span.text.endswith(" …")
    assert len(span.text) < 1600


def test_unique_citations_one_per_number():
    c1, c2 = _citation(n=2), _citation(n=1)
    answer = Answer(question="q", answer="a", language="en", mode="extractive", model="x", citations=[c1, c2, c1])
    assert [c.n for c in unique_citations(answer)] == [1, 2]


class AuthenticationError(Exception):
    pass


def test_friendly_messages_say_what_to_do_and_hide_secrets():
    msg = friendly_message(AuthenticationError("Incorrect API key provided: sk-abcdef123456"), doing="answer")
    assert "OPENAI_API_KEY" in msg and "sk-abc" not in msg
    assert friendly_message(ValueError("The question is empty: type a question.")) == "The question is empty: type a question."
    assert "unexpected error" in friendly_message(KeyError("x"))
    assert redact("Bearer abc.def") == "[redacted]"


def test_ingest_summary_lists_reasons_first():
    report = IngestReport(items=[IngestItem(status="added", origin="a.txt", title="A", chunks=3)], seconds=1.25)
    report = with_rejected(report, [("b.pdf", "unsupported file type .pdf")])
    assert summary_line(report) == "1 added, 0 unchanged, 0 replaced, 0 duplicates, 1 skipped in 1.2 s"
    assert rows(report)[0] == {"status": "skipped", "title": "", "origin": "b.pdf", "chunks": 0,
                               "reason": "unsupported file type .pdf"}


@pytest.mark.parametrize("quote", ["Riyad", "Lavrov et Rubio"])
def test_plain_roundtrip(quote):
    assert plain(highlight(quote, 0, len(quote))).endswith(quote + "**]")
