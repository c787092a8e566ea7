"""Identity resolution: every mention in the store mapped to one actor, across spellings,
titles and languages.

Recomputed over all stored mentions (fast: dictionaries, no model), so the result does not depend on
ingest order and forgetting an article undoes exactly what it contributed.

Rules, in order:
1. gazetteer entries (countries, capitals, big organisations in a dozen languages) are one actor each;
2. a name's type is the majority of its mentions' types (gazetteer wins; a lone surname that is the
   surname of a person in the same article is a person);
3. full person names group by phonetic surname, then by compatible given names (initials, spellings);
   equal given names with near-equal surnames merge ("Kadhafi"/"Gaddafi");
4. a lone surname goes to the full name with that surname in the same article, else to the most
   mentioned one in the store, else stands alone;
5. other names merge on their phonetic key (accents, scripts and transliteration folded).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from briefing.actors.folding import first_names_compatible, person_parts, phonetic_key, slug
from briefing.actors.gazetteer import Gazetteer

_TYPE_PRIORITY = {"person": 0, "org": 1, "place": 2}


@dataclass(frozen=True)
class MentionRow:
    article_id: str
    start: int
    surface: str
    type: str
    role: str | None = None


@dataclass
class ResolvedActor:
    id: str
    type: str
    surfaces: Counter = field(default_factory=Counter)
    roles: Counter = field(default_factory=Counter)
    canonical: str | None = None  # the gazetteer's English name, when there is one

    @property
    def name(self) -> str:
        if self.type == "person":
            full = [(n, s) for s, n in self.surfaces.items() if len(s.split()) > 1]
            if full:
                return max(full, key=lambda x: (x[0], len(x[1]), x[1]))[1]
        return max(self.surfaces.items(), key=lambda x: (x[1], len(x[0]), x[0]))[0]

    @property
    def aliases(self) -> list[str]:
        names = [s for s, _ in sorted(self.surfaces.items(), key=lambda x: (-x[1], x[0]))]
        if self.canonical and self.canonical not in names:
            names.append(self.canonical)
        return names

    @property
    def role(self) -> str | None:
        return self.roles.most_common(1)[0][0] if self.roles else None


@dataclass
class Resolution:
    actor_of: dict[tuple[str, int], str]
    actors: dict[str, ResolvedActor]


@dataclass
class _Cluster:
    surname: str
    first: list[str]
    count: int = 0
    id: str = ""


def resolve(rows: list[MentionRow], gazetteer: Gazetteer) -> Resolution:
    keys = {r: phonetic_key(r.surface) for r in rows}
    entries = {}
    for r in rows:
        if r.surface not in entries:
            entries[r.surface] = gazetteer.lookup(r.surface)
    # 2. type of each name
    votes: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        votes[keys[r]][r.type] += 1
    surnames_by_article: dict[str, set[str]] = defaultdict(set)
    full_name_surnames: Counter = Counter()
    for r in rows:
        if r.type == "person" and len(keys[r].split()) > 1:
            surnames_by_article[r.article_id].add(keys[r].split()[-1])
            full_name_surnames[keys[r].split()[-1]] += 1

    def type_of(r: MentionRow) -> str:
        entry = entries[r.surface]
        if entry and not (r.type == "person" and len(r.surface.split()) > 1):
            return entry.type
        k = keys[r]
        if len(k.split()) == 1 and k in surnames_by_article[r.article_id]:
            return "person"
        # a lone surname of a person named in full at least twice elsewhere
        if len(k.split()) == 1 and full_name_surnames[k] >= 2:
            return "person"
        return min(votes[k].items(), key=lambda kv: (-kv[1], _TYPE_PRIORITY[kv[0]]))[0]

    typed = [(r, type_of(r)) for r in rows]
    # 3. clusters of full person names
    form_counts: Counter = Counter(keys[r] for r, t in typed if t == "person" and len(keys[r].split()) > 1)
    by_surname: dict[str, list[_Cluster]] = defaultdict(list)
    cluster_of_form: dict[str, _Cluster] = {}
    for form, count in sorted(form_counts.items(), key=lambda kv: (-kv[1], kv[0])):
        first, surname = person_parts(form)
        for c in by_surname[surname]:
            if first_names_compatible(first, c.first):
                c.count += count
                cluster_of_form[form] = c
                break
        else:
            c = _Cluster(surname=surname, first=first, count=count)
            by_surname[surname].append(c)
            cluster_of_form[form] = c
    _merge_near_surnames(by_surname, cluster_of_form)
    for clusters in by_surname.values():
        for c in clusters:
            c.id = "person:" + slug(" ".join(c.first[:1] + [c.surname]))
    # a lone given name of a person named in full several times ("Bachar") is that person
    # (only when one person carries that given name: a lone "Mohamed" stays unresolved)
    named: dict[str, list[_Cluster]] = defaultdict(list)
    for clusters in by_surname.values():
        for c in clusters:
            if c.first and c not in named[c.first[0]]:
                named[c.first[0]].append(c)
    by_first_name = {f: cs[0] for f, cs in named.items() if len(cs) == 1 and cs[0].count >= 2}
    # per article, which clusters appear in full
    in_article: dict[str, dict[str, list[_Cluster]]] = defaultdict(lambda: defaultdict(list))
    for r, t in typed:
        if t == "person" and keys[r] in cluster_of_form:
            c = cluster_of_form[keys[r]]
            if c not in in_article[r.article_id][c.surname]:
                in_article[r.article_id][c.surname].append(c)

    actor_of: dict[tuple[str, int], str] = {}
    actors: dict[str, ResolvedActor] = {}
    for r, t in typed:
        k = keys[r]
        canonical = None
        if t == "person" and k in cluster_of_form:
            actor_id = cluster_of_form[k].id
        elif len(k.split()) == 1 and k not in by_surname and k in by_first_name and not entries[r.surface]:
            t = "person"
            actor_id = by_first_name[k].id
        elif t == "person":
            surname = k.split()[-1] if k else slug(r.surface)
            local = in_article[r.article_id].get(surname, [])
            pool = local or by_surname.get(surname, [])
            actor_id = max(pool, key=lambda c: c.count).id if pool else "person:" + slug(surname)
        else:
            entry = entries[r.surface]
            if entry and entry.type == t:
                actor_id = f"{t}:{slug(entry.name)}"
                canonical = entry.name
            else:
                actor_id = f"{t}:{slug(k) if k else slug(r.surface)}"
        actor = actors.get(actor_id)
        if actor is None:
            actor = actors[actor_id] = ResolvedActor(id=actor_id, type=t, canonical=canonical)
        actor.surfaces[r.surface] += 1
        if r.role:
            actor.roles[r.role] += 1
        actor_of[(r.article_id, r.start)] = actor_id
    return Resolution(actor_of=actor_of, actors=actors)


def _merge_near_surnames(by_surname: dict[str, list[_Cluster]], cluster_of_form: dict[str, _Cluster]) -> None:
    """Merge clusters with the same given name and near-equal surnames (transliterations the
    phonetic key misses: "muamar kadhafi" / "muamar gadafi")."""
    by_first: dict[str, list[_Cluster]] = defaultdict(list)
    for clusters in by_surname.values():
        for c in clusters:
            if c.first and len(c.first[0]) >= 4:
                by_first[c.first[0]].append(c)
    for group in by_first.values():
        group.sort(key=lambda c: -c.count)
        for i, small in enumerate(group):
            for big in group[:i]:
                if big is small or big.surname == small.surname:
                    continue
                if SequenceMatcher(None, big.surname, small.surname).ratio() >= 0.75:
                    for form, c in list(cluster_of_form.items()):
                        if c is small:
                            cluster_of_form[form] = big
                    big.count += small.count
                    by_surname[small.surname].remove(small)
                    # a lone "Gaddafi" must still find the merged person
                    by_surname[small.surname].append(big)
                    break
