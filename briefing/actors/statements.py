"""What actors said and whom they met, read from sentences around their mentions.

Lexical rules over fr/en (and common de/es/it) reporting and meeting verbs: a quotation is given to
the person named in its attribution ("…", a déclaré M. Lavrov); reported speech to the subject or
inverted subject of a speech verb; a meeting to the people named in a sentence with a meeting verb,
with the places and time words of that sentence.
"""

from __future__ import annotations

import re

from briefing.actors.models import MeetingRecord, Mention, Statement
from briefing.text.sentences import Sentence

_SPEECH_PP = (
    "déclaré|dit|annoncé|affirmé|indiqué|souligné|ajouté|estimé|expliqué|assuré|averti|prévenu|répondu|confié|"
    "écrit|tweeté|précisé|martelé|insisté|rappelé|dénoncé|promis|jugé|reconnu|démenti|admis|lancé|commenté|"
    "poursuivi|conclu|noté|observé|plaidé|réclamé|exigé|appelé|accusé|prévenu|fait savoir|fait valoir"
)
_SPEECH_PRESENT = "déclare|dit|affirme|estime|explique|ajoute|souligne|assure|annonce|indique|précise|déclara|affirma|ajouta|répond|avertit|prévient"
_SPEECH_EN = (
    "said|says|told|tells|stated|states|announced|announces|declared|added|warned|warns|insisted|claimed|claims|"
    "wrote|writes|tweeted|noted|argued|argues|explained|stressed|asserted|denied|urged|urges|replied|responded|"
    "sagte|erklärte|dijo|declaró|afirmó|ha detto|ha dichiarato|disse"
)
_AUX = r"(?:a|avait|ont|avaient|aurait|a-t-il|a-t-elle|ont-ils|a\s+encore|a\s+également|a\s+aussi)"
# "…, a déclaré mercredi le ministre … Lavrov" and ", said Lavrov": the speaker follows the verb
_INVERTED = re.compile(
    rf",\s*(?:{_AUX}\s+(?:\w+\s+){{0,2}}?(?:{_SPEECH_PP})|(?:{_SPEECH_PRESENT}|{_SPEECH_EN}))\b",
    re.IGNORECASE,
)
# "Lavrov a déclaré que …", "Lavrov said …": the speaker precedes the verb
_DIRECT = re.compile(
    rf"^[\s,]*(?:\([^)]*\)\s*)?(?:{_AUX}\s+(?:\w+\s+){{0,2}}?(?:{_SPEECH_PP})|(?:{_SPEECH_PRESENT}|{_SPEECH_EN}))\b",
    re.IGNORECASE,
)
_ACCORDING = re.compile(r"\b(?:selon|d'après|d’après|according to|laut|según|secondo)\s+$", re.IGNORECASE)
_QUOTE = re.compile(r"«\s*([^»]{15,}?)\s*»|“([^”]{15,}?)”|\"([^\"\n]{15,}?)\"|„([^“”]{15,}?)[“”]")
_MEET = re.compile(
    r"\b(?:rencontr\w*|réuni[se]*|se sont entretenus|s'est entretenu\w*|s’est entretenu\w*|entretien\w* avec|"
    r"a reçu|ont reçu|sommet|tête-à-tête|met|meet|meets|meeting|held talks|talks with|hosted|hosts|"
    r"received|summit|trafen|traf|getroffen|se reunió|se reunieron|reunión|incontrato|ha incontrato)\b",
    re.IGNORECASE,
)
_WHEN = re.compile(
    r"\b(?:aujourd'hui|aujourd’hui|hier|demain|avant-hier|cette semaine|la semaine (?:dernière|prochaine|passée)|"
    r"le mois (?:dernier|prochain)|l'an dernier|l’an dernier|l'année dernière|"
    r"(?:ce |le |dès |)(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)(?: dernier| prochain| soir| matin)?|"
    r"(?:le )?\d{1,2}(?:er)? (?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)(?: \d{4})?|"
    r"today|yesterday|tomorrow|this week|last (?:week|month|year)|next (?:week|month)|earlier this (?:week|month)|"
    r"(?:on |last |next )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}(?:, \d{4})?|"
    r"\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December)(?: \d{4})?)\b",
    re.IGNORECASE,
)
_SPEAKER_TYPES = ("person", "org")
_ATTRIBUTION_REACH = 140  # characters after a closing quotation mark where its attribution may be


def find_statements(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Statement]:
    speakers = sorted((m for m in mentions if m.type in _SPEAKER_TYPES), key=lambda m: m.start)
    out: list[Statement] = []
    quoted: list[tuple[int, int]] = []
    for q in _QUOTE.finditer(text):
        words = next(g for g in q.groups() if g is not None)
        speaker = _quote_speaker(text, q.start(), q.end(), speakers)
        quoted.append((q.start(), q.end()))
        if speaker is None:
            continue
        start = min(q.start(), speaker.start)
        end = max(q.end(), speaker.end)
        out.append(Statement(speaker=speaker.start, text=words.strip(), start=start, end=_extend_to_sentence_end(text, sentences, end)))
    for s in sentences:
        if any(qs < s.end and s.start < qe for qs, qe in quoted):
            continue
        found = _reported_speech(s, [m for m in speakers if s.start <= m.start < s.end])
        if found:
            out.append(found)
    return out


def _quote_speaker(text: str, qs: int, qe: int, speakers: list[Mention]) -> Mention | None:
    line_end = text.find("\n", qe)
    line_end = len(text) if line_end < 0 else line_end
    after = text[qe:min(line_end, qe + _ATTRIBUTION_REACH)]
    if _INVERTED.match("," + after.lstrip(" ,.")) or _INVERTED.search(after[:60]):
        for m in speakers:
            if qe <= m.start < qe + len(after):
                return m
    line_start = text.rfind("\n", 0, qs) + 1
    before = text[max(line_start, qs - _ATTRIBUTION_REACH):qs]
    if re.search(rf"(?:{_SPEECH_PP}|{_SPEECH_PRESENT}|{_SPEECH_EN})\b[^.]*?[:,]?\s*$", before, re.IGNORECASE):
        candidates = [m for m in speakers if qs - len(before) <= m.start < qs]
        if candidates:
            return candidates[-1]
    return None


def _reported_speech(s: Sentence, speakers: list[Mention]) -> Statement | None:
    if not speakers:
        return None
    text = s.text
    inv = _INVERTED.search(text)
    if inv:
        after = [m for m in speakers if m.start - s.start >= inv.end() and m.start - s.start - inv.end() < 120]
        if after and not any(m for m in speakers if 0 <= inv.end() - (m.end - s.start) < 4):
            said = text[:inv.start()].strip(" ,\"«»")
            if len(said) >= 15:
                return Statement(speaker=after[0].start, text=said, start=s.start, end=s.end)
    for m in speakers:
        rest = text[m.end - s.start:]
        # skip a title or appositive between the name and its verb: "Lavrov, ministre…, a déclaré"
        rest_stripped = re.sub(r"^\s*,[^,]{0,80},", "", rest)
        d = _DIRECT.match(rest_stripped)
        if d:
            said = rest_stripped[d.end():].strip(" ,:")
            said = re.sub(r"^(?:que|qu'|qu’|that)\s*", "", said, flags=re.IGNORECASE)
            if len(said) >= 15:
                return Statement(speaker=m.start, text=said, start=s.start, end=s.end)
        before = text[:m.start - s.start]
        if _ACCORDING.search(before):
            said = (before[:_ACCORDING.search(before).start()] + text[m.end - s.start:]).strip(" ,")
            if len(said) >= 15:
                return Statement(speaker=m.start, text=said, start=s.start, end=s.end)
    return None


def _extend_to_sentence_end(text: str, sentences: list[Sentence], end: int) -> int:
    for s in sentences:
        if s.start <= end <= s.end:
            return s.end
    return end


def find_meetings(sentences: list[Sentence], mentions: list[Mention]) -> list[MeetingRecord]:
    out: list[MeetingRecord] = []
    for s in sentences:
        if not _MEET.search(s.text):
            continue
        inside = [m for m in mentions if s.start <= m.start < s.end]
        people = [m for m in inside if m.type in ("person", "org")]
        if len({m.surface for m in people}) < 2:
            continue
        places = _meeting_places(s, inside, _MEET.search(s.text).end())
        when = _WHEN.search(s.text)
        out.append(MeetingRecord(
            participants=[m.start for m in people], places=places,
            when=when.group(0).strip() if when else None, start=s.start, end=s.end,
        ))
    return out


_LOCATIVE = re.compile(r"(?:\b(?:à|au|aux|en|in|at|dans|near|près de|in der|en el|a)\s+(?:la |le |l'|l’|the )?)$", re.IGNORECASE)
_CHAINED = re.compile(r"^\s*,?\s*(?:(?:en|in|au|aux)\s+(?:la |le |l'|l’|the )?)?$", re.IGNORECASE)
_PLACE_REACH = 80  # characters after the meeting verb where its place is told


def _meeting_places(s: Sentence, inside: list[Mention], verb_end: int) -> list[int]:
    """Where they met: the first place after a locative preposition near the verb ("à Riyad"),
    then places chained to it ("à Riyad, en Arabie saoudite"); not every place of the sentence."""
    places = [m for m in inside if m.type == "place"]
    located = [m for m in places if _LOCATIVE.search(s.text[:m.start - s.start])]
    near = [m for m in located if 0 <= m.start - s.start - verb_end <= _PLACE_REACH]
    first = near[0] if near else (located[0] if located else None)
    if first is None:
        return []
    out = [first]
    for m in places:
        if m.start > out[-1].start and _CHAINED.match(s.text[out[-1].end - s.start:m.start - s.start]):
            out.append(m)
    return [m.start for m in out]
