"""Scoring answers to the news question set: pure, so the figures are tested alone."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from briefing.evaluation.news_data import NewsQuestion, contains_fact


@dataclass
class Outcome:
    """What one question got: whether it answered, and what the answer cited and said."""

    question: NewsQuestion
    abstained: bool
    answer: str = ""
    cited: list[tuple[str, str, str]] = field(default_factory=list)  # (corpus key, quote, published ISO date)
    seconds: float = 0.0

    @property
    def correct(self) -> bool:
        """A gold article is cited and a key fact is in the answer text or in a gold citation
        (its quote, or its date for a question of when)."""
        if self.abstained or not self.question.answerable:
            return False
        gold = set(self.question.gold_article_ids)
        hits = [(quote, day) for key, quote, day in self.cited if key in gold]
        if not hits:
            return False
        return contains_fact(" ".join([self.answer, *(f"{q} {d}" for q, d in hits)]), self.question.key_facts)


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def summarize(outcomes: list[Outcome]) -> dict:
    """The figures of the table: correct and answered of answerable, unanswerable abstained,
    cross-lingual and day-or-period correct, and the same per kind."""
    ans = [o for o in outcomes if o.question.answerable]
    unans = [o for o in outcomes if not o.question.answerable]
    cross = [o for o in ans if o.question.cross_lingual]
    scoped = [o for o in ans if o.question.scoped]
    per_kind: dict[str, dict] = {}
    by_kind: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_kind[o.question.kind].append(o)
    for kind in sorted(by_kind):
        k_ans = [o for o in by_kind[kind] if o.question.answerable]
        k_unans = [o for o in by_kind[kind] if not o.question.answerable]
        per_kind[kind] = {
            "answerable": len(k_ans), "correct": _share(sum(o.correct for o in k_ans), len(k_ans)),
            "answered": _share(sum(not o.abstained for o in k_ans), len(k_ans)),
            "unanswerable": len(k_unans),
            "unanswerable_abstained": _share(sum(o.abstained for o in k_unans), len(k_unans)),
        }
    return {
        "questions": len(outcomes), "answerable": len(ans), "unanswerable": len(unans),
        "correct": _share(sum(o.correct for o in ans), len(ans)),
        "answered": _share(sum(not o.abstained for o in ans), len(ans)),
        "correct_among_answered": _share(sum(o.correct for o in ans), sum(not o.abstained for o in ans)),
        "unanswerable_abstained": _share(sum(o.abstained for o in unans), len(unans)),
        "cross_lingual": {"n": len(cross), "correct": _share(sum(o.correct for o in cross), len(cross))},
        "day_or_period": {"n": len(scoped), "correct": _share(sum(o.correct for o in scoped), len(scoped)),
                          "abstained": _share(sum(o.abstained for o in scoped), len(scoped))},
        "per_kind": per_kind,
    }
