"""Capitalised-name spotting: the actor fallback when spaCy is absent, and story keys for grouping."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from briefing.text.sentences import split_sentences

# A run of capitalised words, allowing lowercase particles inside names ("Bashar al-Assad",
# "Charles de Gaulle") and hyphen/apostrophe joins ("Al-Qaïda", "O'Neil").
_CAP = r"[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’\-]*"
_PARTICLE = r"(?:de|du|des|la|le|al|el|bin|ben|van|von|der|di|da|dos|del|ibn|abu)"
_NAME = re.compile(rf"{_CAP}(?:\s+(?:of\s+(?:the\s+)?|{_PARTICLE}\s+)?{_CAP})*", re.UNICODE)

# Capitalised words that are not names: sentence openers and calendar words in news languages.
_NOT_NAMES = frozenset(
    """a an the this that these those it its he she they we i you his her their our in on at of for from
    by with and or but if as after before while when where what who which how why there here some many
    most more all any no not also yet so then than both each every several other such one two three
    according however meanwhile yesterday today tomorrow tonight earlier later last next now still
    despite during since until under over against among between without within instead monday tuesday wednesday thursday friday saturday sunday january february
    march april may june july august september october november december
    le la les un une des du de et ou en au aux à ce cette ces il elle ils elles nous vous on mais si
    selon après avant pendant quand où qui que quoi comment pourquoi depuis dans pour par sur avec sans
    lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril mai juin juillet août
    septembre octobre novembre décembre lors alors ainsi cependant pourtant enfin aussi tous toutes
    hier aujourd demain puis malgré contre entre sous vers chez déjà encore
    der die das ein eine und oder im am zu mit von für auf el los las y o en con por para una""".split()
)


def fold(text: str) -> str:
    """Lowercase without accents, dashes unified: how names are compared across spellings."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[‐-―'’]", "-", text)


def _trim(run: str) -> tuple[int, int] | None:
    """Span of `run` without leading and trailing non-name words, or None if nothing is left."""
    words = list(re.finditer(r"\S+", run))
    while words and fold(words[0].group(0)) in _NOT_NAMES:
        words.pop(0)
    while words and fold(words[-1].group(0)) in _NOT_NAMES:
        words.pop()
    if not words or words[-1].end() - words[0].start() < 2:
        return None
    return words[0].start(), words[-1].end()


def capitalised_names(text: str) -> list[tuple[str, int, int]]:
    """(name, start, end) for capitalised runs; a lone word opening a sentence is kept only if it
    is capitalised again elsewhere in the text, so ordinary sentence openers are not taken for names."""
    found: list[tuple[str, int, int, bool]] = []
    lowercase_words = {w for w in re.findall(r"\b[a-zà-ÿ][\w'’-]*", text)}
    for sentence in split_sentences(text):
        for m in _NAME.finditer(sentence.text):
            span = _trim(m.group(0))
            if span is None:
                continue
            if m.start() + span[0] == 0:
                # "Critics of Donald Trump": a sentence opener joined by "of" is not part of the name
                joined = re.match(r"\S+\s+of\s+(?:the\s+)?", m.group(0)[span[0]:span[1]])
                if joined and joined.end() < span[1] - span[0]:
                    span = (span[0] + joined.end(), span[1])
                # an opener that the text also writes in lowercase is a word, not part of the name
                first = re.match(r"\S+", m.group(0)[span[0]:]).group(0)
                rest = m.group(0)[span[0] + len(first):span[1]]
                if rest.strip() and first.lower() in lowercase_words:
                    span = (span[0] + len(first) + (len(rest) - len(rest.lstrip())), span[1])
            name = m.group(0)[span[0]:span[1]]
            offset = sentence.start + m.start() + span[0]
            opener = m.start() + span[0] == 0 and " " not in name
            found.append((name, offset, offset + len(name), opener))
    elsewhere = Counter(n for n, _s, _e, opener in found if not opener)
    return [(n, s, e) for n, s, e, opener in found if not opener or elsewhere[n]]


_PARENTHESES = re.compile(r"\([^()]*\)")


def name_keys(text: str) -> set[str]:
    """Folded names and their single words (so "Donald Trump" and "Trump" share a key).

    Names in parentheses are left out: there they are mostly attributions ("(Reuters)",
    "(AP)") that would tie unrelated stories from the same wire together.
    """
    keys: set[str] = set()
    text = _PARENTHESES.sub(lambda m: " " * len(m.group(0)), text)
    for name, _s, _e in capitalised_names(text):
        folded = fold(name)
        keys.add(folded)
        keys.update(_root(w) for w in folded.split() if len(w) > 2 and w not in _NOT_NAMES)
    return keys


# Demonyms and plurals share a root with their place: Iranian/Iran, Israelis/Israel, Ukrainians/Ukraine.
_SUFFIX = re.compile(r"(?:ians|ian|iens|ien|iennes|ienne|is|i|ese|ans|an|es|e|s|a)$")


def _root(word: str) -> str:
    stripped = _SUFFIX.sub("", word)
    return stripped if len(stripped) >= 4 else word


def top_names(texts: list[str], limit: int = 6) -> list[tuple[str, int]]:
    """Most mentioned names across texts, counting each text once, longest spelling kept."""
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for text in texts:
        seen = set()
        text = _PARENTHESES.sub(lambda m: " " * len(m.group(0)), text)  # attributions are not actors
        for name, _s, _e in capitalised_names(text):
            key = fold(name)
            if key in seen:
                continue
            seen.add(key)
            counts[key] += 1
            spelling.setdefault(key, name)
    # a single word that is the tail of a fuller name mentioned ("Trump" in "Donald Trump") merges into it
    for key in list(counts):
        if " " in key:
            continue
        fuller = [k for k in counts if k != key and k.split()[-1] == key]
        if len(fuller) == 1:
            counts[fuller[0]] += counts.pop(key)
    return [(spelling[k], n) for k, n in counts.most_common(limit)]
