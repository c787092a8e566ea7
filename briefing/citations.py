"""The citation contract: parse [n] markers, check each against the passage it names, quote it.

A model answer cites passages by number. Every marker is parsed back, checked against the passages
that were actually given, and the sentence(s) of the passage that support the claim are located so
the reader sees the exact quote. Claims whose citations fail are dropped (or kept, visibly flagged),
never shown as cited.

Support is judged lexically, across languages: accent- and case-folded content words, light
stemming, fuzzy matching for transliterations and cognates ("Riyadh"/"Riyad",
"negotiations"/"négociations"), with numbers and proper names weighted because they carry the facts
and survive translation. An optional `similarity(claim, sentence) -> float` (e.g. multilingual
embeddings, see `embedding_similarity`) rescues paraphrases and translations the words miss.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, Field

from briefing.models import Citation, Passage
from briefing.text.analysis import fold
from briefing.text.sentences import split_sentences

Similarity = Callable[[str, str], float]
Unsupported = Literal["drop", "flag"]

DEFAULT_THRESHOLD = 0.4
_MAX_RANGE = 20  # "[1-2000]" is not a citation someone meant

# A bracket whose inside is short; classified below as a citation, a malformed one, or plain text.
_BRACKET = re.compile(r"\[([^\[\]\n]{0,40})\]")
_UNCLOSED = re.compile(r"\[\s*\d[\d\s,;\-–—]*(?=\n|$)")
_CITATION_WORDS = r"(?:passages?|sources?|docs?|documents?|refs?|references?|articles?)"
_VALID_INNER = re.compile(
    rf"^\s*(?:{_CITATION_WORDS}\s*)?(\d{{1,4}}(?:\s*(?:[-–—]|,|;)\s*\d{{1,4}})*)\s*$", re.IGNORECASE
)
_CITATION_HINT = re.compile(rf"\d|^\s*{_CITATION_WORDS}\b", re.IGNORECASE)
_PUNCT_BEFORE_MARKERS = re.compile(r"([.!?…])([ \t]*)((?:\[[^\[\]\n]{0,40}\][ \t]*)+)")

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_ELISION = re.compile(r"^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)
_META_WORDS = frozenset(
    "passage passages source sources article articles corpus document documents texte textes quelle "
    "quellen artikel fuente fuentes articulo articulos".split()
)
_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            "january janvier januar enero jan janv",
            "february fevrier februar febrero feb fev",
            "march mars marz marzo mar",
            "april avril abril apr avr",
            "may mai mayo",
            "june juin juni junio jun",
            "july juillet juli julio jul juil",
            "august aout agosto aug",
            "september septembre septiembre sep sept",
            "october octobre oktober octubre oct okt",
            "november novembre noviembre nov",
            "december decembre dezember diciembre dec dez",
        ],
        start=1,
    )
    for name in names.split()
}
# Capitalised titles are not names: "Foreign Minister" says nothing a passage must repeat.
_TITLE_WORDS = frozenset(
    "minister president secretary foreign prime chancellor king queen general ambassador spokesman "
    "spokeswoman spokesperson mr mrs ms dr ministre president secretaire premier general ambassadeur "
    "porte-parole m mme".split()
)


_STOPWORD_LISTS = {"en": "STOPWORDS_EN", "fr": "STOPWORDS_FRENCH", "de": "STOPWORDS_GERMAN",
                   "es": "STOPWORDS_SPANISH", "it": "STOPWORDS_ITALIAN", "pt": "STOPWORDS_PORTUGUESE",
                   "nl": "STOPWORDS_DUTCH"}
# Words with no content the lists miss; pooled across languages only where no language clashes.
_EXTRA_STOPWORDS = frozenset(
    "who whom whose what which when where why how also did does do done would could should can has have had "
    "were been being said says say according yes them he she his her its him we you our your "
    "qui que quoi quand ou pourquoi comment selon ont ete etait sont fait il elle ils elles leur "
    "wer was wann wo warum wie quien cuando donde como segun".split()
)


@lru_cache(maxsize=16)
def _stopwords(lang: str) -> frozenset[str]:
    """Stopwords of one language: pooling languages would drop content ("war" is German for "was")."""
    import bm25s.stopwords as sw

    names = [_STOPWORD_LISTS[lang]] if lang in _STOPWORD_LISTS else [_STOPWORD_LISTS["en"]]
    return frozenset(fold(w) for name in names for w in getattr(sw, name)) | _EXTRA_STOPWORDS


@lru_cache(maxsize=8)
def _stemmer(lang: str):
    names = {"en": "english", "fr": "french", "de": "german", "es": "spanish", "it": "italian",
             "pt": "portuguese", "nl": "dutch"}
    if lang not in names:
        return None
    import Stemmer

    return Stemmer.Stemmer(names[lang])


# ---------------------------------------------------------------------------------------------
# Terms: what a claim asserts and what a passage sentence offers


@dataclass(frozen=True)
class Term:
    folded: str
    kind: Literal["number", "name", "date", "word"]

    @property
    def weight(self) -> float:
        return {"number": 3.0, "name": 2.0, "date": 2.0, "word": 1.0}[self.kind]


def _normalize_number(token: str) -> str:
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", token):
        return re.sub(r"[.,]", "", token)  # thousands separators, either convention
    return token.replace(",", ".").lstrip("0") or "0"


def terms(text: str, lang: str = "en") -> list[Term]:
    """Content terms of `text` read as `lang`: numbers, names (capitalised, not a title), months, words."""
    return list(_terms(text, lang))


@lru_cache(maxsize=4096)
def _terms(text: str, lang: str) -> tuple[Term, ...]:
    stop = _stopwords(lang)
    out: list[Term] = []
    seen: set[str] = set()
    for sentence in split_sentences(text) or []:
        for i, m in enumerate(_TOKEN.finditer(sentence.text)):
            raw = _ELISION.sub("", m.group(0))
            if not raw:
                continue
            if raw[0].isdigit():
                term = Term(_normalize_number(raw), "number")
            else:
                folded = fold(raw).replace("’", "'")
                if folded in stop or len(folded) < 2:
                    continue
                if folded in _MONTHS:
                    term = Term(f"month{_MONTHS[folded]}", "date")
                elif raw[0].isupper() and i > 0 and folded not in _TITLE_WORDS:
                    # sentence-initial capitals are ambiguous; only the ones inside a sentence count as names
                    term = Term(folded, "name")
                else:
                    term = Term(folded, "word")
            if term.folded not in seen:
                seen.add(term.folded)
                out.append(term)
    return tuple(out)


@lru_cache(maxsize=65536)
def _same_word(a: str, b: str, langs: tuple[str, ...]) -> bool:
    if a == b:
        return True
    if a.isdigit() or b.isdigit():
        return False
    short, long_ = sorted((a, b), key=len)
    # plural and inflection endings: "negotiation"/"negotiations", "meet"/"meeting"
    if len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 3:
        return True
    for lang in langs:
        stemmer = _stemmer(lang)
        if stemmer and stemmer.stemWord(a) == stemmer.stemWord(b):
            return True
    # transliterations and cognates across languages: "riyadh"/"riyad", "negotiations"/"negociations"
    if len(short) >= 5 and abs(len(a) - len(b)) <= 3 and a[0] == b[0]:
        return SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.8
    return False


def lexical_support(claim_terms: Sequence[Term], evidence: Sequence[Term], *, langs: tuple[str, ...] = ("en",),
                    extra_numbers: frozenset[str] = frozenset()) -> float:
    """Share of the claim's weighted terms the evidence carries, in [0, 1].

    A number the claim states that the evidence lacks vetoes support (a wrong figure is the
    commonest hallucination); a missing name costs double, because names are how facts differ.
    """
    if not claim_terms:
        return 0.0
    evidence_words = [t.folded for t in evidence]
    evidence_numbers = {t.folded for t in evidence if t.kind == "number"} | extra_numbers
    matched = total = 0.0
    for term in claim_terms:
        if term.kind == "number":
            if term.folded not in evidence_numbers:
                return 0.0
            found = True
        else:
            found = any(_same_word(term.folded, w, langs) for w in evidence_words)
        if found:
            matched += term.weight
            total += term.weight
        else:
            total += term.weight * (2.0 if term.kind == "name" else 1.0)
    return matched / total if total else 0.0


def embedding_similarity(embedder, *, floor: float = 0.82, ceiling: float = 0.92) -> Similarity:
    """Turn an Embedder into a `similarity(claim, sentence)` in [0, 1], caching vectors.

    multilingual-e5-small cosines sit in a narrow band: English claims against the French
    reference article scored 0.81-0.89 with their supporting sentence and up to 0.85 with other
    sentences of the same article. So the cosine is rescaled from [floor, ceiling] to [0, 1],
    which at the default threshold (0.4) asks for a cosine of about 0.86: a rescue for close
    translations only.
    """
    import numpy as np

    queries: dict[str, np.ndarray] = {}
    passages: dict[str, np.ndarray] = {}

    def similarity(claim: str, sentence: str) -> float:
        if claim not in queries:
            queries[claim] = np.asarray(embedder.embed_query(claim), dtype=np.float32)
        if sentence not in passages:
            passages[sentence] = np.asarray(embedder.embed_passages([sentence])[0], dtype=np.float32)
        cosine = float(queries[claim] @ passages[sentence])
        return min(1.0, max(0.0, (cosine - floor) / (ceiling - floor)))

    return similarity


# ---------------------------------------------------------------------------------------------
# Finding the quote


@dataclass
class Support:
    score: float
    start: int  # offsets in passage.text
    end: int

    def quote(self, passage: Passage) -> str:
        return passage.text[self.start:self.end]


def _date_numbers(passage: Passage) -> frozenset[str]:
    if not passage.published or not passage.dated:
        return frozenset()
    d = passage.published
    return frozenset({str(d.year), str(d.month), str(d.day)})


def _injected(sentences) -> set[int]:
    from briefing.text.instructions import is_instruction

    out: set[int] = set()
    for i, s in enumerate(sentences):
        if is_instruction(s.text):
            out.add(i)
            if s.text.rstrip().endswith(":") and i + 1 < len(sentences):
                out.add(i + 1)
    return out


def _langs(claim_language: str, passage: Passage) -> tuple[str, ...]:
    return tuple(dict.fromkeys(l for l in (claim_language, passage.language, "en") if l and l != "und"))


def _label_echoed(claim: str, passage: Passage, lang: str) -> bool:
    """Whether `claim` repeats the label the prompt puts before the passage (its source, or its date as shown).

    Only then do the title's words count as label: a claim often names the title's subject
    ("Polonia Warsaw won the Ekstraklasa in 2000" from the article "Warsaw").
    """
    if passage.published and passage.dated and passage.published.isoformat() in claim:
        return True
    title = _words(passage.title)
    if len(title) <= 4 and _words(_strip_markers(claim)) == title:
        return True  # a name-like title alone, as if it were the answer (a headline alone may well be one)
    source = {t.folded for t in terms(passage.source, lang)} if passage.source.strip() else set()
    return bool(source) and source <= {t.folded for t in terms(claim, lang)}


def _words(text: str) -> list[str]:
    return [fold(w) for w in _TOKEN.findall(text.replace("_", " "))]


def claim_content(claim: str, passage: Passage, *, question: str = "", claim_language: str = "en") -> list[Term]:
    """The terms of `claim` that say something: without the words of the passage's label and of the question.

    The prompt shows each passage under `title — source, date`, and a weak model echoes that label
    ("Cachemiris — passages, 2000-01-01") or restates the question; such words are in the passage,
    or free (the date's numbers), so they would verify a claim that asserts nothing.
    """
    langs = _langs(claim_language, passage)
    label: list[str] = [t.folded for t in terms(passage.source, passage.language or "en")]
    if passage.published and passage.dated:
        d = passage.published
        label += [str(d.year), str(d.month), str(d.day), f"month{d.month}"]
    if _label_echoed(claim, passage, claim_language):
        label += [t.folded for t in terms(passage.title, passage.language or "en")]
        label += [t.folded for t in terms(passage.title, claim_language)]
    label += [t.folded for t in terms(question, claim_language)] if question.strip() else []
    out = []
    for t in terms(claim, claim_language):
        if t.kind == "number" or t.kind == "date":
            if t.folded in label:
                continue
        elif any(_same_word(t.folded, w, langs) for w in label if not w.isdigit()):
            continue
        out.append(t)
    return out


def best_support(claim: str, passage: Passage, *, similarity: Similarity | None = None,
                 threshold: float = DEFAULT_THRESHOLD, claim_language: str = "en",
                 question: str = "") -> Support | None:
    """The sentence, or pair of adjacent sentences, of `passage` that best supports `claim`.

    The claim must be supported twice: as written, and by what is left of it without the
    passage's label and the question's words (`claim_content`); when nothing is left, it asserts
    nothing and gets no support.
    """
    claim_terms = terms(claim, claim_language)
    sentences = split_sentences(passage.text)
    if not sentences or not claim_terms:
        return None
    content = claim_content(claim, passage, question=question, claim_language=claim_language)
    if not content:
        return None
    langs = _langs(claim_language, passage)
    extra = _date_numbers(passage)
    sentence_terms = [terms(s.text, passage.language) for s in sentences]
    # a sentence that instructs a model (and the payload it dictates after a colon) is no evidence
    injected = _injected(sentences)
    windows: list[tuple[int, int, list[Term]]] = [(i, i, sentence_terms[i]) for i in range(len(sentences))
                                                  if i not in injected]
    windows += [(i, i + 1, sentence_terms[i] + sentence_terms[i + 1]) for i in range(len(sentences) - 1)
                if i not in injected and i + 1 not in injected]
    best: Support | None = None
    for first, last, evidence in windows:
        score = lexical_support(claim_terms, evidence, langs=langs, extra_numbers=extra)
        if len(content) < len(claim_terms):
            score = min(score, lexical_support(content, evidence, langs=langs, extra_numbers=extra))
        # a pair must earn its place: a short quote is easier to check
        if last > first:
            score -= 0.1
        if best is None or score > best.score:
            best = Support(score, sentences[first].start, sentences[last].end)
    if similarity is not None and (best is None or best.score < threshold):
        numbers = {t.folded for t in claim_terms if t.kind == "number"}
        names = [t.folded for t in claim_terms if t.kind == "name"]
        for i, s in enumerate(sentences):
            if i in injected:
                continue
            available = {t.folded for t in sentence_terms[i] if t.kind == "number"} | extra
            if not numbers <= available:
                continue  # no paraphrase excuses a figure the passage does not state
            words = [t.folded for t in sentence_terms[i]]
            if not all(any(_same_word(n, w, langs) for w in words) for n in names):
                # embeddings rate "met in Geneva" close to "met in Riyadh": they rescue wording, not names
                continue
            score = float(similarity(claim, s.text))
            if best is None or score > best.score:
                best = Support(score, s.start, s.end)
    return best


# ---------------------------------------------------------------------------------------------
# Parsing markers and claims


@dataclass
class Marker:
    start: int  # offsets in the (normalised) answer text
    end: int
    numbers: list[int]
    raw: str
    malformed: bool = False


def _parse_inner(inner: str) -> list[int] | None:
    m = _VALID_INNER.match(inner)
    if not m:
        return None
    numbers: list[int] = []
    for part in re.split(r"\s*[,;]\s*", m.group(1)):
        bounds = re.split(r"\s*[-–—]\s*", part)
        if len(bounds) == 1:
            numbers.append(int(bounds[0]))
        elif len(bounds) == 2:
            lo, hi = int(bounds[0]), int(bounds[1])
            if hi < lo or hi - lo > _MAX_RANGE:
                return None
            numbers.extend(range(lo, hi + 1))
        else:
            return None
    return list(dict.fromkeys(numbers))


def find_markers(text: str) -> list[Marker]:
    """Every citation marker in `text`, malformed ones included; other brackets are left alone."""
    markers: list[Marker] = []
    for m in _BRACKET.finditer(text):
        inner = m.group(1)
        numbers = _parse_inner(inner)
        if numbers is not None:
            markers.append(Marker(m.start(), m.end(), numbers, m.group(0)))
        elif _CITATION_HINT.search(inner):
            markers.append(Marker(m.start(), m.end(), [], m.group(0), malformed=True))
    for m in _UNCLOSED.finditer(text):
        if not any(k.start <= m.start() < k.end for k in markers):
            markers.append(Marker(m.start(), m.end(), [], m.group(0).strip(), malformed=True))
    return sorted(markers, key=lambda k: k.start)


def _move_markers_before_punctuation(text: str) -> str:
    """'Riyadh. [1]' → 'Riyadh [1].' so a marker stays with the sentence it closes."""

    def swap(m: re.Match) -> str:
        markers = re.sub(r"\]\s+\[", "][", m.group(3).strip())
        trailing = m.group(3)[len(m.group(3).rstrip()):]
        return f" {markers}{m.group(1)}{trailing}"

    return _PUNCT_BEFORE_MARKERS.sub(swap, text)


# ---------------------------------------------------------------------------------------------
# The check


class ClaimCheck(BaseModel):
    """One claim of the answer and what became of its citations."""

    text: str
    cited: list[int] = Field(default_factory=list)  # as the model numbered them
    supported: list[int] = Field(default_factory=list)
    kept: bool = True


class CitationCheck(BaseModel):
    text: str
    citations: list[Citation] = Field(default_factory=list)
    flagged: list[str] = Field(default_factory=list)
    claims: list[ClaimCheck] = Field(default_factory=list)

    @property
    def verified(self) -> list[Citation]:
        return [c for c in self.citations if c.verified]


@dataclass
class _Group:
    markers: list[Marker]
    clause_start: int
    claim: str = ""
    unit_start: int = 0
    unit_end: int = 0
    supports: dict[int, Support | None] = field(default_factory=dict)

    @property
    def numbers(self) -> list[int]:
        return list(dict.fromkeys(n for m in self.markers for n in m.numbers))

    @property
    def start(self) -> int:
        return self.markers[0].start

    @property
    def end(self) -> int:
        return self.markers[-1].end


def _strip_markers(text: str) -> str:
    return re.sub(r"\s+([,.;:!?])", r"\1", re.sub(r"[ \t]*\[[^\[\]\n]{0,40}\]", "", text)).strip()


def _content_count(text: str, lang: str) -> int:
    return len(terms(text, lang))


def _is_factual(sentence: str, lang: str) -> bool:
    plain = _strip_markers(sentence)
    if plain.endswith(":") or len(plain.split()) < 4:
        return False
    folded_words = {fold(w) for w in re.findall(r"\w+", plain)}
    if folded_words & _META_WORDS:
        return False
    return any(t.kind in ("number", "name", "date") for t in terms(plain, lang))


def _shorten(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def check_citations(
    answer_text: str,
    passages: Sequence[Passage],
    *,
    similarity: Similarity | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    unsupported: Unsupported = "drop",
    flag_uncited: bool = True,
    unverified_label: str = "[unverified]",
    claim_language: str = "en",
    question: str = "",
) -> CitationCheck:
    """Check every [n] of `answer_text` against `passages` (numbered from 1, as given to the model).

    Returns the cleaned text (markers renumbered densely in order of first use, one number per
    distinct quote; claims whose citations all fail dropped, or kept with `unverified_label` when
    `unsupported="flag"`; uncited factual sentences labelled when `flag_uncited`), the citations
    with their exact quotes and article offsets, and a reason for every flag. With `question`, a
    claim must say more than the question's own words (and, always, more than the passage's label).
    """
    text = _move_markers_before_punctuation(answer_text)
    markers = find_markers(text)
    flagged: list[str] = []
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) in `text`
    claims: list[ClaimCheck] = []
    keys: dict[tuple[int, int, int, bool], int] = {}  # (passage, quote start, end, verified) → new n
    citations: list[Citation] = []

    def number_for(index: int, support: Support, verified: bool) -> int:
        key = (index, support.start, support.end, verified)
        if key not in keys:
            passage = passages[index]
            keys[key] = len(keys) + 1
            citations.append(
                Citation(
                    n=keys[key], article_id=passage.article_id, title=passage.title, source=passage.source,
                    published=passage.published, url=passage.url, chunk_id=passage.chunk_id,
                    quote=support.quote(passage), start=passage.start + support.start,
                    end=passage.start + support.end, verified=verified,
                )
            )
        return keys[key]

    for sentence in split_sentences(text):
        inside = [m for m in markers if sentence.start <= m.start < sentence.end]
        for m in inside:
            if m.malformed:
                flagged.append(f"malformed citation marker {m.raw!r} removed")
        valid = [m for m in inside if not m.malformed]
        for m in inside:
            if m.malformed:
                edits.append((m.start, m.end, ""))
        if not valid:
            if flag_uncited and _is_factual(sentence.text, claim_language):
                flagged.append(f"not cited: {_shorten(_strip_markers(sentence.text))!r}")
                end = sentence.end - 1 if sentence.text[-1] in ".!?…" else sentence.end
                edits.append((end, end, f" {unverified_label}"))
            continue

        groups: list[_Group] = []
        cursor = sentence.start
        for m in valid:
            if groups and re.fullmatch(r"[\s,;]*", text[groups[-1].end:m.start]):
                groups[-1].markers.append(m)
            else:
                groups.append(_Group([m], clause_start=cursor))
            cursor = m.end
        whole = _strip_markers(sentence.text)
        tail = text[groups[-1].end:sentence.end]
        for i, g in enumerate(groups):
            clause = _strip_markers(text[g.clause_start:g.start])
            is_last = i == len(groups) - 1
            if is_last and _content_count(tail, claim_language) >= 2:
                clause = _strip_markers(text[g.clause_start:g.start] + tail)
            g.claim = clause if _content_count(clause, claim_language) >= 2 else whole
            g.unit_start, g.unit_end = g.clause_start, g.end
            if is_last and _content_count(tail, claim_language) >= 2:
                g.unit_end = sentence.end - (1 if sentence.text[-1] in ".!?…" else 0)

        kept_any = False
        group_results: list[tuple[_Group, list[tuple[int, Support | None, bool]]]] = []
        for g in groups:
            results: list[tuple[int, Support | None, bool]] = []
            for n in g.numbers:
                if n < 1 or n > len(passages):
                    given = f"only {len(passages)} passages were given" if passages else "no passages were given"
                    flagged.append(f"cited [{n}] but {given}: {_shorten(g.claim)!r}")
                    results.append((n, None, False))
                    continue
                support = best_support(g.claim, passages[n - 1], similarity=similarity, threshold=threshold,
                                       claim_language=claim_language, question=question)
                ok = support is not None and support.score >= threshold
                if not ok and not claim_content(g.claim, passages[n - 1], question=question,
                                                claim_language=claim_language):
                    flagged.append(f"[{n}] only repeats the passage's label or the question: {_shorten(g.claim)!r}")
                elif not ok:
                    score = f" (best match {support.score:.2f})" if support else ""
                    flagged.append(f"[{n}] does not support{score}: {_shorten(g.claim)!r}")
                results.append((n, support, ok))
            group_results.append((g, results))
            if any(ok for _, _, ok in results):
                kept_any = True

        sentence_dropped = not kept_any and unsupported == "drop"
        for g, results in group_results:
            good = [(n, s) for n, s, ok in results if ok]
            claim = ClaimCheck(text=g.claim, cited=g.numbers, supported=[n for n, _ in good])
            claims.append(claim)
            if sentence_dropped:
                claim.kept = False
                continue
            if good:
                new = sorted({number_for(n - 1, s, True) for n, s in good})
                replacement = " " + "".join(f"[{k}]" for k in new)
                edits.append((_space_before(text, g.start), g.end, replacement))
            elif unsupported == "flag":
                shown = [number_for(n - 1, s, False) for n, s, _ in results if s is not None]
                label = "".join(f"[{k}]" for k in sorted(set(shown)))
                edits.append((_space_before(text, g.start), g.end, f" {label} {unverified_label}".replace("  ", " ")))
            else:
                claim.kept = False
                edits.append((g.unit_start, g.unit_end, ""))
        if sentence_dropped:
            edits = [e for e in edits if not (sentence.start <= e[0] <= sentence.end)]
            edits.append((sentence.start, sentence.end, ""))

    cleaned = _tidy(_apply(text, edits))
    citations.sort(key=lambda c: c.n)
    return CitationCheck(text=cleaned, citations=citations, flagged=flagged, claims=claims)


def _space_before(text: str, start: int) -> int:
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    return start


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    out: list[str] = []
    cursor = 0
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1])):
        if start < cursor:
            continue  # inside a span already removed
        out.append(text[cursor:start])
        out.append(replacement)
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


def _tidy(text: str) -> str:
    text = re.sub(r"[ \t]+([,.;:!?])", r"\1", text)
    text = re.sub(r"([,;])(\s*[,;.])+", lambda m: m.group(0)[-1], text)  # ", ." left by a dropped clause
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r"^[ \t]*[,;][ \t]*", "", text, flags=re.MULTILINE)
    text = re.sub(r"\n[ \t]+\n", "\n\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))
