"""Suggested first questions, drawn from what the store actually holds (pure: no streamlit)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from briefing.models import Article

# A run of capitalised words ("Marco Rubio", "Arabie saoudite" is cut at the lowercase word).
_NAME = re.compile(r"\b([A-ZÀ-ÖØ-Þ][\w'’\-]*(?:\s+(?:[A-ZÀ-ÖØ-Þ][\w'’\-]*))*)", re.UNICODE)
_WORD = re.compile(r"\w+", re.UNICODE)
_SENTENCE_START = re.compile(r"(?:^|[.!?…:«»\"“”]\s*|\n\s*)$")
_MAX_TITLE = 70


def _lowercase_vocabulary(texts: Iterable[str]) -> set[str]:
    vocab: set[str] = set()
    for text in texts:
        vocab.update(w for w in _WORD.findall(text) if w.islower())
    return vocab


def _is_ordinary(word: str, vocab: set[str]) -> bool:
    parts = _WORD.findall(word.lower())
    return bool(parts) and all(p in vocab for p in parts)


def _squash(text: str) -> str:
    return "".join(_WORD.findall(text.lower()))


def frequent_names(articles: Sequence[Article], *, limit: int = 5) -> list[str]:
    """Capitalised names that recur across articles, language-agnostic.

    A capitalised word that also appears lowercase somewhere ("Le"/"le", "The"/"the") is an
    ordinary word at a sentence start, not a name; words that only ever appear capitalised are
    names. Ranked by how many articles mention them, then by mentions (a surname alone counts
    for the full name), so one long story does not crowd out the rest. The publishers' own
    names ("Global Voices") are left out: they are everywhere and say nothing.
    """
    texts = [f"{a.title}\n{a.text}" for a in articles]
    vocab = _lowercase_vocabulary(texts)
    publishers = {_squash(a.source) for a in articles if a.source}
    in_articles: Counter[str] = Counter()
    mentions: Counter[str] = Counter()
    for text in texts:
        found: set[str] = set()
        for m in _NAME.finditer(text):
            words = m.group(1).split()
            while words and _is_ordinary(words[0], vocab):
                words = words[1:]
            words = [w.strip("'’-") for w in words]
            if not words or any(_is_ordinary(w, vocab) for w in words) or len(words[-1]) < 3:
                continue
            name = " ".join(words)
            if any(_squash(name) in p or p in _squash(name) for p in publishers if p):
                continue
            found.add(name)
            mentions[name] += 1
        in_articles.update(found)

    def score(name: str) -> tuple[int, int, int, str]:
        surname = name.split()[-1]
        extra = mentions[surname] if surname != name else 0
        return (-in_articles[name], -(mentions[name] + extra), -len(name.split()), name)

    chosen: list[str] = []
    for name in sorted(in_articles, key=score):
        if any(name in other or other in name for other in chosen):
            continue
        chosen.append(name)
        if len(chosen) == limit:
            break
    return chosen


def _short_title(title: str) -> str:
    title = " ".join(title.split())
    if len(title) <= _MAX_TITLE:
        return title
    return title[: _MAX_TITLE].rsplit(" ", 1)[0] + "…"


def suggest_questions(
    articles: Sequence[Article], *, actors: Sequence[str] = (), limit: int = 4
) -> list[str]:
    """A few questions a reader could ask first: about top actors or recurring names, and the latest stories."""
    if not articles:
        return []
    names = list(dict.fromkeys(actors)) or frequent_names(articles, limit=limit)
    recent = sorted(articles, key=lambda a: (a.published, a.title), reverse=True)
    # headlines of a few words are section names ("Politics and elections"), not stories
    stories = [a for a in recent if len(_WORD.findall(a.title)) >= 5]
    n_names = min(len(names), max(limit - len(stories), 2))
    questions = [f"What do the articles say about {name}?" for name in names[:n_names]]
    for article in stories:
        if len(questions) >= limit:
            break
        question = f"What is the story behind “{_short_title(article.title)}”?"
        if question not in questions:
            questions.append(question)
    for name in names[n_names:]:
        if len(questions) >= limit:
            break
        questions.append(f"What do the articles say about {name}?")
    return list(dict.fromkeys(questions))[:limit]
