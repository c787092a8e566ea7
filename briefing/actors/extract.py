"""From an article's text and its raw NER spans to accepted mentions, roles, statements and meetings.

Pure: the spans come in from a pipeline (or from the multilingual fallback below), so the rules are
tested without loading any model.
"""

from __future__ import annotations

import re

from briefing.actors.folding import TITLE_WORDS, ascii_fold, name_key, strip_title
from briefing.actors.gazetteer import Gazetteer
from briefing.actors.junk import demonym, junk_reason
from briefing.actors.models import ArticleActors, Mention, RawEntity
from briefing.actors.roles import role_after, role_before
from briefing.actors.statements import find_meetings, find_statements
from briefing.text.sentences import Sentence, split_sentences

LABEL_TYPES: dict[str, str] = {
    "PER": "person", "PERSON": "person", "ORG": "org", "LOC": "place", "GPE": "place",
}
_EDGE = "\"'«»“”‘’()[],.;:!?-–—&*#/|+ \t"
_DETERMINER = re.compile(r"^(?:l['’]|d['’]|le |la |les |du |des |au |aux |the |el |al )", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s$")


def clean_span(text: str, start: int, end: int, *, person: bool, gazetteer: Gazetteer | None = None) -> tuple[int, int]:
    """Trim punctuation, determiners, possessives and (for people) titles; offsets stay exact.
    A determiner that is part of a listed name stays ("Le Caire", "La Haye")."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    m = _DETERMINER.match(text[start:end])
    if m and end - start > m.end() and not (gazetteer and ascii_fold(text[start:end]) in gazetteer.full_names):
        start += m.end()
    m = _POSSESSIVE.search(text[start:end])
    if m:
        end = start + m.start()
    if person:
        title, name = strip_title(text[start:end])
        if title:
            start = end - len(name)
    return start, end


def extract_article(
    article_id: str,
    text: str,
    language: str,
    entities: list[RawEntity],
    *,
    gazetteer: Gazetteer,
) -> ArticleActors:
    sentences = split_sentences(text)
    result = ArticleActors(article_id=article_id, language=language)
    seen: set[tuple[int, int]] = set()
    for ent in entities:
        kind = LABEL_TYPES.get(ent.label)
        if kind is None:
            continue
        reason = junk_reason(ent.text)
        if reason == "role phrase" and kind == "person":
            # "ministre Sergueï Lavrov" tagged whole: the name after the title is still a person
            title, name = strip_title(ent.text)
            reason = None if title and name[:1].isupper() else reason
        if reason:
            result.rejected.append(f"{ent.text} ({ent.label}: {reason})")
            continue
        if kind == "place" and demonym(ent.text) and language == "fr":
            result.rejected.append(f"{ent.text} ({ent.label}: nationality noun)")
            continue
        start, end = clean_span(text, ent.start, ent.end, person=kind == "person", gazetteer=gazetteer)
        surface = text[start:end]
        reason = junk_reason(surface) if surface != ent.text else None
        if reason or not surface:
            result.rejected.append(f"{ent.text} ({ent.label}: {reason or 'empty'})")
            continue
        entry = gazetteer.lookup(surface)
        if entry and not (kind == "person" and len(surface.split()) > 1):
            kind = entry.type
        if (start, end) in seen:
            continue
        seen.add((start, end))
        sentence = _sentence_at(sentences, start)
        role = None
        if kind == "person" and sentence is not None:
            role = role_before(sentence.text, start - sentence.start) or role_after(sentence.text, end - sentence.start)
        result.mentions.append(Mention(
            start=start, end=end, surface=surface, type=kind, label=ent.label, role=role,
            sentence_start=sentence.start if sentence else start, sentence_end=sentence.end if sentence else end,
        ))
    result.mentions.sort(key=lambda m: m.start)
    result.statements = find_statements(text, sentences, result.mentions)
    result.meetings = find_meetings(sentences, result.mentions)
    return result


def _sentence_at(sentences: list[Sentence], offset: int) -> Sentence | None:
    for s in sentences:
        if s.start <= offset < s.end:
            return s
    return None


_TOKEN = re.compile(r"[^\W\d_][\w'’.\-]*", re.UNICODE)
_TITLE_HEADS = {ascii_fold(w) for w in TITLE_WORDS} - {"ex", "late", "former", "feu", "ancien", "ancienne", "foreign", "field"}


_LEADING_DETERMINERS = {"der", "die", "das", "den", "dem", "des", "el", "los", "las", "il", "lo", "gli", "le", "la", "les", "the", "o", "os", "a", "as", "de", "het", "een"}


def fallback_entities(text: str, *, gazetteer: Gazetteer, known: dict[str, str] | None = None) -> list[RawEntity]:
    """Entities for languages without a pipeline: gazetteer names, names already known from other
    articles (folded, so any script or spelling), and capitalised names right after a title word
    ("Präsident Wladimir Putin", "presidente Lula")."""
    known = known or {}
    toks = list(_TOKEN.finditer(text))
    out: list[RawEntity] = []
    labels = {"person": "PER", "org": "ORG", "place": "LOC"}
    i = 0
    while i < len(toks):
        if not toks[i].group(0)[:1].isupper() or toks[i].group(0).lower() in _LEADING_DETERMINERS:
            i += 1
            continue
        matched = False
        for n in range(min(gazetteer.max_tokens, 5, len(toks) - i), 0, -1):
            start, end = toks[i].start(), toks[i + n - 1].end()
            if "\n" in text[start:end]:
                continue
            surface = text[start:end].rstrip(".")
            entry = gazetteer.lookup(surface)
            kind = entry.type if entry else known.get(name_key(surface))
            if kind:
                out.append(RawEntity(text=surface, label=labels[kind], start=start, end=start + len(surface)))
                i += n
                matched = True
                break
        if matched:
            continue
        prev = ascii_fold(toks[i - 1].group(0)).strip(".") if i else ""
        if prev in _TITLE_HEADS:
            j = i
            while j < len(toks) and j - i < 3 and toks[j].group(0)[:1].isupper() and "\n" not in text[toks[i].start():toks[j].end()]:
                j += 1
            start, end = toks[i].start(), toks[j - 1].end()
            surface = text[start:end].rstrip(".")
            out.append(RawEntity(text=surface, label="PER", start=start, end=start + len(surface)))
            i = j
            continue
        i += 1
    return out
