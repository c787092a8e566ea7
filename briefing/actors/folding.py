"""Name folding: accents, scripts, titles and transliteration variants reduced to comparable keys.

"Sergueï Lavrov", "M. Lavrov", "Sergei Lavrov" and "Сергей Лавров" must meet on one key, so names
are transliterated to ASCII, stripped of honorifics and titles, and spelled the same way whichever
language transliterated them ("ou"/"u", "ch"/"sh", "y"/"i", a final mute "e"...).
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

# Honorifics and titles that precede a name and are not part of it (fr, en, de, es, it, pt).
_HONORIFICS = {
    "m", "mm", "mme", "mmes", "mlle", "mr", "mrs", "ms", "messrs", "dr", "pr", "prof", "sir", "dame", "lord",
    "lady", "herr", "frau", "sr", "sra", "srta", "don", "dona", "doña", "sig", "sigra", "monsieur",
    "madame", "mademoiselle", "mister", "me", "maitre", "maître", "st",
}
TITLE_WORDS = {
    # fr
    "president", "présidente", "président", "ministre", "premier", "première", "secretaire", "secrétaire",
    "chancelier", "chanceliere", "chancelière", "roi", "reine", "prince", "princesse", "emir", "émir",
    "cheikh", "general", "général", "generale", "maréchal", "marechal", "colonel", "capitaine", "commandant", "ayatollah",
    "pape", "senateur", "sénateur", "senatrice", "sénatrice", "depute", "député", "deputee", "députée", "gouverneur", "maire", "juge",
    "procureur", "ambassadeur", "ambassadrice", "imam", "cardinal", "monseigneur", "mgr", "vice-président",
    "vice-president", "porte-parole", "feu", "ex", "ancien", "ancienne",
    # en
    "minister", "secretary", "chancellor", "king", "queen", "princess", "sheikh", "shaikh", "colonel", "captain",
    "commander", "pope", "senator", "sen", "rep", "representative", "congressman", "congresswoman", "governor", "gov",
    "mayor", "judge", "justice", "prosecutor", "ambassador", "cardinal", "archbishop", "bishop", "rabbi", "imam",
    "gen", "lt", "sgt", "col", "adm", "admiral", "chairman", "chairwoman", "ceo", "former", "late", "vice",
    "prime", "foreign", "defence", "defense", "spokesman", "spokeswoman", "spokesperson", "premier", "crown",
    "supreme", "leader", "emperor", "tsar", "czar", "sultan", "marshal", "field",
    # de, es, it, pt
    "präsident", "prasident", "präsidentin", "kanzler", "kanzlerin", "minister", "ministerin", "könig", "konig",
    "presidente", "ministro", "ministra", "rey", "reina", "re", "regina", "primer", "primera", "primo", "secretario",
    "secretaria", "segretario", "canciller", "cancelliere", "generale", "papa",
}
_DETERMINERS = {"al", "le", "la", "les", "l", "the", "der", "die", "das", "el", "los", "las", "il", "lo", "gli", "o", "a", "os", "as", "de", "du", "des", "d", "of"}
_SPLIT = re.compile(r"[^\w]+", re.UNICODE)
_APOSTROPHE_S = re.compile(r"['’]s$", re.IGNORECASE)
_ARABIC_ARTICLE = re.compile(r"\b(?:al|el|ul|Al|El)[-‑](?=\w)")
_ELIDED = re.compile(r"^(?:[ldLD]|qu|Qu)['’]")


def ascii_fold(text: str) -> str:
    """Lowercase ASCII rendering of any script: "Sergueï" → "serguei", "Лавров" → "lavrov"."""
    text = unicodedata.normalize("NFKC", text)
    return anyascii(text).lower()


def tokens(text: str) -> list[str]:
    """Folded word tokens; hyphenated and apostrophe-joined parts stay one token ("saint-hilaire" → "sainthilaire")."""
    text = _ELIDED.sub("", text.strip())
    text = _APOSTROPHE_S.sub("", text)
    text = _ARABIC_ARTICLE.sub("", text)
    folded = ascii_fold(text)
    folded = re.sub(r"(?<=\w)[-'’](?=\w)", "", folded)
    return [t for t in _SPLIT.split(folded) if t]


def strip_title(surface: str) -> tuple[str, str]:
    """("M. Lavrov", ...) → ("", "Lavrov"); ("Président Hosni Moubarak") → ("Président", "Hosni Moubarak").

    Returns (title, name) as substrings of `surface`, so the name keeps its offsets.
    Only leading words are stripped, and never the last word (a name is left).
    """
    words = list(re.finditer(r"\S+", surface))
    cut = 0
    for i, m in enumerate(words[:-1]):
        word = m.group(0)
        key = ascii_fold(word.rstrip(".,")).replace("’", "'")
        key_noelision = re.sub(r"^[ld]'", "", key)
        if key in _HONORIFICS or key.rstrip(".") in _HONORIFICS or key in TITLE_WORDS or key in _DETERMINERS \
                or key_noelision in TITLE_WORDS or (word.endswith(".") and len(word) <= 4 and key.rstrip(".") in _HONORIFICS):
            cut = i + 1
            continue
        # "secrétaire d'Etat américain" → keep stripping lowercase words while a title is open
        if cut and word[:1].islower():
            cut = i + 1
            continue
        break
    if cut == 0:
        return "", surface
    start = words[cut].start()
    return surface[:start].strip(), surface[start:]


def phonetic(token: str) -> str:
    """Spelling-neutral form of one folded token, so that transliterations meet.

    "poutine"/"putin", "serguei"/"sergei", "khrouchtchev"/"khrushchev", "zelenski"/"zelensky",
    "lavrow"/"lavrov", "bachar"/"bashar" give the same key.
    """
    t = token
    t = t.replace("tch", "ch").replace("sch", "sh").replace("sh", "ch").replace("zh", "j").replace("dj", "j")
    t = re.sub(r"gu(?=[eiy])", "g", t)
    t = t.replace("ou", "u").replace("ph", "f").replace("w", "v").replace("ck", "k").replace("q", "k")
    t = t.replace("y", "i").replace("kh", "h")
    t = re.sub(r"(.)\1+", r"\1", t)
    if len(t) > 4 and t.endswith("e"):
        t = t[:-1]
    return t


def name_key(surface: str) -> str:
    """Folded, title-less, determiner-less key of a name, for exact alias lookup."""
    _, name = strip_title(surface)
    toks = tokens(name)
    while len(toks) > 1 and toks[0] in _DETERMINERS:
        toks = toks[1:]
    return " ".join(toks)


def phonetic_key(surface: str) -> str:
    return " ".join(phonetic(t) for t in name_key(surface).split())


def person_parts(surface: str) -> tuple[list[str], str]:
    """(first-name keys, surname key) in phonetic form: "Sergueï Lavrov" → (["sergei"], "lavrov")."""
    toks = phonetic_key(surface).split()
    if not toks:
        return [], ""
    return toks[:-1], toks[-1]


def first_names_compatible(a: list[str], b: list[str]) -> bool:
    """Given names agree when either is absent, one is an initial of the other, or they are near-equal."""
    if not a or not b:
        return True
    x, y = a[0], b[0]
    if x == y:
        return True
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    from difflib import SequenceMatcher

    return x[0] == y[0] and SequenceMatcher(None, x, y).ratio() >= 0.75


def slug(text: str) -> str:
    return "-".join(tokens(text)) or "x"
