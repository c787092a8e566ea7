"""Junk filter: spans the NER pipelines tag that are not actors.

Small pipelines tag salutations ("Chers lecteurs"), role phrases ("ministre russe des Affaires
étrangères"), capitalised pronouns at sentence start ("Votre") and generic nouns ("Etat"). The
rules here are lexical and explainable; each rejection says why.
"""

from __future__ import annotations

import re

from briefing.actors.folding import TITLE_WORDS, ascii_fold

_SALUTATIONS = {
    "cher", "chers", "chere", "cheres", "dear", "hello", "bonjour", "merci", "thanks", "thank", "bienvenue",
    "welcome", "liebe", "lieber", "queridos", "queridas", "estimados", "cari", "care", "caro", "abonnez", "subscribe",
    "soutenez", "donate", "faites",
}
# Capitalised function words that the pipelines take for names at the start of a sentence.
_FUNCTION_WORDS = set(
    """votre vos notre nos nous vous je tu il elle ils elles on ce cet cette ces ceci cela ca celui celle leur leurs
    mon ma mes ton ta tes son sa ses un une des les le la l du de d au aux et ou mais donc or ni car si selon
    pour par sur sous dans avec sans chez entre apres avant pendant depuis quand comme tout tous toute toutes
    aucun aucune chaque plusieurs quel quelle quels quelles qui que quoi dont ou alors ainsi aussi enfin
    the a an this that these those your our my his her its their we you he she they it i me us them
    and or but so if when while after before since during with without for from by on in at of to as
    all any each every some no not yes here there what which who whom whose where why how
    der die das ein eine und oder ich du er sie es wir ihr el los las una y o yo tu nosotros il lo gli e""".split()
)
_GENERIC = set(
    """etat etats state states gouvernement government ministere ministry ministere ministeres parlement assemblee
    president presidente presidence presidency premier ministre minister secretaire secretary conseil council
    armee army police justice cour court tribunal senat senate congres congress opposition regime pouvoir
    republique republic royaume kingdom empire nation nations pays country region province ville city capitale
    capital nord sud est ouest north south east west centre center occident orient west east internet web
    dieu god allah islam monsieur madame lundi mardi mercredi jeudi vendredi samedi dimanche
    monday tuesday wednesday thursday friday saturday sunday janvier fevrier mars avril mai juin juillet aout
    septembre octobre novembre decembre january february march april may june july august september october
    november december photo video image source lire voir read see update mise jour breaking live direct""".split()
)
_HAS_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


# French nationality nouns ("Syriens", "Libanais", "Américains") that the French pipeline tags as places.
_DEMONYM = re.compile(r"^[A-ZÉ][\w-]*(?:iens|iennes|ienne|ien|yens|yennes|yenne|yen|éens|éennes|éenne|éen|ais|aises|aise|ains|aines|ois|oises|oise)$")
_NOT_DEMONYMS = {"amiens", "valenciennes", "bahrain", "bahrein", "ukraine", "jourdain", "maine", "lorraine", "vilnius"}


def demonym(surface: str) -> bool:
    text = surface.strip()
    return " " not in text and bool(_DEMONYM.match(text)) and ascii_fold(text) not in _NOT_DEMONYMS


def junk_reason(surface: str) -> str | None:
    """Why `surface` is not an actor name, or None when it may be one."""
    text = surface.strip()
    if len(text) < 2 or not _HAS_LETTER.search(text):
        return "too short or no letters"
    if "@" in text or "://" in text or text.startswith("#"):
        return "handle, hashtag or address"
    words = text.split()
    if len(words) > 7:
        return "too long for a name"
    first = ascii_fold(words[0]).strip(".,;:!?\"'«»“”()")
    if first in _SALUTATIONS:
        return "salutation"
    if not any(w[:1].isupper() for w in words if w[:1].isalpha()) and _is_cased(text):
        return "no capitalised word"
    if words[0][:1].islower() and _is_cased(words[0]) and (first in TITLE_WORDS or _strip_elision(first) in TITLE_WORDS):
        return "role phrase"
    folded = [ascii_fold(w).strip(".,;:!?\"'«»“”()") for w in words]
    if all(w in _FUNCTION_WORDS for w in folded):
        return "function words"
    if len(words) == 1 and (folded[0] in _GENERIC or _strip_elision(folded[0]) in _GENERIC):
        return "generic noun"
    if len(words) > 1 and folded[0] in _FUNCTION_WORDS and folded[0] not in {"le", "la", "les", "the", "l", "de", "el", "al", "du", "des"} \
            and words[0][:1].isupper():
        return "starts with a function word"
    return None


def _is_cased(text: str) -> bool:
    return text.lower() != text.upper()


def _strip_elision(word: str) -> str:
    return re.sub(r"^[ld]'", "", word)
