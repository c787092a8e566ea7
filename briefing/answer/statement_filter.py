"""Which sentences can answer: statements, not tweets of hashtags and links, captions, bylines,
questions or "read more" lines."""

from __future__ import annotations

import re

_URL = re.compile(r"https?://\S+|www\.\S+|\b\S+\.(?:com|org|net|ly|be|fr)/\S*", re.IGNORECASE)
_TAG = re.compile(r"[#@][\w-]+", re.UNICODE)
_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
# Calls to read on, photo credits and bylines, in the languages of the stored news.
_NAV = re.compile(
    r"^\s*(?:read (?:more|also|the full)|see also|more on|related:|photo(?:s|graph)?\s*(?::|by|credit)|image:|video:|"
    r"credit:|source:|lire (?:aussi|la suite|plus)|voir aussi|à lire|en savoir plus|crédit|photo :|"
    r"by [A-Z][\w.-]+(?: [A-Z][\w.-]+){0,3}\s*$|par [A-Z][\w.-]+(?: [A-Z][\w.-]+){0,3}\s*$|"
    r"mehr (?:dazu|lesen)|leer más|ver también)",
    re.IGNORECASE)
# a relayed tweet: "RT @user:", "@user: …", "@user Moi, je pense…"
_TWEET = re.compile(r"^\s*(?:RT\s+)?@\w+", re.IGNORECASE)
_CAPTION = re.compile(r"^\s*(?:photo|image|capture d'écran|screenshot|vidéo|video)\b[^.]*?(?:\bby\b|\bpar\b|:|via)"
                      # "Capture d'écran d'un message…", "Screenshot of the video…": what the picture shows
                      r"|^\s*(?:captures? d['’]écran|screenshots?)\s+(?:d['’]|de |du |des |of |from )",
                      re.IGNORECASE)

# A photo credit anywhere in the sentence makes it a caption: "Un manifestant blessé… Photo Luke
# Somers, copyright Demotix (18/09/2011).", "… Photo de Lilian Wagdy, utilisée sous licence CC BY 2.0"
_CREDIT = re.compile(r"\b(?:photos?|images?|vid[ée]o)\b[^.!?]{0,60}?(?:copyright|©|droits r[ée]ser|sous licence|under (?:a )?licen[cs]e"
                     r"|(?:utilis[ée]+|reproduite?s?|used) (?:avec|with) (?:permission|l'autorisation)|Demotix|CC BY)",
                     re.IGNORECASE)
# "(photo de l'auteur, prise à Tartous en 2009)", "(Photo: Reuters)": a credit in brackets
_CREDIT_IN_BRACKETS = re.compile(r"\((?:photos?|images?|vid[ée]o|capture d'écran|screenshot)\s*(?:de|by|par|:|prise|taken|courtesy)[^)]*\)",
                                 re.IGNORECASE)


def introduces_quote(text: str) -> bool:
    """A line ending in a colon hands over to what follows ("Gaith Kawar écrit [arabe] :", "Ils
    exhortent aussi les Syriens à protester contre le régime d'Assad :"), unless it dates or counts
    something before the colon: "Il a fixé une réunion préliminaire au vendredi 29 avril pour les
    préparatifs du Mad Graffiti Weekend, dont les buts sont :" states when the meeting is."""
    t = " ".join(text.split()).rstrip(" »\"”’)]")
    if not t.endswith(":"):
        return False
    return not re.search(r"\d", _TAG.sub(" ", _URL.sub(" ", t)))


def is_relayed_tweet(text: str) -> bool:
    """A line that relays a tweet: "@user: …", "RT @user: …"."""
    return bool(_TWEET.match(text))


def is_caption(text: str) -> bool:
    """A photo caption, credit, byline or "read more" line: never a statement of the news."""
    t = " ".join(text.split())
    return bool(_NAV.search(t) or _CAPTION.search(t) or _CREDIT.search(t) or _CREDIT_IN_BRACKETS.search(t))


def is_statement(text: str, *, relayed: bool = False, intro: bool = False) -> bool:
    """True for a sentence that states something a reader could take as an answer. `relayed`
    lets a relayed tweet ("@user: …") count as what its author said, for questions of what
    someone said or claimed; `intro` lets a line that introduces a quote count ("Le blogueur
    chinois Han Han écrit :" describes who Han Han is)."""
    t = " ".join(text.split())
    if len(t) < 15:
        return False
    end = t.rstrip(" »\"”’)]")
    if end.endswith("?"):
        return False  # a question, rhetorical or quoted, answers nothing
    if end.endswith(":") and not intro and introduces_quote(t):
        return False  # "Gaith Kawar écrit :" introduces what answers; it is not itself an answer
    tweet = relayed and is_relayed_tweet(t)
    ends = (".", "!", "…", ";", ":") if intro else (".", "!", "…", ";")
    if not tweet and not end.endswith(ends) and len(_WORD.findall(t)) <= 12 and not re.search(r"\d", t):
        return False  # a heading ("Protests against the second presidency of Donald Trump"), not a statement
    if tweet:
        # what someone tweeted is their statement, punctuated or not ("@abuhatem: … Exactement la même chose")
        t = _TWEET.sub("", t).lstrip(" :")
    if is_caption(t) or is_relayed_tweet(t):
        return False
    rest = _URL.sub(" ", t)
    tags = _TAG.findall(rest)
    plain = _TAG.sub(" ", rest)
    words = _WORD.findall(plain)
    if len(words) < 4:
        return False  # hashtags, handles and links with hardly a word between them: a tweet, not a statement
    if tags and len(tags) >= len(words) / 2:
        return False
    if _URL.search(t) and len(words) < 8:
        return False
    return True
