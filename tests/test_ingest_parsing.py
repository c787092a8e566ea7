"""Pure helpers of ingest: dates, names, decoding, fingerprints, markup."""

import datetime as dt
import time

import pytest

from briefing.ingest import text_fingerprint
from briefing.ingest.cleaning import html_fragment_to_text, normalise_whitespace, strip_html_remnants, strip_markdown
from briefing.ingest.dates import date_in_name, date_in_text, parse_date
from briefing.ingest.decoding import NotText, binary_kind, decode_bytes
from briefing.redaction import redact_url
from briefing.ingest.naming import source_from_filename, source_from_url

D = dt.date(2025, 2, 26)


@pytest.mark.parametrize(
    "value",
    [
        "2025-02-26", "2025-02-26T10:00:00Z", "2025-02-26 23:59:00+05:00", "Wed, 26 Feb 2025 10:00:00 +0000",
        "26 février 2025", "mercredi 26 février 2025", "February 26, 2025", "Feb. 26, 2025", "26 February 2025",
        "26. Februar 2025", "26 de febrero de 2025", "26/02/2025", "26.02.2025", "02/26/2025", "20250226",
        D, dt.datetime(2025, 2, 26, 8, 0), time.strptime("2025-02-26", "%Y-%m-%d"), 1740571200, 1740571200000,
    ],
)
def test_parse_date_formats(value):
    assert parse_date(value) == D


@pytest.mark.parametrize("value", ["", None, "soon", "3025-01-01", "31/31/2025", [], "1er"])
def test_parse_date_rejects_what_is_not_a_date(value):
    assert parse_date(value) is None


def test_first_of_month_ordinals():
    assert parse_date("1er mars 2025") == dt.date(2025, 3, 1)
    assert parse_date("March 1st, 2025") == dt.date(2025, 3, 1)


@pytest.mark.parametrize(
    "text",
    [
        "Publié le 26/02/2025 à 10h30\nLe texte.",
        "Mercredi 26 février 2025\nLe texte de l'article.",
        "MOSCOU, 26 février 2025 (AFP) — Le ministre a déclaré…",
        "Published on February 26, 2025. The minister said…",
        "Le texte.\nPublished: 2025-02-26",
        "Veröffentlicht am 26. Februar 2025\nDer Text.",
        "Publicado el 26 de febrero de 2025\nEl texto.",
    ],
)
def test_date_in_text_finds_publication_dates(text):
    assert date_in_text(text) == D


@pytest.mark.parametrize(
    "text",
    [
        "Le 12 mars 2011, l'armée est entrée dans la ville.",
        "Protests began on 25 January 2011 and lasted weeks.",
        "The minister met his counterpart on Wednesday.",
    ],
)
def test_date_in_text_ignores_event_dates(text):
    assert date_in_text(text) is None


def test_date_in_name():
    assert date_in_name("moscowtimes_fr_2025-02-26.txt") == D
    assert date_in_name("/data/2025/02/26/story.html") == D
    assert date_in_name("https://x.example/2025/02/26/slug") == D
    assert date_in_name("report_20250226.md") == D
    assert date_in_name("draft_v2_123456789.txt") is None
    assert date_in_name("x_2025-13-01.txt") is None


def test_source_names():
    assert source_from_filename("moscowtimes_fr_2025-02-26.txt") == "moscowtimes"
    assert source_from_filename("/a/b/le-monde_2025-01-02_article.html") == "le monde"
    assert source_from_filename("2025-01-01.txt") is None
    assert source_from_url("https://www.themoscowtimes.com/2025/02/26/a") == "themoscowtimes.com"
    assert source_from_url("https://news.example:8080/x") == "news.example"


def test_fingerprint_folds_layout_case_and_punctuation_but_not_accents():
    a = text_fingerprint("Lavrov et Rubio se sont rencontrés à Riyad.\n\nLa guerre…")
    assert a == text_fingerprint("  lavrov ET rubio se sont rencontrés à riyad la guerre ")
    assert a == text_fingerprint("Lavrov et Rubio se sont rencontrés à Riyad — « La guerre »")
    assert a != text_fingerprint("Lavrov et Rubio se sont rencontres a Riyad. La guerre")
    assert a != text_fingerprint("Lavrov et Rubio se sont rencontrés à Istanbul.")
    assert len(a) == 32


def test_decode_utf8_bom_and_cp1252():
    assert decode_bytes("Déjà vu".encode("utf-8")) == ("Déjà vu", "utf-8")
    assert decode_bytes("\ufeffDéjà".encode("utf-8")) == ("Déjà", "utf-8-sig")
    assert decode_bytes("Déjà l’été – 5 €".encode("cp1252")) == ("Déjà l’été – 5 €", "cp1252")
    assert decode_bytes("Grüße".encode("utf-16")) == ("Grüße", "utf-16")


def test_binary_is_recognised():
    assert binary_kind(b"%PDF-1.7 ...") == "a PDF document"
    assert binary_kind(b"\x89PNG\r\n\x1a\n....") == "a PNG image"
    assert binary_kind(bytes(range(256))) == "binary data"
    assert binary_kind("plain text, déjà".encode()) is None
    with pytest.raises(NotText):
        decode_bytes(b"PK\x03\x04zipdata")


def test_whitespace_and_markup_normalisation():
    raw = "Titre\u00a0:\u200b un\t\ttexte \r\n\r\n\r\n  second   paragraphe\u202f!  \n"
    assert normalise_whitespace(raw) == "Titre : un texte\n\nsecond paragraphe !"
    assert strip_html_remnants("A <b>bold</b> move &amp; a <br/>break") == "A bold move & a \nbreak"
    assert strip_html_remnants("3 < 4 and 5 > 2") == "3 < 4 and 5 > 2"
    assert html_fragment_to_text("<p>One</p><p>Two <a href='x'>link</a></p><script>x()</script>") == "One\nTwo link"
    assert strip_markdown("## Head\nSee [the report](https://x.org/r) and **this**.") == "Head\nSee the report and this."


def test_redact_url_hides_credentials():
    shown = redact_url("https://user:hunter2@example.org/feed?api_key=abc123&page=2&token=zzz")
    assert "hunter2" not in shown and "abc123" not in shown and "zzz" not in shown
    assert shown.startswith("https://example.org/feed?") and "page=2" in shown
