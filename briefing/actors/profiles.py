"""Rankings and profiles read from a Snapshot: who is in the news, what they said, whom they met."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Callable

from briefing.actors.models import (
    ActorArticle, ActorProfile, ActorRank, CoActor, Meeting, Quote,
)
from briefing.actors.snapshot import Snapshot, _within
from briefing.models import Citation

TextOf = Callable[[str], str | None]
ChunksOf = Callable[[str], list[tuple[str, int, int]]]


def rank(snapshot: Snapshot, *, since: dt.date | None = None, until: dt.date | None = None,
         type: str | None = None, limit: int | None = None) -> list[ActorRank]:
    """Actors by mentions then distinct articles over [since, until]; trend compares the period's
    second half with its first half."""
    dates = [d for _, _, d, _ in snapshot.mentions if _within(d, since, until)]
    if not dates:
        return []
    lo, hi = since or min(dates), until or max(dates)
    middle = lo + (hi - lo) / 2
    per: dict[str, dict] = defaultdict(lambda: {"m": 0, "a": set(), "first": 0, "second": 0, "days": Counter()})
    for article_id, _, d, actor_id in snapshot.mentions:
        if not _within(d, since, until):
            continue
        if type and snapshot.resolution.actors[actor_id].type != type:
            continue
        p = per[actor_id]
        p["m"] += 1
        p["a"].add(article_id)
        p["days"][d.isoformat()] += 1
        if hi > lo and d > middle:
            p["second"] += 1
        else:
            p["first"] += 1
    ordered = sorted(per.items(), key=lambda kv: (-kv[1]["m"], -len(kv[1]["a"]), kv[0]))
    out = []
    for actor_id, p in ordered[:limit]:
        out.append(ActorRank(
            actor=snapshot.actor(actor_id, since, until), mentions=p["m"], articles=len(p["a"]),
            first_half=p["first"], second_half=p["second"], trend=_trend(p["first"], p["second"], hi > lo),
            by_day=dict(sorted(p["days"].items())),
        ))
    return out


def _trend(first: int, second: int, spans_days: bool) -> str:
    if not spans_days:
        return "steady"
    if first == 0 and second > 0:
        return "new"
    if second > first * 1.25:
        return "up"
    if second < first * 0.8:
        return "down"
    return "steady"


class _Citer:
    """Numbers citations in the order lines use them; the same span is cited once."""

    def __init__(self, snapshot: Snapshot, text_of: TextOf, chunks_of: ChunksOf):
        self.snapshot, self.text_of, self.chunks_of = snapshot, text_of, chunks_of
        self.citations: list[Citation] = []
        self._texts: dict[str, str | None] = {}

    def cite(self, article_id: str, start: int, end: int) -> Citation | None:
        for c in self.citations:
            if c.article_id == article_id and c.start == start and c.end == end:
                return c
        if article_id not in self._texts:
            self._texts[article_id] = self.text_of(article_id)
        text = self._texts[article_id]
        meta = self.snapshot.articles.get(article_id)
        if text is None or meta is None:
            return None
        chunk_id = next((cid for cid, s, e in self.chunks_of(article_id) if s <= start < e), "")
        c = Citation(n=len(self.citations) + 1, article_id=article_id, title=meta["title"], source=meta["source"],
                     published=meta["published"], url=meta["url"], chunk_id=chunk_id, quote=text[start:end],
                     start=start, end=end, verified=True)
        self.citations.append(c)
        return c


def profile(snapshot: Snapshot, actor_id: str, *, text_of: TextOf, chunks_of: ChunksOf,
            max_quotes: int = 20, max_meetings: int = 20, max_co_actors: int = 15) -> ActorProfile:
    resolved = snapshot.resolution.actors[actor_id]
    actor = snapshot.actor(actor_id)
    own = [(a, m, d) for a, m, d, i in snapshot.mentions if i == actor_id]
    citer = _Citer(snapshot, text_of, chunks_of)

    per_article = Counter(a for a, _, _ in own)
    articles = sorted(
        (ActorArticle(article_id=a, title=snapshot.articles[a]["title"], source=snapshot.articles[a]["source"],
                      published=snapshot.articles[a]["published"], url=snapshot.articles[a]["url"], mentions=n)
         for a, n in per_article.items()),
        key=lambda x: (x.published or dt.date.min, x.article_id), reverse=True,
    )
    timeline = dict(sorted(Counter(d.isoformat() for _, _, d in own).items()))

    co = Counter()
    for a in per_article:
        for other in {i for aa, _, _, i in snapshot.mentions if aa == a and i != actor_id}:
            co[other] += 1
    co_actors = [_co(snapshot, i, n) for i, n in sorted(co.items(), key=lambda kv: (-kv[1], kv[0]))[:max_co_actors]]

    # summary first, so its citations come first: role, then the latest statements and meetings
    summary_lines: list[str] = []
    role_mention = next(((a, m) for a, m, _ in sorted(own, key=lambda x: x[2], reverse=True) if m.role == resolved.role and m.role), None)
    if role_mention:
        a, m = role_mention
        c = citer.cite(a, m.sentence_start, m.sentence_end)
        if c:
            summary_lines.append(f"{actor.name}: {resolved.role} [{c.n}]")

    quotes: list[Quote] = []
    for a, s in sorted(snapshot.statements, key=lambda x: snapshot.articles.get(x[0], {}).get("published") or dt.date.min, reverse=True):
        if snapshot.actor_id_at(a, s.speaker) != actor_id:
            continue
        c = citer.cite(a, s.start, s.end)
        if c:
            quotes.append(Quote(text=s.text, citation=c))
        if len(quotes) >= max_quotes:
            break

    meetings: list[Meeting] = []
    for a, rec in sorted(snapshot.meetings, key=lambda x: snapshot.articles.get(x[0], {}).get("published") or dt.date.min, reverse=True):
        ids = [snapshot.actor_id_at(a, p) for p in rec.participants]
        if actor_id not in ids:
            continue
        others = [i for i in dict.fromkeys(ids) if i and i != actor_id]
        if not others:
            continue
        c = citer.cite(a, rec.start, rec.end)
        if not c:
            continue
        where = list(dict.fromkeys(snapshot.resolution.actors[i].name for i in
                                   (snapshot.actor_id_at(a, p) for p in rec.places) if i))
        meetings.append(Meeting(with_=[_co(snapshot, i, 1) for i in others], where=where, when=rec.when,
                                date=snapshot.articles[a]["published"], citation=c))
        if len(meetings) >= max_meetings:
            break

    for q in quotes[:2]:
        summary_lines.append(f"{actor.name}: « {_short(q.text)} » [{q.citation.n}]")
    for mt in meetings[:2]:
        who = ", ".join(w.name for w in mt.with_)
        where = f" — {', '.join(mt.where)}" if mt.where else ""
        when = f" ({mt.when}, {mt.date})" if mt.when else f" ({mt.date})"
        summary_lines.append(f"{actor.name} ↔ {who}{where}{when} [{mt.citation.n}]")
    if not summary_lines and own:
        a, m, _ = max(own, key=lambda x: x[2])
        c = citer.cite(a, m.sentence_start, m.sentence_end)
        if c:
            summary_lines.append(f"{_short(c.quote)} [{c.n}]")

    roles = [r for r, _ in resolved.roles.most_common()]
    return ActorProfile(
        id=actor_id, name=actor.name, type=actor.type, aliases=actor.aliases, role=actor.role, roles=roles,
        mentions=actor.mentions, articles=articles, timeline=timeline, co_actors=co_actors, quotes=quotes,
        meetings=meetings, summary="\n".join(summary_lines), citations=citer.citations,
    )


def _co(snapshot: Snapshot, actor_id: str, n: int) -> CoActor:
    r = snapshot.resolution.actors[actor_id]
    return CoActor(id=actor_id, name=r.name, type=r.type, articles=n)


def _short(text: str, limit: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rsplit(" ", 1)[0] + "…"
