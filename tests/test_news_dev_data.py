"""The news development set: well formed, balanced, and every gold fact stated by its gold article."""

import json
from collections import Counter
from pathlib import Path

import pytest

from briefing.evaluation.news_data import DEV_SET, KINDS, SPLITS, contains_fact, load_news_questions

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "corpus"


def _corpus_texts() -> dict[str, str]:
    texts = {}
    for name in ("globalvoices_fr.jsonl", "wcep_2025-06-14_18.jsonl"):
        for line in (CORPUS / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            # the published date counts: a cited article shows it beside the quote
            texts[row["id"]] = row["text"] + "\n" + row["published"]
    texts["moscowtimes_fr_2025-02-26.txt"] = (CORPUS / "moscowtimes_fr_2025-02-26.txt").read_text(encoding="utf-8")
    return texts


def test_dev_set_shape():
    qs = load_news_questions(DEV_SET)
    assert len(qs) >= 150
    unanswerable = [q for q in qs if not q.answerable]
    assert len(unanswerable) / len(qs) >= 0.2
    assert {q.kind for q in qs} == set(KINDS)
    assert sum(q.scoped for q in qs) >= 30 and sum(q.cross_lingual for q in qs) >= 60
    assert {q.lang for q in qs} == {"en", "fr"}
    # both halves hold every kind, answerable and not, in about equal numbers
    for answerable in (True, False):
        counts = Counter((q.kind, q.split) for q in qs if q.answerable == answerable)
        for kind in {q.kind for q in qs if q.answerable == answerable}:
            assert abs(counts[(kind, "tune")] - counts[(kind, "check")]) <= 1, kind
    # the fresh part: about a fifth unanswerable, nearly all on articles neither half uses (one
    # question first written as unanswerable turned out to be stated by an article the halves use,
    # and the distance of Misrata from Tripoli is stated by one of theirs too)
    fresh = [q for q in qs if q.split == "fresh"]
    assert len(fresh) >= 30 and 0.15 <= sum(not q.answerable for q in fresh) / len(fresh) <= 0.3
    used = {g for q in qs if q.split in ("tune", "check") for g in q.gold_article_ids}
    assert sum(bool(used & set(q.gold_article_ids)) for q in fresh if q.answerable) <= 2
    # the blind part, written after those from the articles alone: a fifth unanswerable, every kind, days
    # and periods, and its Global Voices questions on articles no earlier part asks about (one asks who a
    # journalist is, which three articles state; every WCEP item was already asked about)
    blind = [q for q in qs if q.split == "blind"]
    assert len(blind) >= 50 and 0.15 <= sum(not q.answerable for q in blind) / len(blind) <= 0.3
    assert {q.kind for q in blind} == set(KINDS) and sum(q.scoped for q in blind) >= 8
    assert sum(q.cross_lingual for q in blind) >= 30 and {q.lang for q in blind} == {"en", "fr"}
    used = {g for q in qs if q.split in ("tune", "check", "fresh") for g in q.gold_article_ids}
    on_gv = [q for q in blind if q.answerable and q.gold_article_ids[0].startswith("gv-")]
    assert len(on_gv) >= 25 and sum(bool(used & set(q.gold_article_ids)) for q in on_gv) <= 1
    # the sealed part, written after the blind figures had been seen, from the articles alone: the same
    # shape, its Global Voices questions on articles no other part asks about or that one other question
    # does, and never a fact another question on the same article already asks for
    sealed = [q for q in qs if q.split == "sealed"]
    assert len(sealed) >= 50 and 0.15 <= sum(not q.answerable for q in sealed) / len(sealed) <= 0.3
    assert {q.kind for q in sealed} == set(KINDS) and sum(q.scoped for q in sealed) >= 10
    assert sum(q.cross_lingual for q in sealed) >= 35 and {q.lang for q in sealed} == {"en", "fr"}
    others = [q for q in qs if q.split in ("tune", "check", "fresh", "blind")]  # the parts written before it
    asked = Counter(g for q in others for g in q.gold_article_ids)
    on_gv = [q for q in sealed if q.answerable and q.gold_article_ids[0].startswith("gv-")]
    assert len(on_gv) >= 25 and all(asked[g] <= 1 for q in on_gv for g in q.gold_article_ids)
    # (10 when written; a fresh question later found stated by one of those articles too took two)
    assert sum(not any(asked[g] for g in q.gold_article_ids) for q in on_gv) >= 8
    for q in sealed:
        for o in others:
            if set(o.gold_article_ids) & set(q.gold_article_ids):
                assert not contains_fact(" | ".join(o.key_facts), q.key_facts), (q.id, o.id)
    assert len({q.question for q in qs}) == len(qs)
    # dev2 and hold, written at the same time by two hands from the articles alone, neither seeing
    # the other parts: 60 questions each, less those an earlier part already asks word for word
    # (3, 8 and 3; hold2 was written by a third hand after hold was looked at; dev3 after hold2 was
    # measured, less 5, and hold3 with it by another hand, less 6; dev4 after hold3 was measured,
    # less 3, and hold4 with it by another hand, less 9; dev5, hold5 and hold6 at one time by three
    # hands, less 4, 11 and 10; hold7 after hold5 was looked at, less 9; dev6 and hold8 at one time by two
    # hands after the hold7 figures, less 6 and 5), a sixth or more
    # unanswerable, every kind, days and periods named
    # (dev6 and hold8 were asked for 25 or more questions across languages, the earlier parts for 35)
    for name, n, unanswerable, across in (
            ("dev2", 57, 12, 34), ("hold", 52, 12, 34), ("hold2", 57, 12, 34), ("dev3", 55, 11, 34),
            ("hold3", 54, 11, 34), ("dev4", 57, 12, 34), ("hold4", 51, 12, 34), ("dev5", 56, 11, 34),
            ("hold5", 49, 10, 34), ("hold6", 50, 11, 34), ("hold7", 51, 9, 34), ("dev6", 54, 14, 25),
            ("hold8", 55, 14, 25)):
        part = [q for q in qs if q.split == name]
        assert len(part) == n and sum(not q.answerable for q in part) == unanswerable, name
        assert {q.kind for q in part} == set(KINDS) and sum(q.scoped and q.answerable for q in part) >= 15, name
        assert sum(q.cross_lingual for q in part) >= across and {q.lang for q in part} == {"en", "fr"}, name
    # dev7, written after the hold8 figures for the questions of which one ("which armed group",
    # "quel journal") and of who did it, with their near misses: a quarter unanswerable
    dev7 = [q for q in qs if q.split == "dev7"]
    assert len(dev7) == 60 and sum(not q.answerable for q in dev7) == 15
    assert sum(q.kind == "who" for q in dev7) >= 30 and sum(q.scoped and q.answerable for q in dev7) >= 15
    assert sum(q.cross_lingual for q in dev7) >= 25 and {q.lang for q in dev7} == {"en", "fr"}
    # dev8, written from the articles alone after dev7, with every kind, a quarter unanswerable
    dev8 = [q for q in qs if q.split == "dev8"]
    assert len(dev8) == 60 and sum(not q.answerable for q in dev8) == 15 and {q.kind for q in dev8} == set(KINDS)
    assert sum(q.scoped for q in dev8) >= 25 and sum(q.cross_lingual for q in dev8) >= 25
    # dev9 and hold9, written at one time by two hands, each on its own half of the articles
    for part in ("dev9", "hold9"):
        qs9 = [q for q in qs if q.split == part]
        assert len(qs9) == 60 and sum(not q.answerable for q in qs9) == 15 and {q.kind for q in qs9} == set(KINDS)
        assert sum(q.scoped for q in qs9) >= 30 and sum(q.cross_lingual for q in qs9) >= 25
    gold = [{g for q in qs if q.split == part for g in q.gold_article_ids} for part in ("dev9", "hold9")]
    assert not gold[0] & gold[1]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/data/corpus is not here")
def test_every_gold_fact_is_in_its_gold_article():
    texts = _corpus_texts()
    for q in load_news_questions(DEV_SET):
        for gold in q.gold_article_ids:
            assert gold in texts, f"{q.id}: unknown article {gold}"
        if q.answerable:
            assert any(contains_fact(texts[g], q.key_facts) for g in q.gold_article_ids), (q.id, q.key_facts)
            # every alternative is a real statement of the fact, not a guess
            for fact in q.key_facts:
                assert any(contains_fact(texts[g], [fact]) for g in q.gold_article_ids), (q.id, fact)


def test_split_filter_and_bad_rows(tmp_path):
    by_split = {name: load_news_questions(DEV_SET, name) for name in SPLITS}
    assert all(by_split.values()) and all(q.split == name for name, part in by_split.items() for q in part)
    parts = [q for part in by_split.values() for q in part]
    assert len({q.id for q in parts}) == len(parts) == len(load_news_questions(DEV_SET))
    with pytest.raises(ValueError, match="tune, check, fresh, blind, sealed, dev2, hold, hold2, dev3, hold3, dev4, hold4, dev5, hold5, hold6, "
                                         "hold7, dev6, hold8, dev7, dev8, dev9, hold9 or all"):
        load_news_questions(DEV_SET, "train")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "question": "q", "lang": "en", "kind": "why", "answerable": true, '
                   '"gold_article_ids": ["a"], "key_facts": ["f"], "split": "tune"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="line 1: kind 'why'"):
        load_news_questions(bad)
    bad.write_text('{"id": "x", "question": "q", "lang": "en", "kind": "who", "answerable": true, '
                   '"gold_article_ids": [], "key_facts": [], "split": "tune"}\nnot json\n', encoding="utf-8")
    with pytest.raises(ValueError, match="needs gold_article_ids"):
        load_news_questions(bad)


def test_contains_fact_ignores_case_accents_and_spacing():
    assert contains_fact("Le président  Saleh a indiqué", ["President saleh"])
    assert not contains_fact("Saleh", ["Hadi", " "])
