"""Offline answers: the sentences that best answer the question, quoted and cited.

No model writes anything: each sentence is quoted as it stands in its article (in its own
language), framed by one line in the question's language saying this is an extractive answer.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import numpy as np

from briefing.answer.attribution import asks_speaker, introducer_start
from briefing.answer.event_checks import shares_event
from briefing.answer.named_slots import slot_named, slot_unnamed
from briefing.answer.kind_checks import (asks_speech, asks_who_is, expected_fact, fits_kind, gives_date,
                                        has_number, must_abstain, new_names, slot_fact)
from briefing.answer.sentence_scoring import (ScoredSentence, ScoringContext, ScoringWeights, cannot_answer, from_offset,
                                              join_adjacent, question_type, score_passage, single_report)
from briefing.answer.statement_filter import is_statement
from briefing.answer.support import (SupportFeatures, coverage, covered_words, known_places,
                                     model_for, names_found, question_names, says_all_asked, support_probability,
                                     threshold, weighted_coverage, word_cover)
from briefing.models import Citation, Passage
from briefing.text.analysis import expand_tags, fold, terms

@dataclass
class ExtractiveResult:
    sentences: list[ScoredSentence]
    features: SupportFeatures | None
    probability: float
    supported: bool
    same_language: bool
    ruled_out: bool = False  # the sentence cannot answer this kind of question, whatever its probability
    news: bool = False  # weighed by the model for dated news


def _zscore(x: np.ndarray) -> np.ndarray:
    sd = float(x.std()) if x.size else 0.0
    return (x - float(x.mean())) / sd if sd > 1e-6 else np.zeros_like(x)


def pick_sentences(question: str, question_lang: str, qvec: np.ndarray, passages: list[Passage],
                   sentences: dict[str, list[tuple[int, int, np.ndarray]]], *,
                   weights: ScoringWeights = ScoringWeights(), embed_sentences=None,
                   term_idf: dict[str, float] | None = None, embedder_name: str | None = None,
                   siblings: list[Passage] = ()) -> ExtractiveResult:
    """Score every sentence of the top passages and keep the best one or two. `siblings`, the
    leading article's other chunks, are read only when no top sentence can answer the kind asked."""
    top = passages[: weights.passages]
    kind = question_type(question)
    names = question_names(question)
    places = known_places(question) if names else {}
    speaker = asks_speaker(question)  # who said it: the quote with the line naming its author
    relayed = asks_speech(question) or speaker  # a relayed tweet is what its author said
    fact = expected_fact(question)
    pz = _zscore(np.asarray([p.score for p in top], dtype=np.float64)) if top else np.zeros(0)
    context = ScoringContext(question, question_lang, qvec, sentences, weights, embed_sentences, kind, names, places, relayed,
                             fact, describes=asks_who_is(question))
    scored: list[ScoredSentence] = []
    for rank, p in enumerate(top):
        scored.extend(score_passage(context, rank, p, float(pz[rank])))
    if not scored:
        return ExtractiveResult([], None, 0.0, False, True)
    scored.sort(key=lambda x: x.score, reverse=True)
    scored_siblings: dict[str, list[ScoredSentence]] = {}

    def sibling_sentences(of: ScoredSentence) -> list[ScoredSentence]:
        # scored once per article, though both the stand-in and the date beside an answer may ask
        key = of.passage.article_id
        if key not in scored_siblings:
            scored_siblings[key] = _siblings_of(context, siblings, of, float(pz[0]))
        return scored_siblings[key]

    # the best sentence that can answer this kind of question: a close runner-up that names the
    # speaker, holds the count or gives the purpose beats a closer one that cannot answer at all
    fit_margin = weights.news_fit_margin if scored[0].passage.dated else weights.fit_margin
    close = (x for x in scored[:weights.fit_candidates] if x.score >= scored[0].score - fit_margin
             and not cannot_answer(question, question_lang, x))
    if fact == "time":
        # "when" is answered by a sentence that gives the date, before one that only names the event
        close = list(close)
        fitting = next((x for x in close if gives_date(x.text)), close[0] if close else None)
    else:
        fitting = next(close, None)  # the kind checks run on as few sentences as it takes
    if speaker and fitting is not None:
        # "quelle reporter a détaillé…": the quote handed over by "La reporter Hannah Allam donne
        # des détails :" before a closer one handed over by "@onelittlepixie précise :"
        floor = scored[0].score - fit_margin
        fitting = next((x for x in scored[:weights.fit_candidates] if x.score >= floor and _introduced_as_asked(question, x)
                        and not cannot_answer(question, question_lang, x)), fitting)
    moved = fitting is not None and fitting is not scored[0]
    completed = None
    if moved and fact != "time" and not relayed and scored[0].passage.dated:
        # in a news story, the best sentence with the next one, which gives what it lacks, before a
        # farther sentence (not for "when", answered by the close sentence that gives a date, nor for
        # what was said, said in one sentence)
        completed = _completed(scored[0], scored, question, question_lang) \
            or _joined_answer(scored[0], scored, weights, question, question_lang)
        if completed is not None:
            fitting, moved = scored[0], False
    if fitting is None:
        fitting = scored[0]
        completed = _completed(scored[0], scored, question, question_lang)
        if completed is None:
            found = _elsewhere_in_article(context, scored, sibling_sentences(scored[0]))
            if found is not None:
                scored.insert(0, found)
                fitting = completed = found
    elif moved:
        scored.remove(fitting)
        scored.insert(0, fitting)
    best = completed or _with_neighbour(scored[0], scored, weights, question, question_lang)
    if speaker:
        best = _with_introducer(best)
    if fact == "time" and not gives_date(best.text):
        # named the event, so its article's date would answer; the date beside it answers better
        pool = scored + sibling_sentences(best)
        best = _completed(best, pool, question, question_lang) or best
    chosen = [best]
    for other in scored[1:]:
        if other.passage.article_id != best.passage.article_id and other.score >= best.score - weights.second_margin:
            if moved and cannot_answer(question, question_lang, other):
                continue  # outscored the answer only by not answering this kind of question
            if len(set(fold(other.text).split()) & set(fold(best.text).split())) < 0.8 * len(set(fold(other.text).split())):
                chosen.append(other)
            break
    if len(chosen) == 1 and best.passage.dated:
        more = _more_of_story(context, scored, best)
        if more is not None:
            chosen.append(more)
    # two near-equal answers from different articles: the newer story first, as a news reader expects
    chosen.sort(key=lambda x: x.passage.published or dt.date.min, reverse=True)
    # the runner-up to beat is one that could answer this kind of question too
    others = [x.cos for x in scored if x.passage.article_id != best.passage.article_id
              and (not moved or not cannot_answer(question, question_lang, x))]
    cosines = np.asarray([x.cos for x in scored])
    dense_sorted = sorted((p.dense if p.dense is not None else 0.0 for p in passages), reverse=True)
    same_language = best.passage.language == question_lang
    qterms = terms(question, best.passage.language)
    lex = best.passage.lexical or 0.0
    plain = expand_tags(best.text)  # handles and hashtags as words, as in the scoring above
    features = SupportFeatures(
        sentence_cos=best.cos, chunk_cos=best.passage.dense or best.cos,
        margin=best.cos - (max(others) if others else best.cos - 0.05),
        coverage=coverage(qterms, plain, best.passage.language),
        passage_coverage=coverage(qterms, best.passage.text, best.passage.language),
        names=names_found(names, best.passage.text, places),
        lexical_top=float(np.tanh(lex / max(1, len(qterms)) / 3.0)),
        sentence_z=float((best.cos - np.mean(cosines)) / (np.std(cosines) + 1e-6)),
        chunk_gap=float(dense_sorted[0] - dense_sorted[min(4, len(dense_sorted) - 1)]),
        rare_coverage=weighted_coverage(qterms, term_idf or {}, best.passage.text, best.passage.language),
        rare_sentence=weighted_coverage(qterms, term_idf or {}, plain, best.passage.language),
        kind_fit=fits_kind(question, best.text),
        names_sentence=names_found(names, plain, places),
        word_cover=word_cover(question, question_lang, plain, best.passage.language),
        passage_word_cover=word_cover(question, question_lang, expand_tags(best.passage.text), best.passage.language),
    )
    model = model_for(embedder_name)
    news = best.passage.dated
    prob = support_probability(features, same_language, model, has_names=bool(names), news=news)
    single = single_report(best.passage)
    if best.parts and asks_speech(question):
        # what X said is said in one sentence, by X named there or just before: a joined neighbour
        # that only names X ("…tending la main au président Vladimir Poutine") is not X speaking
        cannot = all(must_abstain(question, text, best.passage.language, before=before, single_report=single,
                                  other_language=not same_language, passage=best.passage.text,
                                  dated=best.passage.dated)
                     for text, before in best.parts)
    else:
        cannot = must_abstain(question, best.text, best.passage.language, before=fitting.before, single_report=single,
                              other_language=not same_language, passage=best.passage.text,
                              dated=best.passage.dated)
    if not cannot and news and _unnamed_in_story(question, scored, best, weights):
        cannot = True
    whole = news and says_all_asked(features, has_names=bool(names))
    supported = (prob >= threshold(same_language, model, news) or whole) and not cannot
    if news:
        # the quote is shown from the opening of a quotation it closes; it was judged as scored
        chosen = [_with_quote_opening(x) if x is best else x for x in chosen]
    return ExtractiveResult(chosen, features, prob, supported, same_language, ruled_out=cannot, news=news)


def _unnamed_in_story(question: str, scored: list[ScoredSentence], best: ScoredSentence,
                      weights: ScoringWeights) -> bool:
    """The story tells the event asked about with the one asked for unnamed ("lorsqu'un imam
    saoudien a maudit…" for "quel imam saoudien"), and the answer does not name one beside its
    noun either: another sentence of it that names somebody names somebody else."""
    if slot_fact(question) not in ("person", "place"):
        return False  # a slogan, a score or a project is named without its noun: "Syria Untold"
    floor = max(x.score for x in scored) - weights.news_fit_margin
    told = any(x.score >= floor and x.passage.article_id == best.passage.article_id and slot_unnamed(question, x.text)
               for x in scored[:weights.fit_candidates])
    return told and not slot_named(question, best.text)


# a quotation mark that closes: after a word, before a space, a punctuation mark or the end
_CLOSING_MARK = re.compile(r'(?<=[^\s"])"(?=[\s.,;:!?)]|$)')
QUOTE_REACH = 400  # how far back a quote's opening is looked for, on the sentence's line


def _with_quote_opening(best: ScoredSentence) -> ScoredSentence:
    """A sentence that closes a quotation opened sentences before it, with its opening: the splitter
    cuts '"Arrêtez la tuerie. Nous voulons construire une Syrie pour tous les Syriens" Voici les
    mots écrits sur une bannière…' after "tuerie.", and the words asked for are in the first part."""
    t = best.text
    guillemet = "»" in t and ("«" not in t or t.index("«") > t.index("»"))
    first = t.find('"')
    straight = t.count('"') % 2 == 1 and first >= 0 and bool(_CLOSING_MARK.match(t, first))
    if not (guillemet or straight):
        return best
    p = best.passage
    at = best.start - p.start
    line_start = p.text.rfind("\n", 0, at) + 1
    opening = p.text.rfind("«" if guillemet else '"', max(line_start, at - QUOTE_REACH), at)
    return best if opening < 0 else from_offset(best, opening)


def _introduced_as_asked(question: str, x: ScoredSentence) -> bool:
    """The line that hands over to the quote names one of the kind asked for beside its noun."""
    p = x.passage
    start = introducer_start(p.text, x.start - p.start)
    return start is not None and slot_named(question, p.text[start:x.start - p.start])


def _with_introducer(best: ScoredSentence) -> ScoredSentence:
    """The quote with the line that hands over to it, which names who said it: "Le correspondant
    d'Al Jazeera Cal Perry nous apprend : / Le pouvoir syrien n'a plus de place dans ses prisons…"."""
    start = introducer_start(best.passage.text, best.start - best.passage.start)
    return best if start is None else from_offset(best, start)


def _siblings_of(c: ScoringContext, siblings: list[Passage], best: ScoredSentence, pz: float) -> list[ScoredSentence]:
    """The sentences of the best one's article that the retrieved chunks left out, scored alike."""
    return [x for p in siblings if p.article_id == best.passage.article_id for x in score_passage(c, 0, p, pz)]


def _elsewhere_in_article(c: ScoringContext, scored: list[ScoredSentence],
                          siblings: list[ScoredSentence]) -> ScoredSentence | None:
    """When no close sentence can answer the kind asked, a sentence of the leading story that can,
    alone or with its neighbour, scoring nearly as well: a story names its event in one sentence
    and gives who, where or when in another ("…prêts pour le lancement de Syria Untold. Le 14 mai
    est le jour J."), which may sit in a chunk retrieval left out. Other stories stay out: their
    sentences are only near the question, not about its event."""
    lead = scored[0]
    pool = sorted([x for x in scored[1:] if x.passage.article_id == lead.passage.article_id] + siblings,
                  key=lambda x: x.score, reverse=True)
    floor = lead.score - (c.weights.speech_margin if c.relayed else c.weights.sibling_margin)
    for x in pool[:c.weights.fit_candidates]:
        if x.score < floor:
            break
        if not cannot_answer(c.question, c.question_lang, x):
            return x
        joined = _completed(x, pool, c.question, c.question_lang)
        if joined is not None:
            return joined
    return None


def _completed(best: ScoredSentence, scored: list[ScoredSentence], question: str,
               question_lang: str) -> ScoredSentence | None:
    """The best sentence with the one next to it, when only the two together answer the question:
    "Hoffman, Hortman and their spouses are shot in two attacks. Hortman and her husband are
    killed." answers who was killed. The neighbour must name the event asked about: one that only
    brings a date or a name ("La Mosquée Antique date de 668") is about something else — except
    the date of an event the best sentence names, for a question of when ("Anas Maarawi est le
    dernier des blogueurs arrêtés. Il a été appréhendé vendredi 1er juillet…")."""
    dating = expected_fact(question) == "time" and shares_event(question, best.text)
    for other in scored:
        if other is best:
            continue
        if not (shares_event(question, other.text) or (dating and gives_date(other.text))):
            continue
        joined = join_adjacent(best, other)
        if joined is not None and not cannot_answer(question, question_lang, joined):
            return joined
    return None


def _joined_answer(best: ScoredSentence, scored: list[ScoredSentence], weights: ScoringWeights,
                   question: str, question_lang: str) -> ScoredSentence | None:
    """The best sentence joined with its neighbour (`_with_neighbour`), if together they can answer."""
    joined = _with_neighbour(best, scored, weights, question, question_lang)
    return joined if joined is not best and not cannot_answer(question, question_lang, joined) else None


def _with_neighbour(best: ScoredSentence, scored: list[ScoredSentence], weights: ScoringWeights,
                    question: str, question_lang: str) -> ScoredSentence:
    """Answers often span two sentences ("He was born in X. He moved to Y in 1990."; "Eight people
    are killed in a shooting near Rafah. Witnesses attribute the shooting to Israeli forces."): a
    close runner-up right next to the best sentence joins its quote rather than becoming a
    citation, and so does a slightly farther one that holds words of the question the best lacks."""
    p = best.passage
    lacking = None
    for other in scored[1:]:
        if other.score < best.score - max(weights.adjacent_margin, weights.complement_margin):
            break
        joined = join_adjacent(best, other)
        if joined is None:
            continue
        if other.score < best.score - weights.adjacent_margin:
            if p.language == question_lang:
                # in the question's language the sentence's own score counts those words already;
                # joining there mostly lengthened quotes that did not answer (PIAF: precision 0.852 → 0.844)
                continue
            if lacking is None:
                # the words of the event asked about, not its names: a neighbour that only adds
                # the name asked for ("Poutine") would make the best sentence seem to be about them
                asked, found = covered_words(question, question_lang, best.text, p.language)
                lacking = asked - found - set(question_names(question))
            # … or that names the event asked about: "…en accusant chacun. Il a tour à tour accusé
            # Facebook, des mercenaires étrangers…" answers whom he blamed
            if not (lacking & covered_words(question, question_lang, other.text, p.language)[1]
                    or shares_event(question, other.text)):
                continue
        return joined
    return best


def _more_of_story(c: ScoringContext, scored: list[ScoredSentence], best: ScoredSentence) -> ScoredSentence | None:
    """A news story names its event in the sentence closest to the question and gives the name,
    place or figure asked for in another ("Une rixe a éclaté dans une mosquée de Riad… / …frapper
    un autre homme dans la mosquée Al Ferdous"): a close sentence of the same story that holds a
    name or a number neither the question nor the best sentence holds is quoted after it, unless
    the best one already gives the kind of fact asked for."""
    floor = best.score - c.weights.story_margin
    told = f"{c.question} {best.text}"
    if c.fact in ("person", "place") and new_names(best.text, c.question):
        return None  # the best sentence names whom or where already: another would only add noise
    for x in scored:
        if x.score < floor:
            break
        overlaps = x.start < best.end and x.end > best.start
        if x is best or x.passage.article_id != best.passage.article_id or overlaps:
            continue
        if cannot_answer(c.question, c.question_lang, x) or not is_statement(x.text):
            continue
        if c.fact == "number":
            adds = has_number(x.text) and not has_number(best.text)
        elif c.fact == "time":
            adds = gives_date(x.text) and not gives_date(best.text)
        else:
            adds = new_names(x.text, told) > 0
        if adds:
            return x
    return None


def citations_for(chosen: list[ScoredSentence]) -> list[Citation]:
    return [
        Citation(n=i, article_id=s.passage.article_id, title=s.passage.title, source=s.passage.source,
                 published=s.passage.published, url=s.passage.url, chunk_id=s.passage.chunk_id, quote=s.text,
                 start=s.start, end=s.end, verified=True)
        for i, s in enumerate(chosen, start=1)
    ]
