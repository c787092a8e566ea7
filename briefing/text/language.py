"""Language identification that holds up on one-line questions as well as on articles."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

# langid alone guesses wildly on short questions ("Who met in Riyadh?" → Somali), so short
# texts are first scored on function words of the languages news readers use most.
_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the a an of and or in on at to is are was were who what when where why how which did does do has have had be been will would with for from by about this that it they he she we you not their his her its as".split()),
    "fr": frozenset("le la les un une des du de et ou en au aux à qui que quoi quand où pourquoi comment quel quelle quels quelles est sont était ont a ai été sera avec pour par sur dans ce cette ces il elle ils elles nous vous on ne pas se s leur leurs son sa ses l d qu c n".split()),
    "de": frozenset("der die das ein eine einen und oder in im am an zu ist sind war waren wer was wann wo warum wie welche welcher hat haben hatte wird wurde mit für von auf über nicht sich den dem des sie er es wir ihr".split()),
    "es": frozenset("el la los las un una unos unas de del y o en a al que quién quien qué cuándo dónde por para con es son fue fueron ha han se su sus no lo como cuál cual este esta".split()),
    "it": frozenset("il lo la i gli le un una di del della e o in a al che chi cosa quando dove perché come è sono era ha hanno con per su non si suo sua".split()),
    "pt": frozenset("o a os as um uma de do da dos das e ou em no na ao que quem quando onde por para com é são foi foram tem se seu sua não como qual".split()),
    "nl": frozenset("de het een en of in op aan te is zijn was waren wie wat wanneer waar waarom hoe welke heeft hebben met voor van door niet zich".split()),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Languages langid may answer with: the world's major news languages. Unrestricted it picks
# rare languages for short or name-heavy text.
_LANGS = ["en", "fr", "de", "es", "it", "pt", "nl", "ru", "uk", "pl", "ar", "zh", "ja", "ko", "tr",
          "fa", "he", "hi", "sv", "da", "no", "fi", "cs", "ro", "hu", "el", "id", "vi", "ca"]


@lru_cache(maxsize=1)
def _identifier():
    """py3langid's model, restricted to _LANGS. Its packaged file is LZMA-compressed and takes about
    0.6 s to unpack on every start (measured: most of a cold `briefing ask`); the restricted model is
    kept in the user's cache folder and loads in about 0.1 s."""
    from importlib.metadata import version

    from briefing.load_cache import cached

    return cached("langid", [version("py3langid"), ",".join(_LANGS)], _build_identifier)


def _build_identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(_LANGS)
    ident._full_model = (ident.nb_ptc, ident.nb_pc, ident.nb_classes)  # the unrestricted model is never used
    return ident


def _model_cache_path() -> Path:
    from importlib.metadata import version

    from briefing.load_cache import cache_path

    return cache_path("langid", [version("py3langid"), ",".join(_LANGS)])


def _stopword_vote(text: str) -> str | None:
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return None
    # apostrophes split "s'est" into "s", "est": both count as French function words
    scores = {lang: sum(1 for w in words if w in sw) for lang, sw in _STOPWORDS.items()}
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top >= 1 and top > second:
        return best
    return None


def detect_language(text: str, default: str = "und") -> str:
    """ISO 639-1 code of `text`, or `default` when there is nothing to go on."""
    sample = text.strip()[:4000]
    if not _WORD.search(sample):
        return default
    if len(sample) < 200:
        voted = _stopword_vote(sample)
        if voted:
            return voted
    lang, _prob = _identifier().classify(sample)
    return lang or default
