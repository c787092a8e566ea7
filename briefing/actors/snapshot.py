"""An in-memory view of the actor store with identities resolved: what rankings, profiles and
question resolution read. Built from the store in one pass and cached by store generation."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from briefing.actors.folding import ascii_fold, name_key, phonetic_key, slug
from briefing.actors.gazetteer import Gazetteer
from briefing.actors.identity import MentionRow, Resolution, resolve
from briefing.actors.models import Actor, MeetingRecord, Mention, Statement


@dataclass
class Snapshot:
    generation: int
    resolution: Resolution
    mentions: list[tuple[str, Mention, dt.date, str]]  # article id, mention, published, actor id
    statements: list[tuple[str, Statement]]
    meetings: list[tuple[str, MeetingRecord]]
    articles: dict[str, dict]
    alias_index: dict[str, str] = field(default_factory=dict)  # folded alias key → actor id
    surname_index: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, generation: int, mentions: list[tuple[str, Mention, dt.date]], statements, meetings,
              articles: dict[str, dict], gazetteer: Gazetteer) -> Snapshot:
        rows = [MentionRow(a, m.start, m.surface, m.type, m.role) for a, m, _ in mentions]
        resolution = resolve(rows, gazetteer)
        resolved = [(a, m, d, resolution.actor_of[(a, m.start)]) for a, m, d in mentions]
        snap = cls(generation, resolution, resolved, statements, meetings, articles)
        snap._index()
        return snap

    def _index(self) -> None:
        counts = Counter(actor_id for *_, actor_id in self.mentions)
        # the most mentioned actor wins an alias two actors share
        for actor_id in sorted(self.resolution.actors, key=lambda i: counts[i]):
            actor = self.resolution.actors[actor_id]
            for alias in actor.aliases:
                for key in (name_key(alias), phonetic_key(alias)):
                    if len(key) >= 3:
                        self.alias_index[key] = actor_id
                if actor.type == "person":
                    surname = phonetic_key(alias).split()[-1:] or []
                    for s in surname:
                        if len(s) >= 3:
                            self.surname_index[s] = actor_id

    def actor_id_at(self, article_id: str, start: int) -> str | None:
        return self.resolution.actor_of.get((article_id, start))

    def actor(self, actor_id: str, since: dt.date | None = None, until: dt.date | None = None) -> Actor:
        r = self.resolution.actors[actor_id]
        dates = [d for a, _, d, i in self.mentions if i == actor_id and _within(d, since, until)]
        arts = {a for a, _, d, i in self.mentions if i == actor_id and _within(d, since, until)}
        return Actor(id=actor_id, name=r.name, type=r.type, aliases=r.aliases, role=r.role, mentions=len(dates),
                     articles=len(arts), first=min(dates) if dates else None, last=max(dates) if dates else None)

    def known_names(self) -> dict[str, str]:
        """Folded alias → type, for the multilingual fallback (names already met in other articles)."""
        out: dict[str, str] = {}
        for actor in self.resolution.actors.values():
            for alias in actor.aliases:
                key = name_key(alias)
                if len(key) >= 4:
                    out[key] = actor.type
        return out

    def find_in_text(self, text: str, gazetteer: Gazetteer) -> list[str]:
        """Actor ids named in free text (a question), in order of appearance; case and accents ignored."""
        words = [w for w in _words(text)]
        found: list[str] = []
        i = 0
        while i < len(words):
            hit = None
            for n in range(min(5, len(words) - i), 0, -1):
                phrase = " ".join(words[i:i + n])
                actor_id = self._lookup(phrase, gazetteer, exact_only=n > 1)
                if actor_id:
                    hit = (actor_id, n)
                    break
            if hit:
                if hit[0] not in found:
                    found.append(hit[0])
                i += hit[1]
            else:
                i += 1
        return found

    def _lookup(self, phrase: str, gazetteer: Gazetteer, *, exact_only: bool) -> str | None:
        key = name_key(phrase)
        if len(key) < 3 or ascii_fold(phrase) in _QUESTION_WORDS:
            return None
        for k in (key, phonetic_key(phrase)):
            if k in self.alias_index:
                return self.alias_index[k]
        entry = gazetteer.lookup(phrase)
        if entry:
            actor_id = f"{entry.type}:{slug(entry.name)}"
            if actor_id in self.resolution.actors:
                return actor_id
        if not exact_only:
            return self.surname_index.get(phonetic_key(phrase))
        return None


def _within(d: dt.date, since: dt.date | None, until: dt.date | None) -> bool:
    return (since is None or d >= since) and (until is None or d <= until)


def _words(text: str) -> list[str]:
    import re

    return re.findall(r"[^\W\d_][\w'’\-]*", text, re.UNICODE)


# Capitalised question words that may collide with short aliases.
_QUESTION_WORDS = set(
    "who what when where why how which whom qui que quoi quand ou pourquoi comment quel quelle quels quelles "
    "did does said say met meet the les des une dit rencontre rencontré a-t-il".split()
)


def by_actor(snapshot: Snapshot) -> dict[str, list[tuple[str, Mention, dt.date]]]:
    out: dict[str, list] = defaultdict(list)
    for a, m, d, i in snapshot.mentions:
        out[i].append((a, m, d))
    return out
