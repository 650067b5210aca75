"""The leaflet block of the content model: every bad input gives one exact message with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.core.sources import load_page

LEAFLET = """---
title: Early help
kind: leaflet
status: information
owner: LSCB administrator
last_reviewed: 2026-11-22
review_due: 2027-11-22
source: Written for this handbook
leaflet:
  summary: What early help is.
  audience: parents and carers
  topics:
  - early help
  language: en-GB
  version: "1.0"
  published: 2026-11-22
  status: current
---

# Early help
"""
REL = "docs/leaflets/early-help.md"


def errors_for(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / REL
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    page, errors = load_page(path, tmp_path, "leaflets/early-help.md")
    assert (page is None) == bool(errors)
    return [str(error) for error in errors]


def test_good_leaflet_is_valid(tmp_path: Path) -> None:
    path = tmp_path / REL
    path.parent.mkdir(parents=True)
    path.write_text(LEAFLET, encoding="utf-8")
    page, errors = load_page(path, tmp_path, "leaflets/early-help.md")
    assert errors == []
    assert page is not None and page.meta.leaflet is not None
    assert page.meta.leaflet.audience == "parents and carers"
    assert page.meta.leaflet.topics == ["early help"]
    assert str(page.meta.leaflet.published) == "2026-11-22"


def test_a_bare_version_number_is_kept_as_text(tmp_path: Path) -> None:
    path = tmp_path / REL
    path.parent.mkdir(parents=True)
    path.write_text(LEAFLET.replace('version: "1.0"', "version: 2"), encoding="utf-8")
    page, errors = load_page(path, tmp_path, "leaflets/early-help.md")
    assert errors == [] and page is not None and page.meta.leaflet is not None
    assert page.meta.leaflet.version == "2"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("audience: parents and carers", "audience: parents"),
            f'{REL}:11: audience "parents" is not allowed (use one of: '
            "'professionals', 'parents and carers' or 'children and young people')",
        ),
        (
            ("  summary: What early help is.\n", ""),
            f'{REL}:9: "summary" is missing: add a line "summary: one or two sentences saying what the leaflet '
            'is about"',
        ),
        (
            ("  topics:\n  - early help\n", "  topics: []\n"),
            f'{REL}:12: topics is empty: list at least one topic, e.g. "topics: [early help]"',
        ),
        (
            ("language: en-GB", "language: English"),
            f'{REL}:14: language "English" is not a language code: use a code such as en-GB (English), '
            "cy (Welsh) or pl (Polish)",
        ),
        (
            ("  status: current", "  status: withdrawn"),
            f"{REL}:17: status \"withdrawn\" is not allowed (use one of: 'draft', 'current' or 'retired')",
        ),
        (
            ("  status: current", "  status: retired"),
            f'{REL}:17: a retired leaflet must say when it was retired: add a line "retired_on: YYYY-MM-DD" '
            "to the leaflet block",
        ),
        (
            ("  status: current", "  status: current\n  retired_on: 2026-11-23"),
            f'{REL}:18: retired_on is only for retired leaflets, and this one is "current": remove the line',
        ),
        (
            ("published: 2026-11-22", "published: 2028-01-01"),
            f'{REL}:16: published "2028-01-01" must not be after review_due "2027-11-22"',
        ),
        (
            ("  audience:", "  audiance:"),
            f'{REL}:11: unknown key "audiance": remove it or correct it (did you mean "audience"?)',
        ),
        (
            ("published: 2026-11-22", "published: 22/11/2026"),
            f'{REL}:16: published "22/11/2026" is not a date (use YYYY-MM-DD)',
        ),
    ],
    ids=[
        "unknown-audience",
        "missing-summary",
        "no-topics",
        "not-a-language-code",
        "unknown-status",
        "retired-without-date",
        "retired-date-on-current",
        "published-after-review",
        "misspelt-key",
        "uk-date-format",
    ],
)
def test_bad_leaflet_block_message(tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    old, new = change
    assert old in LEAFLET
    assert errors_for(tmp_path, LEAFLET.replace(old, new, 1)) == [expected]


def test_a_leaflet_needs_its_block(tmp_path: Path) -> None:
    text = LEAFLET.split("leaflet:\n")[0] + "---\n\n# Early help\n"
    assert errors_for(tmp_path, text) == [
        f'{REL}:3: a leaflet needs a "leaflet:" block (summary, audience, topics, language, version, published, status)'
    ]


def test_only_a_leaflet_has_the_block(tmp_path: Path) -> None:
    assert errors_for(tmp_path, LEAFLET.replace("kind: leaflet", "kind: guide")) == [
        f'{REL}:9: only leaflets have a "leaflet:" block: remove it, or change kind "guide" to "leaflet"'
    ]


def test_a_leaflet_with_no_title(tmp_path: Path) -> None:
    assert errors_for(tmp_path, LEAFLET.replace("title: Early help\n", "")) == [
        f'{REL}:1: "title" is missing: add a line "title: the page title"'
    ]
