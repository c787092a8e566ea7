"""Numbers a question of how many, how much or how long asks for, and what a count counts: "how many
Australians" is not answered by "13 foreigners, mostly Australians", a sentence that names the thing
asked but puts no number before it, nor by a date, an age or a span."""

from __future__ import annotations

import re
from functools import lru_cache

from briefing.answer.event_checks import stem_in
from briefing.answer.kind_words import MONTHS as _MONTHS
from briefing.answer.kind_words import NUMBER_WORDS
from briefing.answer.kind_words import PREDICATES as _PREDICATES
from briefing.answer.support import COGNATE_PREFIX
from briefing.text.analysis import LETTER_WORD, fold, stopwords

_CUE = re.compile(r"\b(?:how many|combien (?:de|d['’])|number of|nombre (?:de|d['’]))\s*", re.IGNORECASE)
# words, numbers and the punctuation that ends the phrase a number belongs to
_TOKEN = re.compile(r"\d+(?:[.,\u202f ]\d+)*|[^\W\d_]+(?:[-'’][^\W\d_]+)*|[,;:()\[\]«»\"—–]", re.UNICODE)
_OF = frozenset({"of", "de", "d", "des", "du"})
_PLURAL_IRREGULAR = frozenset({"people", "children", "men", "women", "police", "gens"})
_FOLDED_NUMBER_WORDS = frozenset(fold(w) for w in NUMBER_WORDS)
# "the number of protesters rose to 5,000" counts them too
_COUNT_NOUNS = frozenset({"nombre", "number", "total"})
YEAR = re.compile(r"\b(1[5-9]\d{2}|20\d{2})\b")
# a number counts the noun a few words on: "Twenty-five Iranian ballistic missiles", "des dizaines de personnes"
_REACH = 3


@lru_cache(maxsize=1)
def _stop() -> frozenset[str]:
    return stopwords("en") | stopwords("fr")


def counted_nouns(question: str) -> list[str]:
    """The plural nouns of the thing a question of how many counts ("How many Iranian drones did…" →
    drones; "How many bodies of Ukrainian soldiers…" → bodies, soldiers; "Combien d'Australiens…" →
    australiens); none when it names nothing ("How many were killed?")."""
    m = _CUE.search(question)
    if m is None:
        return []
    nouns = []
    for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", question[m.end():])[:5]:
        w = fold(w)
        if w in _OF:
            continue
        if w in _stop():
            break
        if _plural_noun(w):
            nouns.append(w)
    return nouns


def _plural_noun(word: str) -> bool:
    """A folded word that may be the plural noun of things counted: "drones", "morts", "people"."""
    return word in _PLURAL_IRREGULAR or (len(word) > 3 and word[-1] in "sx")


def has_number(sentence: str) -> bool:
    """A number in digits or written out ("trois millions", "Twenty-four")."""
    if re.search(r"\d", sentence):
        return True
    return any(is_number_word(fold(x)) for x in LETTER_WORD.findall(sentence))


def is_number_word(word: str) -> bool:
    """A folded word that writes a number out: "trois", "twenty-five", "milliers"."""
    return word in _FOLDED_NUMBER_WORDS or word.split("-")[0] in _FOLDED_NUMBER_WORDS


def _same_noun(noun: str, word: str) -> bool:
    # cognates share their first letters ("Australiens", "Australians"), as in the word cover
    return word == noun or (len(noun) >= COGNATE_PREFIX and len(word) >= COGNATE_PREFIX
                            and word[:COGNATE_PREFIX] == noun[:COGNATE_PREFIX])


def _names_one_of(nouns: list[str], token: str) -> bool:
    return token[:1].isalpha() and any(_same_noun(noun, fold(token)) for noun in nouns)


def _is_number(token: str) -> bool:
    t = fold(token)
    return t[:1].isdigit() or is_number_word(t) or t in _COUNT_NOUNS


def names_uncounted(question: str, sentence: str) -> bool:
    """The sentence names what the question counts, and never with a number before it: the count it
    holds is of something else. A sentence that does not name the thing (another word for it, another
    language) is left to the other checks."""
    nouns = counted_nouns(question)
    if not nouns:
        return False
    tokens = [t.group(0) for t in _TOKEN.finditer(sentence)]
    found = False
    for i, t in enumerate(tokens):
        if not _names_one_of(nouns, t):
            continue
        found = True
        for before in reversed(tokens[max(0, i - _REACH):i]):
            if not before[:1].isalnum():
                break  # "13 foreigners, mostly Australians": the comma ends the phrase the 13 counts
            if _is_number(before):
                return False
    return found


# what any count may count, whatever the question names: "19 killed" answers how many people
_ANYONE = frozenset({"people", "persons", "personnes", "gens", "individus", "individuals"})


def counts_other(question: str, sentence: str) -> bool:
    """The sentence never names what the question counts and every number in it counts something
    else it names: "Twenty-five Iranian ballistic missiles" is no count of drones. For a sentence in
    the question's language only: across languages the thing is named in words this cannot match."""
    nouns = [n for n in counted_nouns(question) if n not in _ANYONE]
    if not nouns:
        return False
    tokens = [t.group(0) for t in _TOKEN.finditer(sentence)]
    if any(_names_one_of(nouns, t) for t in tokens):
        return False
    counted_any = False
    for i, t in enumerate(tokens):
        if not (t[:1].isdigit() or is_number_word(fold(t))):
            continue
        after = []
        for w in tokens[i + 1:i + 1 + _REACH]:
            if not w[:1].isalpha():
                break
            after.append(fold(w))
        thing = next((w for w in after if _plural_noun(w)), None)
        if thing is None or thing in _ANYONE:
            return False  # "at least 19 are killed", "19 people": it may be the count asked
        counted_any = True
    return counted_any


# a count right after the event it counts: "arrest 13 foreigners", "tuant au moins 22 personnes",
# "killing one person and injuring at least five others"
_HEDGES = frozenset("at least au moins more than plus de over some about environ pres quelque around nearly up to "
                    "jusqu'a".split())
_COUNT_TOKEN = re.compile(r"\d[\d.,]*|[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
_SUM = re.compile(r"(?:\b[a-z]{0,3}\$|[$€£])\s*\d[\d.,]*(?:\s*(?:millions?|billions?|milliards?))?")


def counts_of_other_events(question: str, sentence: str) -> bool:
    """Every count in the sentence comes right after an event that the question does not name: "Thai
    police arrest 13 foreigners for running a fraudulent trading platform" counts the arrested, not
    how many were defrauded. A count with no event before it may be the one asked for; sums of
    money count nobody."""
    q_words = set(re.findall(r"[^\W\d_]+", fold(question)))
    tokens = _COUNT_TOKEN.findall(_SUM.sub(" ", fold(sentence)))
    counts = 0
    for i, t in enumerate(tokens):
        if not ((t[:1].isdigit() and not YEAR.fullmatch(t)) or (t[:1].isalpha() and is_number_word(t))):
            continue
        j = i - 1
        while j >= 0 and i - j <= 3 and tokens[j] in _HEDGES:
            j -= 1
        verb = {tokens[j]} if j >= 0 else set()
        group = next((answers for _, answers in _PREDICATES if any(stem_in(stem, verb) for stem in answers)), None)
        if group is None or any(stem_in(stem, q_words) for stem in group):
            return False
        counts += 1
    return counts > 0


# Units that make a number a span of time, a distance or an age rather than a count of things.
_SPAN_UNITS = frozenset(fold(w) for w in (
    "ans an années année years year yr days day jours jour weeks week semaines semaine months month mois hours hour heures "
    "heure h minutes minute min km kilomètres kilometres kilometers miles mile mètres metres meters m jahre jahren tage "
    "wochen monate stunden años días semanas meses horas").split())
_MONEY_Q = re.compile(r"\bhow much (?:money|does|did|do|is|was|are|were)\b|\bcombien (?:d'argent|co[uû]t|gagn|poss[eè]d|va[lu])"
                      r"|\bquelle (?:somme|fortune)\b|\bworth\b|\bfortune\b|\bwie viel (?:geld|kostet|verdient)\b"
                      r"|\bcu[aá]nto (?:dinero|cuesta|gana)\b", re.IGNORECASE)
_SPAN_Q = re.compile(r"\bhow (?:long|far|old)\b|\bcombien de (?:temps|jours|mois|semaines|ann[ée]es|ans|heures|kilom)"
                     r"|\bdepuis combien\b|\bpendant combien\b|\bquelle (?:distance|dur[ée]e)\b|\bhow many (?:days|weeks|months|"
                     r"years|hours|minutes|km|kilometres|kilometers|miles)\b|\bwie lange\b|\bcu[aá]nto tiempo\b", re.IGNORECASE)
# a question of how long something lasted is answered by a span of time, not any number
_DURATION_Q = re.compile(r"\bhow long (?:did|does|do|has|have|had|will|would)\b|\bcombien de temps\b"
                         r"|\b(?:depuis|pendant|durant) combien\b|\bquelle (?:a été |est |fut )?la dur[ée]e\b|\bwie lange\b"
                         r"|\bcu[aá]nto tiempo\b|\bfor how long\b", re.IGNORECASE)
_DURATION = re.compile(r"(?:\d+|\b[^\W\d_]+(?:-[^\W\d_]+)?)\s+(?:(?:de|of|full|whole|long(?:ue)?s?|entiers?|entières?)\s+)?"
                       r"(?:ans?|années?|years?|jours?|days?|semaines?|weeks?|mois|months?|heures?|hours?|minutes?"
                       r"|nuits?|nights?|décennies|decades?|siècles?|jahre[n]?|tage[n]?|wochen|monate[n]?|stunden|años|días|semanas|meses|horas)\b",
                       re.IGNORECASE)
# "how many N", "combien de N": a count of things
_COUNT_Q = re.compile(r"\bhow many\b|\bcombien (?:de|d['’])|\bwie viele\b|\bcu[aá]nt[oa]s\b|\bquel est le (?:bilan|nombre)\b"
                      r"|\bwhat (?:is|was) the (?:death toll|number)\b|\bdeath toll\b|\bnumber of\b|\bnombre d(?:e\b|['’])",
                      re.IGNORECASE)
_MONEY = re.compile(r"[$€£¥]|\b(?:dollars?|euros?|livres? sterling|pounds?|riyals?|rials?|dinars?|dirhams?|francs?|roubles?|rubles?"
                    r"|yuan|yens?|USD|EUR|GBP|shekels?|livres? [ée]gyptiennes?)\b", re.IGNORECASE)
_NUMBER_TOKEN = re.compile(r"\d+(?:[.,\u202f ]\d+)*|[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
_CLOCK = re.compile(r"^\s*(?:h\b|h\d|:\d)", re.IGNORECASE)


_ORDINAL = frozenset({"st", "nd", "rd", "th", "e", "er", "re", "eme", "ieme"})
_RANGE_WORDS = frozenset({"et", "and", "to", "a", "ou", "or", "bis", "und", "y"})


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number)


def has_count(question: str, sentence: str) -> bool:
    """The sentence holds a number of the kind the question asks for: a sum of money for "how
    much money", a span for "how long" or "how far", and otherwise a count of things — a year,
    the day of a date, a clock time, an age, a span of time, a rank ("51st") or a number the question
    itself gives is no count."""
    if _MONEY_Q.search(question):
        return bool(_MONEY.search(sentence)) and has_number(sentence)
    if _DURATION_Q.search(question):
        return bool(_DURATION.search(sentence))
    if _SPAN_Q.search(question) or not _COUNT_Q.search(question):
        return has_number(sentence)  # "combien mesure…", "how much does it weigh": a measure, any number
    tokens = list(_NUMBER_TOKEN.finditer(sentence))
    asked = {_digits(m.group(0)) for m in _NUMBER_TOKEN.finditer(question) if m.group(0)[:1].isdigit()}
    for i, m in enumerate(tokens):
        word = fold(m.group(0))
        is_digit = word[:1].isdigit()
        if not (is_digit or is_number_word(word)):
            continue
        nxt = fold(tokens[i + 1].group(0)) if i + 1 < len(tokens) else ""
        prev = fold(tokens[i - 1].group(0)) if i > 0 else ""
        if is_digit and YEAR.fullmatch(word.replace(" ", "")):
            continue
        if is_digit and (_digits(word) in asked or (nxt in _ORDINAL and i + 1 < len(tokens)
                                                     and tokens[i + 1].start() == m.end())):
            continue  # "the 51st G7 summit": a rank, or a number the question gives, counts nothing asked
        if nxt in _FOLDED_MONTHS or (is_digit and prev in _FOLDED_MONTHS):
            continue  # "le 16 juin", "June 16": a date
        if nxt in _SPAN_UNITS or (is_digit and _CLOCK.match(sentence[m.end():])):
            continue  # "41 ans", "trois mois", "18h": an age, a span, a time of day
        if nxt in _RANGE_WORDS and i + 3 < len(tokens) and fold(tokens[i + 3].group(0)) in _SPAN_UNITS \
                and fold(tokens[i + 2].group(0))[:1].isdigit():
            continue  # "entre 18 et 40 ans": the low end of a span
        return True
    return False


_FOLDED_MONTHS = frozenset(fold(m) for m in _MONTHS)


def asks_count(question: str) -> bool:
    """"How many", "combien de", "number of": a count of things is asked for."""
    return bool(_COUNT_Q.search(question))


def asks_span_or_sum(question: str) -> bool:
    """"How long", "how far", "how much money": a span or a sum, not a count of things."""
    return bool(_SPAN_Q.search(question) or _MONEY_Q.search(question))
