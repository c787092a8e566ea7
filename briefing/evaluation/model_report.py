"""What a chat model wrote over a question set and what the citation check let through: pure counting."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from briefing.text.analysis import fold


def contains(text: str, answers) -> bool:
    """Whether `text` carries one of `answers` (accent-, case- and space-folded)."""
    t = " ".join(fold(text).split())
    return any(" ".join(fold(a).split()) in t for a in answers if a.strip())


class ModelReport:
    """Claims, citations and who answered, over answerable questions.

    A citation is right when it names the gold passage and its claim carries a gold answer (in the
    passage's language, or the question's when the set has one: a model answering in English
    about a German passage states "1990" or "Tesla", not the German phrasing). Raw citations are
    every marker the model wrote; shown ones are those that survive the check and are shown; the
    quotes of the extractive fallback are counted apart.
    """

    EXAMPLES = 8

    def __init__(self):
        self.c = {"claims": 0, "claims_verified": 0, "raw": 0, "raw_right": 0, "shown": 0, "shown_right": 0,
                  "fallback_shown": 0, "fallback_right": 0, "answered": 0, "abstained": 0, "with_markers": 0}
        self.by: dict[str, int] = {}
        self.tokens: dict[str, list[int]] = {"prompt": [], "output": [], "passages": []}
        self.examples: dict[str, list[str]] = {"dropped": [], "shown_wrong": [], "shown_right": []}

    def add(self, answer, passages: Sequence, gold: str, answers: Sequence[str], *, language: str) -> dict:
        """Count one answer; returns its record (claims with their fate) for a per-question file."""
        from briefing.citations import check_citations

        self.by[answer.answered_by or "?"] = self.by.get(answer.answered_by or "?", 0) + 1
        self.c["abstained" if answer.abstained else "answered"] += 1
        for key in ("prompt", "output", "passages"):
            if key in answer.tokens:
                self.tokens[key].append(answer.tokens[key])
        # the passages the model saw: the prompt may have held fewer than were retrieved
        seen = list(passages)[: answer.tokens.get("passages", len(passages))]
        record = {"answered_by": answer.answered_by, "model_text": answer.model_text, "shown": answer.answer,
                  "tokens": dict(answer.tokens), "gold_position": next(
                      (n for n, p in enumerate(seen, start=1) if p.article_id == gold), None), "claims": [],
                  # what the model saw, so the check can be run again on the same text without the model
                  "passages": [p.model_dump(mode="json", include={"chunk_id", "article_id", "text", "start", "end",
                                                                  "title", "source", "published", "dated",
                                                                  "language"}) for p in seen]}
        if answer.model_text:
            check = check_citations(answer.model_text.replace("NOT_IN_CORPUS", ""), seen, claim_language=language,
                                    question=getattr(answer, "question", "") or "")
            shown_by_model = answer.answered_by == "model"
            self.c["with_markers"] += int(bool(check.claims))
            for claim in check.claims:
                self.c["claims"] += 1
                self.c["claims_verified"] += int(bool(claim.supported))
                fates = {}
                for n in claim.cited:
                    right = 1 <= n <= len(seen) and seen[n - 1].article_id == gold and contains(claim.text, answers)
                    self.c["raw"] += 1
                    self.c["raw_right"] += int(right)
                    if shown_by_model and claim.kept and n in claim.supported:
                        self.c["shown"] += 1
                        self.c["shown_right"] += int(right)
                        fate = "shown_right" if right else "shown_wrong"
                    elif n in claim.supported:
                        fate = "verified_not_shown"  # the answer as a whole was not shown
                    else:
                        fate = "dropped"
                    fates[str(n)] = {"fate": fate, "right": right}
                    if fate in self.examples and len(self.examples[fate]) < self.EXAMPLES:
                        self.examples[fate].append(f"{claim.text} [{n}]")
                record["claims"].append({"text": claim.text, "cited": claim.cited, "supported": claim.supported,
                                         "citations": fates})
        if answer.answered_by == "extractive-fallback":
            for c in answer.citations:
                self.c["fallback_shown"] += 1
                self.c["fallback_right"] += int(c.article_id == gold and contains(c.quote, answers))
        return record

    def summary(self, questions: int) -> dict:
        c = self.c
        ratio = lambda a, b: round(a / b, 4) if b else None

        def spread(values: list[int]) -> dict | None:
            if not values:
                return None
            return {"mean": round(float(np.mean(values)), 1), "p50": int(np.percentile(values, 50)),
                    "p95": int(np.percentile(values, 95)), "max": int(max(values))}

        fallback = self.by.get("extractive-fallback", 0)
        return {
            "claims_made": c["claims"], "claims_verified": c["claims_verified"],
            "answers_with_markers": c["with_markers"],
            "raw_citation_precision": ratio(c["raw_right"], c["raw"]), "raw_citations": c["raw"],
            "shown_citation_precision": ratio(c["shown_right"], c["shown"]), "shown_citations": c["shown"],
            "fallback_citation_precision": ratio(c["fallback_right"], c["fallback_shown"]),
            "shown_with_fallback_precision": ratio(c["shown_right"] + c["fallback_right"], c["shown"] + c["fallback_shown"]),
            "answered": ratio(c["answered"], questions), "abstained": ratio(c["abstained"], questions),
            "fallback_share": ratio(fallback, questions),
            "answered_by": dict(sorted(self.by.items())),
            "tokens": {"prompt": spread(self.tokens["prompt"]), "output": spread(self.tokens["output"]),
                       "passages_in_prompt": spread(self.tokens["passages"])},
            "examples": self.examples,
        }
