"""A news question, read first, then answered the way its kind asks: "what happened" as a digest
of the scope's top stories, "who is X" from the actor index, anything else from retrieved
passages within the scope — each answer saying which scope and kind it used."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterator, Sequence

from briefing.answer.cited_entities import actor_index, names_new_person, names_new_place, with_direct_line
from briefing.answer.extractive_answerer import _pieces
from briefing.answer.kind_checks import same_person
from briefing.answer.named_slots import person_name_asked
from briefing.answer.news_phrases import news_phrase
from briefing.answer.support import names_found, question_names
from briefing.briefs.builder import _nearest_days
from briefing.models import Answer, Filters, Turn
from briefing.question import TimeScope, Understanding, understand
from briefing.question.scope import find_dates

MAX_QUESTION_CHARS = 2000
REPORTING_LAG_DAYS = 7  # a day with no articles of its own is looked for in the reports of the days after
NAMED_DAY_WINDOW = 31  # … and then in the weeks around it, by a sentence that names the day


def check_question(question: str) -> str:
    question = " ".join((question or "").split())
    if not question:
        raise ValueError("The question is empty: type a question about the stored articles.")
    if len(question) > MAX_QUESTION_CHARS:
        raise ValueError(f"The question is {len(question):,} characters long; ask in at most {MAX_QUESTION_CHARS:,}. "
                         "To add an article rather than ask about one, use `briefing ingest` or the Library page.")
    return question


def _newest(service) -> dt.date | None:
    last = service.coverage().get("last")
    if isinstance(last, dt.date):
        return last
    try:
        return dt.date.fromisoformat(str(last)[:10]) if last else None
    except ValueError:
        return None


def read_question(service, question: str, *, read_dates: bool = True) -> Understanding:
    index = actor_index(service)

    def find(text: str):
        try:
            return index.actors_in(text) if index is not None and index.store.count_articles() else []
        except Exception:  # an unreadable actor store must not stop an answer
            return []

    u = understand(question, reference=_newest(service), find_actors=find)
    if not read_dates:
        u = u.model_copy(update={"scope": None, "topic": question, "problem": None})
    return u


def scoped_filters(scope: TimeScope | None, filters: Filters) -> tuple[Filters, TimeScope | None]:
    """The filters retrieval uses, and the scope as applied. Dates chosen explicitly win."""
    if scope is None:
        return filters, None
    if filters.since or filters.until:
        return filters, scope.model_copy(update={"applied": False})
    return filters.model_copy(update={"since": scope.since, "until": scope.until}), scope


def scope_line(scope: TimeScope | None, filters: Filters, language: str) -> str:
    if scope is None:
        return ""
    if not scope.applied:
        label = f"{filters.since or '…'} … {filters.until or '…'}"
        return news_phrase("filters_win", language, label=label, wording=scope.wording).capitalize() + "."
    line = news_phrase("articles_of", language, label=scope.label)
    if scope.relative and scope.reference:
        line += f" ({news_phrase('relative_to', language, wording=scope.wording, reference=scope.reference.isoformat())})"
    return line + ":"


def _days_with_news(service, sources: Sequence[str]) -> list[dt.date]:
    from briefing.briefs.source import BriefSource

    return BriefSource(service).days_with_news(sources)


def _no_articles(service, effective: Filters, scope: TimeScope, language: str) -> str | None:
    from briefing.store.chroma_store import where_from_filters

    if service.store.article_ids(where=where_from_filters(effective)):
        return None
    text = news_phrase("no_articles", language, label=scope.label)
    nearest = _nearest_days(_days_with_news(service, effective.sources), scope.since, scope.until)
    if nearest:
        text += " " + news_phrase("nearest", language, days=", ".join(d.isoformat() for d in nearest))
    return text


def _reply(u: Understanding, text: str, service, scope: TimeScope | None, *, citations=(), abstained=True) -> Answer:
    citations = list(citations)
    passages = []
    if citations:
        # the cited chunks, so a reader sees each quote in its passage, as with any other answer
        try:
            passages, _ = service.store.get_passages(list(dict.fromkeys(c.chunk_id for c in citations if c.chunk_id)))
        except Exception:
            passages = []
    return Answer(question=u.question, answer=text, language=u.language, mode=service.mode, model=service.model_name,
                  abstained=abstained, citations=citations, kind=u.kind, scope=scope, passages=passages)


def route_question(service, question: str, history: Sequence[Turn] = (), filters: Filters | None = None, *,
                   read_dates: bool = True) -> Iterator[str | Answer]:
    started = time.perf_counter()
    question = check_question(question)
    u = read_question(service, question, read_dates=read_dates)
    understood = time.perf_counter() - started
    for part in _route(service, u, history, filters or Filters()):
        if isinstance(part, Answer):
            part.timings["understand"] = round(understood, 4)
            part.timings["total"] = round(time.perf_counter() - started, 4)
        yield part


def _route(service, u: Understanding, history: Sequence[Turn], filters: Filters) -> Iterator[str | Answer]:
    if service.mode != "extractive" or not _reported_later(u, filters):
        yield from _route_scoped(service, u, history, filters)
        return
    # An event of a day is often reported on the days after it: when the day's own articles do not
    # answer, its reports do. Offline answers are composed whole, so the first try can be set aside.
    parts = list(_route_scoped(service, u, history, filters))
    answer = parts[-1]
    if isinstance(answer, Answer) and answer.abstained:
        later = u.scope.model_copy(update={"until": u.scope.until + dt.timedelta(days=REPORTING_LAG_DAYS)})
        retry = list(_route_scoped(service, u.model_copy(update={"scope": later}), history, filters, reported=True))
        if isinstance(retry[-1], Answer) and not retry[-1].abstained:
            parts = retry
        elif u.scope.granularity == "day" and u.kind != "what_happened":
            # a story is announced before its day ("devait être lancé le 14 mai") and told long
            # after it ("qui avait disparu le 27 janvier"): the articles of the weeks around the
            # day answer when the sentence they quote names that day
            around = u.scope.model_copy(update={"since": u.scope.since - dt.timedelta(days=NAMED_DAY_WINDOW),
                                                "until": u.scope.until + dt.timedelta(days=NAMED_DAY_WINDOW),
                                                "granularity": "range"})
            retry = list(_route_scoped(service, u.model_copy(update={"scope": around}), history, filters,
                                       reported=True, naming=u.scope))
            if isinstance(retry[-1], Answer) and not retry[-1].abstained and _names_day(retry[-1], u.scope):
                parts = retry
    yield from parts


def _names_day(answer: Answer, scope: TimeScope) -> bool:
    """A quote, or the passage it is quoted from, writes out a day of the scope ("qui avait disparu
    le 27 janvier"; "…le lancement de Syria Untold. Le 14 mai est le jour J.")."""
    days = set()
    day = scope.since
    while day <= scope.until:
        days.add((day.month, day.day))
        day += dt.timedelta(days=1)
    passages = {p.chunk_id: p for p in answer.passages}
    for c in answer.citations:
        passage = passages.get(c.chunk_id)
        if c.published is None or passage is None:
            continue
        for text in (c.quote, passage.text):
            for start, end, when, period in find_dates(text, passage.language, c.published):
                if period == "day" and any(ch.isdigit() for ch in text[start:end]) and (when.month, when.day) in days:
                    return True
    return False


def _few_days(scope: TimeScope) -> bool:
    """A day, or a span of days shorter than a week ("on 9–10 March 2012")."""
    return scope.granularity == "day" or (scope.granularity == "range"
                                          and (scope.until - scope.since).days < REPORTING_LAG_DAYS)


def _reported_later(u: Understanding, filters: Filters) -> bool:
    """A day or a month the question names by its date ("on 21 February 2011", "in November 2012")."""
    return (u.scope is not None and not u.scope.relative and u.scope.granularity in ("day", "month")
            and not (filters.since or filters.until) and not u.problem)


def _route_scoped(service, u: Understanding, history: Sequence[Turn], filters: Filters, *,
                  reported: bool = False, naming: TimeScope | None = None) -> Iterator[str | Answer]:
    if u.problem:
        text = news_phrase("impossible", u.language, wording=u.impossible, days=u.month_days)
        yield text
        yield _reply(u, text, service, None)
        return
    effective, scope = scoped_filters(u.scope, filters)
    head = scope_line(scope, filters, u.language)
    if reported and scope is not None and naming is not None:
        head = news_phrase("naming_day", u.language, label=scope.label, day=naming.label) + ":"
    elif reported and scope is not None:
        head = news_phrase("reported_after", u.language, label=scope.label, days=REPORTING_LAG_DAYS) + ":"
    if scope is not None and scope.applied and not reported:
        empty = _no_articles(service, effective, scope, u.language)
        if empty and _few_days(scope) and not scope.relative:
            # news reports a day's events on the days after: look there before saying there is none
            later = scope.model_copy(update={"until": scope.until + dt.timedelta(days=REPORTING_LAG_DAYS)})
            widened = effective.model_copy(update={"until": later.until})
            if _no_articles(service, widened, later, u.language) is None:
                effective, scope, empty = widened, later, None
                head = scope_line(scope, filters, u.language)
        if empty and scope.relative and u.kind != "what_happened":
            # "meet on Thursday": a weekday or "last week" in a question about an event often
            # dates the event, not the news; with nothing stored then, ask without it
            effective, scope, head = filters, None, ""
        elif empty:
            yield empty
            yield _reply(u, empty, service, scope)
            return
    if u.kind == "who_is":
        done = yield from _who_is(service, u, effective, scope, head, history)
        if done:
            return
    if u.kind == "what_happened":
        done = yield from _what_happened(service, u, effective, scope, head, history)
        if done:
            return
    yield from _from_passages(service, u, effective, scope, head, history)


def _finish(answer: Answer, u: Understanding, scope: TimeScope | None) -> Answer:
    answer.kind = u.kind
    answer.scope = scope
    return answer


def _compose(head: str, *parts: str) -> str:
    return "\n\n".join(p for p in (head, *parts) if p)


def _from_passages(service, u: Understanding, effective: Filters, scope, head: str, history,
                   retrieval=None) -> Iterator[str | Answer]:
    query = u.topic if scope is not None and scope.applied and u.topic else u.question
    # the dates are the filter's to enforce: sentences are matched to what is asked about them
    asked = query if service.mode == "extractive" else u.question
    stream = (service.answerer.stream(u.question, u.language, retrieval, service.coverage(effective), list(history))
              if retrieval is not None else service.answer_passages(asked, history, effective, language=u.language,
                                                                    search_query=query))
    if service.mode != "extractive":
        if head:
            yield head + "\n\n"
        for part in stream:
            if isinstance(part, Answer):
                part.answer = _compose(head, part.answer)
                yield _finish(part, u, scope)
            else:
                yield part
        return
    answer = None
    for part in stream:
        if isinstance(part, Answer):
            answer = part
    assert answer is not None
    answer.question = u.question
    if not answer.abstained and answer.citations and u.kind == "where" and not names_new_place(service, u, answer):
        # a question of where is answered by a sentence that names a place, one the question does not
        answer = _withheld(service, u, effective, answer)
    if not answer.abstained and answer.citations and person_name_asked(u.question) \
            and not names_new_person(service, u, answer):
        answer = _withheld(service, u, effective, answer)  # "the name of the judge" is a person's name
    if not answer.abstained and answer.citations:
        answer.answer = with_direct_line(service, u, answer)
    answer.answer = _compose(head, answer.answer)
    yield from _pieces(answer.answer)
    yield _finish(answer, u, scope)


def _withheld(service, u: Understanding, effective: Filters, answer: Answer) -> Answer:
    from briefing.answer.extractive_answerer import abstention

    text = abstention(service.coverage(effective), u.language)
    return answer.model_copy(update={"answer": text, "abstained": True, "citations": [], "answered_by": "none"})


def _chunk_retrieval(service, u: Understanding, chunk_ids: list[str]):
    """The cited chunks as the passages a model answers from (model mode keeps the citation check)."""
    from briefing.retrieval.retriever import RetrievalResult

    passages, _ = service.store.get_passages(list(dict.fromkeys(c for c in chunk_ids if c)))
    if not passages:
        return None
    return RetrievalResult(passages, u.language, service.embedder.embed_query(u.question))


def _who_is(service, u: Understanding, effective: Filters, scope, head: str, history):
    from briefing.answer.who_is import who_is

    index = actor_index(service)
    if index is None or not u.subject:
        return False
    try:
        found = index.find(u.subject)
    except Exception:
        return False
    found = [a for a in found if same_person(u.subject, [a.name, *getattr(a, "aliases", [])])]
    if not found:
        return False  # the index's nearest actor is someone else ("Mohamed Al Omar" for "Omar al-Bashir")
    result = who_is(index, found[0].id, u.language, since=effective.since, until=effective.until)
    if result is None:
        return False
    return (yield from _cited_answer(service, u, effective, scope, head, history, result))


def _subject_articles(service, u: Understanding, effective: Filters) -> list[str] | None:
    """Articles about what the question names ("in Tartus"): None when it names nothing, [] when
    no stored article is about it."""
    # "d'Ormuz", "l'Égypte": the name without its elided article
    names = [re.sub(r"^(?:d|l|qu|j)['’]", "", n) for n in question_names(u.topic) if not n.isdigit()]
    if not u.actors and not names:
        return None
    ids: set[str] = set()
    index = actor_index(service)
    if u.actors and index is not None:
        try:
            ids = index.article_ids([a for a in index.actors_in(u.topic)])
        except Exception:
            ids = set()
    if not ids:
        retrieval = service.retriever.search(u.topic, effective, service.settings.top_k, query_language=u.language)
        ids = {p.article_id for p in retrieval.passages if names_found(names, f"{p.title}\n{p.text}") >= 1.0}
    return sorted(ids)


def _what_happened(service, u: Understanding, effective: Filters, scope, head: str, history):
    from briefing.answer.digest import build_digest

    subject = _subject_articles(service, u, effective)
    if subject == []:
        return False  # nothing stored names it: the passage answer (and its abstention) decides
    coverage = service.coverage(effective)
    newest = _newest(service)
    since, until = effective.since, effective.until
    if since is None and until is None and subject is None and newest is not None:
        # "what happened?" with no date and no subject: the newest day's news
        since = until = newest
        scope = TimeScope(since=newest, until=newest, wording="", granularity="day")
        head = news_phrase("articles_of", u.language, label=newest.isoformat()) + ":"
    first = coverage.get("first")
    since = since or (dt.date.fromisoformat(str(first)[:10]) if first else None)
    until = until or newest
    if since is None or until is None:
        return False
    digest = build_digest(service, since=since, until=until, language=u.language, sources=effective.sources,
                          article_ids=subject, focus=u.topic if subject else "")
    if not digest.citations:
        if not subject or scope is None or not scope.applied:
            return False
        # the subject is in the news, just not then: say when it is
        days = sorted({a.published for a in service.store.get_articles(ids=subject)})
        what = ", ".join(a.name for a in u.actors) or " ".join(question_names(u.topic))
        text = news_phrase("nothing_on", u.language, label=scope.label, subject=what)
        nearest = _nearest_days(days, scope.since, scope.until)
        if nearest:
            text += " " + news_phrase("nearest", u.language, days=", ".join(d.isoformat() for d in nearest))
        yield text
        yield _reply(u, text, service, scope)
        return True
    return (yield from _cited_answer(service, u, effective, scope, head, history, digest))


def _cited_answer(service, u: Understanding, effective: Filters, scope, head: str, history, composed):
    """A digest or a who-is profile as the answer: offline as it is, cited; a model writes from
    the chunks it cites instead, under the same citation check."""
    if service.mode != "extractive":
        retrieval = _chunk_retrieval(service, u, [c.chunk_id for c in composed.citations])
        if retrieval is None:
            return False
        yield from _from_passages(service, u, effective, scope, head, history, retrieval=retrieval)
        return True
    text = _compose(head, composed.text)
    yield from _pieces(text)
    yield _reply(u, text, service, scope, citations=composed.citations, abstained=False)
    return True

