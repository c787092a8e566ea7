"""Does a sentence hold the kind of fact the question asks for?

A question of how many wants a number, one of when a date, one of where or who a name the
question does not already give. A sentence about the right people that lacks it is a nearby
sentence, not an answer: the support check weighs this, and a question of how many is never
answered by a sentence without any number.
"""

from __future__ import annotations

import re

from briefing.answer.attribution import asks_speaker, speaker_event_missing, speaker_named
from briefing.answer.counted import YEAR as _YEAR
from briefing.answer.counted import (asks_count, asks_span_or_sum, counts_of_other_events, counts_other, has_count,
                                     has_number, names_uncounted)
from briefing.answer.event_checks import SOURCE, outcome_missing, predicates_missing, shares_event, still_held
from briefing.answer.kind_words import CUES as _CUES
from briefing.answer.kind_words import DAY_WORDS as _DAY_WORDS
from briefing.answer.kind_words import GROUP_NOUNS, PERSON_NOUNS, PLACE_NOUNS
from briefing.answer.kind_words import MONTHS as _MONTHS
from briefing.answer.kind_words import TIME_WORDS as _TIME_WORDS
from briefing.answer.named_slots import close_names as _close
from briefing.answer.named_slots import is_place as _a_place
from briefing.answer.named_slots import place_missing, slot_noun, slot_unnamed
from briefing.answer.statement_filter import introduces_quote
from briefing.text.analysis import LETTER_WORD, fold

_SPEECH = re.compile(
    r"\b(?:say|says|said|saying|tell|tells|told|announce[sd]?|declare[sd]?|state[sd]?|claim(?:s|ed)?|warn(?:s|ed)?"
    r"|tweet(?:s|ed)?|write[s]?|wrote|chant(?:s|ed|ing)?|shout(?:s|ed|ing)?|slogans?|scand\w*|cri(?:e|ent|aient|ait|é|és)|call(?:s|ed)? (?:for|on)|demand(?:s|ed)?|insist(?:s|ed)?|according to"
    r"|dit|disent|dire|déclar\w*|annonc\w*|affirm\w*|a indiqué|indique\w*|estim\w*|expliqu\w*|écri\w*|tweet\w*"
    r"|selon|promet\w*|promis|exig\w*|réclam\w*|accus\w*|prédit|appel\w* à"
    r"|sagt\w*|erklärt\w*|kündigt\w*|dijo|dice|afirm\w*|anunci\w*)\b|:\s", re.IGNORECASE)
# words in quotation marks are someone's words: four or more, or a sentence that opens or closes on
# them; two or three ("médiateur du conflit") are a phrase the writer marks, not speech
# (German opens with „ and closes with “)
_QUOTED = re.compile(r"[«“„\"]\s*[^«»“”„\"]*?(?:\S+\s+){3}[^«»“”„\"]*?[»”“\"]|^\s*[«“„\"]|[»”“\"]\s*$")
_AGE = re.compile(r"\b\d{1,3}\s*(?:ans|years?|-year-old|jahren?|jährig\w*|años)\b|\baged? \d{1,3}\b|,\s*\d{1,3}\s*(?:ans)?,"
                  r"|\b(?:âgée? de|im alter von|a los|at the age of) \d{1,3}\b",
                  re.IGNORECASE)
_ASKS_SPEECH = re.compile(
    r"\bwhat (?:did|does|has|have) .+ (?:say|said|tell|told|declare|announce|claim|write|tweet|chant|shout|call for"
    r"|demand|urge)\b"
    r"|\bqu['’ ](?:a|ont)(?:-t-(?:il|elle))? (?:dit|declare|annonce|affirme|ecrit)\b|\bque (?:dit|declare|disai\w*|disent)\b"
    r"|\bquels? (?:propos|paroles)\b|\bwhat (?:remarks|comments|words)\b"
    r"|\bwas (?:hat|sagte|sagt) \b|\bque dijo\b")
_RELAYED = re.compile(r"^\s*(?:RT\s+)?@(\w+)")
# A question of who said or announced something, on its folded wording
# (not "wrote": who wrote a poem asks for its author, not for something said)
_SAYING = re.compile(r"\b(?:announc\w*|declar\w*|said|say|says|told|tell|claim\w*|tweet\w*|warn\w*"
                     r"|annonc\w*|a dit|ont dit|affirm\w*|prevenu|averti)\b")
# when something was meant to happen: "planned to", "due to", "devait", "prévu"
_PLANNED_Q = re.compile(r"\b(?:planned|scheduled|due to|supposed to|meant to|prevue?s?|programmee?s?|devai(?:t|ent)|censee?s?)\b")
_CLOCK_Q = re.compile(r"\b(?:a|vers) quelle heure\b|\b(?:at )?what time\b|\bum wie viel uhr\b|\ba que hora\b")
_CLOCK_TIME = re.compile(r"\b\d{1,2}(?:\s?h(?:\d{2})?|\s?heures?|:\d{2}|\s?[ap]\.?m\b\.?|\s?uhr|\s?o'clock)(?!\w)"
                         r"|\b(?:midi|minuit|noon|midnight)\b", re.IGNORECASE)
_BIRTH = ("born", "birth", "ne ", "nee ", "naissance", "geboren", "nacio", "nacimiento")


# what something is called: its name or title ("what was the Facebook event called", "quel est l'intitulé du texte")
_ASKS_TITLE = re.compile(r"\bwhat (?:is|was|were|are) (?:[\w'’-]+\s+){1,14}?(?:called|named|known as)\b|\bwhat name\b"
                         r"|\bwhat (?:is|was) the (?:title|name) of (?:the|a|an|this|that|its|his|her|their)\b"
                         r"|\bquel(?:le)? (?:est|etait|fut) (?:le nom|l'intitule|le titre)\b|\bquel nom\b|\bsous quel nom\b"
                         r"|\bcomment (?:s'appel\w*|se nomm\w*|(?:a|ont) ete (?:appele|baptise|nomme)\w*)\b")
# the men's and the women's event of one sport are two stories
_MEN = re.compile(r"\b(?:men's|men|mens|messieurs|masculin\w*|hommes)\b")
_WOMEN = re.compile(r"\b(?:women's|women|womens|dames|feminin\w*|femmes)\b")
_SCORE_Q = re.compile(r"\b(?:what (?:is|was) the (?:final )?score|quel (?:a ete|est|etait|fut) le score|score final|final score)\b")
_SCORE = re.compile(r"\b\d{1,3}\s*[-–—:]\s*\d{1,3}\b|\b\d{1,3} (?:a|à|to) \d{1,3}\b")


def _other_sex(question: str, sentence: str) -> bool:
    for asked, other in ((_MEN, _WOMEN), (_WOMEN, _MEN)):
        if asked.search(question) and not other.search(question) and other.search(sentence) \
                and not asked.search(sentence):
            return True
    return False


_PRONOUN_START = re.compile(r"^\s*(?:il|elle|ils|elles|he|she|they)\b", re.IGNORECASE)
_WHO_IS = re.compile(r"^\s*(?i:who (?:is|was)|qui (?:est|était)|wer (?:ist|war)|quién (?:es|era))\s+[A-ZÀ-Ý]")


_WHO_IS_END = re.compile(r"[,?;(]|\s(?:qui|who|wer|quien|that|dont)\s")
_CUE_PUNCTUATION = re.compile(r"[?!,;:.()«»\"“”]")


def asks_who_is(question: str) -> bool:
    """"Who is X?": a description of someone named, not another name."""
    return bool(_WHO_IS.match(question))


_RELATIVE_CUES = frozenset({"who", "whom", "whose", "qui"})
# a preposition before "qui" or "who" asks about a person ("à qui", "par qui", "to whom"); a noun makes it relative
_BEFORE_WHO = frozenset("a par de avec pour contre chez envers sur to by with for from of about".split())


# what may be set in front of the question proper: "Selon l'agence, qui a annoncé…", "On 3 July, who…"
_FRONTED = frozenset("selon according d'apres d apres in on en le la lors during after apres depuis since at a au dans "
                     "pendant durant".split())
_AFTER_COMMA = re.compile(r"[,;:]\s*(?:qui|who|whom|whose)\b")


def _opens_question(q: str, at: int, question: str) -> bool:
    before = q[:at].split()
    if not before or before[-1] in _BEFORE_WHO:
        return True
    return before[0] in _FRONTED and bool(_AFTER_COMMA.search(fold(question)))


def expected_fact(question: str) -> str | None:
    """number, time, place or person: what the question asks for, from its wording."""
    if _WHO_IS.match(question):
        return None  # "who is X" asks for a description, not another name
    # punctuation parts words from the cue: "Which city, Gaddafi's stronghold, fell…"
    q = f" {' '.join(_CUE_PUNCTUATION.sub(' ', fold(question)).split())} "
    if _ASKS_SPEECH.search(q):
        return None  # "what did X say when Assad falls": words said, whatever they hold
    # the first question word decides: "who was arrested when the police came" asks for a person
    found = []
    for kind, cues in _CUES.items():
        at = [(q.find(f" {c.strip()} " if not c.startswith(" ") else c), c.strip()) for c in cues]
        # "du séisme qui a frappé Lima", "the protesters who gathered": a relative pronoun, not the question's
        at = [i for i, c in at if i >= 0 and (c not in _RELATIVE_CUES or _opens_question(q, i, question))]
        if at:
            found.append((min(at), kind))
    return min(found)[1] if found else None


def slot_fact(question: str) -> str | None:
    """"person" for a question of which one of a kind of people or bodies ("which armed group
    claimed…", "quel golfeur a remporté…"), whose answer names someone, "place" for one of a kind
    of places ("dans quel hôpital…")."""
    noun = slot_noun(question)
    if noun in _WHO_NOUNS:
        return "person"
    if noun in _WHERE_NOUNS:
        return "place"
    return None


_WHO_NOUNS = frozenset(fold(w) for w in PERSON_NOUNS | GROUP_NOUNS)
_WHERE_NOUNS = frozenset(fold(w) for w in PLACE_NOUNS)


_ERA = re.compile(r"\d|\b(?:siècles?|century|centuries|décennies?|decades?|époque|era|jahrhunderts?|siglos?|"
                  r"printemps|été|automne|hiver|spring|summer|autumn|winter|fin|début|end|beginning)\b", re.IGNORECASE)


def can_date(sentence: str) -> bool:
    """Any wording that can date something: a date, a number (a year "987"), a century, a season."""
    return has_time(sentence) or bool(_ERA.search(sentence))


_DAY_OF_MONTH = re.compile(r"\b\d{1,2}(?:er)?[ /.-](?:\d{1,2}|[^\W\d_]{3,})")


def _dates_with(sentence: str, words: frozenset[str] | set[str]) -> bool:
    if _YEAR.search(sentence) or _DAY_OF_MONTH.search(sentence):
        return True
    return any(fold(w) in words for w in LETTER_WORD.findall(sentence))


def gives_date(sentence: str) -> bool:
    """A year, a month, a day of the month or of the week: what answers "when", where "for months"
    or "since" (`has_time`) only place it loosely."""
    return _dates_with(sentence, _DAY_WORDS)


def has_time(sentence: str) -> bool:
    return _dates_with(sentence, _TIME_WORDS)


def new_names(sentence: str, question: str, *, places: bool = True) -> int:
    """Capitalised words past the first that the question does not already hold, in any spelling:
    "Syrie" in a French sentence is the question's "Syria", no new name. Without `places`, the
    countries and cities of the shipped gazetteer do not count: "au Yémen" names no one."""
    asked = {fold(w) for w in LETTER_WORD.findall(question)}
    found = LETTER_WORD.findall(sentence)
    return sum(1 for w in found[1:] if w[:1].isupper() and len(w) > 1 and fold(w) not in asked
               and not any(_close(fold(w), a) for a in asked if a[:1] == fold(w)[:1])
               and (places or not _a_place(w)))


def fits_kind(question: str, sentence: str) -> float:
    """1.0 when the sentence holds the kind of fact asked for (or the question asks no kind), else 0.0."""
    kind = expected_fact(question)
    if kind is None:
        return 1.0
    if kind == "number":
        return 1.0 if has_number(sentence) else 0.0
    if kind == "time":
        return 1.0 if has_time(sentence) else 0.0
    return 1.0 if new_names(sentence, question) else 0.0


def reports_speech(sentence: str) -> bool:
    return bool(_SPEECH.search(sentence) or _QUOTED.search(sentence))


def introduced(before: str) -> bool:
    """The sentence before hands over to this one as what someone said: "Aux Emirats Arabes Unis,
    Sultan Al Qassemi tweete :" followed by the tweet, as blogs quote."""
    return before.rstrip(" »\"”’)]").endswith(":") and reports_speech(before[:-1].rstrip(" :"))


def _asks(question: str, cues) -> bool:
    q = " " + " ".join(re.sub(r"[?'’]", " ", fold(question)).split()) + " "
    return any(f" {c}" in q for c in cues)


# The event words are listed in full for these languages only: on a sentence in another language an
# unlisted wording ("punktete", "verbannt") would look like a missing event.
EVENT_LANGUAGES = frozenset({"en", "fr"})


def must_abstain(question: str, sentence: str, sentence_lang: str | None = None, *, before: str = "",
                 single_report: bool = False, other_language: bool = False, passage: str = "",
                 dated: bool = True) -> bool:
    """The sentence cannot answer this kind of question, however close it is: a question of how
    many without a count of the thing (a date, an age or a span of time is none), of how much
    money without a sum, of how old without an age, of birth without a year, of what someone said
    without reported speech or without naming them (in it or in the sentence `before` it), of why
    without a cause or purpose, of when without a date (unless it is a `single_report`, a short
    item of that one event dated by its article, or names the event), or of an event (killed, arrested, born, elected…) it never names;
    nor does one of a `dated` news story that brings in unnamed the thing whose name is asked
    ("which river": "a river"; an encyclopedia names a concept with common words: "une action
    antibiotique"), or one that counts in another place than the one asked about, named nowhere in
    its `passage`."""
    if _asks(question, ("how old", "quel age", "wie alt", "que edad")):
        return not _AGE.search(sentence)
    # which one of a kind is read as who or where in news stories, where it was measured
    cue_fact = expected_fact(question)
    fact = cue_fact or (slot_fact(question) if dated else None)
    folded = fold(question)
    speech = bool(_ASKS_SPEECH.search(folded))
    if fact == "number" and not has_count(question, sentence):
        return True
    if fact == "number" and dated and names_uncounted(question, sentence):
        return True  # "how many Australians" over "13 foreigners, mostly Australians"
    if fact == "number" and dated and sentence_lang is not None and not other_language \
            and not asks_span_or_sum(question) and counts_other(question, sentence):
        return True  # "how many drones" over "Twenty-five Iranian ballistic missiles"
    if fact == "number" and dated and sentence_lang in EVENT_LANGUAGES and asks_count(question) \
            and not asks_span_or_sum(question) and counts_of_other_events(question, sentence):
        return True  # "how many were defrauded" over "police arrest 13 foreigners"
    if fact == "number" and place_missing(question, f"{passage} {before} {sentence}"):
        return True  # "how many died in Haifa" over the dead of Bat Yam
    if fact == "time" and _asks(question, _BIRTH) and not _YEAR.search(sentence):
        return True
    if fact == "time" and _CLOCK_Q.search(folded) and not _CLOCK_TIME.search(sentence):
        return True  # "at what time" wants the hour, not the day
    if fact == "time" and _PLANNED_Q.search(folded) and not gives_date(sentence):
        return True  # the day something was planned for is no article's date: "planned to assassinate" over the veto
    if fact == "time" and not can_date(sentence) and not single_report \
            and not shares_event(question, sentence):
        # with no date of its own a sentence answers "when" only as the report of the event itself:
        # a news item of that one event ("Russia returns the bodies…", `single_report`), or one that
        # names the event asked about; its article's date is then the answer
        return True
    if speech and not reports_speech(sentence) and not introduced(before):
        return True
    if dated and fact in ("person", "place") and slot_unnamed(question, sentence):
        return True  # "which river" over "a bridge over a river collapses"
    # "who reported…" over a quote: the line before it that hands over names who ("X nous apprend :")
    speaker = fact == "person" and asks_speaker(question) and introduces_quote(before)
    if fact == "person" and _SAYING.search(SOURCE.sub(" ", folded)) and not reports_speech(sentence) \
            and not speaker and (sentence_lang is None or sentence_lang in EVENT_LANGUAGES):
        # "who announced that Morsi was no longer president" is answered by the announcement, not
        # by the sentence that states what was announced
        return True
    # a relayed tweet is its author's: "@user: … George Clooney …" is not what Clooney said
    handle = _RELAYED.match(sentence)
    said_by = f"{before} {handle.group(1)}" if handle else f"{before} {sentence}"
    if speech and not speaker_named(question, said_by):
        return True
    if _ASKS_WHY.search(question) and not _GIVES_WHY.search(sentence):
        return True
    if outcome_missing(question, sentence):
        return True  # "what became of X after his arrest" over "X was arrested"
    # "Il a été arrêté…": the sentence before names whom "il" is
    naming = f"{before} {sentence}" if _PRONOUN_START.match(sentence) or speaker else sentence
    who = _WHO_IS.match(question)
    if who and not same_person(_WHO_IS_END.split(question[who.end() - 1:])[0], [naming]):
        return True  # "who is Ruwayda Mustafah" is not answered by what describes someone else
    if other_language and fact == "person" and not new_names(naming, question, places=False):
        # across languages "who" is answered by a name the question does not hold: a description
        # ("le gouvernement fédéral") is matched by the words of the question's own language only
        return True
    if fact == "person" and cue_fact is None and not new_names(naming, question):
        return True  # "which newspaper reported…", "quel émissaire…": a name answers, in any language
    if dated and _ASKS_TITLE.search(folded) and not new_names(naming, question):
        return True  # "what was the event called" is answered by a name the question does not give
    # the event words are checked where a question asks for a fact about it (who did it, how many,
    # where, when); "what is the goal of…" asks for a description the sentence may word otherwise
    if sentence_lang is not None and sentence_lang not in EVENT_LANGUAGES:
        return False
    if still_held(question, sentence):
        return True
    if dated and _other_sex(folded, fold(sentence)):
        return True  # "the men's singles final" over the women's final
    if dated and _SCORE_Q.search(folded) and not _SCORE.search(sentence):
        return True  # "what was the score" wants "6–3", not "in 6 games"
    if speaker:
        return speaker_event_missing(question, sentence, before, passage)
    return fact is not None and predicates_missing(question, sentence, context=f"{passage} {before}", news=dated)


# A question of why or of what for, and the words a sentence gives a cause or a purpose with.
_ASKS_WHY = re.compile(r"\b(?:why|pourquoi|warum|por qué|purpose|goal|aim|objective|reason|objectif|raison|motif"
                       r"|quel est le but|dans quel but|zweck|grund)\b", re.IGNORECASE)
_GIVES_WHY = re.compile(
    r"\b(?:to|in order|so that|because|since|as|due to|over|after|against|aim\w*|goal|purpose|for|demand\w*|protest\w*"
    r"|pour|afin|parce|car|en raison|à cause|suite|contre|vis\w*|but|objectif|réclam\w*|exig\w*|demand\w*|protest\w*|après"
    r"|um|weil|wegen|gegen|para|porque|contra)\b", re.IGNORECASE)


_PARTICLES = frozenset("al el ben bin ibn abu de du la le van von der".split())


def same_person(asked: str, names) -> bool:
    """The name asked about is one of these names: its last name (Bashir, Moubarak) is among
    theirs in some spelling, not just a first name that many share (Omar, Mohamed)."""
    tokens = [t for t in re.findall(r"[^\W\d_]+", fold(asked)) if len(t) >= 3 and t not in _PARTICLES]
    if not tokens:
        return True
    theirs = {t for n in names for t in re.findall(r"[^\W\d_]+", fold(n)) if len(t) >= 3}
    return any(_close(tokens[-1], t) for t in theirs)


_ACCORDING = re.compile(r"\b(?:according to|selon|d['’]après|laut|según)\b", re.IGNORECASE)


def asks_speech(question: str) -> bool:
    """What someone said, or a fact as someone gives it ("according to Amnesty")."""
    return bool(_ASKS_SPEECH.search(fold(question)) or _ACCORDING.search(question))
