"""Which one, and where: names a question asks for or is set in, looked for in a sentence.

"Which river", "the name of the imam" ask for a name that a sentence about an unnamed river or
imam does not give; "how many were killed in Haifa" asks for the count of one place, which a
sentence about another town does not give. Both are the nearby sentences a reader rejects.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from briefing.answer.kind_words import PERSON_NOUNS
from briefing.text.analysis import fold

def close_names(name: str, word: str) -> bool:
    """One name in two spellings: Putin/Poutine, Syrian/syrienne, Israel/Israël (both folded)."""
    if name == word:
        return True
    if min(len(name), len(word)) < 4:
        return False
    common = len(next((name[:i] for i in range(min(len(name), len(word)), 0, -1) if name[:i] == word[:i]), ""))
    ratio = SequenceMatcher(None, name, word).ratio()
    # long names vary more between languages (Gaddafi/Kadhafi) than short ones may
    return common >= max(4, min(len(name), len(word)) - 2) or ratio >= (0.7 if min(len(name), len(word)) >= 6 else 0.8)


@lru_cache(maxsize=1)
def gazetteer():
    """The shipped gazetteer of countries, capitals and organisations, loaded once."""
    from briefing.actors.gazetteer import Gazetteer

    return Gazetteer()


def is_place(word: str) -> bool:
    entry = gazetteer().lookup(word)
    return entry is not None and entry.type == "place"


def is_country(name: str) -> bool:
    entry = gazetteer().lookup(name)
    return entry is not None and entry.id.startswith("country:")


# "which company", "quelle rivière", "the name of the imam": the kind of thing whose name is asked for
_SLOT_Q = (
    re.compile(r"\b(?i:name of) (?:the|a|an|this|that)\s+(?P<x>(?:[\w'-]+\s+){0,2}?[a-z][\w-]+)\b"),
    re.compile(r"\b(?i:which|what)\s+(?P<x>(?:[A-Z][\w'-]*\s+){0,3}[a-z][\w-]+)\b"),
    re.compile(r"\b(?i:quel|quelle|quels|quelles)\s+(?P<x>[a-zàâçéèêëîïôûùüÿœ][\w-]+)\b"),
    re.compile(r"\b(?i:comment s['’]appel\w*)\s+(?:le|la|les|l['’])\s*(?P<x>[a-zàâçéèêëîïôûùüÿœ][\w-]+)\b"),
)
# words after "which"/"quel" that are no kind of named thing ("what is", "quel jour", "quel rôle")
_NOT_SLOT = frozenset(fold(w) for w in (
    "is was are were did does do has have had will would can could happened happens year day date time month "
    "est était sont étaient a ont avait fut sera jour date année mois heure way kind sort type part "
    "role rôle poste position job title fonction").split())
_TOKEN = re.compile(r"[#@]?[^\W_][\w'’-]*")
_INDEFINITE = re.compile(r"(?:^|['’])(?:a|an|one|un|une)$")
_ARTICLES = frozenset("the this that le la les l' ce cet cette".split())


def slot_noun(question: str) -> str | None:
    """The kind of thing a question asks the name of, folded: "riviere" for "quelle rivière"."""
    for pattern in _SLOT_Q:
        m = pattern.search(question)
        if m:
            noun = fold(m.group("x").split()[-1])
            return None if noun in _NOT_SLOT or len(noun) < 4 else noun
    return None


# "the name of the judge", "le nom de l'adolescent", "comment s'appelle le pilote": a name itself is asked
_ASKS_NAME = re.compile(r"\b(?:names?\s+of|noms?\s+(?:de|du|des)|s['’]appel\w*)\s+(?P<rest>(?:[\w'’-]+\s*){1,6})",
                        re.IGNORECASE)


_PERSON_NOUNS = frozenset(fold(w) for w in PERSON_NOUNS)


def person_name_asked(question: str) -> bool:
    """The question asks the name of a person ("the name of the senior commander killed…"), which
    only a sentence naming someone the question does not can give."""
    return asked_person_noun(question) is not None


def asked_person_noun(question: str) -> str | None:
    """The kind of person whose name is asked for, folded: "protester" in "the name of the protester killed…"."""
    m = _ASKS_NAME.search(question)
    if m is None:
        return None
    words = [fold(w) for w in re.findall(r"[^\W\d_]+", m.group("rest"))][:5]
    return next((w for w in words if w in _PERSON_NOUNS), None)


# how far from "the teenager", "le juge" a name may stand and still be theirs ("le juge Adly Mansour",
# "Hamza al-Khatib, a 13-year-old boy")
NAME_REACH = 6


def named_beside(noun: str, quote: str, names: list[str]) -> bool | None:
    """Whether one of `names` stands within reach of the noun (in the quote's language or under its
    translation) in the quote: None when the quote never uses the noun, so cannot tell."""
    from briefing.answer.support import COGNATE_PREFIX
    from briefing.text.lexicon import news_lexicon

    forms = {f for f in {noun} | news_lexicon().either_way(noun) if " " not in f}
    tokens = [fold(t) for t in _TOKEN.findall(quote)]
    at = [i for i, t in enumerate(tokens)
          if any(t == f or (len(f) >= COGNATE_PREFIX and t[:COGNATE_PREFIX] == f[:COGNATE_PREFIX]) for f in forms)]
    if not at:
        return None
    name_at = [i for i, t in enumerate(tokens) for n in names
               if any(t == fold(w) for w in re.findall(r"[^\W\d_]{3,}", n))]
    return any(abs(i - j) <= NAME_REACH for i in at for j in name_at)


def slot_unnamed(question: str, sentence: str) -> bool:
    """The question asks which one of a kind ("which river", "the name of the imam") and the
    sentence brings one in unnamed ("a bridge over a river", "lorsqu'un imam saoudien"): an
    indefinite article before it and no capitalised word, hashtag or number beside it. "The city"
    is left alone: it points back to a city the text names."""
    return _slot_in(question, sentence) == "unnamed"


def slot_named(question: str, sentence: str) -> bool:
    """The sentence names one of the kind the question asks which of, beside its noun: "the
    Indrayani river", "l'imam Al-Arifi"."""
    return _slot_in(question, sentence) == "named"


def _slot_in(question: str, sentence: str) -> str | None:
    noun = slot_noun(question)
    if noun is None:
        return None
    tokens = _TOKEN.findall(sentence)
    unnamed = False
    for i, t in enumerate(tokens):
        if not close_names(noun, fold(t)):
            continue
        before = fold(tokens[i - 1]) if i > 0 else ""
        if any(w[:1].isupper() or w[:1] in "#@" or w[:1].isdigit() for w in tokens[i + 1:i + 4]) \
                or (before and tokens[i - 1][:1].isupper() and before not in _ARTICLES
                    and not _INDEFINITE.search(before)):
            return "named"  # named beside it: "the Indrayani river", "l'imam Al-Arifi"
        if before and _INDEFINITE.search(before):
            unnamed = True
    return "unnamed" if unnamed else None


# where a question sets its event: "in Haifa", "à Haïfa", "l'hôpital de Kermanshah", "en Autriche"
_AT_PLACE = re.compile(r"\b(?:in|at|near|over|à|au|aux|en|dans|sur|près de|(?:hôpital|ville|camp|prison|province|région|village"
                       r"|quartier|comté|état|gouvernorat|hospital|city|town|district|region|county|state|governorate) (?:de|d['’]|of))\s*"
                       r"(?P<x>[A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+)?)")


# "on Twitter", "sur Facebook": where people speak, not where the event is
_PLATFORMS = frozenset("twitter facebook youtube instagram telegram tiktok".split())


@lru_cache(maxsize=64)
def _places_asked(question: str) -> tuple[list[str], dict[str, list[str]]]:
    """(the places the question sets its event in, folded; their other names): read once per
    question, though every candidate sentence is checked against them."""
    from briefing.answer.support import known_places

    asked = [fold(m.group("x").split()[0]) for m in _AT_PLACE.finditer(question)]
    asked = [a for a in asked if a not in _PLATFORMS]
    return asked, (known_places(question) if asked else {})


def place_missing(question: str, text: str) -> bool:
    """The question sets its event in places ("killed in Haifa") that the text names in no
    spelling: a count from another town is not the count asked for."""
    from briefing.answer.support import names_found

    asked, places = _places_asked(question)
    return bool(asked) and names_found(asked, text, places) == 0.0
