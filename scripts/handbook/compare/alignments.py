"""Confirmed alignments: which passages of one edition correspond to which passages of another.

A curator confirms them (``python -m handbook align`` proposes candidates); they live in
``data/alignments.yml``, never in code. Each alignment is a list of rows; a row pairs passages of
the older text with passages of the newer one (either side may be empty: text added or removed).
A passage is a numbered paragraph (``page.md#para-9``) or, on pages without paragraph numbers, a
range of the page's words (``page``, ``start``, ``end``). The words compared are always read from
the hosted pages, so a comparison can never drift from the text it shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from handbook.compare.citations import HostedText
from handbook.compare.concordance import Concordance
from handbook.content.passages import RangeError, containing_paragraph, paragraph, plain_text, text_range
from handbook.core.errors import ContentError
from handbook.core.located_yaml import parse_checked

ALIGNMENTS_FILE = "data/alignments.yml"

HINTS = {
    "id": "a short name in lower case with hyphens; it becomes the page address, so never change it",
    "title": "what the passages are about, in a few words",
    "topic": "the id of a topic in data/concordance.yml",
    "rows": "a list of rows, each with old: and/or new: passages",
    "page": "<page>.md#para-N",
}


class Passage(BaseModel):
    """A numbered paragraph (``page: x.md#para-9``) or a range of words (``page``, ``start``, ``end``)."""

    model_config = ConfigDict(extra="forbid")
    page: str = Field(min_length=1)
    start: str | None = Field(default=None, min_length=1)
    end: str | None = Field(default=None, min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        """``- page.md#para-9`` is short for ``- page: page.md#para-9``."""
        return {"page": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _either_anchor_or_range(self) -> Passage:
        if (self.start is None) != (self.end is None):
            raise ValueError('a range of words needs both "start" and "end"')
        if self.start is None and not self.anchor.startswith("para-"):
            raise ValueError(
                'a passage is a numbered paragraph ("<page>.md#para-N") or a range of words '
                '("page:" with "start:" and "end:")'
            )
        return self

    @property
    def path(self) -> str:
        return self.page.split("#", 1)[0]

    @property
    def anchor(self) -> str:
        return self.page.split("#", 1)[1] if "#" in self.page else ""


class Row(BaseModel):
    model_config = ConfigDict(extra="forbid")
    old: list[Passage] = Field(default_factory=list)
    new: list[Passage] = Field(default_factory=list)
    #: Why these passages are paired, when it is not obvious (shown above the row).
    note: str | None = Field(default=None, min_length=1)


class Alignment(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    title: str = Field(min_length=1)
    #: A few words for the navigation; the title if not given.
    short_title: str | None = Field(default=None, min_length=1)
    topic: str = Field(min_length=1)
    #: What the comparison shows, in a sentence or two (shown at the top of its page).
    about: str | None = Field(default=None, min_length=1)
    #: Proposals stay unpublished until a curator has checked every row and set this to true.
    confirmed: bool = True
    rows: list[Row] = Field(min_length=1)


class Alignments(BaseModel):
    model_config = ConfigDict(extra="forbid")
    alignments: list[Alignment] = Field(default_factory=list)

    @property
    def confirmed(self) -> list[Alignment]:
        return [alignment for alignment in self.alignments if alignment.confirmed]


@dataclass(frozen=True)
class Side:
    """One side of a row, resolved: its text and where each passage is."""

    text: str
    targets: list[tuple[str, str]]  # (link target "path#anchor", label such as "paragraph 9")
    #: What the labels are parts of: "Working Together 2013, consultation draft (June 2012)".
    prefix: str = ""


def passage_text(passage: Passage, hosted: HostedText) -> str:
    """The hosted words of a passage (raises RangeError or KeyError if it cannot be found)."""
    blocks = hosted.blocks(passage.path)
    if passage.start is not None and passage.end is not None:
        return text_range(blocks, passage.start, passage.end)
    number = passage.anchor[len("para-") :].replace("-", ".")
    found = paragraph(blocks, number)
    if found is None:
        raise KeyError(passage.anchor)
    return plain_text(found)


def _paragraph_of(passage: Passage, hosted: HostedText) -> str | None:
    """The numbered paragraph a passage is, or that a range of words lies in."""
    if passage.anchor.startswith("para-"):
        return passage.anchor[len("para-") :].replace("-", ".")
    if passage.start is not None:
        return containing_paragraph(hosted.blocks(passage.path), passage.start)
    return None


def passage_target(passage: Passage, hosted: HostedText) -> str:
    """Where to link for a passage: its paragraph's anchor where it has one, else the page."""
    number = _paragraph_of(passage, hosted)
    return f"{passage.path}#para-{number.replace('.', '-')}" if number else passage.path


def passage_label(passage: Passage, hosted: HostedText) -> str:
    """ "paragraph 9" (also for words within it), or the part of the text ("executive summary of chapter 3")."""
    number = _paragraph_of(passage, hosted)
    if number:
        return f"paragraph {number}" + ("" if passage.anchor else " (part)")
    label, _short = hosted.describe(passage.path, None)
    edition = hosted.pages[passage.path].meta.edition
    prefix = f"Working Together {edition}, "
    return label[len(prefix) :] if label.startswith(prefix) else label


def resolve_side(passages: list[Passage], hosted: HostedText) -> Side:
    targets: list[tuple[str, str]] = []
    for passage in passages:
        target = (passage_target(passage, hosted), passage_label(passage, hosted))
        if target not in targets:  # two ranges of one page need one link
            targets.append(target)
    first = passages[0]
    if _paragraph_of(first, hosted):
        prefix = hosted.text_label(first.path)
    else:  # the labels already say which text ("executive summary of chapter 3")
        prefix = f"Working Together {hosted.pages[first.path].meta.edition}"
    return Side("\n\n".join(passage_text(p, hosted) for p in passages), targets, prefix)


def side_text(passages: list[Passage], hosted: HostedText) -> str | None:
    """Which text one side of an alignment is from (all its passages must agree), or None if empty."""
    labels = {hosted.text_label(p.path) for p in passages if p.path in hosted.pages}
    return labels.pop() if len(labels) == 1 else None


def check_alignments(
    alignments: Alignments, located: Any, hosted: HostedText, concordance: Concordance, path: str
) -> list[ContentError]:
    errors: list[ContentError] = []

    def error(loc: tuple, message: str) -> None:
        errors.append(ContentError(path, located.line_of(loc), message))

    topic_ids = [topic.id for topic in concordance.topics]
    seen: set[str] = set()
    for a_index, alignment in enumerate(alignments.alignments):
        loc = ("alignments", a_index)
        if alignment.id in seen:
            error((*loc, "id"), f'alignment id "{alignment.id}" is used twice: give each its own id')
        seen.add(alignment.id)
        if alignment.topic not in topic_ids:
            error((*loc, "topic"), f'topic "{alignment.topic}" is not in data/concordance.yml: use one of {topic_ids}')
        texts: dict[str, set[str]] = {"old": set(), "new": set()}
        for r_index, row in enumerate(alignment.rows):
            row_loc = (*loc, "rows", r_index)
            if not row.old and not row.new:
                error(row_loc, 'a row needs "old:" or "new:" passages (or both)')
            for side in ("old", "new"):
                for p_index, passage in enumerate(getattr(row, side)):
                    p_loc = (*row_loc, side, p_index)
                    problem = hosted.target_problem(passage.page)
                    if problem is None:
                        try:
                            passage_text(passage, hosted)
                        except RangeError as exc:
                            problem = f"in {passage.path}, {exc}"
                        except KeyError:
                            problem = f"{passage.page} is not a numbered paragraph"
                    if problem:
                        error(p_loc, problem)
                        continue
                    texts[side].add(hosted.text_label(passage.path))
        for side in ("old", "new"):
            if len(texts[side]) > 1:
                error(
                    (*loc, "rows"),
                    f'the "{side}" passages come from different texts ({", ".join(sorted(texts[side]))}): '
                    "compare one text with one other text",
                )
    return errors


def parse_alignments(
    text: str, hosted: HostedText, concordance: Concordance, path: str = ALIGNMENTS_FILE
) -> Alignments:
    return parse_checked(
        Alignments,
        text,
        path,
        HINTS,
        lambda alignments, located: check_alignments(alignments, located, hosted, concordance, path),
    )


def load_alignments(root: Path, hosted: HostedText, concordance: Concordance) -> Alignments:
    return parse_alignments((root / ALIGNMENTS_FILE).read_text(encoding="utf-8"), hosted, concordance)
