"""Alignments: passages resolve to the hosted words, and every bad input has an exact message and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook import PROJECT_ROOT
from handbook.compare.alignments import parse_alignments, passage_text, resolve_side
from handbook.compare.concordance import parse_concordance
from handbook.compare.data import load_comparison
from handbook.core.errors import ContentErrors
from tests.unit.compare.compare_fixtures import ALIGNMENTS, CONCORDANCE, line_of, make_handbook


def parsed(tmp_path: Path, text: str):
    hosted = make_handbook(tmp_path)
    return parse_alignments(text, hosted, parse_concordance(CONCORDANCE, hosted)), hosted


def errors_for(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        parsed(tmp_path, text)
    return [str(error) for error in caught.value.errors]


def test_good_alignment_reads_the_hosted_words(tmp_path: Path) -> None:
    alignments, hosted = parsed(tmp_path, ALIGNMENTS)
    first, second = alignments.alignments[0].rows
    assert passage_text(first.old[0], hosted) == "undertaking Serious Case Reviews."
    assert passage_text(first.new[0], hosted) == (
        "undertake a Serious Case Review where abuse or neglect of a child is known or suspected."
    )
    side = resolve_side(first.new, hosted)
    assert side.prefix == "Working Together 2013, consultation draft (June 2012)"
    assert side.targets == [("working-together/2013/consultation-draft/referrals.md#para-61", "paragraph 61 (part)")]
    assert passage_text(second.new[0], hosted).startswith("When a referral is made:\n• a qualified social worker")


def _bad(old: str, new: str) -> str:
    assert old in ALIGNMENTS, old
    return ALIGNMENTS.replace(old, new, 1)


CASES = [
    (
        "a start that is not on the page",
        _bad("start: undertaking Serious", "start: conducting Serious"),
        "- page: working-together/2010/chapter-5.md",
        'in working-together/2010/chapter-5.md, the start "conducting Serious Case Reviews" is not in the page: '
        "copy it exactly from the page",
    ),
    (
        "a start that is on the page twice",
        _bad("start: undertaking Serious Case Reviews", "start: the"),
        "- page: working-together/2010/chapter-5.md",
        'in working-together/2010/chapter-5.md, the start "the" occurs 2 times in the page: quote more words',
    ),
    (
        "a paragraph the page does not have",
        _bad("referrals.md#para-61]", "referrals.md#para-62]"),
        "referrals.md#para-62",
        'working-together/2013/consultation-draft/referrals.md has no anchor "#para-62" '
        "(its paragraphs are para-61 to para-61): "
        'cite an anchor it has, or the page without "#..."',
    ),
    (
        "a whole page instead of a passage",
        _bad("referrals.md#para-61]", "referrals.md]"),
        "- new: [working-together/2013/consultation-draft/referrals.md]",
        'a passage is a numbered paragraph ("<page>.md#para-N") or a range of words ("page:" with "start:" and "end:")',
    ),
    (
        "a topic that is not in the concordance",
        _bad("topic: referral", "topic: referals"),
        "topic: referals",
        "topic \"referals\" is not in data/concordance.yml: use one of ['referral']",
    ),
    (
        "a row with no passages",
        _bad(
            "      - new: [working-together/2013/consultation-draft/referrals.md#para-61]\n", "      - note: nothing\n"
        ),
        "- note: nothing",
        'a row needs "old:" or "new:" passages (or both)',
    ),
    (
        "new passages from two different texts",
        _bad("consultation-draft/referrals.md#para-61]\n", "about.md#para-2]\n"),
        "    rows:",
        'the "new" passages come from different texts (Working Together 2013, consultation draft (June 2012), '
        "Working Together 2013, final text): compare one text with one other text",
    ),
]


@pytest.mark.parametrize(("name", "text", "needle", "message"), CASES, ids=[case[0] for case in CASES])
def test_bad_alignment_is_reported_with_file_and_line(
    tmp_path: Path, name: str, text: str, needle: str, message: str
) -> None:
    assert errors_for(tmp_path, text) == [f"data/alignments.yml:{line_of(text, needle)}: {message}"]


def test_real_alignments_are_confirmed_and_resolve() -> None:
    ctx = load_comparison(PROJECT_ROOT)
    ids = [alignment.id for alignment in ctx.alignments.confirmed]
    assert {"status-and-purpose", "lscb-functions"} <= set(ids)
    status = next(a for a in ctx.alignments.confirmed if a.id == "status-and-purpose")
    draft_10 = next(row for row in status.rows if row.old and row.old[0].anchor == "para-10")
    assert passage_text(draft_10.old[0], ctx.hosted).startswith("This document does not have the full force of statute")
    assert [p.anchor for p in draft_10.new] == ["para-5"]
    functions = next(a for a in ctx.alignments.confirmed if a.id == "lscb-functions")
    assert any(
        passage_text(p, ctx.hosted).startswith("The statutory functions of an LSCB are to:")
        for row in functions.rows
        for p in row.new
    )
