"""Candidate sentences scored against a question: how close each is, how much of the question it
holds, and whether it can answer the kind of question asked."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from briefing.answer.kind_checks import must_abstain
from briefing.answer.statement_filter import is_relayed_tweet, is_statement
from briefing.answer.support import coverage, cross_coverage, names_found
from briefing.models import Passage
from briefing.text.analysis import expand_tags, fold, terms

_YEAR_OR_DATE = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b|\b\d{1,2}(er)? [A-Za-zéû]+\b")
_DIGIT = re.compile(r"\d")
_LETTER_WORD = re.compile(r"(?<![@#\w])[^\W\d_]{2,}", re.UNICODE)
_QTYPES = {
    "person": ("who", "whom", "whose", "qui", "wer", "wen", "wem", "quién", "quien", "quiénes"),
    "time": ("when", "quand", "wann", "cuándo", "cuando", "year", "année", "jahr", "año", "date"),
    "number": ("many", "much", "combien", "wieviel", "wieviele", "viele", "cuántos", "cuántas", "cuánto", "percent", "pourcentage"),
    "place": ("where", "où", "wo", "wohin", "woher", "dónde", "donde"),
}


@dataclass(frozen=True)
class ScoringWeights:
    coverage: float = 0.05  # share of the question's terms in the sentence
    cross_share: float = 1.0  # … counted this much for a sentence in another language (words and cognates)
    names: float = 0.03  # share of the question's names in the sentence's passage (any language, any listed spelling)
    passage: float = 0.03  # the passage's fused retrieval score (z-scored)
    answer_type: float = 0.03  # the sentence holds what the question asks for (a name, a date, a number)
    passages: int = 5  # how many top passages to draw sentences from
    second_margin: float = 0.02  # a second sentence (from another article) must be this close to the best
    adjacent_margin: float = 0.05  # a neighbouring sentence this close joins the quote (one citation)
    complement_margin: float = 0.10  # … or this close, when it holds question words the best one lacks
    fit_candidates: int = 4  # how many of the best sentences may stand in for one that cannot answer the kind asked
    fit_margin: float = 0.03  # … when they score at least this close to it
    news_fit_margin: float = 0.05  # … or this close, in a news story, whose sentences tell one event
    sibling_margin: float = 0.06  # … or a sentence of the same article this close, from any of its chunks
    speech_margin: float = 0.10  # … this close, for what someone named said: the story tells the event closer to the question
    story_margin: float = 0.08  # a news story's other sentence this close, holding names or numbers the best lacks, is quoted too


@dataclass
class ScoredSentence:
    passage_rank: int
    passage: Passage
    start: int  # offsets in the article
    end: int
    text: str
    cos: float
    score: float
    before: str = ""  # the sentence before it in its passage: who "he" is, who is speaking
    parts: tuple[tuple[str, str], ...] = ()  # (sentence, the one before it) when two sentences were joined


def question_type(question: str) -> str | None:
    q = f" {fold(question)} "
    for kind, cues in _QTYPES.items():
        if any(f" {fold(c)} " in q for c in cues):
            return kind
    return None


def _type_match(kind: str | None, sentence: str, question: str) -> float:
    if kind in ("time",):
        return 1.0 if _YEAR_OR_DATE.search(sentence) else 0.0
    if kind == "number":
        return 1.0 if _DIGIT.search(sentence) else 0.0
    if kind in ("person", "place"):
        qwords = {fold(w) for w in question.split()}
        caps = [w for w in sentence.split()[1:] if w[:1].isupper() and fold(w.strip(".,;:")) not in qwords]
        return 1.0 if caps else 0.0
    return 0.0


@dataclass(frozen=True)
class ScoringContext:
    question: str
    question_lang: str
    qvec: np.ndarray
    sentences: dict
    weights: ScoringWeights
    embed_sentences: object
    kind: str | None
    names: list[str]
    places: dict
    relayed: bool
    fact: str | None  # what the question asks for (`expected_fact`): number, time, place or person
    # "who is X": the line that hands over to X's words describes X ("La correspondante d'Al
    # Jazeera au Caire Sherine Tadros ajoute :")
    describes: bool = False


def score_passage(c: ScoringContext, rank: int, p: Passage, pz: float) -> list[ScoredSentence]:
    """Every sentence of one passage that can be an answer, scored against the question."""
    spans = [(s, e, v) for s, e, v in c.sentences.get(p.article_id, []) if s >= p.start and e <= p.end]
    if not spans and c.embed_sentences is not None:
        from briefing.text.sentences import split_sentences

        found = split_sentences(p.text)
        vecs = c.embed_sentences([s.text for s in found]) if found else []
        spans = [(p.start + s.start, p.start + s.end, v) for s, v in zip(found, vecs)]
    qterms = terms(c.question, p.language)
    same = p.language == c.question_lang
    weights = c.weights
    previous = ""
    tweets: set[int] = set()
    out = []
    for s, e, v in spans:
        text = p.text[s - p.start:e - p.start]
        before, previous = previous, text
        if c.relayed:
            # what someone tweeted is the whole tweet, not the sentence of it that was nearest:
            # "@SultanAlQassemi: Tu regardes, Bachar ? Tu es le prochain." is one statement
            line = tweet_line(p, s, e)
            if line is not None:
                if line[0] in tweets:
                    continue
                tweets.add(line[0])
                s, e = line
                text = p.text[s - p.start:e - p.start]
        if len(_LETTER_WORD.findall(text)) < 4 or not is_statement(text, relayed=c.relayed, intro=c.describes):
            continue  # tweets, captions, bylines, questions: nothing a reader would take as an answer
        cos = float(np.dot(v, c.qvec))
        plain = expand_tags(text)
        covered = (coverage(qterms, plain, p.language) if same
                   else weights.cross_share * cross_coverage(c.question, c.question_lang, plain, p.language))
        score = (cos + weights.coverage * covered
                 + weights.names * (names_found(c.names, f"{p.title}\n{p.text}", c.places) if c.names else 0.0)
                 + weights.passage * pz + weights.answer_type * _type_match(c.kind, text, c.question))
        out.append(ScoredSentence(rank, p, s, e, text, cos, score, before))
    return out


SINGLE_REPORT_CHARS = 600
TWEET_CHARS = 400  # a relayed tweet is quoted whole up to this length


def tweet_line(p: Passage, start: int, end: int) -> tuple[int, int] | None:
    """(start, end) in the article of the tweet line that holds this sentence, if it is one."""
    head = p.text.rfind("\n", 0, start - p.start) + 1
    tail = p.text.find("\n", end - p.start)
    tail = len(p.text) if tail < 0 else tail
    line = p.text[head:tail]
    if not is_relayed_tweet(line) or len(line) > TWEET_CHARS:
        return None
    stripped = len(line) - len(line.rstrip())
    return p.start + head, p.start + tail - stripped


def cannot_answer(question: str, question_lang: str, x: ScoredSentence) -> bool:
    return must_abstain(question, x.text, x.passage.language, before=x.before, single_report=single_report(x.passage),
                        other_language=x.passage.language != question_lang, passage=x.passage.text,
                        dated=x.passage.dated)


def single_report(p: Passage) -> bool:
    """A short news item, whole in its passage: one event, dated by its article."""
    return p.start == 0 and len(p.text) <= SINGLE_REPORT_CHARS


def from_offset(best: ScoredSentence, start: int) -> ScoredSentence:
    """The sentence as a quote that opens earlier in its passage, at `start` (an offset in the
    passage's text), scored as the sentence."""
    p = best.passage
    return ScoredSentence(best.passage_rank, p, p.start + start, best.end, p.text[start:best.end - p.start],
                          best.cos, best.score, best.before)


def join_adjacent(best: ScoredSentence, other: ScoredSentence) -> ScoredSentence | None:
    """The two sentences as one quote, if they stand next to each other in one passage."""
    p = best.passage
    if other.passage.chunk_id != p.chunk_id or not (other.start >= best.end or other.end <= best.start):
        return None
    if p.text[min(best.end, other.end) - p.start:max(best.start, other.start) - p.start].strip():
        return None
    start, end = min(best.start, other.start), max(best.end, other.end)
    first, second = (best, other) if best.start <= other.start else (other, best)
    return ScoredSentence(best.passage_rank, p, start, end, p.text[start - p.start:end - p.start],
                          best.cos, best.score, first.before, ((first.text, first.before), (second.text, first.text)))
