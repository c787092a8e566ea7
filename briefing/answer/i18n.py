"""The few fixed phrases answers show, in the languages readers ask in (English when unknown)."""

from __future__ import annotations

_PHRASES: dict[str, dict[str, str]] = {
    "abstain": {
        "en": "The stored articles do not answer this question.",
        "fr": "Les articles enregistrés ne répondent pas à cette question.",
        "de": "Die gespeicherten Artikel beantworten diese Frage nicht.",
        "es": "Los artículos guardados no responden a esta pregunta.",
    },
    "coverage": {
        "en": "They cover {coverage}.",
        "fr": "Ils couvrent {coverage}.",
        "de": "Sie behandeln {coverage}.",
        "es": "Tratan de {coverage}.",
    },
    "empty_corpus": {
        "en": "No articles are stored yet: add some first (briefing ingest <files, folders or URLs>).",
        "fr": "Aucun article n'est encore enregistré : ajoutez-en d'abord (briefing ingest <fichiers, dossiers ou URL>).",
        "de": "Es sind noch keine Artikel gespeichert: zuerst welche hinzufügen (briefing ingest <Dateien, Ordner oder URLs>).",
        "es": "Todavía no hay artículos guardados: añada algunos primero (briefing ingest <archivos, carpetas o URL>).",
    },
    "unverifiable": {
        "en": "The model's answer could not be checked against the articles, so it is not shown.",
        "fr": "La réponse du modèle n'a pas pu être vérifiée dans les articles ; elle n'est donc pas affichée.",
        "de": "Die Antwort des Modells ließ sich nicht an den Artikeln überprüfen und wird daher nicht angezeigt.",
        "es": "La respuesta del modelo no pudo comprobarse con los artículos, así que no se muestra.",
    },
    "fallback_unverified": {
        "en": "The model's answer could not be verified against the articles, so the sentences that answer it are quoted instead.",
        "fr": "La réponse du modèle n'a pas pu être vérifiée dans les articles ; voici à la place les phrases qui y répondent.",
        "de": "Die Antwort des Modells ließ sich nicht an den Artikeln überprüfen; stattdessen werden die Sätze zitiert, die die Frage beantworten.",
        "es": "La respuesta del modelo no pudo comprobarse con los artículos; en su lugar se citan las frases que responden.",
    },
    "fallback_absent": {
        "en": "The model found no answer in the passages; these quoted sentences are what the articles say.",
        "fr": "Le modèle n'a pas trouvé de réponse dans les passages ; voici ce que disent les articles.",
        "de": "Das Modell fand in den Passagen keine Antwort; dies sagen die Artikel.",
        "es": "El modelo no encontró respuesta en los pasajes; esto es lo que dicen los artículos.",
    },
    "fallback_error": {
        "en": "{error} Answered from the articles without the model instead.",
        "fr": "{error} Réponse tirée des articles sans le modèle.",
        "de": "{error} Stattdessen ohne das Modell aus den Artikeln beantwortet.",
        "es": "{error} Respondido a partir de los artículos sin el modelo.",
    },
    "extractive": {
        "en": "Extractive answer (no language model): the sentences below are quoted from the articles.",
        "fr": "Réponse extractive (sans modèle de langue) : les phrases ci-dessous sont citées des articles.",
        "de": "Extraktive Antwort (ohne Sprachmodell): Die folgenden Sätze sind aus den Artikeln zitiert.",
        "es": "Respuesta extractiva (sin modelo de lenguaje): las frases siguientes están citadas de los artículos.",
    },
    "unverified": {
        "en": "[unverified]",
        "fr": "[non vérifié]",
        "de": "[nicht überprüft]",
        "es": "[sin verificar]",
    },
}

# Language names as the model is told them ("answer in French"), in English on purpose: the
# instructions are in English.
_LANGUAGE_NAMES = {
    "en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
    "nl": "Dutch", "ru": "Russian", "uk": "Ukrainian", "pl": "Polish", "ar": "Arabic", "zh": "Chinese",
    "ja": "Japanese", "ko": "Korean", "tr": "Turkish", "fa": "Persian", "he": "Hebrew", "hi": "Hindi",
    "sv": "Swedish", "da": "Danish", "no": "Norwegian", "fi": "Finnish", "cs": "Czech", "ro": "Romanian",
    "hu": "Hungarian", "el": "Greek", "id": "Indonesian", "vi": "Vietnamese", "ca": "Catalan",
}


def _base(lang: str | None) -> str:
    return (lang or "en").replace("_", "-").split("-")[0].lower()


def phrase(key: str, lang: str | None, **fmt: object) -> str:
    """The phrase `key` in `lang` ("fr", "fr-CA", ...), falling back to English; `fmt` fills it."""
    try:
        table = _PHRASES[key]
    except KeyError:
        raise KeyError(f"No phrase {key!r}; known: {', '.join(sorted(_PHRASES))}") from None
    return table.get(_base(lang), table["en"]).format(**fmt)


def abstention(lang: str | None, coverage: str = "") -> str:
    """'The stored articles do not answer this question. They cover …' in `lang`."""
    text = phrase("abstain", lang)
    coverage = coverage.strip().rstrip(".")
    return f"{text} {phrase('coverage', lang, coverage=coverage)}" if coverage else text


def language_name(lang: str | None) -> str:
    """English name of the language `lang`, for instructions to the model; the code itself if unknown."""
    base = _base(lang)
    return _LANGUAGE_NAMES.get(base, lang or "English")
