"""The relevance suite (relevance.yml): practitioners' queries find their answers in the first three.

Run against the built site's index, through the search box's own steps (search/query.py), which
test_worker.py checks against the real worker. ``python -m handbook search --suite`` prints the
same hit rates.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook import PROJECT_ROOT
from handbook.core.errors import ContentErrors
from handbook.search.query import SearchBox
from handbook.search.relevance import TOP, load_suite, missing_targets, report, run, variants
from handbook.search.synonyms import glossary_pairs

from .conftest import SUITE

pytestmark = pytest.mark.slow

CASES = load_suite(SUITE)


@pytest.fixture(scope="module")
def box(http_site: Path) -> SearchBox:
    return SearchBox(http_site / "search")


def _failures(box: SearchBox, cases: list) -> list[str]:
    return [
        f"{outcome.case.query!r}: expected {' or '.join(outcome.case.expect)}; the first {TOP} results were "
        f"{outcome.shown} (lunr was asked: {box.query(outcome.case.query)})"
        for outcome in run(box, cases)
        if not outcome.passed
    ]


def test_the_suite_is_large_enough_and_every_answer_exists(box: SearchBox) -> None:
    assert len(CASES) >= 40
    assert missing_targets(box, CASES) == []


def test_every_query_finds_its_answer(box: SearchBox) -> None:
    failures = _failures(box, CASES)
    hits = len(CASES) - len(failures)
    print(f"\nRelevance suite: {hits}/{len(CASES)} queries ({100 * hits / len(CASES):.1f}%) found their answer")
    assert failures == [], "\n".join(failures)


def test_stemming_and_synonyms_are_worth_having(http_site: Path, box: SearchBox) -> None:
    """The figures for the README: each choice, taken away, loses queries."""
    pairs = glossary_pairs(PROJECT_ROOT)
    assert pairs, "the glossary gives search its abbreviations"
    rates = {name: sum(outcome.passed for outcome in run(make(), CASES)) for name, make in variants(box, pairs).items()}
    print("\n" + report(http_site / "search", CASES, pairs))
    built, *others = rates.values()
    assert built == len(CASES)
    assert all(other < built for other in others), rates


def test_a_malformed_line_is_reported_with_its_line(tmp_path: Path) -> None:
    suite = tmp_path / "relevance.yml"
    suite.write_text('queries:\n  - {query: "s47", expect: "procedures/index.md"}\n  - {query: "x", expect: "page"}\n')
    with pytest.raises(ContentErrors) as caught:
        load_suite(suite)
    assert "relevance.yml:3:" in str(caught.value)
    assert "must be a page's Markdown file" in str(caught.value)
