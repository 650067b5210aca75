"""The search box, in Python: what a reader sees for a query, from the built index.

Used by the relevance suite (``tests/search/relevance.yml``) and by ``python -m handbook search``.
It follows the browser step by step, so its answers are the browser's
(``tests/search/test_worker.py`` checks them against the real worker code run in Node.js):

1. ``rewrite_query``: the handbook's worker rewrites the query (section numbers, stop words, stems);
2. ``material_query``: Material's ``transformSearchQuery`` (split at the separator, ``*`` appended);
3. lunr (lunr.py here, lunr.js there) searches the index built at build time;
4. ``material_results``: Material's post-processing (a bonus for pages and for matching every
   word, then results grouped by page, and only the page's best sections shown unfolded).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lunr.index import Index
from lunr.query import Query, QueryPresence
from lunr.query_lexer import QueryLexer
from lunr.query_parser import QueryParser

from handbook.search.index import EXACT_BOOST, IndexSettings, lunr_json_from_compact
from handbook.search.shards import read_shards
from handbook.search.tokens import STOP_WORDS, js_regex, word_stem

#: Section numbers as readers type them: "s47", "S.47", "s 47", "sec. 47", "section 47".
SECTION_QUERY = re.compile(r"(^|[^A-Za-z0-9.])(?:s|ss|sec|sect|section|sections)\.?\s*([0-9]+[a-z]?)(?![0-9A-Za-z])",
                           re.IGNORECASE)  # fmt: skip
_SYNTAX = re.compile(r"[*~^:\"]")


def hidden_terms(words: Sequence[str], phrases: Sequence[tuple[Sequence[str], str]]) -> list[str]:
    """Abbreviations whose expansion the reader typed (``Synonyms.query_phrases``), in order."""
    stems = [word_stem(word) for word in words]
    found: list[str] = []
    for phrase, term in phrases:
        size = len(phrase)
        if term not in found and any(stems[i : i + size] == list(phrase) for i in range(len(stems) - size + 1)):
            found.append(term)
    return found


def rewrite_query(query: str, settings: IndexSettings, phrases: Sequence[tuple[Sequence[str], str]] = ()) -> str:
    """The handbook's rewriting of a reader's query (twin of ``rewriteQuery`` in search/worker.js).

    Section numbers become one term ("S.47" → "s47"); stop words go, except a last word still being
    typed; a single letter being typed is looked for as a word, not as a prefix; with
    ``stemming``, each word becomes its stem so that every form of it matches; a glossary expansion
    the reader typed brings in its abbreviation's term (the worker hides it from the result list's
    "missing words").
    """
    query = SECTION_QUERY.sub(lambda m: m.group(1) + "s" + m.group(2).lower(), query)
    if '"' in query:
        return query
    typing = not re.search(r"\s$", query)
    parts = [part for part in re.split(r"\s+", query) if part]
    typed: list[str] = []
    out: list[str] = []
    for p, part in enumerate(parts):
        prefix = part[0] if part[0] in "+-" else ""
        body = part[len(prefix) :]
        if not body or _SYNTAX.search(body):
            out.append(part)
            continue
        pieces = [word for word in settings.pattern.split(body.lower()) if word]
        if not prefix:
            typed += pieces
        for w, word in enumerate(pieces):
            last = typing and p == len(parts) - 1 and w == len(pieces) - 1
            if settings.stop_words and not prefix and not last and word in STOP_WORDS:
                continue
            term = word_stem(word) if settings.stemming else word
            if prefix:
                out.append(prefix + term)
            elif last and len(term) == 1:
                # A first letter being typed is not a prefix: "c*" would fetch a tenth of the index
                # (every chunk of terms in "c") for results the next keystroke replaces.
                out.append(f"{term}^{EXACT_BOOST}")
            else:
                # "term^4" finds the word (and its other forms) itself: Material leaves a boosted
                # term alone. "term" becomes "term*", which also finds longer words (and the word
                # being typed), at a quarter of the weight: "child" should find "children" first,
                # "childcare" after. Both have the same text, so Material still counts one word
                # when it shows missing words and highlights.
                out += [f"{term}^{EXACT_BOOST}", term]
    for term in hidden_terms(typed, phrases):
        if term not in out:
            out.append(f"{term}^{EXACT_BOOST}")
    return " ".join(out) if out else query


def _material_split(part: str, separator: re.Pattern[str]) -> list[str]:
    """Material's lexer step: each term of a query part, split at the separator."""
    lexer = QueryLexer(part)
    lexer.run()
    terms: list[str] = []
    for lexeme in lexer.lexemes:
        kind, term, start, end = lexeme["type"], lexeme["string"], lexeme["start"], lexeme["end"]
        if kind == QueryLexer.FIELD:
            if term not in ("title", "text", "tags"):
                part = part[:end] + " " + part[end + 1 :]
        elif kind == QueryLexer.TERM:
            for piece in separator.split(term):
                if piece:
                    terms.append(part[:start] + piece + part[end:])
    return terms


def material_query(query: str, separator: re.Pattern[str]) -> str:
    """Material's ``transformSearchQuery``: phrases to required words, every plain word a prefix."""
    query = query.strip()
    pieces = re.split(r'"([^"]+)"', query)
    query = "".join(
        re.sub(r"^\b|^(?![^\x00-\x7F]|$)|\s+", " +", piece, flags=re.ASCII) if index % 2 else piece
        for index, piece in enumerate(pieces)
    )
    query = re.sub(r'"|(?:^|\s+)[*+\-:^~]+(?=\s+|$)', "", query)
    terms: list[str] = []
    for part in re.split(r"\s+", query):
        terms += _material_split(part, separator)
    terms = [term + "1" if re.search(r"[~^]$", term) else term for term in terms]
    terms = [term if re.search(r"^[+-]|[~^]\d+$", term) else term + "*" for term in terms]
    return " ".join(terms)


@dataclass
class Hit:
    """One search document in the results."""

    location: str
    title: str
    score: float
    terms: dict[str, bool]

    @property
    def page(self) -> str:
        return self.location.partition("#")[0]


@dataclass
class Group:
    """One result in the list: a page, with the sections shown unfolded under it."""

    page: str
    hits: list[Hit]
    visible: list[str] = field(default_factory=list)


def _clause_terms(query: str) -> list[str]:
    """Material's ``parseSearchQuery``: the terms of the clauses that are not prohibited, without ``*``."""
    parsed = Query(["title", "text", "tags"])
    QueryParser(query, parsed).parse()
    terms = []
    for clause in parsed.clauses:
        if clause.presence == QueryPresence.PROHIBITED:
            continue
        term = clause.term
        term = term[1:] if term.startswith("*") else term
        term = term[:-1] if term.endswith("*") else term
        terms.append(term)
    return terms


def _query_terms(clauses: Sequence[str], matched: Sequence[str]) -> dict[str, bool]:
    """Material's ``getSearchQueryTerms``: which query words a result matched."""
    remaining = list(clauses)
    result: dict[str, bool] = {}
    for term in matched:
        for clause in list(remaining):
            if term.startswith(clause):
                result[clause] = True
                remaining.remove(clause)
    for clause in remaining:
        if clause and clause not in STOP_WORDS:
            result[clause] = False
    return result


def material_results(index: Index, docs: Sequence[Mapping[str, Any]], query: str) -> list[Group]:
    """Material's ``Search.search`` after lunr, grouped and folded as its result list shows them."""
    if not query:
        return []
    articles: dict[str, Mapping[str, Any]] = {}
    is_article: dict[str, bool] = {}
    by_location: dict[str, Mapping[str, Any]] = {}
    for doc in docs:
        path = doc["location"].split("#")[0]
        by_location[doc["location"]] = doc
        if path not in articles:
            articles[path] = doc
            is_article[doc["location"]] = True
        else:
            is_article.setdefault(doc["location"], False)
    clauses = _clause_terms(query)
    hits: list[Hit] = []
    for result in index.search(query):
        doc = by_location.get(result["ref"])
        if doc is None:
            continue
        terms = _query_terms(clauses, list(result["match_data"].metadata))
        matched = sum(1 for value in terms.values() if value) / len(terms) if terms else 0
        boost = (1 if is_article[doc["location"]] else 0) + matched
        hits.append(Hit(doc["location"], doc["title"], result["score"] * (1 + boost**2), terms))
    hits.sort(key=lambda hit: -hit.score)
    groups: dict[str, Group] = {}
    for hit in hits:
        parent = hit.page if is_article.get(hit.location) is False else hit.location
        parent = articles[hit.page]["location"] if hit.page in articles else parent
        groups.setdefault(parent, Group(parent, [])).hits.append(hit)
    for group in groups.values():
        if not any(hit.location == group.page for hit in group.hits):
            article = by_location[group.page]
            group.hits.append(Hit(group.page, article["title"], 0.0, {}))
        threshold = group.hits[0].score
        sections = [hit for hit in group.hits if hit.location != group.page]
        best = []
        for hit in sections:
            if hit.score < threshold:
                break
            best.append(hit.location)
        group.visible = [group.page, *best]
    return list(groups.values())


class SearchBox:
    """The built site's search, as the browser runs it."""

    def __init__(self, search_dir: Path, settings: IndexSettings | None = None) -> None:
        """``search_dir``: a built site's ``search/`` folder. ``settings`` overrides how queries are rewritten."""
        self.config, self.docs, compact = read_shards(search_dir)
        self.settings = settings or IndexSettings.from_material(self.config)
        self.phrases = self.config.get("handbook", {}).get("query", {}).get("phrases", [])
        self.index = Index.load(lunr_json_from_compact(compact, self.docs, self.settings))

    @classmethod
    def from_parts(cls, config: Mapping[str, Any], docs: list[dict[str, Any]], index: Index,
                   settings: IndexSettings) -> SearchBox:  # fmt: skip
        box = cls.__new__(cls)
        box.config, box.docs, box.index, box.settings = dict(config), docs, index, settings
        box.phrases = config.get("handbook", {}).get("query", {}).get("phrases", [])
        return box

    def query(self, text: str) -> str:
        """What lunr is asked for the reader's words."""
        return material_query(rewrite_query(text, self.settings, self.phrases), js_regex(self.settings.separator))

    def search(self, text: str) -> list[Group]:
        return material_results(self.index, self.docs, self.query(text))
