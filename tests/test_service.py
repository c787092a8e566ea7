"""The service over a real embedded Chroma, with the deterministic fake embedder."""

import datetime as dt

import pytest

from briefing.models import Filters, Turn
from briefing.store.chroma_store import EmbedderMismatch
from briefing.wiring import build_service

from .helpers import RIYADH, fake_settings, make_article

OTHER = "Le football est un sport très populaire en France. Les clubs jouent chaque semaine."


@pytest.fixture
def svc(tmp_path):
    return build_service(fake_settings(tmp_path))


def test_ingest_is_idempotent_and_replaces_changed_content(svc):
    a = make_article("a1", RIYADH)
    assert svc.ingest_articles([a]).summary()["added"] == 1
    assert svc.ingest_articles([a]).summary() == {"added": 0, "unchanged": 1, "replaced": 0, "duplicate": 0, "skipped": 0}
    changed = a.model_copy(update={"text": RIYADH + " Une nouvelle réunion aura lieu à Istanbul."})
    report = svc.ingest_articles([changed])
    assert report.summary()["replaced"] == 1
    assert svc.sources()["articles"] == 1
    chunks = svc.store.chunks.get(where={"article_id": "a1"})
    assert all("Istanbul" in d for d in chunks["documents"])


def test_same_text_under_another_id_or_same_url_is_stored_once(svc):
    a = make_article("a1", RIYADH, url="https://example.org/a")
    twin = make_article("a2", "  " + RIYADH.upper() + "  ")  # same text once normalised
    same_url = make_article("a3", OTHER, url="https://example.org/a")
    report = svc.ingest_articles([a, twin, same_url])
    assert [i.status for i in report.items] == ["added", "duplicate", "duplicate"]
    assert "a1" in report.items[1].reason
    assert svc.sources()["articles"] == 1


def test_filters_restrict_retrieval(svc):
    svc.ingest_articles([
        make_article("fr1", RIYADH, day="2025-02-20", source="A"),
        make_article("fr2", OTHER, day="2025-03-10", source="B"),
        make_article("en1", "Lavrov and Rubio met in Riyadh last week.", day="2025-02-21", source="B", language="en"),
    ])
    assert {p.article_id for p in svc.retrieve("Rubio", Filters(sources=["B"]))} <= {"fr2", "en1"}
    assert {p.article_id for p in svc.retrieve("Rubio", Filters(since=dt.date(2025, 3, 1)))} == {"fr2"}
    assert {p.article_id for p in svc.retrieve("Rubio", Filters(languages=["en"]))} == {"en1"}


def test_forget_removes_article_chunks_and_lexical_entries(svc):
    svc.ingest_articles([make_article("a1", RIYADH, source="A"), make_article("b1", OTHER, source="B")])
    assert svc.forget(source="A") == 1
    assert svc.sources()["articles"] == 1
    assert all(p.article_id == "b1" for p in svc.retrieve("Rubio Riyad"))
    assert svc.lexical().chunk_ids and all(c.startswith("b1:") for c in svc.lexical().chunk_ids)
    with pytest.raises(ValueError, match="source name or an article id"):
        svc.forget()


def test_empty_store_answers_plainly(svc):
    ans = svc.ask("Qui s'est rencontré à Riyad ?")
    assert ans.abstained and "Aucun article" in ans.answer


def test_store_survives_restart_and_refuses_another_embedder(tmp_path):
    build_service(fake_settings(tmp_path)).ingest_articles([make_article("a1", RIYADH)])
    again = build_service(fake_settings(tmp_path))
    assert again.sources()["articles"] == 1 and again.retrieve("Riyad")[0].article_id == "a1"
    from briefing.embeddings.fake import FakeEmbedder

    other = FakeEmbedder(dim=128)
    other.name = "other-model"
    with pytest.raises(EmbedderMismatch, match="BRIEFING_EMBEDDER"):
        build_service(fake_settings(tmp_path), embedder=other)


def test_ask_stream_yields_text_then_answer_with_checked_citation(svc):
    svc.ingest_articles([make_article("a1", RIYADH, title="Lavrov"), make_article("b1", OTHER)])
    parts = list(svc.ask_stream("Qui s'est rencontré à Riyad la semaine dernière ?", [Turn(role="user", content="Bonjour")]))
    answer = parts[-1]
    assert all(isinstance(p, str) for p in parts[:-1]) and "".join(parts[:-1]) == answer.answer
    assert not answer.abstained and answer.citations[0].article_id == "a1"
    c = answer.citations[0]
    assert svc.get_article(c.article_id).text[c.start:c.end] == c.quote


def test_store_of_an_earlier_e5_runtime_asks_for_a_re_ingest_and_keeps_its_articles(tmp_path):
    from briefing.embeddings.fake import FakeEmbedder

    old = FakeEmbedder()
    old.name = "multilingual-e5-small-q4"
    build_service(fake_settings(tmp_path), embedder=old).ingest_articles([make_article("a1", RIYADH)])
    new = FakeEmbedder()
    new.name = "multilingual-e5-small-int8"
    with pytest.raises(EmbedderMismatch) as caught:
        build_service(fake_settings(tmp_path), embedder=new)
    message = str(caught.value)
    assert "earlier version of the same embedder" in message and "--data-dir NEW_FOLDER ingest" in message
    assert build_service(fake_settings(tmp_path), embedder=old).sources()["articles"] == 1  # nothing lost


def test_retrieval_hands_over_the_leading_articles_other_chunks(svc):
    long_text = " ".join(f"Le paragraphe {i} raconte la révolution syrienne et ses acteurs à Damas, jour après jour."
                         for i in range(60))
    svc.ingest_articles([make_article("long", long_text), make_article("b1", OTHER, source="B")])
    result = svc.retriever.search("la révolution syrienne à Damas", None, 8)
    lead = result.passages[0].article_id
    shown = {p.chunk_id for p in result.passages}
    stored = svc.store.chunks.get(where={"article_id": lead})["ids"]
    assert result.siblings and {p.chunk_id for p in result.siblings} == set(stored) - shown
    assert all(p.article_id == lead for p in result.siblings)
    assert [p.start for p in result.siblings] == sorted(p.start for p in result.siblings)
