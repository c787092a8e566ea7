"""`briefing eval news`: the chat's answers to news questions on the demo corpus, scored."""

from __future__ import annotations

import contextlib
import json
import tempfile
import time
from pathlib import Path

import numpy as np

from briefing.evaluation.news_data import DEV_SET, corpus_key, load_news_questions
from briefing.evaluation.news_scoring import Outcome, summarize
from briefing.evaluation.qa import PROGRESS_EVERY_S
from briefing.progress import cli_progress
from briefing.settings import Settings

CORPUS_SUFFIXES = {".txt", ".jsonl", ".json", ".html", ".htm", ".xml"}


def corpus_files(corpus: Path) -> list[Path]:
    files = sorted(p for p in corpus.iterdir() if p.suffix in CORPUS_SUFFIXES) if corpus.is_dir() else []
    if not files:
        raise ValueError(f"{corpus}: no articles to load; point --corpus at the folder of the demo corpus "
                         "(../shared/data/corpus)")
    return files


class _Recorder:
    """Stands in for the answerer to keep what the service handed it: the passages the answer rests on."""

    def __init__(self, inner):
        self.inner, self.last = inner, None

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def stream(self, question, language, retrieval, coverage, history):
        self.last = retrieval
        yield from self.inner.stream(question, language, retrieval, coverage, history)


def _feature_rows(q, retrieval, keys: dict[str, str], embedder_name: str) -> list[dict]:
    """Support features of the sentence the picker chooses, labelled for fitting: an answerable
    question whose chosen sentence is right (1), and as negatives (0) an unanswerable question and
    an answerable one with its gold article taken out of the candidates."""
    from briefing.answer.extractive import pick_sentences
    from briefing.evaluation.news_data import contains_fact

    gold = set(q.gold_article_ids)
    variants = [(q.answerable, retrieval.passages, "")]
    if q.answerable:
        variants.append((False, [p for p in retrieval.passages if keys.get(p.article_id) not in gold], "#without-gold"))
    rows = []
    for answerable, candidates, suffix in variants:
        picked = pick_sentences(q.question, retrieval.query_language, retrieval.query_vector, candidates,
                                retrieval.sentences, term_idf=retrieval.term_idf, embedder_name=embedder_name,
                                siblings=[p for p in retrieval.siblings if keys.get(p.article_id) not in gold]
                                if suffix else retrieval.siblings)
        if not picked.features:
            continue
        right = any(keys.get(s.passage.article_id) in gold for s in picked.sentences) and contains_fact(
            " ".join(f"{s.text} {s.passage.published}" for s in picked.sentences), q.key_facts)
        if answerable and not right:
            continue  # a wrong pick is neither evidence that answers nor a clean negative
        rows.append({"id": q.id + suffix, "qid": q.id, "embedder": embedder_name, "answerable": answerable,
                     "same": picked.same_language, "kind": q.kind, "news": picked.news,
                     "ruled_out": picked.ruled_out, **picked.features.__dict__})
    return rows


def run_news_eval(questions_path: Path = DEV_SET, *, split: str = "all", corpus: Path = Path("../shared/data/corpus"),
                  store_dir: Path | None = None, settings: Settings | None = None, progress: bool = True,
                  details: bool = False, features_path: Path | None = None) -> dict:
    """Ask every question through the service, as the chat does, and score the answers.

    `store_dir` keeps the store between runs: loading the corpus again into it changes nothing
    when the articles are unchanged, so a second run only asks the questions."""
    from briefing.wiring import build_service

    questions = load_news_questions(questions_path, split)
    files = corpus_files(corpus)
    settings = settings or Settings()
    with contextlib.ExitStack() as stack:
        data_dir = store_dir or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="briefing-news-")))
        svc = build_service(settings.model_copy(update={"data_dir": Path(data_dir), "chroma_url": None}))
        t = time.perf_counter()
        with cli_progress("store", enabled=progress, unit="article", lines_every=PROGRESS_EVERY_S) as bar:
            report = svc.ingest([str(p) for p in files], progress=bar)
        ingest_seconds = time.perf_counter() - t
        keys = {a.id: corpus_key(a.metadata.get("item_id"), a.origin) for a in svc.articles()}
        recorder = svc.answerer = _Recorder(svc.answerer)
        outcomes, feature_rows = [], []
        bar = stack.enter_context(cli_progress("questions", enabled=progress, unit="question",
                                               lines_every=PROGRESS_EVERY_S))
        for n, q in enumerate(questions):
            if bar:
                bar(n, len(questions), q.id)
            t = time.perf_counter()
            recorder.last = None
            answer = svc.ask(q.question)
            if features_path and recorder.last is not None and recorder.last.passages:
                feature_rows.extend(_feature_rows(q, recorder.last, keys, svc.embedder.name))
            outcomes.append(Outcome(
                question=q, abstained=answer.abstained, answer=answer.answer, seconds=time.perf_counter() - t,
                cited=[(keys.get(c.article_id, c.article_id), c.quote, c.published.isoformat() if c.published else "")
                       for c in answer.citations]))
    result = summarize(outcomes)
    latencies = [o.seconds for o in outcomes]
    result.update({
        "split": split, "mode": svc.mode, "embedder": svc.embedder.name,
        "articles_stored": len(keys), "store": str(store_dir) if store_dir else "temporary",
        "ingest": report.summary(), "ingest_s": round(ingest_seconds, 2),
        "latency_s": {"p50": round(float(np.percentile(latencies, 50)), 4),
                      "p95": round(float(np.percentile(latencies, 95)), 4)},
    })
    if features_path:
        features_path.write_text("".join(json.dumps(r) + "\n" for r in feature_rows), encoding="utf-8")
        result["feature_rows"] = len(feature_rows)
    if details:
        result["details"] = [{"id": o.question.id, "question": o.question.question, "kind": o.question.kind,
                              "answerable": o.question.answerable, "abstained": o.abstained, "correct": o.correct,
                              "answer": o.answer, "cited": [k for k, _, _ in o.cited]} for o in outcomes]
    return result
