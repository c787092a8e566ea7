"""Size limits: an oversized article is cut or skipped with its reason; a line of megabytes hangs nothing."""

from __future__ import annotations

from briefing.ingest.limits import apply_size_limit, cut_text
from briefing.progress import RateMeter
from briefing.text.sentences import split_sentences
from briefing.wiring import build_service
from tests.helpers import fake_settings, make_article


def test_cut_ends_at_a_boundary_and_skip_says_what_to_do():
    text = "Une phrase courte. " * 100
    cut = cut_text(text, 500)
    assert len(cut) <= 500 and cut.endswith(".")
    article = make_article("a", text)
    kept, note = apply_size_limit(article, 500, "cut")
    assert kept.text == cut and "cut to its first" in note
    skipped, _ = apply_size_limit(article, 500, "skip")
    assert skipped.status == "skipped" and "BRIEFING_MAX_ARTICLE_CHARS" in skipped.reason
    same, note = apply_size_limit(article, 0, "skip")
    assert same is article and note is None


def test_sentence_split_of_one_huge_word_before_a_period():
    text = "a" * 300_000 + ". M. Dupont est là."
    assert [s.text for s in split_sentences(text)][1:] == ["M. Dupont est là."]


def _one_line_file(tmp_path, size=5_000_000):
    path = tmp_path / "one_line.txt"
    words = ("le président a rencontré les ministres à Riyad pour un accord de paix " * (size // 70 + 1))[:size]
    path.write_text("Une ligne immense\n" + words, encoding="utf-8")
    return path


def test_five_megabyte_line_is_skipped_with_its_reason(tmp_path):
    svc = build_service(fake_settings(tmp_path / "store", oversize="skip"), hooks=[])
    report = svc.ingest([str(_one_line_file(tmp_path))])
    [item] = report.items
    assert item.status == "skipped" and "5,000,0" in item.reason and "BRIEFING_OVERSIZE=cut" in item.reason
    assert svc.store.count_chunks() == 0


def test_five_megabyte_line_is_cut_and_stored(tmp_path):
    svc = build_service(fake_settings(tmp_path / "store", max_article_chars=20_000), hooks=[])
    report = svc.ingest([str(_one_line_file(tmp_path))])
    [item] = report.items
    assert item.status == "added" and item.chunks > 0 and "cut to its first" in item.reason
    [article] = svc.articles()
    assert len(article.text) <= 20_000


def test_batched_ingest_keeps_each_articles_vectors(tmp_path):
    svc = build_service(fake_settings(tmp_path / "store"), hooks=[])
    articles = [make_article(f"a{i}", f"Article {i}. " + f"Le sujet {i} est traité ici. " * (i + 1), title=f"T{i}")
                for i in range(30)]
    report = svc.ingest_articles(articles)
    assert report.summary()["added"] == 30
    hit = svc.retrieve("Le sujet 17 est traité ici.", k=3)
    assert hit and hit[0].article_id == "a17"


def test_rate_meter_reports_rate_and_time_left():
    now = [0.0]
    meter = RateMeter("articles", clock=lambda: now[0])
    assert meter.describe(0, 10) == "0/10"
    now[0] = 4.0
    assert meter.describe(2, 10) == "2/10 · 0.50 articles/s · about 00:16 left"
