"""Who said it: questions that ask for the author of a quote, and the line that names that author.

Blogs and news digests quote as "Le correspondant d'Al Jazeera Cal Perry nous apprend :" and then
the tweet or the words on the next line. The line that answers "which correspondent reported…" is
the quote, and the name is on the line before it: the two are one answer.
"""

from __future__ import annotations

import re
from functools import lru_cache

from briefing.answer.event_checks import predicates_missing
from briefing.answer.named_slots import close_names, is_place, slot_noun
from briefing.answer.statement_filter import introduces_quote
from briefing.text.analysis import LETTER_WORD, expand_tags, fold
from briefing.text.sentences import split_sentences

# "Who tweeted…", "Which Libyan tweeter described…", "Quelle journaliste a décrit…": the question
# opens with who or which and asks for the one who said, wrote or reported something; in a
# relative clause ("Qui a fondé le centre, qui a dénoncé…") the saying is not what is asked
_WHO = r"^\s*(?:who|whose|which|what (?:journalist|blogger|activist|tweeter|user|correspondent)|qui|quel|quelle|quels|quelles)\b"
_SAID_EN = (r"(?:said|says|say|tweeted|tweets|tweet|wrote|writes|write|reported|reports|report|described|describes|describe"
            r"|posted|posts|blogged|blogs|commented|comments|noted|notes|explained|explains|warned|warns|quipped|joked"
            r"|told|tells|declared|declares|announced|announces|claimed|claims|asked|asks|added|adds|remarked|mocked"
            r"|ironi[sz]ed|summed up|relayed|shared|called|detailed|details|observed|pointed out)")
_SAID_FR = (r"(?:dit|ecrit|tweete|twitte|declare|decrit|rapporte|annonce|affirme|explique|publie|poste|raconte|note|souligne"
            r"|commente|ironise|blogue|demande|averti|previent|prevenu|ajoute|resume|relaye|partage|qualifie|lance|plaisante"
            r"|moque|denonce|temoigne|signale|confie|assure|estime|detaille|precise|indique|observe|constate|remarque)")
# words that open a clause of their own: what is said there is not what the question asks
_CLAUSE = r"qui|who|that|which|dont|que|after|before|when|because|apres|avant|quand|lorsque|parce"
_ASKS_SPEAKER = re.compile(
    _WHO + rf"(?:(?!\b(?:{_CLAUSE})\b)[^,;])*?\b(?:" + _SAID_EN + r"|(?:a|ont|avait|avaient) (?:\w+ )?" + _SAID_FR
    + r"|(?:dit|ecrit|tweete|declare|decrit|rapporte|annonce|affirme|explique|raconte|ironise|temoigne)(?:nt)?)\b")


@lru_cache(maxsize=256)
def asks_speaker(question: str) -> bool:
    """The question asks who said, wrote, tweeted or reported something."""
    return bool(_ASKS_SPEAKER.search(" ".join(fold(question).split())))


def introducer_start(text: str, offset: int) -> int | None:
    """Where, in `text`, the line that hands over to the quote at `offset` starts ("Blake Houndshell
    de Foreign Policy rapporte sur Twitter :"), if the quote starts a line and the line before it
    ends in a colon; None otherwise."""
    head = text.rfind("\n", 0, offset)
    if head < 0 or text[head:offset].strip():
        return None
    start = text.rfind("\n", 0, head) + 1
    line = text[start:head]
    if not line.strip() or not introduces_quote(line):
        return None
    # the line's last sentence only: "…fiables de Syrie. Le correspondant Cal Perry nous apprend :"
    return start + split_sentences(line)[-1].start


def speaker_event_missing(question: str, sentence: str, before: str, passage: str) -> bool:
    """The quote and the line that hands over to it never name the event asked about. The one who
    said it is described on that line ("La correspondante d'Al Jazeera Sherine Tadros ajoute :"),
    and the kind of person asked for ("quelle journaliste") is not an event."""
    noun = slot_noun(question)
    asked = re.sub(rf"\b{re.escape(noun)}\w*", " ", fold(question)) if noun else question
    return predicates_missing(asked, f"{before} {sentence}", context=f"{passage} {before}")


_SPEAKER = (
    re.compile(r"\bwhat (?:did|does|has|have) (?P<x>.+?) (?:say|said|tell|told|declare|announce|claim|write|tweet)", re.IGNORECASE),
    re.compile(r"\bqu['’ ](?:a|ont)(?:-t-(?:il|elle))? (?:dit|déclaré|annoncé|affirmé|écrit|tweeté) (?P<x>.+?)"
               r"(?: au sujet| à propos| sur | concernant| de | lors|,|\s*\?|$)", re.IGNORECASE),
    re.compile(r"\bwas (?:hat|sagte|sagt) (?P<x>.+?)(?: über| zu|\s*\?|$)", re.IGNORECASE),
)


def _speaker_names(question: str) -> list[str]:
    """The speaker's name words. Where the speaker is described and named ("Libyan expatriate
    Ghazi Gheblawi", "UN envoy Lakhdar Brahimi", "Syria's Interior Ministry"), the name is the last
    run of capitalised words: a sentence about other Libyans does not name him."""
    for pattern in _SPEAKER:
        m = pattern.search(question)
        if m:
            runs: list[list[str]] = [[]]
            for w in LETTER_WORD.findall(m.group("x")):
                if w[:1].isupper():
                    runs[-1].append(w)
                elif runs[-1]:
                    runs.append([])
            runs = [r for r in runs if r]
            last = [fold(w) for w in (runs[-1] if runs else []) if len(w) >= 3]
            return last or [fold(w) for r in runs for w in r if len(w) >= 3]
    return []


def speaker_named(question: str, text: str) -> bool:
    """A question of what X said is answered by a sentence that names X (or follows one that does):
    what someone else said about the same thing is a nearby sentence, not an answer."""
    names = _speaker_names(question)
    if not names:
        return True
    # "Syria's Interior Ministry" is the ministry: a sentence that names only Syria quotes someone else
    names = [n for n in names if not is_place(n)] or names
    found = {fold(w) for w in LETTER_WORD.findall(expand_tags(text))}
    return any(close_names(n, w) for n in names for w in found)
