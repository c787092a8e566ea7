"""Briefings, pure parts: grouping, metrics, sentence selection, continuity, export, scheduling."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from briefing.briefs.budget import context_window, estimate_cost, input_budget
from briefing.briefs.clustering import GroupingParams, average_linkage, group_items, name_similarity
from briefing.briefs.continuity import StoryTrace, link_stories
from briefing.briefs.export import escape_markdown, to_html, to_markdown
from briefing.briefs.metrics import adjusted_rand_index, inverse_purity, purity
from briefing.briefs.models import Briefing, LeftOut, PreviousMention, Story, TopItem
from briefing.briefs.names import capitalised_names, name_keys, top_names
from briefing.briefs.ranking import story_score
from briefing.briefs.schedule import next_run, parse_hhmm, run_daily
from briefing.briefs.selection import Candidate, mmr_select, usable_sentence
from briefing.briefs.source import repeated_sentences
from briefing.models import Article, Citation

D = dt.date(2025, 6, 14)


# -- metrics ------------------------------------------------------------------------------------
def test_ari_is_one_for_the_same_partition_under_renaming():
    assert adjusted_rand_index([0, 0, 1, 1, 2], ["a", "a", "b", "b", "c"]) == pytest.approx(1.0)


def test_ari_matches_a_hand_computed_value():
    # contingency [[2,1],[0,2]]: index 1, expected 2*2/10 = 0.4... computed by the Hubert–Arabie formula
    pred, gold = [0, 0, 0, 1, 1], ["a", "a", "b", "b", "b"]
    # sum C(n_ij,2) = 1 + 0 + 0 + 1 = 2; rows: C(3,2)+C(2,2) = 4; cols: C(2,2)+C(3,2) = 4; C(5,2) = 10
    expected = (2 - 4 * 4 / 10) / ((4 + 4) / 2 - 4 * 4 / 10)
    assert adjusted_rand_index(pred, gold) == pytest.approx(expected)


def test_ari_of_one_big_group_against_singletons_is_zero():
    assert adjusted_rand_index([0] * 6, list("abcdef")) == pytest.approx(0.0)


def test_purity_and_inverse_purity():
    pred, gold = [0, 0, 0, 1], ["a", "a", "b", "b"]
    assert purity(pred, gold) == pytest.approx(3 / 4)
    assert inverse_purity(pred, gold) == pytest.approx(3 / 4)
    assert purity([0, 1, 2, 3], gold) == 1.0 and inverse_purity([0, 1, 2, 3], gold) == 0.5


def test_metrics_reject_misaligned_labels():
    with pytest.raises(ValueError, match="align"):
        purity([0, 1], ["a"])


# -- names ----------------------------------------------------------------------------------------
def test_names_join_of_inside_names_but_not_after_an_opener():
    names = [n for n, _s, _e in capitalised_names(
        "Floods hit the Democratic Republic of the Congo. Critics of Donald Trump marched.")]
    assert names == ["Democratic Republic of the Congo", "Donald Trump"]


def test_names_skip_sentence_openers_but_keep_repeated_ones():
    text = "The talks began. Sergei Lavrov met Marco Rubio in Riyadh. Lavrov said little. Riyadh was calm."
    names = [n for n, _s, _e in capitalised_names(text)]
    assert "Sergei Lavrov" in names and "Marco Rubio" in names and "Riyadh" in names
    assert "The" not in names
    for name, s, e in capitalised_names(text):
        assert text[s:e] == name


def test_name_keys_fold_demonyms_and_ignore_attributions():
    keys = name_keys("Missiles from Iranian launchers hit Bat Yam in Israel. (Reuters)")
    assert "iran" in keys and "israel" in keys and "bat yam" in keys
    assert "reuters" not in keys


def test_top_names_merges_surname_into_full_name():
    texts = ["Donald Trump spoke in Washington.", "Then Trump left.", "Critics of Donald Trump marched."]
    assert top_names(texts, limit=1)[0] == ("Donald Trump", 3)


# -- clustering -------------------------------------------------------------------------------------
def _unit(v):
    v = np.asarray(v, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_average_linkage_separates_two_clear_groups():
    sim = np.array([[1, .9, .8, .1], [.9, 1, .85, 0], [.8, .85, 1, .05], [.1, 0, .05, 1]])
    assert average_linkage(sim, 0.5) == [0, 0, 0, 1]
    assert average_linkage(sim, 0.95) == [0, 1, 2, 3]
    assert average_linkage(sim, -1.0) == [0, 0, 0, 0]


def test_group_items_uses_names_and_dates():
    rng = np.random.default_rng(0)
    base = rng.normal(size=(6, 16))
    vectors = np.stack([_unit(base[0] + 0.05 * rng.normal(size=16)) for _ in range(3)]
                       + [_unit(base[1] + 0.05 * rng.normal(size=16)) for _ in range(3)])
    keys = [{"gaza"}, {"gaza", "rafah"}, {"rafah"}, {"kyiv"}, {"kyiv", "ukrain"}, {"ukrain"}]
    days = [D.toordinal()] * 6
    labels = group_items(vectors, keys, days, GroupingParams(threshold=0.3), baseline=0.0)
    assert labels == [0, 0, 0, 1, 1, 1]
    # the same texts two weeks apart are different stories
    far = [D.toordinal()] * 3 + [D.toordinal() + 14] * 3
    same = np.stack([vectors[0]] * 6)
    assert group_items(same, [set()] * 6, far, GroupingParams(threshold=0.3), baseline=0.0) == [0, 0, 0, 1, 1, 1]


def test_group_items_needs_a_baseline_for_tiny_batches():
    v = np.eye(3, dtype=np.float32)
    with pytest.raises(ValueError, match="baseline"):
        group_items(v, [set()] * 3, [0, 0, 0])
    assert group_items(v[:1], [set()], [0]) == [0]


def test_name_similarity_weights_rare_names_more():
    keys = [{"israel", "bat yam"}, {"israel", "bat yam"}, {"israel"}, {"israel"}, {"israel", "gaza"}]
    sim = name_similarity(keys)
    assert sim[0, 1] > sim[2, 3]


# -- ranking ----------------------------------------------------------------------------------------
def test_ranking_prefers_independent_and_recent_coverage():
    many_one_source = story_score(articles=6, sources=1, last_seen=D, until=D)
    three_sources = story_score(articles=3, sources=3, last_seen=D, until=D)
    assert three_sources > many_one_source
    assert story_score(articles=3, sources=3, last_seen=D - dt.timedelta(days=3), until=D) < three_sources


# -- sentence selection -------------------------------------------------------------------------------
def _cand(i, vec, source="s", text=None):
    return Candidate(f"a{i}", 0, 10, text or f"Sentence number {i} says something long enough.", source, "en", _unit(vec))


def test_mmr_picks_central_then_diverse():
    centroid = _unit([1, 1, 0])
    cands = [_cand(0, [1, 1, 0]), _cand(1, [1, 1, 0.01]), _cand(2, [1, 0.2, 0.3]), _cand(3, [0, 0, 1])]
    chosen = mmr_select(cands, centroid, k=2)
    assert chosen[0] in (0, 1)
    assert set(chosen) != {0, 1}  # the near-duplicate is not taken second


def test_mmr_avoids_what_was_already_said():
    centroid = _unit([1, 1, 0])
    cands = [_cand(0, [1, 1, 0]), _cand(1, [1, 0.8, 0.3])]
    said = np.stack([_unit([1, 1, -0.3])])  # close to the first candidate, less to the second
    assert mmr_select(cands, centroid, k=1, lambda_=0.5) == [0]
    assert mmr_select(cands, centroid, k=1, lambda_=0.5, avoid=said) == [1]
    # what was said is only penalised: a close update can still be told
    assert mmr_select(cands[:1], centroid, k=1, avoid=np.stack([_unit([1, 1, 0])])) == [0]


def test_usable_sentence_rejects_links_captions_and_shouting():
    assert usable_sentence("Sergei Lavrov and Marco Rubio met in Riyadh on Tuesday to talk about Ukraine.")
    assert not usable_sentence("Photo: a crowd in Tahrir square, Cairo, taken by a reader")
    assert not usable_sentence("Read more at https://example.com/story about the talks today.")
    assert not usable_sentence("BREAKING NEWS FROM THE FRONT LINE TODAY AND TONIGHT.")


def test_repeated_sentences_catch_series_notes():
    arts = [Article(id=f"a{i}", title=f"Ce billet fait partie de notre dossier {i}.", source="gv", published=D,
                    text=f"Fact number {i} happened here today. Ce billet fait partie de notre dossier Libye.")
            for i in range(3)]
    rep = repeated_sentences(arts)
    assert "Ce billet fait partie de notre dossier Libye." in rep
    assert "Ce billet fait partie de notre dossier 1." in rep  # same five-word opening in three titles
    assert "Fact number 1 happened here today." not in rep


# -- continuity ---------------------------------------------------------------------------------------
def test_link_stories_prefers_shared_articles_then_close_centroids_with_a_shared_actor():
    c = _unit([1, 0, 0])
    current = [StoryTrace("x", {"a1", "a9"}, c, {"Lavrov"}), StoryTrace("y", {"b5"}, _unit([0, 1, 0.1]), {"Rubio"}),
               StoryTrace("z", {"c1"}, _unit([0, 0, 1]), {"Nobody"})]
    older = [StoryTrace("old-x", {"a1"}, _unit([0, 0, 1]), set(), briefing_id="d1", until=D),
             StoryTrace("old-y", {"b1"}, _unit([0, 1, 0]), {"Marco Rubio", "Rubio"}, briefing_id="d1", until=D),
             StoryTrace("old-z", {"c0"}, _unit([0, 0, 1]), {"Someone"}, briefing_id="d1", until=D)]
    links = link_stories(current, [older])
    assert links["x"].key == "old-x"
    assert links["y"].key == "old-y"
    assert "z" not in links  # close in meaning but no shared actor


def test_link_stories_takes_the_most_recent_briefing():
    c = _unit([1, 0])
    newer = [StoryTrace("s2", {"a1"}, c, briefing_id="d2", until=D)]
    older = [StoryTrace("s1", {"a1"}, c, briefing_id="d1", until=D - dt.timedelta(days=1))]
    assert link_stories([StoryTrace("cur", {"a1", "a2"}, c)], [newer, older])["cur"].briefing_id == "d2"


# -- export -------------------------------------------------------------------------------------------
def _briefing(headline="Talks in *Riyadh*", quote="<script>alert(1)</script> [x](javascript:evil)"):
    cite = Citation(n=1, article_id="a1", title="T [1]", source="S", published=D, url="javascript:alert(1)",
                    chunk_id="a1:0", quote=quote, start=0, end=len(quote))
    story = Story(id="s1", headline=headline, summary=f"{quote} [1]", citations=[cite], actors=["A_B"],
                  articles=2, sources=1, first_seen=D, last_seen=D, status="developing",
                  previous=PreviousMention(briefing_id="2025-06-13-en", story_id="s0", until=D, headline="Old"),
                  changes="1 new article.")
    return Briefing(id="2025-06-14-en", since=D, until=D, language="en", mode="extractive",
                    created=dt.datetime(2025, 6, 15), top=[TopItem(story_id="s1", headline=headline, articles=2,
                                                                   sources=1, status="developing")],
                    stories=[story], left_out=[LeftOut(story_id="s9", headline="# minor", articles=1, sources=1,
                                                       reason="ranked below the top 8")], articles=3)


def test_markdown_export_escapes_article_text_and_uses_footnotes():
    md = to_markdown(_briefing())
    assert "[^1]" in md and "[^1]: “" in md
    assert "<script>" not in md and "\\<script\\>" in md
    assert "\\*Riyadh\\*" in md
    assert "javascript" not in md.split("[^1]:")[1].split("—")[1]  # no link made of a non-http URL
    assert "Left out" in md and "\\# minor" in md


def test_html_export_escapes_and_links_footnotes():
    html = to_html(_briefing())
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="#fn-1"' in html and 'id="fn-1"' in html
    assert "javascript:" not in html.replace("[x](javascript:evil)", "")  # only as escaped quote text


def test_escape_markdown_keeps_outer_spaces():
    assert escape_markdown(" a_b ") == " a\\_b "


def test_empty_briefing_exports_its_note():
    b = Briefing(id="x", since=D, until=D, language="en", mode="extractive", created=dt.datetime(2025, 6, 15),
                 note="No articles. Nearest days with news: 2025-06-13.")
    assert "Nearest days with news" in to_markdown(b) and "Nearest days with news" in to_html(b)


# -- scheduling ---------------------------------------------------------------------------------------
def test_parse_hhmm():
    assert parse_hhmm("07:05") == dt.time(7, 5)
    with pytest.raises(ValueError, match="HH:MM"):
        parse_hhmm("25:00")


def test_next_run_today_or_tomorrow():
    at = dt.time(7, 0)
    assert next_run(dt.datetime(2025, 6, 14, 6, 0), at) == dt.datetime(2025, 6, 14, 7, 0)
    assert next_run(dt.datetime(2025, 6, 14, 8, 0), at) == dt.datetime(2025, 6, 15, 7, 0)


def test_run_daily_briefs_the_previous_day_once_per_day():
    clock = [dt.datetime(2025, 6, 14, 6, 59, 30)]
    days = []

    def sleep(seconds):
        clock[0] += dt.timedelta(seconds=seconds)

    assert run_daily(days.append, dt.time(7, 0), now=lambda: clock[0], sleep=sleep, runs=2) == 2
    assert days == [dt.date(2025, 6, 13), dt.date(2025, 6, 14)]


# -- budget -------------------------------------------------------------------------------------------
def test_budget_stays_inside_the_context_window():
    assert context_window("gpt-4o-mini") == 128_000
    assert context_window("some-local-model") == 8_192
    assert input_budget("some-local-model", prompt_tokens=1000, output_tokens=500, cap=100_000) <= 8_192 - 1500
    assert input_budget("tiny", prompt_tokens=9000, output_tokens=500) == 0
    assert estimate_cost("gpt-4o-mini", 1_000_000, 0) == pytest.approx(0.15)
    assert estimate_cost("my-llama", 1000, 1000) is None


def test_story_actors_prefer_the_actor_index_and_fall_back_to_names():
    from briefing.briefs.story_actors import story_actors

    arts = [Article(id=f"a{i}", title="Talks", source="s", published=D,
                    text="Yesterday Sergei Lavrov met Marco Rubio in Riyadh. Rubio spoke first.") for i in range(2)]
    index = {"a0": ["Sergei Lavrov", "Marco Rubio"], "a1": ["Marco Rubio"]}
    assert story_actors(arts, extractor=lambda a: index.get(a.id))[:2] == ["Marco Rubio", "Sergei Lavrov"]
    fallback = story_actors(arts, extractor=lambda a: None)
    assert "Sergei Lavrov" in fallback and "Marco Rubio" in fallback


def test_a_focused_digest_keeps_the_sentence_after_the_one_naming_its_subject():
    from briefing.briefs.builder import _naming
    from briefing.briefs.selection import Candidate

    text = ("Aujourd'hui 18 septembre 2011, les internautes ont été témoins d'un massacre à Sanaa. "
            "Les forces de l'ordre ont ouvert le feu sur les manifestants, tuant au moins 22 personnes. "
            "Des scènes d'horreur ont été retransmises.")
    cands, pos = [], 0
    for part in text.split(". "):
        part = part if part.endswith(".") else part + "."
        start = text.index(part, pos)
        cands.append((Candidate("ye", start, start + len(part), part, "GV", "fr", np.zeros(2)), "ye:0"))
        pos = start + len(part)
    other = (Candidate("eg", 0, 40, "Les Egyptiens manifestent place Tahrir.", "GV", "fr", np.zeros(2)), "eg:0")
    kept = [c[0].text for c in _naming([*cands, other], "What happened in Sanaa on 18 September 2011?")]
    assert kept == [cands[0][0].text, cands[1][0].text]  # the naming sentence and the one after it, no more
