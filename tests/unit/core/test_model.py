"""The content model: every bad input gives one exact, plain-English message with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.core.sources import load_page, load_pages

GOOD = """---
title: Making a referral
kind: procedure
status: local procedure
owner: LSCB administrator
last_reviewed: 2026-11-22
review_due: 2027-11-22
source: Written for this handbook
---

# Making a referral
"""


def write(root: Path, rel: str, text: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def errors_for(tmp_path: Path, text: str | bytes, rel: str = "procedures/referrals.md") -> list[str]:
    path = write(tmp_path, rel, text)
    page, errors = load_page(path, tmp_path, rel)
    assert (page is None) == bool(errors)
    return [str(error) for error in errors]


def test_good_page_is_valid(tmp_path: Path) -> None:
    path = write(tmp_path, "procedures/referrals.md", GOOD)
    page, errors = load_page(path, tmp_path, "procedures/referrals.md")
    assert errors == []
    assert page is not None
    assert page.meta.title == "Making a referral"
    assert str(page.meta.review_due) == "2027-11-22"


#: Each bad input, the change that makes it from GOOD, and the exact message it must give.
BAD_FRONT_MATTER: list[tuple[tuple[str, str], str]] = [
    (
        ("review_due: 2027-11-22", "review_due: 2025-13-01"),
        'procedures/referrals.md:7: review_due "2025-13-01" is not a date (use YYYY-MM-DD)',
    ),
    (
        ("last_reviewed: 2026-11-22", "last_reviewed: 22/11/2026"),
        'procedures/referrals.md:6: last_reviewed "22/11/2026" is not a date (use YYYY-MM-DD)',
    ),
    (
        ("owner: LSCB administrator\n", ""),
        'procedures/referrals.md:1: "owner" is missing: add a line "owner: the team or role responsible for the page"',
    ),
    (
        ("review_due:", "reviewdue:"),
        'procedures/referrals.md:7: unknown key "reviewdue": remove it or correct it (did you mean "review_due"?)',
    ),
    (
        ("kind: procedure", "kind: procedur"),
        'procedures/referrals.md:3: kind "procedur" is not allowed (use one of: '
        "'home', 'guide', 'procedure', 'edition', 'edition-chapter', 'comparison', 'flowchart' or 'leaflet')",
    ),
    (
        ("status: local procedure", "status: draft"),
        'procedures/referrals.md:4: status "draft" is not allowed (use one of: '
        "'statutory', 'non-statutory', 'local procedure' or 'information')",
    ),
    (
        ("title: Making a referral", 'title: ""'),
        "procedures/referrals.md:2: title must be some text, not empty",
    ),
    (
        ("review_due: 2027-11-22", "review_due: 2026-01-01"),
        'procedures/referrals.md:7: review_due "2026-01-01" must be after last_reviewed "2026-11-22"',
    ),
    (
        ("kind: procedure", "kind: edition-chapter"),
        'procedures/referrals.md:3: a page of kind "edition-chapter" must say which edition it belongs to: '
        'add a line "edition: 2010 | 2013 | 2015 | 2018 | 2023"',
    ),
    (
        ("source: Written for this handbook", "source: Written for this handbook\nedition: 2012"),
        'procedures/referrals.md:9: edition "2012" is not allowed (use one of: 2010, 2013, 2015, 2018 or 2023)',
    ),
]
BAD_FRONT_MATTER_IDS = [
    "bad-date",
    "uk-date-format",
    "missing-owner",
    "misspelt-key",
    "unknown-kind",
    "unknown-status",
    "empty-title",
    "review-before-last-reviewed",
    "edition-missing",
    "unknown-edition",
]


@pytest.mark.parametrize(("change", "expected"), BAD_FRONT_MATTER, ids=BAD_FRONT_MATTER_IDS)
def test_bad_front_matter_message(tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    old, new = change
    assert old in GOOD
    assert errors_for(tmp_path, GOOD.replace(old, new, 1)) == [expected]


def test_no_front_matter(tmp_path: Path) -> None:
    assert errors_for(tmp_path, "# Making a referral\n") == [
        "procedures/referrals.md:1: no front matter: start the file with a line '---', then title, kind, "
        "status, owner, last_reviewed, review_due and source, then another line '---'"
    ]


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    text = GOOD.replace("title: Making a referral", "title: Referrals: how to make one")
    assert errors_for(tmp_path, text) == [
        "procedures/referrals.md:2: the front matter is not valid YAML (mapping values are not allowed here); "
        "check indentation and that text containing ':' is in quotes"
    ]


def test_not_utf8(tmp_path: Path) -> None:
    assert errors_for(tmp_path, GOOD.replace("referral", "r\u00e9ferral").encode("latin-1")) == [
        "procedures/referrals.md:1: the file is not UTF-8 text (invalid continuation byte): save it as UTF-8"
    ]


def test_every_error_in_every_file_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "docs/index.md", GOOD.replace("kind: procedure", "kind: page"))
    write(tmp_path, "procedures/a.md", GOOD.replace("owner: LSCB administrator\n", "").replace("2027-11-22", "soon"))
    write(tmp_path, "procedures/b.md", GOOD)
    pages, errors = load_pages(tmp_path)
    assert [page.path for page in pages] == ["procedures/b.md"]
    assert [str(error) for error in sorted(errors)] == [
        "docs/index.md:3: kind \"page\" is not allowed (use one of: 'home', 'guide', 'procedure', 'edition', "
        "'edition-chapter', 'comparison', 'flowchart' or 'leaflet')",
        'procedures/a.md:1: "owner" is missing: add a line "owner: the team or role responsible for the page"',
        'procedures/a.md:6: review_due "soon" is not a date (use YYYY-MM-DD)',
    ]


def test_two_pages_at_one_address(tmp_path: Path) -> None:
    write(tmp_path, "procedures/referrals.md", GOOD)
    write(tmp_path, "docs/procedures/referrals.md", GOOD)
    _pages, errors = load_pages(tmp_path)
    assert [str(error) for error in errors] == [
        "procedures/referrals.md:1: this page would be published at the same address as "
        "docs/procedures/referrals.md: rename one"
    ]


def test_rests_on_names_editions_and_only_for_pages_that_are_not_an_editions_own(tmp_path: Path) -> None:
    resting = GOOD.replace("source: Written", "rests_on: [2010, 2015]\nsource: Written")
    path = write(tmp_path, "procedures/referrals.md", resting)
    page, errors = load_page(path, tmp_path, "procedures/referrals.md")
    assert errors == [] and page.meta.rests_on == [2010, 2015]
    assert errors_for(tmp_path, GOOD.replace("source: Written", "rests_on: [2016]\nsource: Written")) == [
        "procedures/referrals.md:8: rests_on \"2016\" is not allowed (use one of: 2010, 2013, 2015, 2018 or 2023)"
    ]
    edition_page = resting.replace("kind: procedure", "kind: edition\nedition: 2015")
    assert errors_for(tmp_path, edition_page, "working-together/2015/index.md") == [
        'working-together/2015/index.md:9: a page of kind "edition" says its edition with "edition:", not '
        '"rests_on:": remove the line'
    ]
