"""What a count counts: "how many Australians" is not answered by "13 foreigners, mostly Australians",
a sentence that names the thing asked but puts no number before it."""

from __future__ import annotations

import re
from functools import lru_cache

from briefing.answer.kind_words import NUMBER_WORDS
from briefing.answer.support import COGNATE_PREFIX
from briefing.text.analysis import fold, stopwords

_CUE = re.compile(r"\b(?:how many|combien (?:de|d['’])|number of|nombre (?:de|d['’]))\s*", re.IGNORECASE)
# words, numbers and the punctuation that ends the phrase a number belongs to
_TOKEN = re.compile(r"\d+(?:[.,\u202f ]\d+)*|[^\W\d_]+(?:[-'’][^\W\d_]+)*|[,;:()\[\]«»\"—–]", re.UNICODE)
_OF = frozenset({"of", "de", "d", "des", "du"})
_PLURAL_IRREGULAR = frozenset({"people", "children", "men", "women", "police", "gens"})
_FOLDED_NUMBER_WORDS = frozenset(fold(w) for w in NUMBER_WORDS)
# "the number of protesters rose to 5,000" counts them too
_COUNT_NOUNS = frozenset({"nombre", "number", "total"})
# a number counts the noun a few words on: "Twenty-five Iranian ballistic missiles", "des dizaines de personnes"
_REACH = 3


@lru_cache(maxsize=1)
def _stop() -> frozenset[str]:
    return stopwords("en") | stopwords("fr")


def counted_nouns(question: str) -> list[str]:
    """The plural nouns of the thing a question of how many counts ("How many Iranian drones did…" →
    drones; "How many bodies of Ukrainian soldiers…" → bodies, soldiers; "Combien d'Australiens…" →
    australiens); none when it names nothing ("How many were killed?")."""
    m = _CUE.search(question)
    if m is None:
        return []
    nouns = []
    for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", question[m.end():])[:5]:
        w = fold(w)
        if w in _OF:
            continue
        if w in _stop():
            break
        if _plural_noun(w):
            nouns.append(w)
    return nouns


def _plural_noun(word: str) -> bool:
    """A folded word that may be the plural noun of things counted: "drones", "morts", "people"."""
    return word in _PLURAL_IRREGULAR or (len(word) > 3 and word[-1] in "sx")


def is_number_word(word: str) -> bool:
    """A folded word that writes a number out: "trois", "twenty-five", "milliers"."""
    return word in _FOLDED_NUMBER_WORDS or word.split("-")[0] in _FOLDED_NUMBER_WORDS


def _same_noun(noun: str, word: str) -> bool:
    # cognates share their first letters ("Australiens", "Australians"), as in the word cover
    return word == noun or (len(noun) >= COGNATE_PREFIX and len(word) >= COGNATE_PREFIX
                            and word[:COGNATE_PREFIX] == noun[:COGNATE_PREFIX])


def _names_one_of(nouns: list[str], token: str) -> bool:
    return token[:1].isalpha() and any(_same_noun(noun, fold(token)) for noun in nouns)


def _is_number(token: str) -> bool:
    t = fold(token)
    return t[:1].isdigit() or is_number_word(t) or t in _COUNT_NOUNS


def names_uncounted(question: str, sentence: str) -> bool:
    """The sentence names what the question counts, and never with a number before it: the count it
    holds is of something else. A sentence that does not name the thing (another word for it, another
    language) is left to the other checks."""
    nouns = counted_nouns(question)
    if not nouns:
        return False
    tokens = [t.group(0) for t in _TOKEN.finditer(sentence)]
    found = False
    for i, t in enumerate(tokens):
        if not _names_one_of(nouns, t):
            continue
        found = True
        for before in reversed(tokens[max(0, i - _REACH):i]):
            if not before[:1].isalnum():
                break  # "13 foreigners, mostly Australians": the comma ends the phrase the 13 counts
            if _is_number(before):
                return False
    return found


# what any count may count, whatever the question names: "19 killed" answers how many people
_ANYONE = frozenset({"people", "persons", "personnes", "gens", "individus", "individuals"})


def counts_other(question: str, sentence: str) -> bool:
    """The sentence never names what the question counts and every number in it counts something
    else it names: "Twenty-five Iranian ballistic missiles" is no count of drones. For a sentence in
    the question's language only: across languages the thing is named in words this cannot match."""
    nouns = [n for n in counted_nouns(question) if n not in _ANYONE]
    if not nouns:
        return False
    tokens = [t.group(0) for t in _TOKEN.finditer(sentence)]
    if any(_names_one_of(nouns, t) for t in tokens):
        return False
    counted_any = False
    for i, t in enumerate(tokens):
        if not (t[:1].isdigit() or is_number_word(fold(t))):
            continue
        after = []
        for w in tokens[i + 1:i + 1 + _REACH]:
            if not w[:1].isalpha():
                break
            after.append(fold(w))
        thing = next((w for w in after if _plural_noun(w)), None)
        if thing is None or thing in _ANYONE:
            return False  # "at least 19 are killed", "19 people": it may be the count asked
        counted_any = True
    return counted_any
