"""Review governance: who owns each page, when it was last reviewed, and when it is due again.

Staff must be able to trust that a procedure is current. Every page shows its owner and review
dates; a page past its review date says so in words at the top; the build reports what is overdue
or due soon and publishes the whole list as JSON (``review-dates.json``) for the LSCB's records.

"Today" comes from ``HANDBOOK_TODAY`` (YYYY-MM-DD; read by ``core.settings``) when set, so tests
and rehearsals can use a fixed date; otherwise it is the real date.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from handbook.content.editions import long_date
from handbook.core.errors import ContentError
from handbook.core.model import PageMeta
from handbook.core.sources import checked_front_matter

#: A page due for review within this many days is listed as "due soon" in the build report.
DUE_SOON_DAYS = 60
#: Where the machine-readable list is published in the built site.
REVIEW_JSON = "review-dates.json"

OVERDUE, DUE_SOON, CURRENT = "overdue", "due soon", "current"


@dataclass(frozen=True)
class PageEntry:
    """One page of the built site: where it is published and its validated front matter."""

    src_uri: str
    url: str  # as built, relative to the site root ("procedures/x/" or "procedures/x.html")
    meta: PageMeta


def page_entry(src_uri: str, url: str, text: str) -> tuple[PageEntry | None, list[ContentError]]:
    """Read a page's front matter into an entry (pages are already validated; errors are returned)."""
    checked = checked_front_matter(text, src_uri)
    if isinstance(checked, list):
        return None, checked
    return PageEntry(src_uri=src_uri, url=url, meta=checked[1]), []


def review_state(review_due: dt.date, on: dt.date, due_soon_days: int = DUE_SOON_DAYS) -> str:
    """``overdue`` once the review date has passed; ``due soon`` within ``due_soon_days`` of it."""
    days = (review_due - on).days
    if days < 0:
        return OVERDUE
    return DUE_SOON if days <= due_soon_days else CURRENT


def overdue_banner(meta: PageMeta, on: dt.date) -> str:
    """A banner in words (not colour alone) for a page past its review date; "" otherwise."""
    if review_state(meta.review_due, on) != OVERDUE:
        return ""
    text = (
        f"This page was due for review on {long_date(meta.review_due)}. It may be out of date. "
        f"Check with the page owner ({escape(meta.owner)}) before you rely on it."
    )
    return (
        '<div class="admonition warning hb-review-overdue" role="note" data-search-exclude="" markdown>\n'
        f'<p class="admonition-title">Review overdue</p>\n\n{text}\n\n</div>\n'
    )


def _time(day: dt.date) -> str:
    return f'<time datetime="{day.isoformat()}">{long_date(day)}</time>'


def page_info_html(meta: PageMeta, on: dt.date, published_by: str | None = None) -> str:
    """The "About this page" block: publisher, owner, last reviewed and next review."""
    due = _time(meta.review_due)
    if review_state(meta.review_due, on) == OVERDUE:
        due += ' <strong class="hb-page-info__overdue">(overdue)</strong>'
    rows = [("Published by", escape(published_by))] if published_by else []
    rows += [
        ("Page owner", escape(meta.owner)),
        ("Last reviewed", _time(meta.last_reviewed)),
        ("Next review due", due),
    ]
    items = "".join(f"<div><dt>{label}</dt><dd>{value}</dd></div>" for label, value in rows)
    return (
        '<aside class="hb-page-info" aria-label="About this page" data-search-exclude="">'
        f'<dl class="hb-page-info__list">{items}</dl></aside>'
    )


def review_report(entries: Iterable[PageEntry], on: dt.date, due_soon_days: int = DUE_SOON_DAYS) -> dict:
    """Every page with its owner, dates and state: the content of ``review-dates.json``."""
    pages = []
    for entry in sorted(entries, key=lambda e: (e.meta.review_due, e.src_uri)):
        meta = entry.meta
        pages.append(
            {
                "page": entry.src_uri,
                "url": entry.url,
                "title": meta.title,
                "owner": meta.owner,
                "last_reviewed": meta.last_reviewed.isoformat(),
                "review_due": meta.review_due.isoformat(),
                "days_until_due": (meta.review_due - on).days,
                "state": review_state(meta.review_due, on, due_soon_days),
            }
        )
    return {"today": on.isoformat(), "due_soon_days": due_soon_days, "pages": pages}


def review_json(report: dict) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def format_report(report: dict) -> str:
    """The build's printed summary: overdue pages first, then pages due soon, each with its owner."""
    on = dt.date.fromisoformat(report["today"])
    lines = [f"Page reviews on {long_date(on)}:"]
    for state, heading in ((OVERDUE, "overdue"), (DUE_SOON, f"due within {report['due_soon_days']} days")):
        pages = [page for page in report["pages"] if page["state"] == state]
        lines.append(f"  {len(pages)} page(s) {heading}" + (":" if pages else "."))
        for page in pages:
            due = long_date(dt.date.fromisoformat(page["review_due"]))
            lines.append(f"    {page['page']} (due {due}; owner: {page['owner']})")
    current = sum(1 for page in report["pages"] if page["state"] == CURRENT)
    lines.append(f"  {current} page(s) up to date.")
    return "\n".join(lines)
