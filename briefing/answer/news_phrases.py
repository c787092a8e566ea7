"""Fixed phrases of news answers (scope, digest, who-is, bad input), in the readers' languages."""

from __future__ import annotations

_PHRASES: dict[str, dict[str, str]] = {
    "articles_of": {"en": "Articles of {label}", "fr": "Articles du {label}", "de": "Artikel vom {label}",
                    "es": "Artículos del {label}"},
    "reported_after": {"en": "Articles of {label} (the day asked about and the reports of the {days} days after)",
                       "fr": "Articles du {label} (le jour demandé et les comptes rendus des {days} jours suivants)",
                       "de": "Artikel vom {label} (der gefragte Tag und die Berichte der {days} Tage danach)",
                       "es": "Artículos del {label} (el día preguntado y las crónicas de los {days} días siguientes)"},
    "naming_day": {"en": "Articles of {label}, quoted where they name {day}",
                   "fr": "Articles du {label}, cités là où ils nomment le {day}",
                   "de": "Artikel vom {label}, zitiert, wo sie den {day} nennen",
                   "es": "Artículos del {label}, citados donde nombran el {day}"},
    "relative_to": {"en": "“{wording}” read against the newest stored article, {reference}",
                    "fr": "« {wording} » lu par rapport à l'article le plus récent, du {reference}",
                    "de": "„{wording}“ bezogen auf den neuesten gespeicherten Artikel vom {reference}",
                    "es": "«{wording}» leído respecto al artículo más reciente, del {reference}"},
    "filters_win": {"en": "the dates chosen in the filters ({label}) are used instead of “{wording}”",
                    "fr": "les dates choisies dans les filtres ({label}) remplacent « {wording} »",
                    "de": "die gewählten Filterdaten ({label}) gelten statt „{wording}“",
                    "es": "se usan las fechas de los filtros ({label}) en lugar de «{wording}»"},
    "no_articles": {"en": "No stored article is dated {label}.", "fr": "Aucun article enregistré n'est daté du {label}.",
                    "de": "Kein gespeicherter Artikel ist vom {label}.", "es": "Ningún artículo guardado es del {label}."},
    "nearest": {"en": "Nearest days with news: {days}.", "fr": "Jours les plus proches avec des articles : {days}.",
                "de": "Nächste Tage mit Artikeln: {days}.", "es": "Días más cercanos con noticias: {days}."},
    "stories": {"en": "{n} stories in these articles", "fr": "{n} sujets dans ces articles",
                "de": "{n} Themen in diesen Artikeln", "es": "{n} temas en estos artículos"},
    "story": {"en": "1 story in these articles", "fr": "1 sujet dans ces articles",
              "de": "1 Thema in diesen Artikeln", "es": "1 tema en estos artículos"},
    "nothing_on": {"en": "No stored article of {label} is about {subject}.",
                   "fr": "Aucun article enregistré du {label} ne parle de {subject}.",
                   "de": "Kein gespeicherter Artikel vom {label} handelt von {subject}.",
                   "es": "Ningún artículo guardado del {label} trata de {subject}."},
    "impossible": {"en": "“{wording}” does not exist: that month has {days} days. Ask about a real day, e.g. “on 28 February”.",
                   "fr": "« {wording} » n'existe pas : ce mois a {days} jours. Demandez un jour qui existe, par exemple « le 28 février ».",
                   "de": "„{wording}“ gibt es nicht: dieser Monat hat {days} Tage. Fragen Sie nach einem echten Tag, z. B. „am 28. Februar“.",
                   "es": "«{wording}» no existe: ese mes tiene {days} días. Pregunte por un día real, p. ej. «el 28 de febrero»."},
    "role": {"en": "role", "fr": "fonction", "de": "Funktion", "es": "cargo"},
    "aliases": {"en": "also written", "fr": "aussi écrit", "de": "auch geschrieben", "es": "también escrito"},
    "mentioned": {"en": "mentioned in {n} articles, {first} … {last}", "fr": "cité dans {n} articles, du {first} au {last}",
                  "de": "in {n} Artikeln erwähnt, {first} … {last}", "es": "mencionado en {n} artículos, {first} … {last}"},
    "latest": {"en": "Latest mentions", "fr": "Dernières mentions", "de": "Neueste Erwähnungen", "es": "Últimas menciones"},
    "unknown_actor": {"en": "No stored article names {subject}.", "fr": "Aucun article enregistré ne cite {subject}.",
                      "de": "Kein gespeicherter Artikel nennt {subject}.", "es": "Ningún artículo guardado menciona a {subject}."},
}


def news_phrase(key: str, lang: str | None, **fmt: object) -> str:
    table = _PHRASES[key]
    base = (lang or "en").split("-")[0].lower()
    return table.get(base, table["en"]).format(**fmt)
