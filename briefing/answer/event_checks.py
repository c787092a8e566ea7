"""The events a question turns on ("killed", "arrested", "met", "piloted"), looked for in a sentence.

A question of who was arrested is answered by a sentence that names an arrest, not by one about
the same people that names none; an event the question only sets the scene with ("the interview
he gave after being freed") may be named elsewhere in the passage.
"""

from __future__ import annotations

import re

from briefing.answer.kind_words import MONTHS as _MONTHS
from briefing.answer.kind_words import NEWS_PREDICATES as _NEWS_PREDICATES
from briefing.answer.kind_words import OUTCOMES as _OUTCOMES
from briefing.answer.kind_words import PREDICATES as _PREDICATES
from briefing.text.analysis import fold

# "according to Syrian tweeters, who owns…": where the question's facts come from, not who said them
SOURCE = re.compile(r"\b(?:according to|selon|d'apres)\s[^,?]*(?:,|\?|$)")

_WORDS = re.compile(r"[^\W\d_]+", re.UNICODE)


def stem_in(stem: str, words: set[str]) -> bool:
    """A listed form among the words: short forms whole (or with an "s"), longer ones as word beginnings."""
    if len(stem) <= 4:
        # news items are written in the present: "Israel kills…", "a ferry sinks"
        return stem in words or stem + "s" in words
    return any(w.startswith(stem) for w in words)


# "réclamant la libération de", "calls for the release of": an event asked for has not happened
_DEMAND = r"reclam\w*|demand\w*|exig\w*|call(?:s|ed|ing)? for|appel\w* (?:a|au)|urg\w*"
_DEMANDED = re.compile(rf"\b({_DEMAND})\s+(?:la |le |l'|les |the |for the |an? )?[^\W\d_]+")
_DEMAND_Q = re.compile(rf"\b(?:{_DEMAND})")


def _events_of(sentence: str, question: str) -> set[str]:
    """The sentence's words, less the events it only asks for, unless the question is about
    that demand ("who called for his release")."""
    folded = fold(sentence)
    if not _DEMAND_Q.search(fold(question)):
        folded = _DEMANDED.sub(lambda m: m.group(1), folded)
    return set(_WORDS.findall(folded))


def shares_event(question: str, sentence: str) -> bool:
    """The question and the sentence name the same event (appointed, began, killed…), in any listed language."""
    q_words = set(_WORDS.findall(fold(question)))
    s_words = _events_of(sentence, question)
    return any(any(stem_in(stem, q_words) for stem in asked) and any(stem_in(stem, s_words) for stem in answers)
               for asked, answers in _PREDICATES)


_BORN_FR = re.compile(r"\b(?:né|née|nés|nées)\b", re.IGNORECASE)


# "at the end of November", "à la fin de l'année", "début juin": the edge of a period, no event
_PERIOD_EDGE = re.compile(
    r"\b(?:end|beginning|start|middle|fin|debut|milieu)\s+(?:of\s+|de\s+|du\s+|d'|des\s+)?(?:the\s+|l'|la\s+|le\s+)?"
    r"(?=\d{4}\b|year\b|month\b|week\b|annee\b|mois\b|semaine\b|(?:" + "|".join(sorted(_MONTHS)) + r")\b)")


# "hommes armés", "armed men": who attacked, not a question about weapons
_ARMED = re.compile(r"\b(?:hommes|individus|groupes?|bandes?|assaillants|militants|civils) armee?s?\b"
                    r"|\barmed (?:men|man|groups?|gangs?|militants|civilians)\b")


# "after being freed", "when it was stormed", "lorsque…": a clause that sets the scene of the event asked about
_SCENE = re.compile(r"(?<=\w )\b(?:after|when|while|before|once|apres|lorsqu\w*|quand|alors qu\w*|pendant qu\w*|avant)\b"
                    r"[^,?;:]*")


def predicates_missing(question: str, sentence: str, context: str | None = None, *, news: bool = False) -> bool:
    """The question turns on an event the sentence never names ("who scored" over "won 1-0"). With
    a `context` (the sentence's passage), an event the question only sets the scene with ("the
    interview he gave after being freed") may be named there instead. Dated `news` is checked for
    the events of news questions too."""
    folded = _ARMED.sub(" ", SOURCE.sub(" ", _PERIOD_EDGE.sub(" ", fold(question))))
    scene: set[str] = set()
    if context is not None:
        scene = set(_WORDS.findall(" ".join(m.group(0) for m in _SCENE.finditer(folded))))
        folded = _SCENE.sub(" ", folded)
    q_words = set(_WORDS.findall(folded))
    if _BORN_FR.search(question):
        q_words.add("born")
    if _BORN_FR.search(sentence):
        sentence = sentence + " born"
    s_words = _events_of(sentence, question)
    c_words: set[str] | None = None
    for asked, answers in _NEWS_PREDICATES if news else _PREDICATES:
        if any(stem_in(stem, s_words) for stem in answers):
            continue
        if any(stem_in(stem, q_words) for stem in asked):
            return True
        if scene and any(stem_in(stem, scene) for stem in asked):
            if c_words is None:
                c_words = _events_of(context or "", question)
            if not any(stem_in(stem, c_words) for stem in answers):
                return True
    return False


# "X est toujours en détention", "remains in custody": the release asked about has not happened
_STILL_HELD = re.compile(r"\b(?:toujours|encore) (?:en detention|detenu\w*|emprisonn\w*|en prison|incarcer\w*|aux mains)"
                         r"|\bstill (?:in detention|detained|held|jailed|imprisoned|in prison|in custody|behind bars)"
                         r"|\bremains? (?:in detention|in custody|detained|jailed|imprisoned|in prison|behind bars)")
_RELEASE_Q = re.compile(r"\b(?:freed|release[ds]?|releasing|liber\w*|relach\w*)\b")
_CLAUSE = re.compile(r"[,;:]|\b(?:mais|but|while|alors que|tandis que)\b")


def still_held(question: str, sentence: str) -> bool:
    """A question of someone's release over a sentence that says they are still held: "Rima Dali a
    été libérée le 10 avril, mais Safana est toujours en détention" does not date Safana's release."""
    if not _RELEASE_Q.search(fold(question)):
        return False
    names = {fold(w)[:5] for w in re.findall(r"[^\W\d_]{3,}", question)[1:] if w[:1].isupper()}
    for clause in _CLAUSE.split(fold(sentence)):
        if _STILL_HELD.search(clause) and names & {w[:5] for w in _WORDS.findall(clause)}:
            return True
    return False


# "what became of", "qu'est-il advenu de", "qu'est devenu", "que sont devenus"
_ASKS_OUTCOME = re.compile(r"\b(?:what (?:has |have |had )?(?:became|become) of|(?:qu['’ ]|que )(?:est[- ]il|est|sont|etait)"
                           r"(?:[- ]il)? (?:advenu|devenue?s?)|qu['’ ]est[- ]il advenu|was ist aus .+ geworden"
                           r"|que (?:fue|ha sido) de)\b")


def asks_outcome(question: str) -> bool:
    """The question asks what became of someone or something ("What became of X after…")."""
    return bool(_ASKS_OUTCOME.search(fold(question)))


def outcome_missing(question: str, sentence: str) -> bool:
    """A question of what became of someone over a sentence that names no outcome the question
    does not already hold: "qu'est-il advenu de Saffana après son arrestation" is not answered by
    "Saffana a été arrêtée", nor "what became of the bill" by "parliament prepares a bill"."""
    if not asks_outcome(question):
        return False
    q_words = set(_WORDS.findall(fold(question)))
    s_words = _events_of(sentence, question)
    return not any(any(stem_in(stem, s_words) for stem in group)
                   and not any(stem_in(stem, q_words) for stem in group) for group in _OUTCOMES)
