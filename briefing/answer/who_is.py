""""Who is X?" answered from the actor index: role, other spellings, how often and when the
articles name X, and the latest statements about X — each cited."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from briefing.answer.news_phrases import news_phrase
from briefing.answer.statement_filter import is_statement
from briefing.models import Citation

LATEST = 2
DESCRIBING = 2
# After a name, what introduces a description of the person: an apposition ("X, activiste
# iranienne,") or a copula ("X est", "X was"). One that names a role with its article ("X, le
# manager de Google", "X est un blogueur") says who X is; without one it more often tells what
# happened to X ("X a été libéré", "X, très connu pour avoir été arrêté").
_DET = r"(?:l[ea']\s*|les |the |an? |un |une |son |sa |his |her |ein |eine |der |die |el |una )"
_COPULA = r"\s+(?:est|était|fut|a été|is|was|has been|ist|war|es|era|fue)\s"
_DESCRIBES = re.compile(r"^\s*(?:,\s*" + _DET + r"?[^\W\d_A-Z][^,]{3,}|" + _COPULA + ")", re.UNICODE)
_ROLE_COPULA = r"\s+(?:est|était|fut|is|was|ist|war|es|era|fue)\s+"
# French names a profession without an article ("Safana, 30 ans, est musicienne"), unlike a passive ("est arrêtée")
_NAMES_ROLE = re.compile(r"^\s*(?:,\s*" + _DET + r"[^\W\d_A-Z]|" + _ROLE_COPULA + _DET
                         + r"|\s+(?:est|était)\s+(?!(?:l[ea']|les|un|une|en|à|au|dans|de|du|des)\b)[^\W\d_A-Z][\w-]*(?<!é)(?<!ée)(?<!és)(?<!ées)\b)",
                         re.UNICODE)
_AGE = re.compile(r"^\s*,\s*\d{1,3}\s*(?:ans|years? old|jahre)\s*(?=,|\s(?:est|était|is|was)\b)", re.IGNORECASE)
_BEFORE = re.compile(r"(?:^|\s)(?:l[ea']|the|du|de la|des|un|une|a|an)\s+[^\W\d_A-Z][\w'’-]+(?:\s+[^\W\d_A-Z][\w'’-]+){0,3}\s*$",
                     re.UNICODE)


_NOTE = re.compile(r"^\s*\[[^\]\n]{1,40}\]")


@dataclass
class WhoIs:
    name: str
    text: str
    citations: list[Citation] = field(default_factory=list)


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rsplit(" ", 1)[0] + "…"


def _describing(text: str, m, role: str | None) -> float:
    """How much a mention's sentence says who the actor is: a role, an apposition or a copula
    right after the name, a description right before it ("le blogueur chinois Han Han")."""
    score = 0.0
    if m.role:
        score += 2.0
    # a link's language note between the name and its description: "Wael Ghonim [en français], le manager de Google"
    after = _NOTE.sub("", text[m.end:m.end + 160], count=1)
    aged = _AGE.match(after)
    if aged:
        score += 0.5  # "X, 30 ans," introduces X
        rest = after[aged.end():]
        after = " " + rest.lstrip(" ,") if rest.lstrip().startswith(",") else rest
    if _NAMES_ROLE.match(after):
        score += 2.0
    elif _DESCRIBES.match(after):
        score += 0.75
    if _BEFORE.search(text[max(m.sentence_start, m.start - 80):m.start]):
        score += 1.0
    if score and len(m.surface.split()) >= 2:
        score += 0.25  # the full name is where a text introduces someone
    return score


def who_is(index, actor_id: str, language: str, *, since: dt.date | None = None, until: dt.date | None = None,
           article_ids: set[str] | None = None) -> WhoIs | None:
    """`index` is the ActorIndex; `since`/`until`/`article_ids` narrow the mentions to the filters."""
    from briefing.actors.profiles import _Citer

    snap = index.snapshot()
    if actor_id not in snap.resolution.actors:
        return None
    resolved = snap.resolution.actors[actor_id]
    own = [(a, m, d) for a, m, d, i in snap.mentions if i == actor_id
           and (since is None or d >= since) and (until is None or d <= until)
           and (article_ids is None or a in article_ids)]
    if not own:
        return None
    citer = _Citer(snap, index.store.text, index.store.chunks)
    texts: dict[str, str | None] = {}

    def sentence(a: str, m) -> str:
        if a not in texts:
            texts[a] = index.store.text(a)
        text = texts[a] or ""
        return text[m.sentence_start:m.sentence_end]

    own.sort(key=lambda x: (x[2], x[1].start), reverse=True)
    lines: list[str] = []
    role_line = ""
    role = resolved.role
    if role:
        hit = next(((a, m) for a, m, _ in own if m.role == role and is_statement(sentence(a, m), intro=True)), None)
        if hit and (c := citer.cite(hit[0], hit[1].sentence_start, hit[1].sentence_end)):
            role_line = f"**{resolved.name}** — {role} [{c.n}]"
    lines.append(role_line or f"**{resolved.name}**")
    aliases = [x for x in resolved.aliases if x != resolved.name][:5]
    if aliases:
        lines.append(f"{news_phrase('aliases', language)}: {', '.join(aliases)}")
    dates = [d for _, _, d in own]
    n_articles = len({a for a, _, _ in own})
    lines.append(news_phrase("mentioned", language, n=n_articles, first=min(dates).isoformat(), last=max(dates).isoformat()))
    described: list[str] = []
    scored = []
    for a, m, d in own:
        text = sentence(a, m)
        if not is_statement(text, intro=True):
            continue
        score = _describing(texts[a] or "", m, role)
        if score > 0:
            scored.append((score, d, a, m))
    scored.sort(key=lambda x: (x[0], x[1]), reverse=True)
    seen_articles: set[str] = set()
    for _, d, a, m in scored:
        if len(described) >= DESCRIBING or any(c.article_id == a and c.start == m.sentence_start for c in citer.citations):
            continue
        c = citer.cite(a, m.sentence_start, m.sentence_end)
        if c is not None:
            seen_articles.add(a)
            described.append(f"- « {_short(c.quote)} » — {c.source}, {d.isoformat()} [{c.n}]")
    lines.extend(described)
    latest: list[str] = []
    for a, m, d in own:
        if a in seen_articles or len(latest) >= LATEST:
            continue
        text = sentence(a, m)
        if not is_statement(text, intro=True):
            continue
        c = citer.cite(a, m.sentence_start, m.sentence_end)
        if c is None:
            continue
        seen_articles.add(a)
        latest.append(f"- {d.isoformat()}, {c.source}: « {_short(c.quote)} » [{c.n}]")
    if latest:
        lines.append(f"{news_phrase('latest', language)}:")
        lines.extend(latest)
    if not citer.citations:
        return None
    return WhoIs(name=resolved.name, text="\n".join(lines), citations=citer.citations)
