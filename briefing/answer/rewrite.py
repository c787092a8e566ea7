"""Follow-up questions made standalone for retrieval ("And where will they meet next?" → who "they" are).

With a chat model, the model rewrites (prompt `rewrite`). Without one (extractive mode, offline),
a heuristic spots follow-ups and carries over the previous question's content words and the names
in the previous answer, which is what retrieval needs.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from briefing.citations import fold
from briefing.models import Turn

log = logging.getLogger(__name__)

_PRONOUNS = {
    "en": "they them their theirs he him his she her it its those these",
    "fr": "ils elles il elle eux leur leurs lui celui celle ceux celles y là-bas",
    "de": "sie er ihn ihm ihnen dort sein seine seinen ihre ihren",
    "es": "ellos ellas él ella allí ahí",
}
_CONNECTORS = {"and", "but", "so", "also", "et", "mais", "puis", "und", "aber", "y", "pero", "e"}
_CUES = re.compile(
    r"\b(what about|how about|what else|and then|after that|et pour|qu'en est-il|et ensuite|et après|"
    r"was ist mit|und dann|qué hay de|y después)\b", re.IGNORECASE)
_NEXT = {"next", "then", "afterwards", "later", "ensuite", "après", "apres", "puis", "prochain", "prochaine",
         "danach", "nächste", "nachste", "nächsten", "después", "despues", "luego", "próxima", "proxima",
         "próximo", "proximo"}
_FUNCTION = frozenset(
    "a an the of in on at to is are was were be been did does do has have had will would with for from by about "
    "who whom whose what which when where why how this that there here not and or but so as it its "
    "le la les un une des du de et ou en au aux à qui que quoi quand où pourquoi comment quel quelle quels quelles "
    "est sont était ont a été sera avec pour par sur dans ce cette ces se s l d qu c n ne pas "
    "der die das ein eine und oder im am an zu ist sind war wer was wann wo warum wie welche hat haben mit für von "
    "el los las una y o que quién quien qué cuándo dónde por para con es son fue se lo como cuál".split()
)
_ALL_PRONOUNS = frozenset(fold(p) for words in _PRONOUNS.values() for p in words.split())
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+", re.UNICODE)
_NAME = re.compile(r"\b[A-ZÀ-ÖØ-Þ][\w’'\-]*(?:\s+(?:de |van |von |al-|bin |ben )?[A-ZÀ-ÖØ-Þ][\w’'\-]*)*", re.UNICODE)
_MARKERS = re.compile(r"\s*\[[^\[\]\n]{0,40}\]")
_MAX_NAMES = 6


def _content_words(text: str) -> list[str]:
    out: dict[str, str] = {}
    for w in _WORD.findall(text):
        w = re.sub(r"^(?:l|d|qu|s|n|c)['’]", "", w, flags=re.IGNORECASE)
        f = fold(w)
        if f not in _FUNCTION and f not in _ALL_PRONOUNS and f not in _CONNECTORS and len(f) > 1 and f not in out:
            out[f] = w
    return list(out.values())


def names_in(text: str) -> list[str]:
    """Proper names in `text` (capitalised runs, sentence-initial function words left out), in order."""
    text = _MARKERS.sub("", text)
    found: dict[str, str] = {}
    for m in _NAME.finditer(text):
        words = m.group(0).split()
        before = text[:m.start()].rstrip()
        after_title = re.search(r"\b[A-Z][a-z]{0,3}\.$", before) is not None  # "M. Lavrov", "Dr. Smith"
        if len(words) == 1 and not after_title and (not before or before[-1] in ".!?:«\"“"):
            continue  # a lone capitalised word opening a sentence is just a sentence start
        while words and fold(words[0]) in _FUNCTION:
            words = words[1:]  # "The Kremlin" → "Kremlin"; "Who" → nothing
        name = " ".join(words).strip("’'-")
        if len(name) > 1 and fold(name) not in found:
            found[fold(name)] = name
    return list(found.values())


def is_follow_up(question: str, language: str | None = None) -> bool:
    """Does `question` lean on the conversation (pronouns, "and …?", "what about", very short)?"""
    words = [fold(w) for w in _WORD.findall(question)]
    if not words:
        return False
    langs = {"en", language} if language else set(_PRONOUNS)
    pronouns = {fold(p) for lang in langs if lang in _PRONOUNS for p in _PRONOUNS[lang].split()}
    if words[0] in _CONNECTORS or _CUES.search(question) or pronouns & set(words):
        return True
    # a name inside the question anchors it ("When is the next NATO summit?"); the first word's
    # capital says nothing
    if any(w[:1].isupper() and fold(w) not in _FUNCTION for w in _WORD.findall(question)[1:]):
        return False
    return bool(_NEXT & set(words)) or len(_content_words(question)) <= 2


def heuristic_rewrite(question: str, history: Sequence[Turn], *, _depth: int = 0) -> str:
    """The question, plus (for a follow-up) the previous question's content words and the previous answer's names."""
    question = question.strip()
    if not history or _depth > 3:
        return question
    from briefing.text.language import detect_language

    if not is_follow_up(question, detect_language(question, default="en")):
        return question
    turns = list(history)
    user_index = next((i for i in range(len(turns) - 1, -1, -1) if turns[i].role == "user"), None)
    previous_answer = next((t.content for t in reversed(turns) if t.role == "assistant"), "")
    previous_question = ""
    if user_index is not None:
        previous_question = heuristic_rewrite(turns[user_index].content, turns[:user_index], _depth=_depth + 1)
    asked = {fold(w) for w in _WORD.findall(question)}
    extras: dict[str, str] = {}
    for name in names_in(previous_answer)[:_MAX_NAMES] + _content_words(previous_question):
        key = fold(name)
        if key not in extras and not set(fold(w) for w in name.split()) <= asked:
            extras[key] = name
    if not extras:
        return question
    return f"{question} — {', '.join(extras.values())}"


def _conversation(history: Sequence[Turn], turns: int = 4, limit: int = 600) -> str:
    lines = []
    for turn in list(history)[-turns:]:
        content = " ".join(_MARKERS.sub("", turn.content).split())
        if len(content) > limit:
            content = content[:limit].rsplit(" ", 1)[0] + " …"
        lines.append(f"{'User' if turn.role == 'user' else 'Assistant'}: {content}")
    return "\n".join(lines)


def _clean_model_question(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if not lines:
        return ""
    line = re.sub(r"^(?:standalone question|question|rewritten question)\s*:\s*", "", lines[0], flags=re.IGNORECASE)
    return line.strip().strip('"“”«» ').strip()


def rewrite_followup(question: str, history: Sequence[Turn], *, chat_model=None) -> str:
    """A standalone version of `question` given the conversation `history`, for retrieval.

    Without history the question is returned as is. A model failure falls back to the heuristic:
    the rewrite helps retrieval, it must not stop the answer.
    """
    question = question.strip()
    if not history:
        return question
    if chat_model is None:
        return heuristic_rewrite(question, history)
    from langchain_core.messages import HumanMessage

    from briefing.llm import explain, load_prompt, render_prompt

    prompt = render_prompt(load_prompt("rewrite"), conversation=_conversation(history), question=question)
    try:
        reply = chat_model.invoke([HumanMessage(content=prompt)])
    except Exception as exc:  # noqa: BLE001 - any provider failure: the heuristic still gives a query
        log.warning("Follow-up rewrite fell back to the heuristic: %s", explain(exc))
        return heuristic_rewrite(question, history)
    rewritten = _clean_model_question(str(getattr(reply, "content", reply)))
    if not rewritten or len(rewritten) > 4 * len(question) + 300:
        return heuristic_rewrite(question, history)
    return rewritten
