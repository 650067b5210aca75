"""Build the search index at build time, so the browser only has to load it.

Out of the box, Material for MkDocs 9 sends every visitor the search documents and has lunr.js
index them in the browser on every page load: about 1 s at 500 pages and 3 to 4.6 s at 2,000 pages
on the machines this handbook is used on, before the first result can appear (``prebuild_index``
is not supported by Material 9). Here the index is built once, by the build, in a compact form:
terms, and for each term the documents and term frequencies. It is cut into small files beside
Material's ``search_index.json`` (``search.shards``), so that a query fetches only its words'
postings and the text of the results shown. The search worker (``search/worker.js``, put in front
of Material's own) searches them with lunr's own scores, and Material's search interface works on
the results unchanged.

The index follows Material's settings, read from its ``search_index.json``: the tokenizer and
``separator`` (``search.tokens``), the fields and their boosts, the ``pipeline``. With no
synonyms, no stemmer, ``b = 0`` and no query rewriting, the browser shows exactly what Material
would (tests/search/test_worker.py runs both workers in Node.js and compares every result).

What differs on purpose, and why:

* ``stemmer`` indexes each word *and* its stem, where lunr would keep only the stem: Material adds
  ``*`` to every word of a query and lunr skips the stemmer for such words, so a stemmed index
  would not find "safeguarded", nor a half-typed "assessm". The search box stems the reader's
  complete words instead (``search.query.rewrite_query``), and half-typed words still match the
  words as written;
* synonyms (``search.synonyms``): glossary abbreviations and section numbers;
* ``B``: a little length normalisation (Material uses none);
* the documents (``search.docs``): a result per numbered paragraph, labels, boosts.

lunr.py (the Python port of lunr.js) loads and queries the index for the relevance suite
(``search.query``); it is not used to build it, because its builder has its own tokenizer and a
stemmer that differs from lunr.js's, and the browser must see the same terms as the build.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from handbook.content.editions import Editions
from handbook.search.docs import PageFacts, label_documents, split_paragraphs
from handbook.search.shards import ShardFiles, write_shards
from handbook.search.synonyms import Synonyms
from handbook.search.tokens import IRREGULAR, STOP_WORDS, js_regex, tokenize, word_stem

#: The lunr.js version the serialised index is for (the one inside Material 9.8's search worker).
LUNR_VERSION = "2.3.9"
#: lunr's term-frequency saturation; Material keeps lunr's default.
K1 = 1.2
#: lunr's field-length normalisation. Material sets 0; the handbook's documents range from one
#: paragraph to a whole chapter of an executive summary, and without any normalisation the long ones
#: win every query of common words. 0.3 is a mild preference for the shorter passage.
B = 0.3
#: In a query, how much more a word counts than the longer words it begins (``rewrite_query``).
EXACT_BOOST = 4
#: Material's default separator for English: whitespace and hyphens.
DEFAULT_SEPARATOR = r"[\s\-]+"
_TRIM_START = re.compile(r"^\W+", re.ASCII)
_TRIM_END = re.compile(r"\W+$", re.ASCII)


@dataclass(frozen=True)
class IndexSettings:
    """How words become index terms: Material's search configuration."""

    separator: str = DEFAULT_SEPARATOR
    #: Indexed fields and their boosts, in Material's order.
    fields: tuple[tuple[str, float], ...] = (("title", 1000.0), ("text", 1.0), ("tags", 1000000.0))
    trimmer: bool = False
    stop_words: bool = True
    stemming: bool = False
    #: lunr's field-length normalisation, ``b`` (see ``B``).
    length_normalisation: float = B

    @classmethod
    def from_material(cls, config: Mapping[str, Any]) -> IndexSettings:
        """Read the ``config`` block of Material's ``search_index.json``."""
        lang = config.get("lang") or ["en"]
        if list(lang) != ["en"]:
            raise ValueError(f"the prebuilt search index supports English only, not {lang}")
        pipeline = set(config.get("pipeline") or [])
        fields = tuple((name, float(spec.get("boost", 1.0))) for name, spec in config["fields"].items())
        return cls(
            separator=config.get("separator") or DEFAULT_SEPARATOR,
            fields=fields,
            trimmer="trimmer" in pipeline,
            stop_words="stopWordFilter" in pipeline,
            stemming="stemmer" in pipeline,
        )

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return js_regex(self.separator)

    def terms(self, word: str) -> tuple[str, ...]:
        """The index terms for one lower-case word: lunr's trimmer, stop-word filter, then word and stem."""
        if self.trimmer:
            word = _TRIM_END.sub("", _TRIM_START.sub("", word))
        if not word or (self.stop_words and word in STOP_WORDS):
            return ()
        if self.stemming:
            stemmed = word_stem(word)
            if stemmed and stemmed != word:
                return (word, stemmed)
        return (word,)


def _js_round(score: float) -> float:
    """``Math.round(score * 1000) / 1000``, as lunr.js rounds vector elements."""
    return math.floor(score * 1000 + 0.5) / 1000


def _utf16_key(term: str) -> bytes:
    """JavaScript sorts strings by UTF-16 code units; lunr.js needs its terms in that order."""
    return term.encode("utf-16-be")


class IndexBuilder:
    """lunr.js's ``Builder`` fed Material's tokens (and synonyms).

    It keeps term frequencies, not positions: the worker works out the positions Material
    highlights for the few documents a query returns, from the same tokenizer and pipeline, so the
    file the browser loads holds only what ranking needs. Positions of synonym terms (which the
    worker cannot work out) are kept in ``extra``.
    """

    def __init__(self, settings: IndexSettings, synonyms: Synonyms | None = None) -> None:
        self.settings = settings
        self.synonyms = synonyms
        self.fields = [name for name, _ in settings.fields]
        self.boosts = [boost for _, boost in settings.fields]
        self.refs: list[str] = []
        self.doc_boosts: list[float] = []
        #: number of terms in each field of each document (lunr's field length)
        self.lengths: list[int] = []
        #: term → one {doc number: term frequency} per field
        self.postings: dict[str, list[dict[int, int]]] = {}
        #: (doc number, field number, word, positions) of every synonym word
        self.extra: list[tuple[int, int, str, tuple[int, ...]]] = []
        self._terms_cache: dict[str, tuple[str, ...]] = {}

    def _terms(self, word: str) -> tuple[str, ...]:
        terms = self._terms_cache.get(word)
        if terms is None:
            terms = self._terms_cache[word] = self.settings.terms(word)
        return terms

    def add(self, doc: Mapping[str, Any], boost: float | None = None) -> None:
        """Index one search document (``location``, ``title``, ``text``, optional ``tags``)."""
        number = len(self.refs)
        self.refs.append(doc["location"])
        self.doc_boosts.append(boost or 1.0)
        for field_number, field in enumerate(self.fields):
            value = doc.get(field)
            self.lengths.append(0)
            if value is None:
                continue
            tokens = tokenize(value, self.settings.pattern)
            words = [token.original.lower() for token in tokens]
            counts = Counter(words)
            if self.synonyms is not None:
                for word, positions in self.synonyms.extra_terms(tokens, words):
                    counts[word] += 1
                    if self._terms(word):
                        self.extra.append((number, field_number, word, positions))
            for word, count in counts.items():
                self.lengths[-1] += count * len(self._terms(word))
                for term in self._terms(word):
                    posting = self.postings.get(term)
                    if posting is None:
                        posting = self.postings[term] = [{} for _ in self.fields]
                    field_posting = posting[field_number]
                    field_posting[number] = field_posting.get(number, 0) + count

    def compact(self) -> dict[str, Any]:
        """The index as the handbook's search worker loads it (``search/worker.js``, ``loadCompact``).

        ``postings[t][f]`` lists the documents with term ``t`` in field ``f`` as one integer each:
        ``gap * 8 + frequency`` (the gap from the previous document, counted from -1), or, for a
        frequency of 8 or more, ``gap * 8`` followed by the frequency. Scores are not stored: the
        worker computes lunr's from these and the documents' boosts, exactly as lunr.js would.
        ``extra`` lists the synonym words added to documents, ``[document, field, word, positions…]``
        with the word numbered in ``words``, so the worker can highlight them.
        """
        terms = sorted(self.postings, key=_utf16_key)
        words = sorted({word for _doc, _field, word, _positions in self.extra})
        word_number = {word: index for index, word in enumerate(words)}
        postings = []
        for term in terms:
            encoded = []
            for field_posting in self.postings[term]:
                ints: list[int] = []
                previous = -1
                for doc in sorted(field_posting):
                    frequency = field_posting[doc]
                    gap = doc - previous
                    previous = doc
                    if frequency < 8:
                        ints.append(gap * 8 + frequency)
                    else:
                        ints += [gap * 8, frequency]
                encoded.append(ints)
            postings.append(encoded)
        extra = [[doc, field, word_number[word], *positions] for doc, field, word, positions in self.extra]
        return {
            "lunr": LUNR_VERSION,
            "documents": len(self.refs),
            "fields": self.fields,
            "b": self.settings.length_normalisation,
            "lengths": self.lengths,
            "terms": terms,
            "postings": postings,
            "words": words,
            "extra": extra,
        }


def decode_postings(ints: Sequence[int]) -> list[tuple[int, int]]:
    """(document, frequency) pairs from one compact posting list (see ``IndexBuilder.compact``)."""
    pairs = []
    doc = -1
    index = 0
    while index < len(ints):
        value = ints[index]
        frequency = value % 8
        doc += value // 8
        if frequency == 0:
            index += 1
            frequency = ints[index]
        pairs.append((doc, frequency))
        index += 1
    return pairs


def lunr_json_from_compact(
    compact: Mapping[str, Any], docs: Sequence[Mapping[str, Any]], settings: IndexSettings
) -> dict[str, Any]:
    """The lunr index (lunr.js 2.3.9's JSON) the worker makes from the compact one (``fromCompact``).

    Scores are lunr's: ``idf * (k1 + 1) * tf / (k1 + tf)`` (``b = 0``), times the field's and the
    document's boost, rounded to three decimals. No positions: ranking does not use them.
    """
    if compact["documents"] != len(docs):
        raise ValueError(f"the compact index has {compact['documents']} documents, the site {len(docs)}")
    fields = list(compact["fields"])
    field_boost = dict(settings.fields)
    count = len(docs)
    b = compact.get("b", 0.0)
    lengths = compact.get("lengths") or [0] * (count * len(fields))
    averages = []
    for number in range(len(fields)):
        values = lengths[number :: len(fields)]
        averages.append(sum(values) / len(values) if values else 0)
    refs = [doc["location"] for doc in docs]
    doc_boosts = [doc.get("boost") or 1.0 for doc in docs]
    vectors: list[list[float]] = [[] for _ in range(count * len(fields))]
    inverted = []
    for term_number, term in enumerate(compact["terms"]):
        decoded = [decode_postings(ints) for ints in compact["postings"][term_number]]
        with_term = sum(len(pairs) for pairs in decoded)
        idf = math.log(1 + abs((count - with_term + 0.5) / (with_term + 0.5)))
        posting: dict[str, Any] = {"_index": term_number}
        for field_number, pairs in enumerate(decoded):
            boost = field_boost[fields[field_number]]
            posting[fields[field_number]] = {refs[doc]: {} for doc, _ in pairs}
            for doc, frequency in pairs:
                norm = 1 - b + b * (lengths[doc * len(fields) + field_number] / averages[field_number]) if b else 1
                score = idf * ((K1 + 1) * frequency) / (K1 * norm + frequency) * boost * doc_boosts[doc]
                vectors[doc * len(fields) + field_number] += [term_number, _js_round(score)]
        inverted.append([term, posting])
    field_vectors = [
        [f"{field}/{refs[doc]}", vectors[doc * len(fields) + number]]
        for doc in range(count)
        for number, field in enumerate(fields)
    ]
    return {"version": LUNR_VERSION, "fields": fields, "fieldVectors": field_vectors,
            "invertedIndex": inverted, "pipeline": []}  # fmt: skip


def build_index(
    docs: Iterable[Mapping[str, Any]], settings: IndexSettings, synonyms: Synonyms | None = None
) -> IndexBuilder:
    """Index search documents; each may carry a ``boost`` (Material's front-matter ``search.boost``)."""
    builder = IndexBuilder(settings, synonyms)
    for doc in docs:
        builder.add(doc, doc.get("boost"))
    return builder


# --- The build step ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PrebuiltIndex:
    """What was written: for the build log and the tests."""

    documents: int
    terms: int
    shards: ShardFiles


def query_settings(settings: IndexSettings, synonyms: Synonyms) -> dict[str, Any]:
    """What the worker needs to treat words as the index does (``termsOf``, ``rewriteQuery``)."""
    return {
        "stemming": settings.stemming,
        "stopWords": settings.stop_words,
        "trimmer": settings.trimmer,
        "exactBoost": EXACT_BOOST,
        "irregular": IRREGULAR,
        "phrases": synonyms.query_phrases(),
    }


def prepared_documents(
    docs: Iterable[dict[str, Any]],
    facts_by_url: Mapping[str, PageFacts],
    paragraphs_by_url: Mapping[str, list[tuple[str, str]]],
    editions: Editions,
) -> list[dict[str, Any]]:
    """Material's documents as the handbook indexes them: a document per numbered paragraph, each
    page's result labelled, every document boosted. Page by page or all at once, the same result
    (``search.background`` feeds it one page at a time)."""
    return label_documents(split_paragraphs(docs, paragraphs_by_url), facts_by_url, editions)


def write_manifest(path: Path, data: dict[str, Any], shards: ShardFiles, query: Mapping[str, Any]) -> None:
    """Rewrite Material's ``search_index.json`` as the manifest: no documents, the shards' names."""
    data["docs"] = []
    data["config"]["handbook"] = {**shards.manifest, "query": dict(query)}
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def prebuild_search_index(
    path: Path,
    facts_by_url: Mapping[str, PageFacts],
    paragraphs_by_url: Mapping[str, list[tuple[str, str]]],
    editions: Editions,
    synonym_pairs: Iterable[tuple[Sequence[str], str]],
    scripts: bool = True,
    docs: list[dict[str, Any]] | None = None,
) -> PrebuiltIndex:
    """Rewrite Material's ``search/search_index.json`` as the manifest, with the shards beside it.

    The documents leave ``search_index.json`` (which every page loads) for the document chunks:
    Material's worker is given, query by query, only the documents it shows (search/worker.js).
    ``scripts``: write the shards as scripts too, for ``file://`` (see ``search.shards``).
    ``docs``: Material's documents, if not those in the file (the build handed its pages to
    ``search.background``, and Material wrote none). The build usually has ``search.background``
    do all this while the pages are rendered; this is the same work done at the end.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    settings = IndexSettings.from_material(data["config"])
    docs = prepared_documents(data["docs"] if docs is None else docs, facts_by_url, paragraphs_by_url, editions)
    synonyms = Synonyms(synonym_pairs, settings.pattern)
    builder = build_index(docs, settings, synonyms)
    shards = write_shards(path.parent, builder.compact(), docs, scripts)
    write_manifest(path, data, shards, query_settings(settings, synonyms))
    return PrebuiltIndex(documents=len(docs), terms=len(builder.postings), shards=shards)
