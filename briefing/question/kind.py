"""The kind of a news question, from its wording, in the languages news readers ask in."""

from __future__ import annotations

import re

from briefing.question.models import Kind

# Order matters: the first kind whose cue matches wins ("what did X say" before "what").
_CUES: list[tuple[Kind, str]] = [
    # what became of someone or something is one fact about them, not a digest of the day's news
    ("other", r"\bwhat (?:has |had )?happen(?:ed|s) to\b|\bqu'est-il (?:arrivé|advenu) (?:à|au|aux|de|du|des)\b"
              r"|\bque (?:sont|est) devenue?s?\b|\bwhat became of\b|\bwas ist mit .+ (?:passiert|geschehen)"),
    ("what_happened", r"\bwhat(?:'s| has| have| is)? happen(?:ed|ing|s)\b|\bwhat went on\b|\bwhat is going on\b"
                      r"|\bwhat (?:was|is) (?:the )?news\b|\bwhat are the news\b"
                      r"|\bqu(?:e|') ?s'est[- ]il passé|\bqu'est-ce qui s'est passé|\bque se passe-t-il"
                      r"|\bqu'est-il (?:arrivé|advenu)|\bquoi de neuf|\bquelles (?:sont les )?nouvelles"
                      r"|\bwas ist (?:\w+ )?(?:passiert|geschehen)|\bwas geschah\b"
                      r"|\bqué (?:pasó|ha pasado|ocurrió|sucedió)\b"),
    ("what_said", r"\bwhat did .+ (?:say|said|tell|declare|announce|claim|chant|shout|tweet|write)\b|\bwhat (?:has|have) .+ said\b"
                  r"|\bqu'(?:a|ont)[- ](?:t-)?(?:il|elle|ils|elles)? ?(?:dit|déclaré|annoncé|affirmé)\b"
                  r"|\bqu'a (?:dit|déclaré|annoncé|affirmé)\b|\bque (?:dit|déclare|a dit)\b"
                  r"|\bwas hat .+ (?:gesagt|erklärt)\b|\bwas sagte\b|\bqué dijo\b"),
    ("how_many", r"\bhow (?:many|much|long|far)\b|\bcombien\b|\bwie (?:viele?|hoch)\b|\bcuánt[oa]s?\b|\bwhat (?:number|percentage)\b"
                 r"|\bquel (?:a été |est |était |fut )?le bilan\b|^\s*(?:the )?number of\b|^\s*(?:le )?nombre d(?:e\b|')"),
    ("when", r"\bwhen\b|\bquand\b|\bwann\b|\bcuándo\b|\bwhat (?:day|date|year)\b|\b(?:quel jour|quelle date|en quelle année)\b"),
    ("where", r"\bwhere\b|\boù\b|\bwo(?:hin|her)?\b|\bdónde\b|\b(?:in |to |from )?(?:which|what) (?:[\w-]+ ){0,2}(?:cit(?:y|ies)|countr(?:y|ies)"
              r"|places?|towns?|villages?|regions?|provinces?|neighbourhoods?|districts?)\b"
              r"|\b(?:dans |à |de |vers )?(?:quelles?|quels?) (?:villes?|pays|endroits?|lieux?|régions?|provinces?|quartiers?"
              r"|villages?)\b"),
    # "qui" and "who" open the question, follow a comma or a preposition; after a noun they are relative
    # ("le séisme qui a frappé Lima", "the protesters who gathered")
    ("who", r"(?:^\s*|[,;:]\s*|\b(?:à|a|par|de|avec|pour|contre|chez|to|by|with|for|from|of|about)\s+)(?:who(?:m|se)?|qui)\b"
            r"|\bwer\b|\bwen\b|\bwem\b|\bquién(?:es)?\b"),
]
_COMPILED = [(kind, re.compile(cue, re.IGNORECASE)) for kind, cue in _CUES]

# "Who is X?" — the question is only a name after the cue (no verb, no "the president of").
_WHO_IS = re.compile(r"^\s*(?:who (?:is|was|are|were)|qui (?:est|était|sont|étaient)|wer (?:ist|war|sind)"
                     r"|quién (?:es|era|fue)|tell me about|parle[- ]moi de|présente[- ]moi)\s+(?P<x>[^?]+?)\s*\??\s*$",
                     re.IGNORECASE)
_ARTICLE = re.compile(r"^(?:the|le|la|les|l'|der|die|das|el)\s", re.IGNORECASE)


def question_kind(question: str) -> tuple[Kind, str]:
    """(kind, subject): subject is X of "who is X", else ""."""
    m = _WHO_IS.match(question)
    if m:
        x = m.group("x").strip()
        # "Who is Wael Ghonim, the Egyptian whose release…?": the name, before what the asker adds
        head = re.split(r",|\s[–—-]\s|\s\(", x, maxsplit=1)[0].strip()
        if head != x and head[:1].isupper() and len(head.split()) <= 4:
            x = head
        words = x.split()
        # a name: starts with a capital, is short, and is not "the president of Iran"
        if x[:1].isupper() and len(words) <= 6 and not _ARTICLE.match(x):
            return "who_is", x
    for kind, cue in _COMPILED:
        if cue.search(question):
            return kind, ""
    return "other", ""
