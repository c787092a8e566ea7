"""What the actor index finds in the sentences an answer cites: the names, places and
organisations of the direct answer line, whether a where-answer names a new place, and whether
one asked for someone's name names a new person."""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing.answer.direct_line import QuotedFacts, annotate_quote, direct_line, relative_dates
from briefing.answer.kind_checks import same_person
from briefing.answer.named_slots import asked_person_noun, is_country, named_beside, slot_noun
from briefing.models import Answer, Citation
from briefing.question import Understanding
from briefing.text.analysis import fold, stopwords


def actor_index(service):
    """The service's actor index, if the actors extra is installed and hooked in."""
    try:
        from briefing.actors.hook import ActorIndex
    except ImportError:
        return None
    return next((h for h in getattr(service, "hooks", []) if isinstance(h, ActorIndex)), None)


def _first_quote_entities(service, answer: Answer) -> tuple[list[str], list[str], list[str]] | None:
    """(people, places, organisations) the actor index finds in the first quote; None without the index."""
    entities = cited_entities(service, answer.citations[:1])
    if not entities:
        return None
    return entities.get(answer.citations[0].n, ([], [], []))


def _any_unasked(names: list[str], asked: list[str]) -> bool:
    return any(not any(same_person(w, [name]) for w in asked) for name in names)


def names_new_place(service, u: Understanding, answer: Answer) -> bool:
    """The first quote names a place the question does not: what a question of where is answered by."""
    entities = _first_quote_entities(service, answer)
    if entities is None:
        return True  # without the actor index there is nothing to tell places by
    people, places, orgs = entities
    # names, and the adjectives made of them: "quelle ville iranienne" does not ask to be told "Iran"
    asked = [w for w in re.findall(r"[^\W\d_]+", u.question)
             if len(w) >= 3 and (w[:1].isupper() or fold(w) not in stopwords(u.language))]
    local = _smaller_than_country(u.question)
    if local:
        # "which districts of Kyiv": "Kyiv, Ukraine" names the country, not a district
        places = [p for p in places if not is_country(p)]
    if _any_unasked(places, asked):
        return True
    # the index knows countries and cities, not every town or region ("Antalya", "the Ras Aseir
    # region"): a capitalised name that is no one's and no organisation's, and not asked, may be one;
    # an acronym ("IRGC", "ONU") names an organisation, and the index knows the countries that are one
    named = {w for name in (*people, *orgs) for w in re.findall(r"[^\W\d_]+", name)}
    first = answer.citations[0]
    # a word that opens a sentence or follows a bracketed note is capitalised for that alone:
    # "[Lien en anglais] Depuis l'information…"
    words = [m.group(0) for m in re.finditer(r"(?<![\w'’])[^\W\d_][\w'’-]*", first.quote)
             if first.quote[:m.start()].rstrip()[-1:] not in ("", "]", ".", "!", "?", ":", "«", "\"", "(")]
    lang = next((p.language for p in answer.passages if p.chunk_id == first.chunk_id), u.language)
    stop = stopwords(lang)
    return any(could_be_place(w, named, stop) and not any(same_person(w, [a]) for a in asked)
               and not (local and is_country(w)) for w in words)


# the places a question may ask for that lie inside a country
_LOCAL = frozenset(fold(w) for w in (
    "town towns city cities village villages district districts neighbourhood neighbourhoods neighborhood "
    "neighborhoods suburb suburbs street streets square squares ville villes village villages quartier quartiers "
    "banlieue localité localités rue rues place commune communes").split())


# where someone is held, buried or treated is a prison, a town or a hospital: "arrêtés en Syrie" does
# not say where Anas Maarawi is held
_HELD_WHERE = re.compile(r"\b(?:où|where)\b.*\b(?:détenue?s?|emprisonnée?s?|incarcérée?s?|enterrée?s?|inhumée?s?"
                         r"|hospitalisée?s?|soignée?s?|held|detained|jailed|imprisoned|buried|hospitali[sz]ed|treated)\b",
                         re.IGNORECASE)


def _smaller_than_country(question: str) -> bool:
    return slot_noun(question) in _LOCAL or bool(_HELD_WHERE.search(question))

def could_be_place(word: str, named: set[str], stop: set[str] | frozenset[str]) -> bool:
    """A capitalised word of a quote that may name a town the index does not know: not a short word,
    a stopword, a word of someone's or an organisation's name (`named`), or an acronym."""
    return word[:1].isupper() and not word.isupper() and len(word) >= 4 and word not in named \
        and fold(word) not in stop


def names_new_person(service, u: Understanding, answer: Answer) -> bool:
    """The first quote names a person the question does not: what "the name of the judge who…" is
    answered by. "Un adolescent a été tué" names no one; "Mohamed Morsi n'est plus président" names
    only the man the question already holds."""
    entities = _first_quote_entities(service, answer)
    if entities is None:
        return True  # without the actor index there is no telling people from other names
    asked = [w for w in re.findall(r"[^\W\d_]+", u.question) if len(w) >= 3 and w[:1].isupper()]
    unasked = [name for name in entities[0] if _any_unasked([name], asked)]
    if not unasked:
        return False
    # the name is the one of the person asked about: "des manifestants ont défilé … pour appeler au
    # départ du président Ali Abdullah Saleh" gives no protester's name
    noun = asked_person_noun(u.question)
    return noun is None or named_beside(noun, answer.citations[0].quote, unasked) is not False


def with_direct_line(service, u: Understanding, answer: Answer) -> str:
    """The direct answer line first, then the quotes with their relative dates resolved."""
    languages = {p.chunk_id: p.language for p in answer.passages}
    facts = []
    text = answer.answer
    entities = cited_entities(service, answer.citations)
    for c in answer.citations:
        lang = languages.get(c.chunk_id, "und")
        people, places, orgs = entities.get(c.n, ([], [], []))
        facts.append(QuotedFacts(c.n, c.quote, c.published, lang, people=people, places=places, orgs=orgs))
        dates = relative_dates(c.quote, lang, c.published, u.language)
        if dates:
            # resolved outside the quotation marks: the quote stays the article's words
            note = annotate_quote("", dates).strip()
            text = text.replace(f"« {c.quote} »", f"« {c.quote} » {note}", 1)
    line = direct_line(facts, u.kind, u.language)
    return "\n\n".join(p for p in (line, text) if p)


def cited_entities(service, citations: Sequence[Citation]) -> dict[int, tuple[list[str], list[str], list[str]]]:
    """(people, places, organisations) the actor index found inside each citation's quote, by its number."""
    index = actor_index(service)
    if index is None:
        return {}
    try:
        snap = index.snapshot()
    except Exception:
        return {}
    cached = getattr(index, "_mentions_by_article", None)
    if cached is None or cached[0] is not snap:
        by_article: dict[str, list] = {}
        for a, m, _, actor_id in snap.mentions:
            by_article.setdefault(a, []).append((m.start, actor_id))
        cached = (snap, by_article)
        index._mentions_by_article = cached
    out = {}
    for c in citations:
        people, places, orgs = [], [], []
        for start, actor_id in sorted(cached[1].get(c.article_id, [])):
            if c.start <= start < c.end:
                actor = snap.resolution.actors[actor_id]
                {"person": people, "place": places}.get(actor.type, orgs).append(actor.name)
        out[c.n] = (list(dict.fromkeys(people)), list(dict.fromkeys(places)), list(dict.fromkeys(orgs)))
    return out
