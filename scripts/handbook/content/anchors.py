"""The anchors a page's Markdown source defines, read from the source (not from built HTML).

Charts and other data files link to ``page.md#anchor``; checking those targets before MkDocs runs
lets an administrator see ``flowcharts/x.yml:12: ... has no anchor "para-99"`` instead of a broken
link in the built site. Three kinds of anchor are found:

- numbered paragraphs: ``[§61]`` → ``para-61`` (see ``paragraphs``);
- explicit ids: ``{#section-2}`` after a heading or block, and ``id="..."`` in raw HTML;
- heading ids made by the ``toc`` extension from the heading text (``## Children Act 1989`` →
  ``children-act-1989``; a repeated heading gets ``_1``, ``_2``).

MkDocs' own strict anchor validation still checks every Markdown link in the built pages; this is
the early, plain-English check.
"""

from __future__ import annotations

import re
from html import unescape

from markdown.extensions.toc import slugify, unique

from handbook.content.paragraphs import MARKER, paragraph_id

_HEADING = re.compile(r"^(#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
_ATTR_LIST = re.compile(r"\s*\{:?\s*(?P<attrs>[^}]*)\}\s*$")
_ATTR_ID = re.compile(r"#(?P<id>[A-Za-z][\w-]*)")
_HTML_ID = re.compile(r"""\sid=["'](?P<id>[^"']+)["']""")
_FENCE = re.compile(r"^\s*(```|~~~)")
#: Inline Markdown that the toc extension removes before it makes a heading's slug.
_LINK = re.compile(r"!?\[(?P<text>[^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"[*_`]")
_TAG = re.compile(r"<[^>]+>")


def heading_slug(text: str) -> str:
    """The id the toc extension gives a heading with this (Markdown) text."""
    plain = _LINK.sub(lambda m: m.group("text"), text)
    plain = _TAG.sub("", _EMPHASIS.sub("", plain))
    return slugify(unescape(plain), "-")


def markdown_anchors(markdown_text: str) -> dict[str, int]:
    """Every anchor id the Markdown source defines, with the (1-based) line that defines it."""
    found: dict[str, int] = {}
    in_fence = False
    slugs: set[str] = set()
    for line_no, line in enumerate(markdown_text.splitlines(), start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        marker = MARKER.match(line.lstrip())
        if marker:
            found.setdefault(paragraph_id(marker.group("number")), line_no)
        for match in _HTML_ID.finditer(line):
            found.setdefault(match.group("id"), line_no)
        heading = _HEADING.match(line)
        if heading:
            text = heading.group("text")
            attrs = _ATTR_LIST.search(text)
            explicit = _ATTR_ID.search(attrs.group("attrs")) if attrs else None
            if explicit:
                found.setdefault(explicit.group("id"), line_no)
                continue
            if attrs:
                text = text[: attrs.start()]
            slug = unique(heading_slug(text), slugs)
            found.setdefault(slug, line_no)
            continue
        attrs = _ATTR_LIST.search(line)
        if attrs:
            explicit = _ATTR_ID.search(attrs.group("attrs"))
            if explicit:
                found.setdefault(explicit.group("id"), line_no)
    return found
