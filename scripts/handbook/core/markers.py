"""Markers: the lines in a page's Markdown that the build replaces, with one syntax and one checker.

A marker is an HTML comment on a line of its own, ``<!-- family:name -->`` (a space after the colon
is allowed: ``<!-- flowchart: referral -->``). Each feature registers its family here, so a typo in
any page, including an area's own pages, stops the build with the file and line instead of
publishing nothing where the contacts should be. Nothing here imports MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from handbook.core.errors import ContentError

#: A marker line, possibly indented (in a list item or an admonition).
MARKER = re.compile(
    r"^(?P<indent>[ \t]*)<!--[ \t]*(?P<family>[a-z][a-z-]*):[ \t]*(?P<name>[^\s>][^>]*?)?[ \t]*-->[ \t]*$",
    re.MULTILINE,
)


@dataclass(frozen=True)
class Family:
    """One kind of marker: the names it takes (None: the feature that owns it checks the name)."""

    family: str
    names: tuple[str, ...] | None
    becomes: str  # what a reader sees there, for the error message


#: Every marker the handbook knows. A family's feature fills its markers in on_page_markdown.
FAMILIES: dict[str, Family] = {
    family.family: family
    for family in (
        Family(
            "area",
            ("contacts", "threshold", "feedback", "details", "designated-officer", "publisher", "history", "approval"),
            "the area's settings",
        ),
        Family("glossary", ("a-z",), "the glossary's list of terms"),
        Family("changes", ("list",), "the list of changes to the handbook"),
        Family("leaflets", ("library",), "the list of leaflets"),
        Family("flowchart", None, "a chart with its steps in words (flowcharts/*.yml)"),
        Family("flowcharts", None, "the list of charts for an edition"),
        Family("flowchart-page", None, "a chart page (made by the build)"),
        Family("handbook", ("compare hub", "roles list"), "the generated part of the Compare hub or the By role page"),
        Family("deadlines", ("calculator", "method", "table"), "the deadline calculator (data/deadlines.yml)"),
    )
}


@dataclass(frozen=True)
class Marker:
    family: str
    name: str
    line: int
    indent: str


def find_markers(text: str) -> list[Marker]:
    """Every marker line in a Markdown text, with its line number (1-based)."""
    return [
        Marker(m.group("family"), m.group("name") or "", text.count("\n", 0, m.start("family")) + 1, m.group("indent"))
        for m in MARKER.finditer(text)
    ]


def marker_errors(text: str, path: str, families: dict[str, Family] = FAMILIES) -> list[ContentError]:
    """Every marker in ``text`` whose family or name the handbook does not know."""
    errors = []
    for marker in find_markers(text):
        family = families.get(marker.family)
        written = f"<!-- {marker.family}:{marker.name} -->"
        if family is None:
            known = ", ".join(sorted(families))
            message = f'unknown marker "{written}" (the kinds of marker are: {known})'
            errors.append(ContentError(path, marker.line, message))
        elif family.names is not None and marker.name not in family.names:
            names = ", ".join(f"<!-- {family.family}:{name} -->" for name in family.names)
            errors.append(ContentError(path, marker.line, f'unknown marker "{written}" (use one of: {names})'))
    return errors


def marker_errors_in_files(sources: Iterable[Path], root: Path) -> list[ContentError]:
    """``marker_errors`` for every source file, each named relative to the project ``root``."""
    errors = []
    for source in sources:
        resolved = source.resolve()
        shown = resolved.relative_to(root).as_posix() if resolved.is_relative_to(root) else str(source)
        errors += marker_errors(resolved.read_text(encoding="utf-8"), shown)
    return errors
