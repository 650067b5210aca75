"""Apply the procedure-chapter rules (handbook.rules.procedure_rules) as administrators meet them.

The rules are defined on a chapter's HTML. They are applied twice, by the same function:

* by ``./run check`` and before every build, on each chapter's Markdown rendered with the
  Markdown extensions ``mkdocs.yml`` lists (quick: no MkDocs build), and
* by the build, on the built pages, so that nothing the build adds can break a rule unseen.

Either way a broken rule is reported like every other content error, as
``file:line: what is wrong (what to do)``: the line is found by looking for the sentence or
heading the rule names in the chapter's Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import markdown

from handbook.core.config_file import read_config
from handbook.core.errors import ContentError
from handbook.core.links import page_url, published_href
from handbook.core.sources import Page
from handbook.governance.area_markers import render_area_markers
from handbook.governance.areas import load_area
from handbook.rules.procedure_rules import Finding, article, box_findings, citation_findings

#: The ``source`` of a chapter written for this handbook (the LSCB's own preface is a mirror).
WRITTEN_HERE = "Written for this handbook"
CONFIG_FILE = "mkdocs.yml"


def written_chapters(pages: list[Page]) -> list[Page]:
    """The procedure chapters the rules apply to."""
    return sorted(
        (page for page in pages if page.meta.kind == "procedure" and page.meta.source == WRITTEN_HERE),
        key=lambda page: page.src_uri,
    )


def chapter_findings(html: str, src_uri: str) -> list[Finding]:
    """Every rule a chapter's HTML breaks (box rules first, then citation rules)."""
    root = article(html)
    return box_findings(root) + citation_findings(root, "/" + page_url(src_uri))


# --- Where a finding is in the Markdown -----------------------------------------------------------

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"<[^>]+>|\{[#.][^}]*\}|[*_`]|^\s*(?:#+|[-+*]|\d+\.|>)\s+")
_MARKER = re.compile(r"^\s*\[§([0-9.]+)\]\s*")


def _plain(line: str) -> str:
    """A Markdown line as the reader sees its words: no link targets, tags, emphasis or attributes."""
    line = _MARKER.sub(r"\1 ", line)
    line = _LINK.sub(r"\1", line)
    return _MARKUP.sub("", line)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def line_of(source: str, snippet: str | None, first_line: int = 1) -> int | None:
    """The line of ``source`` where the words of ``snippet`` start, or None if they cannot be found.

    ``source`` starts at ``first_line`` of its file. The snippet is text as the page shows it, so
    the Markdown's markup is dropped first; a sentence may run over several lines.
    """
    if not snippet:
        return None
    words: list[str] = []
    lines: list[int] = []
    for number, line in enumerate(source.splitlines(), start=first_line):
        found = _words(_plain(line))
        words += found
        lines += [number] * len(found)
    wanted = _words(snippet)
    for size in (8, 5, 3):  # the sentence's first words; fewer if the page changed some of them
        head = wanted[:size]
        if not head:
            break
        for start in range(len(words) - len(head) + 1):
            if words[start : start + len(head)] == head:
                return lines[start]
    return None


def chapter_location(page: Page, words: str | None) -> int:
    """The line of a page's file where ``words`` (as the page shows them) start; else its title's line."""
    body_line = page.front.end_line + 1
    found = line_of(page.front.body, words, body_line)
    return found or line_of(page.front.body, page.meta.title, body_line) or body_line


def chapter_errors(html: str, page: Page) -> list[ContentError]:
    """The rules a chapter breaks, as ``file:line: what is wrong (what to do)`` errors."""
    return [
        ContentError(page.path, chapter_location(page, finding.locate), f"procedure rule, {finding} ({finding.fix})")
        for finding in chapter_findings(html, page.src_uri)
    ]


# --- On the built site ------------------------------------------------------------------------------


def site_errors(site: Path, pages: list[Page]) -> list[ContentError]:
    """The rules broken by the written chapters of a built http site (directory URLs)."""
    errors = []
    for page in written_chapters(pages):
        built = site / page_url(page.src_uri) / "index.html"
        if built.is_file():
            errors += chapter_errors(built.read_text(encoding="utf-8"), page)
    return errors


# --- On the Markdown, without a build ---------------------------------------------------------------


def markdown_settings(root: Path) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The Markdown extensions and their settings, from mkdocs.yml's ``markdown_extensions``."""
    config = read_config(root / CONFIG_FILE)
    names: list[str] = []
    settings: dict[str, dict[str, Any]] = {}
    for entry in config.get("markdown_extensions", []):
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if options:
            settings[name] = options
    return names, settings


_HREF = re.compile(r'href="([^"]*)"')


def page_renderer(root: Path) -> Callable[[Page], str]:
    """Render pages' Markdown as HTML, with their links as the built site has them.

    The area markers are filled in from the core's settings (mkdocs.yml), as the build fills them
    in, so that a rule met by what a marker writes (the approval notice) is checked here too. If the
    settings are invalid, the markers stay as they are: the settings check reports the problem.
    mkdocs.yml is read once, when the renderer is made, not once per page.
    """
    names, settings = markdown_settings(root)
    area_settings, _errors = load_area(root / CONFIG_FILE, root)
    site_name = str(read_config(root / CONFIG_FILE).get("site_name") or "")

    def render(page: Page) -> str:
        body = page.front.body
        if area_settings is not None:
            body = render_area_markers(body, area_settings.area, site_name, page.src_uri)
        html = markdown.markdown(body, extensions=names, extension_configs=settings)
        return _HREF.sub(lambda match: f'href="{published_href(match.group(1), page.src_uri)}"', html)

    return render


def markdown_errors(pages: list[Page], root: Path) -> list[ContentError]:
    """The rules broken by the written chapters' Markdown (what ``./run check`` reports)."""
    chapters = written_chapters(pages)
    if not chapters:
        return []
    render = page_renderer(root)
    return [error for page in chapters for error in chapter_errors(render(page), page)]
