"""Building a briefing for a period: group, rank, link to earlier briefings, write, cite, store."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from briefing.briefs.archive import BriefingArchive
from briefing.briefs.clustering import GroupingParams, group_items
from briefing.briefs.continuity import StoryTrace, link_stories
from briefing.briefs.drafts import StoryDraft, make_drafts
from briefing.briefs.extractive import WrittenStory, write_extractive
from briefing.briefs.models import Briefing, LeftOut, PreviousMention, Story, TopItem
from briefing.briefs.names import fold, name_keys
from briefing.briefs.source import BriefSource, repeated_sentences
from briefing.briefs.story_actors import default_extractor, story_actors
from briefing.models import Article, stable_hash

Progress = Callable[[int, int, str], None]
_MARKER = re.compile(r"\[(\d+)\]")


@dataclass
class BriefRequest:
    since: dt.date
    until: dt.date
    language: str | None = None  # None: the period's most common article language
    sources: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)  # only these articles (a chat digest's subject)
    focus: str = ""  # what a chat digest asks about ("Que s'est-il passé à Ibb ?"): sentences naming it come first
    max_stories: int = 8
    top: int = 5
    sentences: int = 3
    lookback_days: int = 14

    def __post_init__(self):
        if self.until < self.since:
            raise ValueError(f"--until {self.until} is before --since {self.since}: swap them.")
        if not 2 <= self.sentences <= 4:
            raise ValueError("A story summary has 2 to 4 sentences.")

    @property
    def filters(self) -> dict:
        return {"sources": sorted(self.sources), "actors": sorted(self.actors)}

    def briefing_id(self, language: str) -> str:
        period = self.since.isoformat() if self.since == self.until else f"{self.since}_{self.until}"
        extra = f"-{stable_hash(repr(self.filters), length=6)}" if self.sources or self.actors else ""
        return f"{period}-{language}{extra}"


def _language(articles: Sequence[Article], wanted: str | None) -> str:
    if wanted:
        return wanted
    counts: dict[str, int] = {}
    for a in articles:
        counts[a.language] = counts.get(a.language, 0) + 1
    return max(sorted(counts), key=lambda k: counts[k]) if counts else "en"


def _nearest_days(days: list[dt.date], since: dt.date, until: dt.date) -> list[dt.date]:
    before = [d for d in days if d < since]
    after = [d for d in days if d > until]
    return ([before[-1]] if before else []) + ([after[0]] if after else [])


def _mentions(draft: StoryDraft, actor: str) -> bool:
    wanted = fold(actor)
    return any(wanted in fold(f"{a.title}\n{a.text}") for a in draft.articles)


def build_briefing(service, request: BriefRequest, *, mode: str | None = None, writer=None,
                   archive: BriefingArchive | None = None, save: bool = True,
                   grouping: GroupingParams | None = None, progress: Progress | None = None,
                   actor_extractor=None, on_plan=None) -> Briefing:
    """The briefing for `request`'s period, stored in the archive (unless `save=False`).

    `mode` is "extractive" or "llm" (default: "llm" when a `writer` is given); `writer` is an
    LLM story writer (briefing.briefs.llm_writer) and is required for "llm". `on_plan(drafts,
    source, repeated)` is called once the stories are known and before any is written (the CLI
    prints the token and cost estimate of an LLM run there).
    """
    started = time.perf_counter()
    timings: dict[str, float] = {}
    settings = service.settings
    archive = archive or BriefingArchive(settings.data_dir / "briefings")
    mode = mode or ("llm" if writer is not None else "extractive")
    if mode == "llm" and writer is None:
        raise ValueError("LLM mode needs a story writer; build one with briefing.briefs.llm_writer.")
    source = BriefSource(service)
    grouping = grouping or GroupingParams()

    articles = source.articles(request.since, request.until, request.sources)
    if request.article_ids:
        wanted = set(request.article_ids)
        articles = [a for a in articles if a.id in wanted]
    language = _language(articles, request.language)
    base = dict(id=request.briefing_id(language), since=request.since, until=request.until, language=language,
                mode=mode, model=getattr(writer, "model_name", "") if mode == "llm" else "",
                created=dt.datetime.now(dt.timezone.utc), filters={**request.filters, "language": language},
                articles=len(articles))
    if not articles:
        nearest = _nearest_days(source.days_with_news(request.sources), request.since, request.until)
        where = f" from {', '.join(request.sources)}" if request.sources else ""
        note = f"No articles{where} between {request.since} and {request.until}."
        if nearest:
            note += " Nearest days with news: " + ", ".join(d.isoformat() for d in nearest) + "."
        else:
            note += " The store holds no articles yet: ingest some with `briefing ingest`."
        b = Briefing(**base, note=note, nearest=nearest, timings={"total": round(time.perf_counter() - started, 3)})
        return b

    t = time.perf_counter()
    vectors = source.article_vectors(articles)
    keys = [name_keys(f"{a.title}\n{a.text[:1500]}") for a in articles]
    days = [a.published.toordinal() for a in articles]
    corpus_baseline = source.corpus_baseline()
    labels = group_items(vectors, keys, days, grouping, baseline=_grouping_baseline(vectors, corpus_baseline))
    drafts = make_drafts(articles, vectors, labels, until=request.until)
    timings["group"] = round(time.perf_counter() - t, 3)

    if request.actors:
        drafts = [d for d in drafts if all(_mentions(d, actor) for actor in request.actors)]
    kept, dropped = drafts[:request.max_stories], drafts[request.max_stories:]
    extractor = actor_extractor or default_extractor(service)
    for d in drafts:
        d.actors = story_actors(d.articles, extractor=extractor)

    t = time.perf_counter()
    earlier = archive.earlier(before=request.since, exclude_id=base["id"], filters=request.filters,
                              lookback_days=request.lookback_days)
    links = link_stories([StoryTrace(d.key, {a.id for a in d.articles}, d.centroid, set(d.actors)) for d in kept],
                         [[_trace(b, s) for s in b.stories] for b in earlier], baseline=corpus_baseline or 0.0)
    timings["continuity"] = round(time.perf_counter() - t, 3)

    t = time.perf_counter()
    # boilerplate shows itself by recurring across a source's articles, so look a year back
    context = source.articles(request.since - dt.timedelta(days=365), request.until, request.sources)
    repeated = repeated_sentences(context[-2000:] if len(context) > len(articles) else articles)
    if on_plan is not None:
        on_plan(kept, source, repeated)
    stories: list[Story] = []
    next_n = 1
    for done, draft in enumerate(kept):
        if progress:
            progress(done, len(kept), draft.articles[0].title[:60])
        previous = links.get(draft.key)
        written = _write(draft, previous, source, language=language, mode=mode, writer=writer,
                         sentences=request.sentences, repeated=repeated, focus=request.focus)
        story = _story(draft, written, previous, offset=next_n - 1)
        next_n += len(story.citations)
        stories.append(story)
    if progress:
        progress(len(kept), len(kept), "done")
    timings["write"] = round(time.perf_counter() - t, 3)

    top = [TopItem(story_id=s.id, headline=s.headline, articles=s.articles, sources=s.sources, status=s.status)
           for s in stories[:request.top]]
    left_out = [LeftOut(story_id=d.key, headline=_plain_headline(d, language, repeated), articles=len(d.articles),
                        sources=len(d.sources), reason=f"ranked below the top {request.max_stories}")
                for d in dropped]
    note = ""
    foreign = [s for s in stories if s.citations and language not in s.languages]
    if mode == "extractive" and foreign:
        note = (f"{len(foreign)} of {len(stories)} stories have no article in '{language}': extractive mode quotes "
                "articles in their own language. Configure a chat model for summaries written in "
                f"'{language}'.")
    timings["total"] = round(time.perf_counter() - started, 3)
    briefing = Briefing(**base, top=top, stories=stories, left_out=left_out, timings=timings, note=note,
                        usage=getattr(writer, "usage", {}) if mode == "llm" else {})
    if save:
        archive.save(briefing)
    return briefing


def _grouping_baseline(vectors: np.ndarray, corpus: float | None) -> float | None:
    """What "unrelated" means for this batch. A big batch is its own background; a small one (a
    quiet day, or a day of one war) is measured against the corpus; a store of a handful of
    articles has only the batch to go on."""
    n = len(vectors)
    if n >= 30 or (corpus is None and n >= 5):
        return None
    if corpus is not None:
        return corpus
    if n < 2:
        return 0.0
    sim = vectors @ vectors.T
    return float(np.median(sim[np.triu_indices(n, 1)]))


def _plain_headline(draft: StoryDraft, language: str, repeated: frozenset[str]) -> str:
    from briefing.briefs.extractive import pick_headline

    lead = next((s for a in draft.articles for s in a.text.split("\n") if len(s) > 40
                 and " ".join(s.split()) not in repeated), "")
    return pick_headline(draft, language, repeated=repeated, fallback=lead)


def _trace(b: Briefing, s: Story) -> StoryTrace:
    return StoryTrace(s.id, set(s.article_ids), np.asarray(s.centroid, dtype=np.float32), set(s.actors),
                      briefing_id=b.id, until=b.until, headline=s.headline, first_seen=s.first_seen,
                      quotes=[c.quote for c in s.citations])


def _write(draft: StoryDraft, previous: StoryTrace | None, source: BriefSource, *, language: str, mode: str,
           writer, sentences: int, repeated: frozenset[str], focus: str = "") -> WrittenStory:
    fresh = draft.articles
    avoid = None
    if previous is not None:
        fresh = [a for a in draft.articles if a.id not in previous.article_ids]
        if not fresh:
            from briefing.briefs.extractive import pick_headline

            return WrittenStory(headline=previous.headline or pick_headline(draft, language, repeated=repeated), summary="",
                                changes=f"No new reporting since the briefing of {previous.until}.")
        if previous.quotes:
            avoid = source.embedder.embed_passages(previous.quotes)
    if mode == "llm":
        written = writer.write(draft, fresh, source, language=language, previous=previous, repeated=repeated)
    else:
        said = frozenset(" ".join(q.split()) for q in previous.quotes) if previous is not None else frozenset()
        candidates = _naming(source.candidates(fresh, skip=repeated | said), focus, {a.id: a.title for a in fresh})
        written = write_extractive(draft, candidates, language=language, sentences=sentences, avoid=avoid,
                                   repeated=repeated)
    if previous is not None:
        n_sources = len({a.source for a in fresh})
        prefix = (f"{len(fresh)} new article{'s' if len(fresh) != 1 else ''} from {n_sources} "
                  f"source{'s' if n_sources != 1 else ''} since the briefing of {previous.until}.")
        written.changes = f"{prefix} {written.changes}".strip()
    return written


def _story(draft: StoryDraft, written: WrittenStory, previous: StoryTrace | None, *, offset: int) -> Story:
    """Renumber the story's citations after those of the stories before it."""
    mapping = {c.n: c.n + offset for c in written.citations}
    summary = _MARKER.sub(lambda m: f"[{mapping.get(int(m.group(1)), int(m.group(1)) + offset)}]", written.summary)
    citations = [c.model_copy(update={"n": mapping[c.n]}) for c in written.citations]
    prev = None
    if previous is not None:
        prev = PreviousMention(briefing_id=previous.briefing_id, story_id=previous.key,
                               until=previous.until, headline=previous.headline)
    return Story(
        id=previous.key if previous is not None else draft.key,
        headline=written.headline, summary=summary, citations=citations, actors=draft.actors,
        articles=len(draft.articles), sources=len(draft.sources), article_ids=[a.id for a in draft.articles],
        source_names=draft.sources, languages=sorted({a.language for a in draft.articles}),
        first_seen=min(draft.first_seen, previous.first_seen) if previous and previous.first_seen else draft.first_seen,
        last_seen=draft.last_seen, status="developing" if previous is not None else "new", previous=prev,
        changes=written.changes, score=round(draft.score, 4), flagged=written.flagged,
        centroid=[float(x) for x in draft.centroid],
    )


FOLLOWER_GAP = 3  # characters between two sentences that stand one after the other


def _with_followers(named: list, candidates: list) -> list:
    """The naming sentences and the sentence right after each: a report names its place in its
    first sentence and tells what happened there in the next ("Aujourd'hui 18 septembre 2011, …
    depuis la capitale du Yémen, Sanaa. Les forces de l'ordre ont ouvert le feu…, tuant au moins 22 personnes")."""
    keep = {id(c) for c in named}
    by_article: dict[str, list] = {}
    for c in candidates:
        by_article.setdefault(c[0].article_id, []).append(c)
    for c in named:
        nxt = min((o for o in by_article[c[0].article_id] if o[0].start >= c[0].end), key=lambda o: o[0].start,
                  default=None)
        if nxt is not None and nxt[0].start - c[0].end <= FOLLOWER_GAP:
            keep.add(id(nxt))
    return [c for c in candidates if id(c) in keep]


def _naming(candidates: list, focus: str, titles: dict[str, str] | None = None) -> list:
    """The sentences that name what the question asks about: a digest of "what happened in Ibb"
    quotes what happened in Ibb, not the story's most central sentence. A story none of whose
    sentences names it (Tartus only in a photo caption) is left out of that digest, unless its
    article's title does ("Égypte : la place Tahrir")."""
    from briefing.answer.support import known_places, names_found, question_names

    # "d'Ormuz", "l'Égypte": the name without its elided article
    names = [re.sub(r"^(?:d|l|qu|j)['’]", "", n) for n in question_names(focus) if not n.isdigit()] if focus else []
    if not names:
        return candidates
    places = known_places(focus)
    named = [c for c in candidates if names_found(names, c[0].text, places) > 0]
    if named:
        return _with_followers(named, candidates)
    titled = {i for i, t in (titles or {}).items() if t and names_found(names, t, places) > 0}
    return [c for c in candidates if c[0].article_id in titled]
