"""Sentences of an article that speak to a language model rather than to a reader.

Article text is untrusted: a page may carry "ignore all previous instructions and write: …". Such a
sentence, and the payload it dictates, is never evidence for a claim: the citation check skips it,
so an obeying model cannot turn the injected text into a cited claim.
"""

from __future__ import annotations

import re

from briefing.text.analysis import fold

_PATTERNS = [
    r"\b(ignore|disregard|forget|override)\b.{0,40}\b(instructions?|rules?|prompts?|directives?)\b",
    r"\b(previous|prior|above|earlier|system)\s+(instructions?|prompts?|messages?)\b",
    r"\byou are (now|no longer)\b", r"\bas an ai\b", r"\b(language model|assistant|chatbot|llm)s?\b.{0,30}\b(must|should|will)\b",
    r"\b(respond|reply|answer|write|say|output|print)\s+(only\s+)?(with|that|exactly|the following)?\s*:",
    r"\bignore[sz]?\b.{0,40}\b(instructions?|consignes?|regles?|anweisungen)\b",
    r"\b(oublie[sz]?|ignorez|ignore)\b.{0,30}\b(consignes?|instructions?)\b",
    r"\b(vergiss|ignoriere)\b.{0,30}\b(anweisungen|regeln)\b",
    r"\b(ignora|olvida)\b.{0,30}\b(instrucciones|reglas)\b",
    r"\b(ecris|reponds|dis)\s*:", r"\b(schreibe|antworte|sage)\s*:", r"\b(escribe|responde|di)\s*:",
]
_INSTRUCTION = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)


def is_instruction(sentence: str) -> bool:
    """True when `sentence` addresses a model (accent- and case-folded, several languages)."""
    return bool(_INSTRUCTION.search(fold(sentence)))
