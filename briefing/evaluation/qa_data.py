"""Reading question-answering sets (PIAF and XQuAD layouts, or any file of the same shape)."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class QAPassage:
    id: str
    key: str  # what questions point at: passage_id, or the passage_key shared across translations
    lang: str
    title: str
    text: str


@dataclass(frozen=True)
class QAQuestion:
    id: str
    question: str
    gold: str  # id of the gold passage in the chosen language
    answers: tuple[str, ...]
    # the answers in the question's language, when the set has them (XQuAD): an answer written in
    # the question's language states the fact that way
    question_answers: tuple[str, ...] = ()


def _read_jsonl(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path.name} line {n}: not valid JSON ({exc.msg}); fix or remove the line") from exc
    return rows


def load_passages(path: Path, lang: str | None) -> list[QAPassage]:
    out = []
    for row in _read_jsonl(path):
        p_lang = row.get("lang") or row.get("language") or "und"
        if lang and p_lang != lang:
            continue
        out.append(QAPassage(id=str(row["id"]), key=str(row.get("passage_key", row["id"])), lang=p_lang,
                             title=row.get("title", ""), text=row["text"]))
    if not out:
        raise ValueError(f"{path.name}: no passages{' in language ' + lang if lang else ''}; "
                         "check --passage-lang against the file's `lang` field")
    return out


def _pick(value, lang: str | None, what: str, qid: str):
    if isinstance(value, dict):
        if not lang:
            raise ValueError(f"question {qid}: {what} come in several languages ({', '.join(value)}); "
                             f"choose with --question-lang / --passage-lang")
        if lang not in value:
            raise ValueError(f"question {qid}: no {what} in language {lang!r} (have {', '.join(value)})")
        return value[lang]
    return value


def load_questions(path: Path, passages: list[QAPassage], *, question_lang: str | None,
                   passage_lang: str | None) -> list[QAQuestion]:
    by_key = {p.key: p.id for p in passages}
    out = []
    for row in _read_jsonl(path):
        qid = str(row.get("id"))
        text = row.get("question") if "question" in row else _pick(row.get("questions"), question_lang, "questions", qid)
        answers = _pick(row.get("answers", []), passage_lang, "answers", qid)
        key = str(row.get("passage_id") or row.get("passage_key"))
        if key not in by_key:
            continue  # its passage is not in the chosen language
        if isinstance(answers, str):
            answers = [answers]
        in_question_lang = []
        all_answers = row.get("answers")
        if isinstance(all_answers, dict) and question_lang and question_lang != passage_lang:
            in_question_lang = all_answers.get(question_lang) or []
            in_question_lang = [in_question_lang] if isinstance(in_question_lang, str) else in_question_lang
        out.append(QAQuestion(id=qid, question=text, gold=by_key[key], answers=tuple(a for a in answers if a),
                              question_answers=tuple(a for a in in_question_lang if a)))
    return out


def split_unanswerable(questions: list[QAQuestion], share: float, seed: int) -> set[str]:
    """Passages to leave out of the store so that about `share` of the questions lose their gold."""
    if share <= 0:
        return set()
    rng = random.Random(seed)
    by_gold: dict[str, int] = {}
    for q in questions:
        by_gold[q.gold] = by_gold.get(q.gold, 0) + 1
    golds = sorted(by_gold)
    rng.shuffle(golds)
    target = share * len(questions)
    left_out: set[str] = set()
    covered = 0
    for g in golds:
        if covered >= target:
            break
        left_out.add(g)
        covered += by_gold[g]
    return left_out
