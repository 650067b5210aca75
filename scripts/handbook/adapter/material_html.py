"""Everything that depends on Material for MkDocs 9.8's page markup.

- Repair three invalid-HTML patterns in Material's navigation templates. They are real errors (the
  HTML validator is right), not false positives, so we fix the output rather than filter the
  report. Fixing the rendered page keeps us off Material's template source, which we would
  otherwise have to copy and maintain. Each fix touches only the pattern it names.
- Put the print-only line (site.print_stamp) first in Material's article.
- Give Material's icon-only navigation badges words (governance.amendments.BADGES).
"""

from __future__ import annotations

import datetime as dt
import re
from html import escape

from handbook.governance.amendments import BADGES
from handbook.site.print_stamp import print_stamp_html

#: Attribute values, found by their literal names (fast on a large page) and kept only where
#: whitespace comes before them, as an attribute has: ``\sid="..."``.
_ID_VALUE = re.compile(r'id="([^"]+)"')
_LABELLEDBY_VALUE = re.compile(r'aria-labelledby="([^"]+)"')
_LABEL_FOR = re.compile(r'(<label\b[^>]*?)\sfor="([^"]+)"')


def fix_material_html(html: str) -> str:
    """Return ``html`` with Material's known template errors repaired."""
    # 1. Section labels get tabindex="" (nav-item.html sets tabindex only for non-sections).
    html = html.replace(' tabindex=""', "")
    ids = {match.group(1) for match in _attributes(_ID_VALUE, html)}
    # 2. With navigation.prune, a section's <nav> can name a label that was never rendered.
    html = _drop_attributes(html, [m for m in _attributes(_LABELLEDBY_VALUE, html) if m.group(1) not in ids])
    # 3. On a section's index page, the table of contents' title points at a toggle (__toc) that
    #    nav-item.html did not render.
    html = _LABEL_FOR.sub(lambda m: m.group(0) if m.group(2) in ids else m.group(1), html)
    return html


def _attributes(pattern: re.Pattern[str], html: str) -> list[re.Match[str]]:
    """Matches of ``pattern`` that are attributes (whitespace before them)."""
    return [match for match in pattern.finditer(html) if match.start() > 0 and html[match.start() - 1].isspace()]


def _drop_attributes(html: str, matches: list[re.Match[str]]) -> str:
    """``html`` without the attributes matched, each with the whitespace before it."""
    kept: list[str] = []
    position = 0
    for match in matches:
        kept.append(html[position : match.start() - 1])
        position = match.end()
    kept.append(html[position:])
    return "".join(kept)


#: Where the line goes: first thing in the page's article, above the title.
ARTICLE_OPEN = re.compile(r'<article class="md-content__inner md-typeset">')


def add_print_stamp(html: str, built: dt.date) -> str:
    """Put the print-only line at the top of a page's article; pages without one are unchanged."""
    return ARTICLE_OPEN.sub(lambda match: match.group(0) + print_stamp_html(built), html, count=1)


_STATUS = re.compile(r'<span class="md-status md-status--(?P<kind>[a-z]+)"(?P<title> title="[^"]*")?>\s*</span>')


def label_badges(html: str, badges: dict[str, str] = BADGES) -> str:
    """Give Material's icon-only navigation badges visible text ("New", "Updated").

    Material draws a status as an empty span with an icon and a hover title; the words make the
    badge readable without the icon or colour, and give it an accessible name.
    """

    def replace(match: re.Match[str]) -> str:
        kind = match.group("kind")
        if kind not in badges:
            return match.group(0)
        return (
            f'<span class="md-status md-status--{kind} hb-badge"{match.group("title") or ""}>'
            f"{escape(badges[kind])}</span>"
        )

    return _STATUS.sub(replace, html)
