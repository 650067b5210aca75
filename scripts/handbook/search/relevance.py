"""The relevance suite: practitioners' queries and where their answers must appear.

The queries live in ``tests/search/relevance.yml`` (one line each, so adding one is a one-line
change). Each is run through ``search.query.SearchBox``, the search box's own steps in Python, over
the built site. A query passes when every expected page is among the first three results a reader
sees and, for an expected paragraph or section, that it is shown under its page without opening
"more on this page".

``report`` also runs the suite over indexes rebuilt from the same documents without stemming,
without synonyms, and with Material's default text processing, to show what each choice is worth.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from lunr.index import Index
from pydantic import BaseModel, ConfigDict, Field, field_validator

from handbook.core.links import page_url
from handbook.core.located_yaml import parse_checked
from handbook.search.index import DEFAULT_SEPARATOR, IndexSettings, build_index, lunr_json_from_compact
from handbook.search.query import Group, SearchBox, material_query
from handbook.search.synonyms import Synonyms
from handbook.search.tokens import js_regex

#: How many results a reader is expected to look at.
TOP = 3


class Case(BaseModel):
    """One query and the page(s) or paragraph that must answer it."""

    model_config = ConfigDict(extra="forbid")
    query: str = Field(min_length=1)
    expect: list[str] = Field(min_length=1)

    @field_validator("expect", mode="before")
    @classmethod
    def _one_or_more(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @field_validator("expect")
    @classmethod
    def _markdown(cls, value: list[str]) -> list[str]:
        for target in value:
            if not target.partition("#")[0].endswith(".md"):
                raise ValueError(f'"{target}" must be a page\'s Markdown file, e.g. procedures/x.md#section-2')
        return value


class Suite(BaseModel):
    model_config = ConfigDict(extra="forbid")
    queries: list[Case] = Field(min_length=1)


def load_suite(path: Path) -> list[Case]:
    """Read the suite; raise ContentErrors (file:line) if a line is malformed."""
    return parse_checked(Suite, path.read_text(encoding="utf-8"), path.name).queries


def location(target: str, directory_urls: bool = True) -> str:
    """Where a search result for ``page.md#anchor`` points."""
    page, _, anchor = target.partition("#")
    url = page_url(page, directory_urls)
    return f"{url}#{anchor}" if anchor else url


@dataclass
class Outcome:
    case: Case
    passed: bool
    shown: list[list[str]]  # the first results: each page with the sections shown under it


def judge(case: Case, groups: Sequence[Group], directory_urls: bool = True) -> Outcome:
    """Is one of the expected answers among the first results a reader sees?"""
    top = groups[:TOP]
    shown = [group.visible for group in top]
    passed = False
    for target in case.expect:
        wanted = location(target, directory_urls)
        if "#" in wanted:
            passed |= any(wanted in visible for visible in shown)
        else:
            passed |= any(group.page == wanted for group in top)
    return Outcome(case, passed, shown)


def run(box: SearchBox, cases: Sequence[Case], directory_urls: bool = True) -> list[Outcome]:
    return [judge(case, box.search(case.query), directory_urls) for case in cases]


def missing_targets(box: SearchBox, cases: Sequence[Case], directory_urls: bool = True) -> list[str]:
    """Expected answers that are not search documents of the built site (a typo, or a renamed anchor)."""
    known = {doc["location"] for doc in box.docs}
    return [
        f"{case.query!r}: {target}"
        for case in cases
        for target in case.expect
        if location(target, directory_urls) not in known
    ]


def rebuilt(box: SearchBox, settings: IndexSettings, synonyms: Synonyms | None) -> SearchBox:
    """The same documents indexed with other settings (for comparing choices)."""
    builder = build_index(box.docs, settings, synonyms)
    index = lunr_json_from_compact(builder.compact(), box.docs, settings)
    rebuilt_box = SearchBox.from_parts(box.config, box.docs, Index.load(index), settings)
    rebuilt_box.phrases = synonyms.query_phrases() if synonyms else []
    return rebuilt_box


class _MaterialDefaults(SearchBox):
    """Material's own query handling: no rewriting of the reader's words."""

    def query(self, text: str) -> str:
        return material_query(text, js_regex(self.settings.separator))


def variants(box: SearchBox, pairs: Sequence[tuple[Sequence[str], str]]) -> dict[str, Callable[[], SearchBox]]:
    """The built search and the alternatives the report compares it with."""
    settings = box.settings

    def material() -> SearchBox:
        defaults = IndexSettings(separator=DEFAULT_SEPARATOR, stop_words=True, stemming=False, length_normalisation=0)
        docs = [{key: value for key, value in doc.items() if key != "boost"} for doc in box.docs]
        plain = rebuilt(SearchBox.from_parts(box.config, docs, box.index, defaults), defaults, None)
        return _MaterialDefaults.from_parts(plain.config, plain.docs, plain.index, defaults)

    return {
        "as built": lambda: box,
        "without stemming": lambda: rebuilt(box, replace(settings, stemming=False), Synonyms(pairs, settings.pattern)),
        "without synonyms (glossary terms, section numbers)": lambda: rebuilt(box, settings, None),
        "Material's default search settings, same documents": material,
    }


def report(search_dir: Path, cases: Sequence[Case], pairs: Sequence[tuple[Sequence[str], str]]) -> str:
    """Hit rates of the built search and of the alternatives (and the queries each one loses)."""
    box = SearchBox(search_dir)
    lines = [f"Relevance suite: {len(cases)} queries, answer among the first {TOP} results"]
    for name, make in variants(box, pairs).items():
        outcomes = run(make(), cases)
        hits = sum(outcome.passed for outcome in outcomes)
        lines.append(f"  {name:<56} {hits:>3}/{len(cases)}  {100 * hits / len(cases):5.1f}%")
        missed = [outcome.case.query for outcome in outcomes if not outcome.passed]
        if missed and len(missed) <= 12:
            lines.append("      misses: " + ", ".join(f'"{query}"' for query in missed))
    return "\n".join(lines)
