"""Review governance with fixed dates: states, banner wording, the "About this page" block, the report."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from handbook import PROJECT_ROOT
from handbook.content.editions import long_date
from handbook.core.links import page_url
from handbook.core.model import PageMeta
from handbook.core.sources import load_pages
from handbook.governance.review import (
    CURRENT,
    DUE_SOON,
    OVERDUE,
    PageEntry,
    format_report,
    overdue_banner,
    page_entry,
    page_info_html,
    review_json,
    review_report,
    review_state,
)

D = dt.date


def meta(review_due: str = "2026-05-01", owner: str = "LSCB administrator", **extra) -> PageMeta:
    return PageMeta(
        title=extra.pop("title", "Making a referral"),
        kind="procedure",
        status="local procedure",
        owner=owner,
        last_reviewed=extra.pop("last_reviewed", "2025-05-01"),
        review_due=review_due,
        source="Written for this handbook",
        **extra,
    )


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (D(2026, 5, 2), OVERDUE),  # the day after the review date
        (D(2026, 5, 1), DUE_SOON),  # due today: not yet past it
        (D(2026, 3, 2), DUE_SOON),  # 60 days before
        (D(2026, 3, 1), CURRENT),  # 61 days before
    ],
)
def test_review_state_boundaries(on: dt.date, expected: str) -> None:
    assert review_state(D(2026, 5, 1), on) == expected


def test_overdue_banner_says_it_in_words() -> None:
    banner = overdue_banner(meta(), D(2026, 5, 2))
    assert banner.startswith('<div class="admonition warning hb-review-overdue" role="note" data-search-exclude=""')
    assert '<p class="admonition-title">Review overdue</p>' in banner
    assert (
        "This page was due for review on 1 May 2026. It may be out of date. "
        "Check with the page owner (LSCB administrator) before you rely on it." in banner
    )
    assert overdue_banner(meta(), D(2026, 5, 1)) == ""


def test_page_info_block() -> None:
    html = page_info_html(meta(owner="Head of <Safeguarding>"), D(2026, 1, 1), "Testshire LSCB")
    assert html == (
        '<aside class="hb-page-info" aria-label="About this page" data-search-exclude="">'
        '<dl class="hb-page-info__list">'
        "<div><dt>Published by</dt><dd>Testshire LSCB</dd></div>"
        "<div><dt>Page owner</dt><dd>Head of &lt;Safeguarding&gt;</dd></div>"
        '<div><dt>Last reviewed</dt><dd><time datetime="2025-05-01">1 May 2025</time></dd></div>'
        '<div><dt>Next review due</dt><dd><time datetime="2026-05-01">1 May 2026</time></dd></div>'
        "</dl></aside>"
    )
    overdue = page_info_html(meta(), D(2026, 6, 1))
    assert '1 May 2026</time> <strong class="hb-page-info__overdue">(overdue)</strong>' in overdue
    assert "Published by" not in overdue


def entries() -> list[PageEntry]:
    return [
        PageEntry("procedures/a.md", "procedures/a/", meta("2026-05-01", title="A")),
        PageEntry("procedures/b.md", "procedures/b/", meta("2026-06-15", owner="Health lead", title="B")),
        PageEntry("index.md", "", meta("2027-01-01", title="Home")),
    ]


def test_report_lists_every_page_with_owner_dates_and_state() -> None:
    report = review_report(entries(), D(2026, 5, 10))
    assert report["today"] == "2026-05-10" and report["due_soon_days"] == 60
    assert report["pages"] == [
        {
            "page": "procedures/a.md",
            "url": "procedures/a/",
            "title": "A",
            "owner": "LSCB administrator",
            "last_reviewed": "2025-05-01",
            "review_due": "2026-05-01",
            "days_until_due": -9,
            "state": "overdue",
        },
        {
            "page": "procedures/b.md",
            "url": "procedures/b/",
            "title": "B",
            "owner": "Health lead",
            "last_reviewed": "2025-05-01",
            "review_due": "2026-06-15",
            "days_until_due": 36,
            "state": "due soon",
        },
        {
            "page": "index.md",
            "url": "",
            "title": "Home",
            "owner": "LSCB administrator",
            "last_reviewed": "2025-05-01",
            "review_due": "2027-01-01",
            "days_until_due": 236,
            "state": "current",
        },
    ]
    assert json.loads(review_json(report)) == report


def test_printed_report_names_overdue_and_soon_due_pages() -> None:
    assert format_report(review_report(entries(), D(2026, 5, 10))).splitlines() == [
        "Page reviews on 10 May 2026:",
        "  1 page(s) overdue:",
        "    procedures/a.md (due 1 May 2026; owner: LSCB administrator)",
        "  1 page(s) due within 60 days:",
        "    procedures/b.md (due 15 June 2026; owner: Health lead)",
        "  1 page(s) up to date.",
    ]


def test_real_pages_on_dates_taken_from_their_own_front_matter() -> None:
    """The handbook's own pages: current when reviewed, due soon before the first due date, all
    overdue after the last (the dates come from the pages, so new pages do not break the test)."""
    pages, errors = load_pages(PROJECT_ROOT)
    assert errors == []
    real = [PageEntry(p.src_uri, page_url(p.src_uri), p.meta) for p in pages]
    reviewed = max(p.meta.last_reviewed for p in pages)
    first_due = min(p.meta.review_due for p in pages)
    last_due = max(p.meta.review_due for p in pages)
    assert first_due - reviewed > dt.timedelta(days=60), "some page is due for review within 60 days already"

    def states(on: dt.date) -> set[str]:
        return {page["state"] for page in review_report(real, on)["pages"]}

    assert states(reviewed) == {CURRENT}
    before_first = first_due - dt.timedelta(days=1)
    assert DUE_SOON in states(before_first) and OVERDUE not in states(before_first)
    assert states(last_due + dt.timedelta(days=1)) == {OVERDUE}
    soon = [p for p in pages if dt.timedelta(0) <= p.meta.review_due - before_first <= dt.timedelta(days=60)]
    report = format_report(review_report(real, before_first))
    assert f"  {len(soon)} page(s) due within 60 days:" in report
    for page in soon:
        assert f"    {page.src_uri} (due {long_date(page.meta.review_due)}; owner: {page.meta.owner})" in report


def test_page_entry_reads_front_matter() -> None:
    text = (PROJECT_ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    entry, errors = page_entry("glossary.md", "glossary/", text)
    assert errors == [] and entry.meta.title == "Glossary" and entry.url == "glossary/"
    entry, errors = page_entry("x.md", "x/", "# No front matter\n")
    assert entry is None and "no front matter" in str(errors[0])
