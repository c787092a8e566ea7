"""The shipped gazetteer: countries, capitals and big international organisations in many languages.

Countries are a closed set, so their names in a dozen languages (CLDR) settle "Arabie saoudite" =
"Saudi Arabia" without any model; see data/README.md for sources and licences.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

from briefing.actors.folding import ascii_fold, name_key, phonetic_key


@dataclass(frozen=True)
class GazetteerEntry:
    id: str  # "country:SA", "city:riyadh", "org:united-nations"
    name: str  # canonical English name
    type: str  # "place" | "org"


class Gazetteer:
    """Folded-name lookup over the shipped tables; longest names first when scanning text."""

    def __init__(self, data: dict | None = None):
        if data is None:
            data = json.loads(resources.files("briefing.actors.data").joinpath("places.json").read_text("utf-8"))
        self.source: str = data.get("source", "")
        self._by_key: dict[str, GazetteerEntry] = {}
        self._acronyms: dict[str, GazetteerEntry] = {}
        self._exact: dict[str, GazetteerEntry] = {}
        self._names: dict[str, list[str]] = {}  # every listed name of an entry, by its id
        self.full_names: set[str] = set()  # folded names as written, determiners included ("le caire")
        # first added wins a key: names written in Latin script, then cities and organisations, then
        # transliterations of other scripts (Russian "Тунис" is Tunisia, but "Tunis" is the city)
        deferred: list[tuple[GazetteerEntry, list[str]]] = []
        for code, item in data["countries"].items():
            entry = GazetteerEntry(f"country:{code}", item["name"], "place")
            self._add(entry, [n for n in item["names"] if _latin(n)])
            deferred.append((entry, [n for n in item["names"] if not _latin(n)]))
        for name, names in data["cities"].items():
            self._add(GazetteerEntry(f"city:{name_key(name).replace(' ', '-')}", name, "place"), names)
        for name, names in data["orgs"].items():
            self._add(GazetteerEntry(f"org:{name_key(name).replace(' ', '-')}", name, "org"), names)
        for entry, names in deferred:
            self._add(entry, names)
        self.max_tokens = max(len(k.split()) for k in self._by_key)

    @classmethod
    def shipped(cls) -> Gazetteer:
        """The shipped tables, built once and then loaded from the user's cache folder (building
        folds and sound-keys every name: about a quarter of a second, measured on a cold `ask`)."""
        import sys

        from briefing.actors import folding
        from briefing.load_cache import cached, source_of

        data = resources.files("briefing.actors.data").joinpath("places.json").read_bytes()
        return cached("gazetteer", [data, *source_of(sys.modules[__name__], folding)],
                      lambda: cls(json.loads(data.decode("utf-8"))))

    def _add(self, entry: GazetteerEntry, names: list[str]) -> None:
        self._names.setdefault(entry.id, []).extend(names)
        for name in names:
            self.full_names.add(ascii_fold(name))
            if _latin(name):
                self._exact.setdefault(name_key(name), entry)
            for key in {name_key(name), phonetic_key(name)}:
                # short acronyms ("US", "UN", "AU") would match ordinary words once folded; keep them
                # only as written in capitals, which lookup() checks for
                if key and key not in self._by_key:
                    self._by_key[key] = entry
                if len(name) <= 3 and name.isupper():
                    self._acronyms[name.replace(".", "")] = entry

    def lookup(self, surface: str) -> GazetteerEntry | None:
        """The entry a name refers to, in any listed language or spelling, or None."""
        compact = surface.strip().replace(".", "")
        if compact in self._acronyms:
            return self._acronyms[compact]
        key = name_key(surface)
        if len(key) <= 3:
            return None
        if compact.isupper() and len(compact) <= 5:
            # a short word in capitals is an acronym ("SANA", the news agency): no spelling variants
            return self._exact.get(key)
        return self._by_key.get(key) or self._by_key.get(phonetic_key(surface))

    def names_of(self, entry: GazetteerEntry) -> list[str]:
        """All the names the tables give the entry ("Austria", "Autriche", "Österreich", …)."""
        return list(self._names.get(entry.id, [entry.name]))

    def keys(self):
        return self._by_key.items()


def _latin(name: str) -> bool:
    return all(ord(c) < 0x250 for c in name)
