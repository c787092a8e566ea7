"""Roles an article gives a person: "le ministre russe des Affaires étrangères Sergueï Lavrov",
"U.S. Secretary of State Marco Rubio", "Sergei Lavrov, Russia's foreign minister,"."""

from __future__ import annotations

import re

# Head nouns of roles (fr, en, de, es, it, pt); matched case-insensitively on word starts.
_ROLE_HEADS = (
    "ministre|président|présidente|secrétaire|chef|cheffe|porte-parole|roi|reine|prince|princesse|émir|emir|cheikh|"
    "général|maréchal|colonel|commandant|ambassadeur|ambassadrice|directeur|directrice|pdg|patron|patronne|dirigeant|"
    "dirigeante|leader|chancelier|chancelière|sénateur|sénatrice|député|députée|gouverneur|maire|juge|procureur|"
    "procureure|commissaire|envoyé|envoyée|émissaire|conseiller|conseillère|fondateur|fondatrice|militant|militante|"
    "journaliste|blogueur|blogueuse|avocat|avocate|opposant|opposante|pape|ayatollah|guide|vice-président|"
    "premier ministre|première ministre|"
    "minister|president|secretary|chief|spokesman|spokeswoman|spokesperson|king|queen|princess|sheikh|general|"
    "ambassador|director|ceo|chairman|chairwoman|chair|chancellor|senator|governor|mayor|judge|prosecutor|"
    "commissioner|envoy|adviser|advisor|founder|activist|journalist|blogger|lawyer|commander|pope|head|premier|"
    "speaker|prime minister|"
    "präsident|präsidentin|kanzler|kanzlerin|ministerin|presidente|ministro|ministra|primer ministro|secretario|"
    "portavoz|rey|reina|portavoce|segretario"
)
_HEAD = re.compile(rf"(?<![\w-])(?:{_ROLE_HEADS})(?![\w-])", re.IGNORECASE)
# Words that may precede the head inside the role: "ancien", "Russian Foreign", "U.S.", "vice-".
_PRE_MODIFIER = re.compile(r"(?:(?:ancien|ancienne|ex|former|vice|deputy|acting|premier|first|supreme|crown|"
                           r"[A-Z][\w.'’-]*)\s+){1,3}$")
_STOP = re.compile(r"[,;:()\[\]«»\"“”]|\s(?:et|and|ou|or|qui|who|que|that|a|has|est|is|was|était|said|says|told|met|dit|déclare|with|avec)\s", re.IGNORECASE)
_MAX_ROLE_WORDS = 8


def role_before(sentence: str, offset: int) -> str | None:
    """The role written right before a name starting at `offset` in `sentence`, if any."""
    prefix = sentence[:offset]
    heads = list(_HEAD.finditer(prefix))
    if not heads:
        return None
    head = heads[-1]
    tail = prefix[head.start():]
    if _STOP.search(tail) or len(tail.split()) > _MAX_ROLE_WORDS:
        return None
    before = prefix[:head.start()]
    pre = _PRE_MODIFIER.search(before)
    start = pre.start() if pre else head.start()
    role = prefix[start:].strip(" ,")
    return _clean(role)


def role_after(sentence: str, end: int) -> str | None:
    """An appositive role right after a name: "Sergei Lavrov, Russia's foreign minister, said"."""
    rest = sentence[end:]
    m = re.match(r"\s*,\s*(?:(?:the|le|la|l'|l’|el|il)\s+)?([^,;:()]{3,90}?)\s*(?:,|\.|;|\)|$)", rest)
    if not m:
        return None
    phrase = m.group(1)
    head = _HEAD.search(phrase)
    if not head or len(phrase[:head.start()].split()) > 4 or len(phrase.split()) > _MAX_ROLE_WORDS:
        return None
    return _clean(phrase)


def _clean(role: str) -> str | None:
    role = re.sub(r"\s+", " ", role).strip(" ,.;:-")
    role = re.sub(r"^(?:le|la|les|l'|l’|du|de la|des|au|aux|the|a|an)\s+", "", role, flags=re.IGNORECASE)
    if not role or len(role) > 100:
        return None
    return role
