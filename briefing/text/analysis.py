"""Word analysis for lexical matching: folding, per-language stopwords and Snowball stems."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)
# a word of letters only, with its inner apostrophes and hyphens ("aujourd'hui", "al-Assad")
LETTER_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
_ELISION = re.compile(r"^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)
# the English possessive is no part of the name: "Gaddafi's" must meet "Kadhafi"
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)

_STEMMER_NAMES = {
    "ar": "arabic", "ca": "catalan", "cs": "czech", "da": "danish", "nl": "dutch", "en": "english",
    "fi": "finnish", "fr": "french", "de": "german", "el": "greek", "hi": "hindi", "hu": "hungarian",
    "id": "indonesian", "it": "italian", "no": "norwegian", "fa": "persian", "pl": "polish",
    "pt": "portuguese", "ro": "romanian", "ru": "russian", "es": "spanish", "sv": "swedish",
    "tr": "turkish",
}
_STOPWORD_NAMES = {
    "en": "STOPWORDS_EN", "fr": "STOPWORDS_FRENCH", "de": "STOPWORDS_GERMAN", "es": "STOPWORDS_SPANISH",
    "it": "STOPWORDS_ITALIAN", "pt": "STOPWORDS_PORTUGUESE", "nl": "STOPWORDS_DUTCH", "ru": "STOPWORDS_RUSSIAN",
    "da": "STOPWORDS_DANISH", "no": "STOPWORDS_NORWEGIAN", "sv": "STOPWORDS_SWEDISH", "tr": "STOPWORDS_TURKISH",
}
# Question words carry no content: they must not count as terms a passage has to match.
_QUESTION_WORDS = frozenset(
    "who whom whose what which when where why how many much quel quelle quels quelles qui que quoi quand où "
    "pourquoi comment combien lequel laquelle wer wen wem wessen was welche welcher welches wann wo warum wie "
    "wieviel wieviele quién quien quiénes qué cuál cuáles cuándo dónde por porqué cómo cuánto cuántos cuántas "
    "did does do est-ce".split()
)


def fold(text: str) -> str:
    """Lowercase and strip accents: 'Sergueï' and 'sergueï' and 'Serguei' meet."""
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


@lru_cache(maxsize=32)
def _stemmer(lang: str):
    name = _STEMMER_NAMES.get(lang)
    if not name:
        return None
    import Stemmer

    return Stemmer.Stemmer(name)


@lru_cache(maxsize=32)
def stopwords(lang: str) -> frozenset[str]:
    name = _STOPWORD_NAMES.get(lang)
    if not name:
        return _QUESTION_WORDS
    import bm25s.stopwords as sw

    return frozenset(fold(w) for w in getattr(sw, name)) | _QUESTION_WORDS


def words(text: str) -> list[str]:
    """Surface words, elisions and possessives removed ("l'invasion" → "invasion", "Egypt's" → "Egypt")."""
    return [_POSSESSIVE.sub("", _ELISION.sub("", w)) for w in _WORD.findall(text)]


def terms(text: str, lang: str) -> list[str]:
    """Folded, stopword-free, stemmed terms of `text` read as language `lang`."""
    stop = stopwords(lang)
    folded = [fold(w) for w in words(text)]
    kept = [w for w in folded if w not in stop and (len(w) > 1 or w.isdigit())]
    stemmer = _stemmer(lang)
    return stemmer.stemWords(kept) if stemmer else kept


_TAG = re.compile(r"[@#]([^\W_][\w]*)", re.UNICODE)
_CAMEL = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Ý])|_+")


def expand_tags(text: str) -> str:
    """Handles and hashtags as the words they run together: "@SultanAlQassemi" → "Sultan Al
    Qassemi", "#WhenAssadFalls" → "When Assad Falls". A tweet names its author and its topic in
    them; matched as one token they match nothing the question says."""
    return _TAG.sub(lambda m: _CAMEL.sub(" ", m.group(1)), text)
