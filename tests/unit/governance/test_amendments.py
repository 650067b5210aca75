"""Amendments with fixed dates: the "What's changed" list, navigation badges and the Atom feed."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from handbook import PROJECT_ROOT
from handbook.adapter.material_html import label_badges
from handbook.core.model import PageMeta
from handbook.governance.amendments import (
    RECENT_DAYS,
    Change,
    atom_feed,
    collect_changes,
    feed_link_tag,
    insert_into_head,
    nav_status,
    whats_changed_markdown,
)
from handbook.governance.review import PageEntry

D = dt.date
A = "{http://www.w3.org/2005/Atom}"


def meta(title: str, *changes: tuple[str, str]) -> PageMeta:
    return PageMeta(
        title=title,
        kind="procedure",
        status="local procedure",
        owner="LSCB administrator",
        last_reviewed="2026-01-01",
        review_due="2027-01-01",
        source="Written for this handbook",
        changes=[{"date": date, "summary": summary} for date, summary in changes],
    )


ENTRIES = [
    PageEntry("procedures/referrals.md", "procedures/referrals/", meta("Referrals", ("2026-03-01", "First published"))),
    PageEntry(
        "procedures/assessment.md",
        "procedures/assessment/",
        meta("Assessment", ("2026-01-10", "First published."), ("2026-03-01", "Timescales & links corrected")),
    ),
    PageEntry("index.md", "", meta("Home")),
]


def test_changes_newest_first() -> None:
    changes = collect_changes(ENTRIES)
    assert [(c.date.isoformat(), c.title, c.summary) for c in changes] == [
        ("2026-03-01", "Assessment", "Timescales & links corrected"),
        ("2026-03-01", "Referrals", "First published"),
        ("2026-01-10", "Assessment", "First published."),
    ]


def test_whats_changed_markdown() -> None:
    assert whats_changed_markdown(collect_changes(ENTRIES), "whats-changed.md") == (
        "## 1 March 2026\n\n"
        "- [Assessment](procedures/assessment.md): Timescales & links corrected.\n"
        "- [Referrals](procedures/referrals.md): First published.\n\n"
        "## 10 January 2026\n\n"
        "- [Assessment](procedures/assessment.md): First published.\n"
    )
    assert "(../procedures/referrals.md)" in whats_changed_markdown(collect_changes(ENTRIES), "guide/changes.md")
    assert whats_changed_markdown([], "whats-changed.md") == "No changes have been recorded yet.\n"


@pytest.mark.parametrize(
    ("on", "referrals", "assessment"),
    [
        (D(2026, 3, 1), "new", "updated"),  # the day of the change
        (D(2026, 3, 31), "new", "updated"),  # 30 days later: still recent
        (D(2026, 4, 1), None, None),  # 31 days later
        (D(2026, 2, 1), None, "new"),  # before the March notes (a future note is not "recent")
    ],
)
def test_badges(on: dt.date, referrals: str | None, assessment: str | None) -> None:
    assert RECENT_DAYS == 30
    assert nav_status(ENTRIES[0].meta, on) == referrals
    assert nav_status(ENTRIES[1].meta, on) == assessment
    assert nav_status(ENTRIES[2].meta, on) is None


def test_whats_changed_page_states_the_badge_window() -> None:
    text = (PROJECT_ROOT / "docs" / "whats-changed.md").read_text(encoding="utf-8")
    assert f"in the last {RECENT_DAYS}\ndays" in text or f"in the last {RECENT_DAYS} days" in text


def feed(changes: list[Change]) -> str:
    return atom_feed(
        changes,
        title="Handbook: what's changed",
        author="Testshire LSCB",
        feed_key="safeguarding-handbook/areas/testshire.yml",
        page_url="whats-changed/",
        on=D(2026, 4, 1),
    )


RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")


def test_atom_feed_is_valid_atom() -> None:
    text = feed(collect_changes(ENTRIES))
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{A}feed"
    assert root.findtext(f"{A}title") == "Handbook: what's changed"
    assert root.findtext(f"{A}updated") == "2026-03-01T00:00:00Z"
    assert root.find(f"{A}author/{A}name").text == "Testshire LSCB"
    assert root.findtext(f"{A}id").startswith("urn:uuid:")
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{A}link")}
    assert links == {"self": "changes.xml", "alternate": "whats-changed/"}
    entries = root.findall(f"{A}entry")
    assert len(entries) == 3
    for entry in entries:  # RFC 4287 4.1.2: id, title, updated; a link or content; summary here
        assert entry.findtext(f"{A}id").startswith("urn:uuid:")
        assert entry.findtext(f"{A}title")
        assert RFC3339.fullmatch(entry.findtext(f"{A}updated"))
        assert entry.find(f"{A}link").get("rel") == "alternate"
    first = entries[0]
    assert first.findtext(f"{A}title") == "Assessment: Timescales & links corrected."
    assert first.find(f"{A}link").get("href") == "procedures/assessment/"
    assert len({entry.findtext(f"{A}id") for entry in entries}) == 3, "ids are unique"
    assert feed(collect_changes(ENTRIES)) == text, "ids and content are stable from build to build"


def test_empty_feed_uses_today() -> None:
    root = ET.fromstring(feed([]).encode("utf-8"))
    assert root.findtext(f"{A}updated") == "2026-04-01T00:00:00Z"
    assert root.findall(f"{A}entry") == []


def test_feed_is_linked_from_the_head() -> None:
    html = "<html><head><title>x</title></head><body></body></html>"
    tag = feed_link_tag("../changes.xml", "What's changed")
    assert tag == (
        '<link rel="alternate feed" type="application/atom+xml" title="What\'s changed" href="../changes.xml">'
    )
    assert insert_into_head(html, tag) == (f"<html><head><title>x</title>  {tag}\n  </head><body></body></html>")


def test_badges_get_words() -> None:
    html = (
        '<span class="md-ellipsis">Glossary</span><span class="md-status md-status--new" title="New page">\n    </span>'
        '<span class="md-status md-status--updated" title="Recently updated"></span>'
        '<span class="md-status md-status--deprecated"></span>'
    )
    assert label_badges(html) == (
        '<span class="md-ellipsis">Glossary</span>'
        '<span class="md-status md-status--new hb-badge" title="New page">New</span>'
        '<span class="md-status md-status--updated hb-badge" title="Recently updated">Updated</span>'
        '<span class="md-status md-status--deprecated"></span>'
    )
