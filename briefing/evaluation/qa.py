"""`briefing eval qa`: retrieval and answer figures over a fresh temporary store."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import tempfile
import time
from pathlib import Path

import numpy as np

from briefing.evaluation.model_report import ModelReport, contains as _contains
from briefing.evaluation.qa_data import load_passages, load_questions, split_unanswerable
from briefing.models import Article
from briefing.progress import cli_progress
from briefing.settings import Settings

# a model takes seconds per question: a line this often says how far a long run is, even in a log
PROGRESS_EVERY_S = 30.0


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


@dataclasses.dataclass
class _Tally:
    ranks: list = dataclasses.field(default_factory=list)
    latencies: list = dataclasses.field(default_factory=list)
    answered: int = 0
    contained: int = 0
    cited: int = 0
    cited_ok: int = 0
    picked_ok: int = 0
    unanswerable: int = 0
    abstained_unanswerable: int = 0

    def figures(self) -> dict:
        n_ans = len(self.ranks)
        r = lambda k: round(sum(1 for x in self.ranks if x and x <= k) / max(1, n_ans), 4)
        percentile = lambda q: round(float(np.percentile(self.latencies, q)), 4) if self.latencies else None
        return {
            "answerable": n_ans, "unanswerable": self.unanswerable,
            "retrieval": {"R@1": r(1), "R@5": r(5), "R@10": r(10),
                          "MRR": round(sum(1 / x for x in self.ranks if x) / max(1, n_ans), 4)},
            "answers": {
                "answered": round(self.answered / max(1, n_ans), 4),
                "gold_in_answer": round(self.contained / max(1, n_ans), 4),
                "gold_in_answer_among_answered": round(self.contained / max(1, self.answered), 4),
                "gold_in_picked_sentences": round(self.picked_ok / max(1, n_ans), 4),
                "citations_per_answer": round(self.cited / max(1, self.answered), 3),
                "citation_precision": round(self.cited_ok / max(1, self.cited), 4),
                "unanswerable_abstained": (round(self.abstained_unanswerable / self.unanswerable, 4)
                                           if self.unanswerable else None),
            },
            "latency_s": {"p50": percentile(50), "p95": percentile(95)},
        }


def run_qa_eval(passages_path: Path, questions_path: Path, *, question_lang: str | None = None,
                passage_lang: str | None = None, unanswerable: float = 0.0, limit: int | None = None, skip: int = 0,
                seed: int = 13, settings: Settings | None = None, features_path: Path | None = None,
                progress: bool = True, cache_dir: Path | None = None, model: bool = False,
                partial_path: Path | None = None, answers_path: Path | None = None) -> dict:
    """Figures over the question set.

    `partial_path` receives the figures so far after every question (`done` says how many), so a
    run cut short still yields them; `answers_path` gets one JSON line per question as it is
    answered (with `model`: the model's text, what was shown, each claim's citations and their fate).
    """
    from briefing.answer.extractive import pick_sentences
    from briefing.embeddings import build_embedder
    from briefing.embeddings.cache import CachedEmbedder
    from briefing.wiring import build_service

    if not 0.0 <= unanswerable < 1.0:
        raise ValueError("--unanswerable is a share between 0 and 1, e.g. 0.2")
    settings = settings or Settings()
    passages = load_passages(passages_path, passage_lang)
    questions = load_questions(questions_path, passages, question_lang=question_lang, passage_lang=passage_lang)
    questions = questions[skip:]
    if limit:
        questions = questions[:limit]
    if not questions:
        raise ValueError("No question points at a stored passage: check --question-lang and --passage-lang.")
    left_out = split_unanswerable(questions, unanswerable, seed)
    cache = cache_dir or (Path.home() / ".cache" / "briefing")
    embedder = CachedEmbedder(build_embedder(settings.embedder, api_key=settings.resolved_api_key(),
                                             base_url=settings.embedding_base_url), cache / "embeddings.sqlite")
    with tempfile.TemporaryDirectory(prefix="briefing-eval-") as tmp, contextlib.ExitStack() as stack:
        eval_settings = settings.model_copy(update={"data_dir": Path(tmp), "chroma_url": None, "llm": settings.generation_mode() if model else "extractive"})
        svc = build_service(eval_settings, embedder=embedder, rewriter=lambda q, h: q, hooks=[])
        # the sets carry no dates: one placeholder day, marked as such so no prompt shows it as the article's
        day = dt.date(2000, 1, 1)
        articles = [Article(id=p.id, title=p.title, text=p.text, published=day, published_from="ingest",
                            source=passages_path.stem, language=p.lang, origin=str(passages_path))
                    for p in passages if p.id not in left_out]
        t = time.perf_counter()
        with cli_progress("store", enabled=progress, unit="article", lines_every=PROGRESS_EVERY_S) as store_bar:
            report = svc.ingest_articles(articles, progress=store_bar)
        ingest_seconds = time.perf_counter() - t
        coverage = svc.coverage()

        tally = _Tally()
        report_model = ModelReport() if model else None
        feature_rows = []
        started = time.perf_counter()

        def figures(done: int) -> dict:
            result = {"questions": len(questions), "done": done, "passages_stored": len(articles),
                      "chunks_stored": sum(i.chunks for i in report.items), "embedder": embedder.name,
                      **tally.figures(), "ingest_s": round(ingest_seconds, 2),
                      "questions_s": round(time.perf_counter() - started, 1)}
            if report_model is not None:
                result["model"] = {"name": settings.chat_model, "top_k": settings.top_k,
                                   "max_tokens": settings.chat_max_tokens,
                                   "context_tokens": settings.chat_context_tokens,
                                   **report_model.summary(len(tally.ranks))}
            return result

        bar = stack.enter_context(cli_progress("questions", enabled=progress, unit="question",
                                               lines_every=PROGRESS_EVERY_S))
        answers_file = stack.enter_context(answers_path.open("w", encoding="utf-8")) if answers_path else None
        for n, q in enumerate(questions):
            if bar:
                bar(n, len(questions), q.id)
            t = time.perf_counter()
            retrieval = svc.retriever.search(q.question, None, 20)
            ids = list(dict.fromkeys(p.article_id for p in retrieval.passages))
            top = retrieval.passages[: settings.top_k]
            answer = None
            answering = dataclasses.replace(retrieval, passages=top)
            for part in svc.answerer.stream(q.question, retrieval.query_language, answering, coverage, []):
                answer = part
            tally.latencies.append(time.perf_counter() - t)
            is_unans = q.gold in left_out
            if features_path:
                # each answerable question gives two rows: as it is, and with its gold passage taken
                # out of the candidates (what the store would return without it)
                variants = [(not is_unans, top)]
                if not is_unans:
                    variants.append((False, [p for p in retrieval.passages if p.article_id != q.gold][: settings.top_k]))
                for answerable, candidates in variants:
                    picked = pick_sentences(q.question, retrieval.query_language, retrieval.query_vector, candidates,
                                            retrieval.sentences, term_idf=retrieval.term_idf)
                    if picked.features:
                        feature_rows.append({
                            "id": q.id + ("" if answerable or is_unans else "#without-gold"), "qid": q.id,
                            "embedder": embedder.name,
                            "answerable": answerable, "same": picked.same_language,
                            "gold_in_answer": _contains(" ".join(s.text for s in picked.sentences), q.answers),
                            **picked.features.__dict__})
            record = {"id": q.id, "question": q.question, "gold": q.gold, "answers": list(q.answers),
                      "unanswerable": is_unans, "abstained": answer.abstained, "answer": answer.answer,
                      "seconds": round(tally.latencies[-1], 2)}
            if is_unans:
                tally.unanswerable += 1
                tally.abstained_unanswerable += int(answer.abstained)
            else:
                rank = ids.index(q.gold) + 1 if q.gold in ids[:10] else None
                tally.ranks.append(rank)
                record["rank"] = rank
                # the sentence picker alone, as if the support check always let it answer
                picked = pick_sentences(q.question, retrieval.query_language, retrieval.query_vector, top,
                                        retrieval.sentences, term_idf=retrieval.term_idf)
                tally.picked_ok += int(_contains(" ".join(s.text for s in picked.sentences), q.answers))
                if report_model is not None:
                    record["model"] = report_model.add(answer, top, q.gold, (*q.answers, *q.question_answers),
                                                       language=retrieval.query_language)
                if not answer.abstained:
                    tally.answered += 1
                    tally.contained += int(_contains(answer.answer, q.answers))
                    for c in answer.citations:
                        tally.cited += 1
                        tally.cited_ok += int(c.article_id == q.gold or _contains(c.quote, q.answers))
            if answers_file:
                answers_file.write(json.dumps(record, ensure_ascii=False) + "\n")
                answers_file.flush()
            if partial_path:
                _write_atomically(partial_path, json.dumps(figures(n + 1), indent=2, ensure_ascii=False))
        if bar:
            bar(len(questions), len(questions), "")
        result = figures(len(questions))
    if features_path:
        features_path.write_text("".join(json.dumps(r) + "\n" for r in feature_rows), encoding="utf-8")
    return result
