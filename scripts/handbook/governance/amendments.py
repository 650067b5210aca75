"""Amendments: what changed in the handbook, from each page's ``changes:`` notes.

Real LSCB manuals keep an amendments log. Here each page records its own changes in its front
matter (``changes: [{date, summary}]``), and the build turns them into the "What's changed" page
(newest first), "New"/"Updated" badges in the navigation, and an Atom feed (``changes.xml``) that
people can subscribe to.

A change note whose summary starts with "First published" marks when the page was published: the
page is "New" for ``RECENT_DAYS`` after it. Any other recent note makes the page "Updated".
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby
from xml.sax.saxutils import escape, quoteattr

from handbook.content.editions import long_date
from handbook.core.links import markdown_link
from handbook.core.model import PageMeta
from handbook.governance.review import PageEntry

#: A page is "New" or "Updated" in the navigation for this many days after the change.
RECENT_DAYS = 30
#: Where the feed is published in the built site.
FEED_FILE = "changes.xml"
#: Material's navigation status for each badge, and the text the badge shows.
BADGES = {"new": "New", "updated": "Updated"}
ATOM_NS = "http://www.w3.org/2005/Atom"

_FIRST_PUBLISHED = re.compile(r"first published\b", re.IGNORECASE)


@dataclass(frozen=True)
class Change:
    """One dated change to one page."""

    date: dt.date
    summary: str
    src_uri: str
    url: str
    title: str


def is_first_publication(summary: str) -> bool:
    return bool(_FIRST_PUBLISHED.match(summary.strip()))


def collect_changes(entries: Iterable[PageEntry]) -> list[Change]:
    """Every change note of every page, newest first (then by page title)."""
    changes = [
        Change(note.date, note.summary, entry.src_uri, entry.url, entry.meta.title)
        for entry in entries
        for note in entry.meta.changes
    ]
    return sorted(changes, key=lambda c: (-c.date.toordinal(), c.title.casefold(), c.summary))


def nav_status(meta: PageMeta, on: dt.date, recent_days: int = RECENT_DAYS) -> str | None:
    """``new`` for a page first published recently, ``updated`` for one changed recently, else None."""
    recent = [note for note in meta.changes if 0 <= (on - note.date).days <= recent_days]
    if not recent:
        return None
    return "new" if any(is_first_publication(note.summary) for note in recent) else "updated"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def whats_changed_markdown(changes: list[Change], from_src_uri: str, feed_href: str = FEED_FILE) -> str:
    """The list for the "What's changed" page: a heading per date, newest first, each change linked."""
    if not changes:
        return "No changes have been recorded yet.\n"
    parts = []
    for day, group in groupby(changes, key=lambda c: c.date):
        parts.append(f"## {long_date(day)}\n")
        for change in group:
            link = markdown_link(from_src_uri, change.src_uri)
            parts.append(f"- [{change.title}]({link}): {_sentence(change.summary)}")
        parts.append("")
    return "\n".join(parts)


def _entry_id(feed_key: str, change: Change) -> str:
    name = f"{feed_key}/{change.src_uri}#{change.date.isoformat()}/{change.summary}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(
    changes: list[Change],
    *,
    title: str,
    author: str,
    feed_key: str,
    page_url: str,
    on: dt.date,
) -> str:
    """An Atom 1.0 feed (RFC 4287) of ``changes``; links are relative to the feed, at the site root.

    ``feed_key`` names the edition (core or an area) so each has its own stable ``urn:uuid`` ids;
    ``page_url`` is the "What's changed" page's address.
    """
    updated = max((change.date for change in changes), default=on)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM_NS}" xml:lang="en-GB">',
        f"  <title>{escape(title)}</title>",
        f"  <id>urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, feed_key)}</id>",
        f"  <updated>{_stamp(updated)}</updated>",
        f"  <author><name>{escape(author)}</name></author>",
        f'  <link rel="self" type="application/atom+xml" href="{FEED_FILE}"/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(page_url)}/>',
    ]
    for change in changes:
        lines += [
            "  <entry>",
            f"    <title>{escape(change.title)}: {escape(_sentence(change.summary))}</title>",
            f"    <id>{_entry_id(feed_key, change)}</id>",
            f"    <updated>{_stamp(change.date)}</updated>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(change.url)}/>',
            f"    <summary>{escape(_sentence(change.summary))}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def feed_link_tag(href: str, title: str) -> str:
    """The ``<link rel="alternate feed">`` that lets browsers and feed readers find the feed.

    Feed discovery looks for the ``alternate`` token with the Atom type. The second token matters:
    Material treats every ``link[rel=alternate]`` (an exact match) as another language or version
    of the site and fetches ``<href>/sitemap.xml``, a failed request on every page (and a console
    error from file://). ``rel="alternate feed"`` keeps the meaning without that request.
    """
    return f'<link rel="alternate feed" type="application/atom+xml" title={quoteattr(title)} href={quoteattr(href)}>'


def insert_into_head(html: str, tag: str) -> str:
    """Put ``tag`` at the end of the page's ``<head>``."""
    return html.replace("</head>", f"  {tag}\n  </head>", 1) if "</head>" in html else html
