"""An English–French lexicon of news words, for matching a question to a sentence in the other language.

Cognates share their first letters ("élection"/"election") and names their spelling, but most of
what a news question asks in one language is worded otherwise in the other: "storm"/"tempête",
"arrested"/"interpellé", "embassy"/"ambassade". The shipped file (data/news_lexicon_en_fr.tsv)
gives, per line, the English forms of one sense and its French forms.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from briefing.text.analysis import fold, words

LEXICON_PATH = Path(__file__).with_name("data") / "news_lexicon_en_fr.tsv"


@dataclass(frozen=True)
class Lexicon:
    """Folded forms of one language → the folded forms of the other that translate them."""

    en_fr: dict[str, frozenset[str]]
    fr_en: dict[str, frozenset[str]]

    def translations(self, word: str, from_lang: str, to_lang: str) -> frozenset[str]:
        """The other language's forms for a folded word ("" forms are never returned)."""
        if (from_lang, to_lang) == ("en", "fr"):
            return self.en_fr.get(word, frozenset())
        if (from_lang, to_lang) == ("fr", "en"):
            return self.fr_en.get(word, frozenset())
        return frozenset()

    def either_way(self, word: str) -> frozenset[str]:
        """The word's translations read as English and as French: for a name or noun whose language is not known."""
        return self.translations(word, "en", "fr") | self.translations(word, "fr", "en")


def parse(text: str) -> Lexicon:
    """Lines "english|forms<TAB>french|forms"; "#" starts a comment line. A form on several lines
    gathers the translations of all of them."""
    en_fr: dict[str, set[str]] = {}
    fr_en: dict[str, set[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#") or "\t" not in line:
            continue
        left, right = line.split("\t", 1)
        en, fr = _forms(left), _forms(right)
        for e in en:
            en_fr.setdefault(e, set()).update(fr)
        for f in fr:
            fr_en.setdefault(f, set()).update(en)
    return Lexicon({k: frozenset(v) for k, v in en_fr.items()}, {k: frozenset(v) for k, v in fr_en.items()})


def _forms(side: str) -> set[str]:
    # read as the text is read: folded, elisions dropped ("prendre d'assaut" → "prendre assaut")
    return {f for f in (" ".join(fold(w) for w in words(x)) for x in side.split("|")) if f}


@lru_cache(maxsize=1)
def news_lexicon() -> Lexicon:
    try:
        return parse(LEXICON_PATH.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Lexicon({}, {})
