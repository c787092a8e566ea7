"""Loading files and folders: every format, stable ids, and clear reasons for bad input."""

import datetime as dt
import shutil
import types
from pathlib import Path

import pytest

from briefing.ingest import load_sources
from briefing.models import Article, IngestItem
from briefing.settings import Settings

FIX = Path(__file__).parent / "fixtures" / "ingest"
OFFLINE = Settings(allow_network=False)
TODAY = dt.date(2025, 3, 20)


def load(*sources, **kw):
    kw.setdefault("settings", OFFLINE)
    kw.setdefault("today", TODAY)
    return list(load_sources([str(s) for s in sources], **kw))


def articles(items):
    return [i for i in items if isinstance(i, Article)]


def skips(items):
    return [i for i in items if isinstance(i, IngestItem)]


def test_jsonl_bad_lines_are_skipped_and_the_rest_loads():
    items = load(FIX / "corpus_bad.jsonl")
    good, bad = articles(items), skips(items)
    assert [a.title for a in good] == ["Port strike ends in Rotterdam", "Grève terminée", "Streik beendet"]
    reasons = [s.reason for s in bad]
    assert len(reasons) == 4
    assert reasons[0].startswith("corpus_bad.jsonl line 4: not valid JSON (Expecting ',' delimiter at column")
    assert reasons[0].endswith("; fix or remove the line")
    assert reasons[1].startswith("corpus_bad.jsonl line 5: no 'text' field (fields: id, published, title)")
    assert "line 6" in reasons[2] and "found a array" in reasons[2]
    assert "line 8" in reasons[3] and "empty" in reasons[3]
    assert all(s.status == "skipped" and s.origin.endswith("corpus_bad.jsonl") for s in bad)

    strike, greve, streik = good
    assert strike.published == dt.date(2025, 3, 4) and strike.published_from == "metadata"
    assert strike.source == "Harbour Daily" and strike.language == "en"
    assert strike.metadata == {"license": "CC BY 4.0", "topic": "labour", "item_id": "a1"}
    assert greve.url == "https://quai.example/greve" and greve.published == dt.date(2025, 3, 5)
    assert greve.metadata["links"] == ["https://quai.example/a", "https://quai.example/b"]
    assert greve.language == "fr"  # detected: the item names none
    assert streik.published == dt.date(2025, 3, 6) and streik.language == "de"
    assert streik.source == "corpus bad"  # named after the file when the item names no source
    assert streik.metadata["category"] == "Wirtschaft"


def test_json_list_and_single_object():
    rain, lluvia, budget = articles(load(FIX / "articles.json", FIX / "single.json"))
    assert rain.published == dt.date(2025, 3, 7) and rain.language == "en" and rain.metadata == {"region": "north"}
    assert lluvia.published == dt.date(2025, 3, 7) and lluvia.language == "es"
    assert budget.url == "https://gazette.example/budget" and budget.source == "Town Gazette"


def test_moscow_times_reference_article(corpus_dir):
    [article] = load(corpus_dir / "moscowtimes_fr_2025-02-26.txt")
    assert isinstance(article, Article)
    assert article.title == "Les diplomates russes et américains se rencontreront jeudi à Istanbul, a annoncé Lavrov"
    assert article.published == dt.date(2025, 2, 26)
    assert article.published_from in ("filename", "text")
    assert article.language == "fr"
    assert "moscowtimes" in article.source.replace(" ", "").lower()
    assert "Lavrov et le secrétaire d'Etat américain Marco Rubio se sont rencontrés la semaine dernière à Riyad" in article.text
    assert "Des diplomates russes et américains se rencontreront jeudi à Istanbul" in article.text
    for gone in ("Chers lecteurs", "Un message du Moscow Times", "themoscowtimes", "soutenez-nous", "2 $"):
        assert gone not in article.text
    assert article.text.endswith("pour mettre fin à la guerre en Ukraine.")


def test_demo_corpora_load_fully_with_metadata(corpus_dir):
    gv = articles(load(corpus_dir / "globalvoices_fr.jsonl"))
    wcep = articles(load(corpus_dir / "wcep_2025-06-14_18.jsonl"))
    assert len(gv) == 110 and len(wcep) == 57
    assert len({a.id for a in gv}) == 110 and len({a.id for a in wcep}) == 57
    assert all(a.metadata["license"] == "CC BY 3.0" and a.metadata["topic"] for a in gv)
    assert all(a.language == "fr" and a.published_from == "metadata" for a in gv)
    assert all(a.source == "Global Voices en français" for a in gv)
    assert sum(1 for a in gv if a.published == dt.date(2011, 8, 22)) == 6
    assert all(a.url is None and "links" in a.metadata and a.metadata["category"] for a in wcep)
    assert sum(1 for a in wcep if a.metadata["links"]) == 56
    assert all(a.metadata["license"] == "CC BY-SA 4.0" and a.language == "en" for a in wcep)
    assert min(a.published for a in wcep) == dt.date(2025, 6, 14) and max(a.published for a in wcep) == dt.date(2025, 6, 18)


def test_cp1252_text_file_is_decoded_with_a_note():
    [article] = load(FIX / "lyon_cp1252_2025-03-03.txt")
    assert article.title == "Le maire de Lyon annonce un budget de 12 millions d’euros"
    assert "« C’est un effort sans précédent »" in article.text
    assert article.metadata["encoding"] == "cp1252"
    assert article.published == dt.date(2025, 3, 3) and article.language == "fr"
    assert article.source == "lyon"


def test_markdown_title_and_body():
    [article] = load(FIX / "folder" / "sub" / "b_second.md")
    assert article.title == "Library opens on Sundays"
    assert article.text == "The central library will open on Sundays from April, the council said."
    assert article.published == TODAY and article.published_from == "ingest"


@pytest.mark.parametrize(
    "name, words",
    [
        ("empty.txt", "empty.txt: the file is empty"),
        ("blank.txt", "blank.txt: the file is empty"),
        ("binary.txt", "binary.txt: this is a PNG image, not text"),
        ("missing.txt", "missing.txt: no such file or folder; check the path"),
    ],
)
def test_bad_files_are_skipped_with_a_reason(name, words):
    [item] = load(FIX / name)
    assert isinstance(item, IngestItem) and item.status == "skipped"
    assert words in item.reason


def test_unknown_extension_and_unsupported_scheme(tmp_path):
    odd = tmp_path / "notes.docx"
    odd.write_bytes(b"whatever")
    [a, b] = load(odd, "ftp://example.org/x.txt")
    assert "unsupported file type '.docx'" in a.reason and ".jsonl" in a.reason
    assert "'ftp://' addresses are not supported" in b.reason


def test_bad_items_do_not_stop_the_batch():
    items = load(FIX / "missing.txt", FIX / "empty.txt", FIX / "single.json", FIX / "binary.txt", FIX / "articles.json")
    assert [type(i).__name__ for i in items] == ["IngestItem", "IngestItem", "Article", "IngestItem", "Article", "Article"]


def test_folder_is_read_recursively_sorted_without_hidden_files():
    items = load(FIX / "folder")
    assert [a.title for a in articles(items)] == ["Bridge closed for repairs", "Library opens on Sundays"]
    assert not skips(items)  # the .csv is not a candidate, hidden files are not read


def test_empty_folder(tmp_path):
    [item] = load(tmp_path)
    assert "no supported files in this folder" in item.reason


def test_ids_are_stable_and_a_changed_file_replaces_itself(tmp_path):
    path = tmp_path / "harbour_2025-03-01.txt"
    path.write_text("Port reopens\n\nThe port reopened on Saturday.\n", encoding="utf-8")
    [first] = load(path)
    [again] = load(path)
    assert first.id == again.id and first.content_hash == again.content_hash
    path.write_text("Port reopens\n\nThe port reopened on Saturday after a week of repairs.\n", encoding="utf-8")
    [changed] = load(path)
    assert changed.id == first.id and changed.content_hash != first.content_hash
    other = tmp_path / "copy" / path.name
    other.parent.mkdir()
    shutil.copy(path, other)
    [elsewhere] = load(other)
    assert elsewhere.id != first.id  # another file is another item


def test_ids_follow_url_then_item_id():
    strike, greve, _ = articles(load(FIX / "corpus_bad.jsonl"))
    from briefing.models import stable_hash

    assert greve.id == stable_hash("Quai Info", "https://quai.example/greve")
    assert strike.id == stable_hash("Harbour Daily", "a1")


def test_html_file_main_text_extraction():
    [article] = load(FIX / "site" / "articles" / "ministers.html")
    assert article.title == "Foreign ministers agree to new talks in Geneva"
    assert article.source == "News Example"
    assert article.published == dt.date(2025, 3, 8) and article.published_from == "metadata"
    assert article.language == "en"
    assert article.text.startswith("The foreign ministers of Armenia and Azerbaijan agreed on Saturday")
    assert "exchanged draft proposals on 14 points" in article.text
    assert '"We have made real progress, but much remains to be done,"' in article.text
    for gone in ("cookies", "Read more", "newsletter", "All rights reserved", "Home", "Most read", "dataLayer"):
        assert gone not in article.text, gone


def test_html_date_from_text_when_the_page_has_no_date_markup():
    [article] = load(FIX / "site" / "articles" / "cafe.html")
    assert article.published == dt.date(2025, 3, 9) and article.published_from == "text"
    assert article.source == "Exemple Infos" and article.language == "fr"
    assert "prime de 200 euros par mois" in article.text
    assert "Lire aussi" not in article.text and "Abonnez-vous" not in article.text


def test_local_feeds_without_network_fall_back_to_summaries():
    items = load(FIX / "site" / "feed.rss", FIX / "site" / "feed.atom")
    got = articles(items)
    assert len(got) == 5 and not skips(items)
    ministers, rates, museum, cafe, tram = got
    assert ministers.text == "Armenia and Azerbaijan will hold a new round of talks in Geneva."
    assert ministers.metadata["text_from"] == "summary" and "network access is turned off" in ministers.metadata["page_error"]
    assert ministers.published == dt.date(2025, 3, 8) and ministers.published_from == "metadata"
    assert ministers.url == "https://news.example/articles/ministers.html" and ministers.source == "News Example"
    assert ministers.language == "en"
    assert rates.text == ("The central bank left its main interest rate unchanged at 3.5% on Friday, citing persistent "
                          "inflation in services.\nThe governor said the board would review the decision in April.")
    assert rates.metadata["tags"] == ["Economy"] and "text_from" not in rates.metadata
    assert museum.text.startswith("The city museum reopened on Thursday")
    assert cafe.language == "fr" and cafe.source == "Exemple Infos" and cafe.published == dt.date(2025, 3, 9)
    assert tram.published == dt.date(2025, 3, 8) and "prolongement du tramway" in tram.text


def test_xml_that_is_not_a_feed(tmp_path):
    path = tmp_path / "data.xml"
    path.write_text("<?xml version='1.0'?><catalog><book>X</book></catalog>", encoding="utf-8")
    [item] = load(path)
    assert "not an RSS or Atom feed" in item.reason


def test_load_sources_is_lazy():
    seen = []

    def sources():
        for s in (FIX / "single.json", FIX / "articles.json"):
            seen.append(s.name)
            yield str(s)

    gen = load_sources(sources(), settings=OFFLINE, today=TODAY)
    assert isinstance(gen, types.GeneratorType)
    first = next(gen)
    assert first.title == "Council approves new budget" and seen == ["single.json"]
    assert len(list(gen)) == 2 and seen == ["single.json", "articles.json"]


def test_text_file_that_opens_on_a_paragraph_has_a_derived_title(tmp_path):
    path = tmp_path / "note.txt"
    paragraph = "The harbour reopened on Monday after the storm. " * 8
    path.write_text(paragraph + "\nSecond paragraph.\n", encoding="utf-8")
    [article] = load(path)
    assert article.text.startswith("The harbour reopened on Monday") and article.text.endswith("Second paragraph.")
    assert article.title.startswith("The harbour reopened on Monday") and len(article.title) <= 161


def test_json_exports_with_source_objects_and_repeated_titles(tmp_path):
    path = tmp_path / "export.json"
    path.write_text(
        '{"articles": ['
        '{"title": "Briefing", "content": "Markets rose on Monday.", "publishedAt": "2025-03-03T08:00:00Z", '
        '"source": {"id": "wire", "name": "Wire Service"}},'
        '{"title": "Briefing", "content": "Markets fell on Tuesday.", "publishedAt": "2025-03-04T08:00:00Z", '
        '"source": {"id": "wire", "name": "Wire Service"}}'
        ']}',
        encoding="utf-8",
    )
    first, second = load(path)
    assert first.source == second.source == "Wire Service"
    assert first.published == dt.date(2025, 3, 3) and second.text == "Markets fell on Tuesday."
    assert first.id != second.id
    assert [a.id for a in load(path)] == [first.id, second.id]


def test_markup_left_in_json_text_becomes_plain_text(tmp_path):
    path = tmp_path / "cms.jsonl"
    path.write_text('{"id": "c1", "title": "Dam opens", "text": "<p>The dam opened on Friday.</p><p>It cost &euro;2 billion &amp; took 9 years.</p>"}\n',
                    encoding="utf-8")
    [article] = load(path)
    assert article.text == "The dam opened on Friday.\nIt cost €2 billion & took 9 years."
