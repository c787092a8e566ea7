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

from briefing.evaluation.qa_data import load_passages, load_questions, split_unanswerable
from briefing.models import Article
from briefing.progress import cli_progress
from briefing.settings import Settings
from briefing.text.analysis import fold


def _contains(text: str, answers) -> bool:
    t = " ".join(fold(text).split())
    return any(" ".join(fold(a).split()) in t for a in answers if a.strip())


def run_qa_eval(passages_path: Path, questions_path: Path, *, question_lang: str | None = None,
                passage_lang: str | None = None, unanswerable: float = 0.0, limit: int | None = None, skip: int = 0,
                seed: int = 13, settings: Settings | None = None, features_path: Path | None = None,
                progress: bool = True, cache_dir: Path | None = None, model: bool = False) -> dict:
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
    with tempfile.TemporaryDirectory(prefix="briefing-eval-") as tmp, contextlib.ExitStack() as bars:
        eval_settings = settings.model_copy(update={"data_dir": Path(tmp), "chroma_url": None, "llm": settings.generation_mode() if model else "extractive"})
        svc = build_service(eval_settings, embedder=embedder, rewriter=lambda q, h: q, hooks=[])
        day = dt.date(2000, 1, 1)
        articles = [Article(id=p.id, title=p.title, text=p.text, published=day, source=passages_path.stem,
                            language=p.lang, origin=str(passages_path)) for p in passages if p.id not in left_out]
        t = time.perf_counter()
        with cli_progress("store", enabled=progress) as store_bar:
            report = svc.ingest_articles(articles, progress=store_bar)
        ingest_seconds = time.perf_counter() - t
        coverage = svc.coverage()

        ranks, answered, contained, cited, cited_ok, abstained_unans, n_unans, picked_ok = [], 0, 0, 0, 0, 0, 0, 0
        latencies = []
        report_model = ModelReport() if model else None
        feature_rows = []
        bar = bars.enter_context(cli_progress("questions", enabled=progress))
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
            latencies.append(time.perf_counter() - t)
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
            if is_unans:
                n_unans += 1
                abstained_unans += int(answer.abstained)
                continue
            rank = ids.index(q.gold) + 1 if q.gold in ids[:10] else None
            ranks.append(rank)
            # the sentence picker alone, as if the support check always let it answer
            picked = pick_sentences(q.question, retrieval.query_language, retrieval.query_vector, top,
                                    retrieval.sentences, term_idf=retrieval.term_idf)
            picked_ok += int(_contains(" ".join(s.text for s in picked.sentences), q.answers))
            if report_model is not None:
                report_model.add(answer, top, q.gold, q.answers, language=retrieval.query_language)
            if not answer.abstained:
                answered += 1
                contained += int(_contains(answer.answer, q.answers))
                for c in answer.citations:
                    cited += 1
                    cited_ok += int(c.article_id == q.gold or _contains(c.quote, q.answers))
    n_ans = len(ranks)
    r = lambda k: round(sum(1 for x in ranks if x and x <= k) / max(1, n_ans), 4)
    result = {
        "questions": len(questions), "answerable": n_ans, "unanswerable": n_unans,
        "passages_stored": len(articles), "chunks_stored": sum(i.chunks for i in report.items),
        "embedder": embedder.name,
        "retrieval": {"R@1": r(1), "R@5": r(5), "R@10": r(10),
                      "MRR": round(sum(1 / x for x in ranks if x) / max(1, n_ans), 4)},
        "answers": {
            "answered": round(answered / max(1, n_ans), 4),
            "gold_in_answer": round(contained / max(1, n_ans), 4),
            "gold_in_answer_among_answered": round(contained / max(1, answered), 4),
            "gold_in_picked_sentences": round(picked_ok / max(1, n_ans), 4),
            "citations_per_answer": round(cited / max(1, answered), 3),
            "citation_precision": round(cited_ok / max(1, cited), 4),
            "unanswerable_abstained": round(abstained_unans / n_unans, 4) if n_unans else None,
        },
        "latency_s": {"p50": round(float(np.percentile(latencies, 50)), 4),
                      "p95": round(float(np.percentile(latencies, 95)), 4)},
        "ingest_s": round(ingest_seconds, 2),
    }
    if report_model is not None:
        result["model"] = report_model.summary(n_ans)
    if features_path:
        features_path.write_text("".join(json.dumps(r) + "\n" for r in feature_rows), encoding="utf-8")
    return result



class ModelReport:
    """What a model wrote and what the citation check let through, over answerable questions.

    A citation is right when it names the gold passage and its claim carries a gold answer: raw
    citations are every marker the model wrote; shown ones are those that survive the check (and,
    counted apart, the quotes of the extractive fallback).
    """

    def __init__(self):
        self.c = {"claims": 0, "claims_verified": 0, "raw": 0, "raw_right": 0, "shown": 0, "shown_right": 0,
                  "fallback_shown": 0, "fallback_right": 0, "answered": 0, "abstained": 0}
        self.by: dict[str, int] = {}
        self.examples: dict[str, list[str]] = {"dropped": [], "shown_wrong": []}

    def add(self, answer, passages, gold: str, answers, *, language: str) -> None:
        from briefing.citations import check_citations

        self.by[answer.answered_by or "?"] = self.by.get(answer.answered_by or "?", 0) + 1
        self.c["abstained" if answer.abstained else "answered"] += 1
        if answer.model_text:
            check = check_citations(answer.model_text.replace("NOT_IN_CORPUS", ""), passages, claim_language=language)
            shown_by_model = answer.answered_by == "model"
            for claim in check.claims:
                self.c["claims"] += 1
                self.c["claims_verified"] += int(bool(claim.supported))
                for n in claim.cited:
                    right = 1 <= n <= len(passages) and passages[n - 1].article_id == gold and _contains(claim.text, answers)
                    self.c["raw"] += 1
                    self.c["raw_right"] += int(right)
                    if shown_by_model and claim.kept and n in claim.supported:
                        self.c["shown"] += 1
                        self.c["shown_right"] += int(right)
                        if not right and len(self.examples["shown_wrong"]) < 5:
                            self.examples["shown_wrong"].append(f"{claim.text} [{n}]")
                    elif n not in claim.supported and len(self.examples["dropped"]) < 5:
                        self.examples["dropped"].append(f"{claim.text} [{n}]")
        if answer.answered_by == "extractive-fallback":
            for c in answer.citations:
                self.c["fallback_shown"] += 1
                self.c["fallback_right"] += int(c.article_id == gold and _contains(c.quote, answers))

    def summary(self, questions: int) -> dict:
        c = self.c
        ratio = lambda a, b: round(a / b, 4) if b else None
        return {
            "claims_made": c["claims"], "claims_verified": c["claims_verified"],
            "raw_citation_precision": ratio(c["raw_right"], c["raw"]), "raw_citations": c["raw"],
            "shown_citation_precision": ratio(c["shown_right"], c["shown"]), "shown_citations": c["shown"],
            "fallback_citation_precision": ratio(c["fallback_right"], c["fallback_shown"]),
            "shown_with_fallback_precision": ratio(c["shown_right"] + c["fallback_right"], c["shown"] + c["fallback_shown"]),
            "answered": ratio(c["answered"], questions), "abstained": ratio(c["abstained"], questions),
            "answered_by": dict(sorted(self.by.items())), "examples": self.examples,
        }
