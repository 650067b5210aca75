"""Read YAML front matter and remember the line each key is on.

Why not ``yaml.safe_load``? Two reasons. First, error messages must name the line of the bad value,
so we keep each key's line from the YAML node tree. Second, PyYAML turns ``2025-12-01`` into a date
itself and *crashes* on ``2025-13-01``; we keep every scalar as written and let the content model
parse dates, so a bad date becomes a plain-English message instead of a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .errors import ContentError


class _PlainLoader(yaml.SafeLoader):
    """A safe loader that leaves dates as strings (see the module docstring)."""


_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class FrontMatter:
    """Front matter of one file: the values, and the file line of each top-level key."""

    data: dict[str, Any]
    key_lines: dict[str, int] = field(default_factory=dict)
    #: Line of the opening ``---`` (always 1) and of the closing ``---``.
    start_line: int = 1
    end_line: int = 1
    #: The Markdown after the front matter.
    body: str = ""

    def line_of(self, key: str | None) -> int:
        """The line to report for ``key``: its own line, or the opening ``---`` if it is absent."""
        if key is None:
            return self.start_line
        return self.key_lines.get(key, self.start_line)


def split_front_matter(text: str) -> tuple[list[str], int, str] | None:
    """Return (front-matter lines, line of the closing ``---``, body), or None if there is none."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n").rstrip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n").rstrip() in ("---", "..."):
            return lines[1:index], index + 1, "".join(lines[index + 1 :])
    return None


def parse_front_matter(text: str, path: str) -> FrontMatter | ContentError:
    """Parse the front matter of ``text``; return an error (not an exception) if it is unusable."""
    parts = split_front_matter(text)
    if parts is None:
        return ContentError(
            path,
            1,
            "no front matter: start the file with a line '---', then title, kind, status, owner, "
            "last_reviewed, review_due and source, then another line '---'",
        )
    yaml_lines, end_line, body = parts
    source = "".join(yaml_lines)
    try:
        node = yaml.compose(source, Loader=_PlainLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = (mark.line + 2) if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc)
        return ContentError(
            path,
            line,
            f"the front matter is not valid YAML ({problem}); check indentation and that text "
            "containing ':' is in quotes",
        )
    if node is None:
        return FrontMatter(data={}, end_line=end_line, body=body)
    if not isinstance(node, yaml.MappingNode):
        return ContentError(path, 2, "the front matter must be a list of 'key: value' lines")
    key_lines: dict[str, int] = {}
    for key_node, _value in node.value:
        key_lines[str(key_node.value)] = key_node.start_mark.line + 2
    data = yaml.load(source, Loader=_PlainLoader) or {}
    return FrontMatter(data=data, key_lines=key_lines, end_line=end_line, body=body)
