"""Read a page's YAML front matter, keeping the file line of every key (see located_yaml)."""

from __future__ import annotations

from dataclasses import dataclass

from handbook.core.errors import ContentError
from handbook.core.located_yaml import LocatedYaml, load_located_yaml


@dataclass
class FrontMatter(LocatedYaml):
    """Front matter of one page: values, lines, and the Markdown after it."""

    body: str = ""
    #: Line of the closing ``---``.
    end_line: int = 1


def split_front_matter(text: str) -> tuple[str, int, str] | None:
    """Return (front-matter YAML, line of the closing ``---``, body), or None if there is none."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "".join(lines[1:index]), index + 1, "".join(lines[index + 1 :])
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
    source, end_line, body = parts
    located = load_located_yaml(source, path, first_line=2)
    if isinstance(located, ContentError):
        message = located.message.replace("this is not valid YAML", "the front matter is not valid YAML")
        return ContentError(located.path, located.line, message)
    if not isinstance(located.data, dict):
        return ContentError(path, 2, "the front matter must be a list of 'key: value' lines")
    return FrontMatter(data=located.data, lines=located.lines, start_line=1, body=body, end_line=end_line)
