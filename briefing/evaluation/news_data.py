"""Reading the news question set: questions on the demo corpus with gold articles and key facts."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from briefing.text.analysis import fold

DEV_SET = Path(__file__).parent / "data" / "news_dev.jsonl"
KINDS = ("what_happened", "who", "who_is", "when", "where", "how_many", "what_said", "what")
# tune: fitted on; check: held out; fresh: written later, on articles the other two do not use, and
# never looked at before its questions were written; blind: written last, from the articles alone,
# and never run while tuning (measured only to report, so its figures stay honest); sealed: written
# after the blind part had been measured and looked at, from the articles alone, and never run while
# tuning (a second honest measure once the blind figures have been seen); dev2: written from the
# articles alone after the sealed figures, then looked at and fitted on; hold: written the same way
# at the same time by another hand, and measured once, at the end, never looked at (both less the
# questions an earlier part already asks word for word); hold2: written the same way by a third hand
# after the hold figures had been looked at, measured once, never looked at; dev3: written the same
# way after the hold2 figures, then looked at and fitted on; hold3: written at the same time by
# another hand, measured once, never looked at; dev4: written the same way after the hold3 figures,
# then looked at and fitted on; hold4: written with dev4 by another hand, measured once at the end;
# dev5, hold5 and hold6 by three hands at one time, hold7 after hold5 was looked at; dev6 (fitted on)
# and hold8 (measured once, at the end) by two hands at one time, after the hold7 figures; dev7,
# "which one" and "who did it" questions and their near misses, written after the hold8 figures,
# measured once and then looked at; dev8, every kind, written from the articles alone after dev7,
# measured once and then looked at; dev9 and hold9, every kind, by two hands at one time on two
# halves of the articles after the dev8 figures, dev9 measured once and then looked at, hold9
# measured once, at the end, never looked at
SPLITS = ("tune", "check", "fresh", "blind", "sealed", "dev2", "hold", "hold2", "dev3", "hold3", "dev4", "hold4", "dev5",
          "hold5", "hold6", "hold7", "dev6", "hold8", "dev7", "dev8", "dev9", "hold9")
_REQUIRED = ("id", "question", "lang", "kind", "answerable", "gold_article_ids", "key_facts", "split")


@dataclass(frozen=True)
class NewsQuestion:
    id: str
    question: str
    lang: str
    kind: str
    answerable: bool
    gold_article_ids: tuple[str, ...]  # corpus item ids (or file names); any of them is a right citation
    key_facts: tuple[str, ...]  # alternatives: one of them in the answer or its quote makes it correct
    cross_lingual: bool
    split: str
    since: dt.date | None = None  # the day or period the question names, if any
    until: dt.date | None = None

    @property
    def scoped(self) -> bool:
        return self.since is not None


def _date(value, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValueError(f"{where}: scope date {value!r} is not YYYY-MM-DD") from exc


def _row(row: dict, where: str) -> NewsQuestion:
    missing = [k for k in _REQUIRED if k not in row]
    if missing:
        raise ValueError(f"{where}: missing {', '.join(missing)}; every row needs {', '.join(_REQUIRED)}")
    if row["kind"] not in KINDS:
        raise ValueError(f"{where}: kind {row['kind']!r} is not one of {', '.join(KINDS)}")
    if row["split"] not in SPLITS:
        raise ValueError(f"{where}: split {row['split']!r} is not one of {', '.join(SPLITS)}")
    answerable = bool(row["answerable"])
    gold, facts = tuple(row["gold_article_ids"] or ()), tuple(row["key_facts"] or ())
    if answerable and not (gold and facts):
        raise ValueError(f"{where}: an answerable question needs gold_article_ids and key_facts")
    if not answerable and gold:
        raise ValueError(f"{where}: an unanswerable question has no gold article")
    scope = row.get("scope") or {}
    return NewsQuestion(id=str(row["id"]), question=str(row["question"]), lang=str(row["lang"]), kind=row["kind"],
                        answerable=answerable, gold_article_ids=gold, key_facts=facts,
                        cross_lingual=bool(row.get("cross_lingual", False)), split=row["split"],
                        since=_date(scope.get("since"), where), until=_date(scope.get("until"), where))


def load_news_questions(path: Path = DEV_SET, split: str = "all") -> list[NewsQuestion]:
    if split not in (*SPLITS, "all"):
        raise ValueError(f"--split {split!r}: use {', '.join(SPLITS)} or all")
    questions, seen = [], set()
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{Path(path).name} line {n}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{where}: not valid JSON ({exc.msg}); fix or remove the line") from exc
        q = _row(row, where)
        if q.id in seen:
            raise ValueError(f"{where}: id {q.id!r} appears twice")
        seen.add(q.id)
        if split == "all" or q.split == split:
            questions.append(q)
    if not questions:
        raise ValueError(f"{Path(path).name}: no questions{' in split ' + split if split != 'all' else ''}")
    return questions


def contains_fact(text: str, facts) -> bool:
    """One of the alternatives occurs in the text, ignoring case, accents and spacing."""
    t = " ".join(fold(text).split())
    return any(" ".join(fold(f).split()) in t for f in facts if f.strip())


def corpus_key(item_id: str | None, origin: str) -> str:
    """How the set names an article: the item's own id, else its file name."""
    return item_id or Path(origin.split("#", 1)[0]).name
