"""Repair three invalid-HTML patterns in Material for MkDocs 9.8's navigation templates.

They are real errors (the HTML validator is right), not false positives, so we fix the output
rather than filter the report. Fixing the rendered page keeps us off Material's template source,
which we would otherwise have to copy and maintain. Each fix touches only the pattern it names.
"""

from __future__ import annotations

import re

_IDS = re.compile(r'\sid="([^"]+)"')
_LABELLEDBY = re.compile(r'\saria-labelledby="([^"]+)"')
_LABEL_FOR = re.compile(r'(<label\b[^>]*?)\sfor="([^"]+)"')


def fix_material_html(html: str) -> str:
    """Return ``html`` with Material's known template errors repaired."""
    # 1. Section labels get tabindex="" (nav-item.html sets tabindex only for non-sections).
    html = html.replace(' tabindex=""', "")
    ids = set(_IDS.findall(html))
    # 2. With navigation.prune, a section's <nav> can name a label that was never rendered.
    html = _LABELLEDBY.sub(lambda m: m.group(0) if m.group(1) in ids else "", html)
    # 3. On a section's index page, the table of contents' title points at a toggle (__toc) that
    #    nav-item.html did not render.
    html = _LABEL_FOR.sub(lambda m: m.group(0) if m.group(2) in ids else m.group(1), html)
    return html
