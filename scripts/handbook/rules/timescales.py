"""Every timescale the handbook states in its own words has a citation beside it.

A wrong timescale can hurt a child, so "15 working days" or "three months" written by the team must
always say where it comes from. This module finds the ones that do not, in:

* pages in ``procedures/``, ``docs/leaflets/`` and ``docs/quick-guide/``, and the glossary page,
  written for this handbook (their ``source`` starts "Written for this handbook"; not the LSCB's
  own mirrored text, nor the chapters the search benchmark generates from pieces of the real
  ones): a sentence with a timescale needs, in the same
  paragraph, list item or table cell, at or after the sentence, a link to text the handbook hosts
  or the name of a statute or publication (the same test as the procedure rules);
* ``flowcharts/*.yml`` and ``data/*.yml``: a text with a timescale is cited when it holds a link or
  a named source itself; when the mapping it belongs to, or one that holds it, has a citation
  (``cite``, ``quote``, ``page``, ``publication``, or a ``link`` to hosted text); or when it is a
  summary (a chart's description, a topic's short statement) whose timescale is stated, with a
  citation, by a step or fact inside the same chart or topic.

A timescale here is a number followed by days, working days, hours, weeks or months.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from handbook.core.errors import ContentError
from handbook.core.links import page_url
from handbook.core.located_yaml import load_located_yaml
from handbook.core.sources import Page
from handbook.rules.procedure_check import WRITTEN_HERE, chapter_location, page_renderer
from handbook.rules.procedure_rules import NAMED_SOURCES, NUMBERED_TIMESCALE, article, uncited_timescales

#: Where the team writes its own words: folders, and single pages (the duty check uses the same).
MARKDOWN_FOLDERS = ("procedures/", "docs/leaflets/", "docs/quick-guide/", "docs/glossary.md")
#: The YAML files, with how far down a summary looks for what it repeats (see ``yaml_findings``).
YAML_GLOBS = {"flowcharts/*.yml": 0, "data/*.yml": 2}
#: Keys whose presence in a mapping cites what the mapping says.
CITING_KEYS = ("cite", "quote", "page", "publication")
#: Data that is not prose: the published-address ledger.
NOT_PROSE = ("data/published-anchors.yml",)
_HOSTED_LINK = re.compile(r"\]\((?:\.\./)*(?:working-together/|procedures/preface-and-introduction)")
_WORDS = {
    "forty five": "45", "forty-five": "45", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
    "six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
    "fifteen": "15", "twenty": "20", "thirty": "30", "forty": "40", "sixty": "60", "ninety": "90",
}  # fmt: skip
_NUMBER_WORD = re.compile(r"\b(?:" + "|".join(_WORDS) + r")\b")


def in_our_words(page: Page) -> bool:
    """A page the team wrote, its ``source`` "Written for this handbook…" (a mirror's words are its
    source's; a generated page's are nobody's)."""
    return page.meta.source.startswith(WRITTEN_HERE)


def markdown_findings(pages: list[Page], root: Path) -> list[ContentError]:
    """Uncited timescales in the team's own Markdown pages."""
    ours = [page for page in pages if page.path.startswith(MARKDOWN_FOLDERS) and in_our_words(page)]
    render = page_renderer(root) if ours else None
    errors = []
    for page in ours:
        html = render(page)
        for finding in uncited_timescales(article(html), "/" + page_url(page.src_uri)):
            line = chapter_location(page, finding.locate)
            errors.append(ContentError(page.path, line, f"timescale without a source: {finding.text} ({FIX})"))
    return errors


FIX = "link it to the paragraph of the guidance it comes from, or name the statute or publication beside it"


def timescale_key(text: str) -> tuple[str, str]:
    """A timescale as a comparable pair: "fifteen working days" and "15 working day" → ("15", "working day")."""
    digits = _NUMBER_WORD.sub(lambda match: _WORDS[match.group(0)], text.lower())
    number, _, unit = digits.replace("-", " ").partition(" ")
    return number, " ".join(unit.replace("calendar ", "").split()).removesuffix("s")


def yaml_strings(value: Any, loc: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from yaml_strings(item, (*loc, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from yaml_strings(item, (*loc, index))


def yaml_at(data: Any, loc: tuple[Any, ...]) -> Any:
    """The value at ``loc`` (keys and indexes) in data read from YAML."""
    for part in loc:
        data = data[part]
    return data


def _cites_itself(text: str) -> bool:
    return bool(_HOSTED_LINK.search(text) or NAMED_SOURCES.search(text))


def _has_citation(mapping: Any) -> bool:
    if not isinstance(mapping, dict):
        return False
    if any(mapping.get(key) for key in CITING_KEYS):
        return True
    link = mapping.get("link")
    return isinstance(link, str) and link.startswith(("working-together/", "procedures/preface-and-introduction"))


def _cited(data: Any, loc: tuple[Any, ...]) -> bool:
    """Is the text at ``loc`` cited beside it (see the module docstring)?"""
    return any(_has_citation(yaml_at(data, loc[:depth])) for depth in range(len(loc) - 1, -1, -1))


def yaml_text_cited(data: Any, loc: tuple[Any, ...], text: str) -> bool:
    """The text at ``loc`` names its source itself, or a mapping it belongs to has a citation."""
    return _cites_itself(text) or _cited(data, loc)


def yaml_findings(text: str, path: str, unit_depth: int) -> list[ContentError]:
    """Uncited timescales in one YAML data or chart file.

    ``unit_depth`` says how far down the file a summary looks for the cited statement it repeats:
    0 for a chart (the whole file is one chart), 2 for data (one topic of ``topics:``, say).
    """
    located = load_located_yaml(text, path)
    if isinstance(located, ContentError):
        return []  # the file's own checker reports it
    data = located.data
    strings = [(loc, value, yaml_text_cited(data, loc, value)) for loc, value in yaml_strings(data)]
    cited_keys = {
        (loc, timescale_key(match.group(0)))
        for loc, value, cited in strings
        if cited
        for match in NUMBERED_TIMESCALE.finditer(value)
    }
    errors = []
    for loc, value, cited in strings:
        if cited:
            continue
        for match in NUMBERED_TIMESCALE.finditer(value):
            key = timescale_key(match.group(0))
            # A summary: the same timescale is stated, with a citation, inside the same chart or topic.
            if any(other[:unit_depth] == loc[:unit_depth] and k == key for other, k in cited_keys):
                continue
            clip = " ".join(value[max(0, match.start() - 60) : match.end() + 40].split())
            errors.append(ContentError(path, located.line_of(loc), f'timescale without a source: "…{clip}…" ({FIX})'))
    return errors


def prose_data_files(root: Path) -> Iterator[tuple[str, str, int]]:
    """(text, path, unit depth) of each chart and data file written in the team's own words: the
    files both the timescale check and the duty check read."""
    for pattern, unit_depth in YAML_GLOBS.items():
        for file in sorted(root.glob(pattern)):
            rel = file.relative_to(root).as_posix()
            if rel not in NOT_PROSE:
                yield file.read_text(encoding="utf-8"), rel, unit_depth


def data_findings(root: Path) -> list[ContentError]:
    """Uncited timescales in the charts and data files."""
    return [error for text, rel, depth in prose_data_files(root) for error in yaml_findings(text, rel, depth)]


def timescale_errors(pages: list[Page], root: Path) -> list[ContentError]:
    """Every timescale in the team's own words, in pages, charts and data, that has no citation beside it."""
    return markdown_findings(pages, root) + data_findings(root)
