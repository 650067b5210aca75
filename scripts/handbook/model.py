"""The content model: one schema for the front matter of every page, chapter and leaflet.

Pydantic does the type checking; ``located_yaml.validate_located`` turns its findings into
plain-English messages with the file and line, because the people who publish pages are LSCB
administrators, not developers.
Unknown keys are errors (``extra="forbid"``): a misspelt ``reviewdue`` must not be silently ignored.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from .errors import ContentError
from .frontmatter import FrontMatter
from .located_yaml import validate_located

Kind = Literal[
    "home",  # the handbook's front page
    "guide",  # hand-written help: quick guide, accessibility statement, section landing pages
    "procedure",  # an LSCB procedure chapter
    "edition",  # the landing page of one edition of Working Together
    "edition-chapter",  # a chapter (or part) of an edition's text
    "comparison",  # a page comparing editions
    "flowchart",  # a page showing a referral flowchart
    "leaflet",  # a supplementary leaflet
]
Status = Literal["statutory", "non-statutory", "local procedure", "information"]
Edition = Literal[2010, 2013, 2015, 2018]
EditionText = Literal["consultation-draft", "final", "executive-summary", "partnership-summary", "none"]

#: Kinds whose pages belong to one edition of Working Together and must say which.
EDITION_KINDS = ("edition", "edition-chapter")

#: What to write for a missing key, shown in the error message.
HINTS: dict[str, str] = {
    "title": "the page title",
    "kind": " | ".join(get_args(Kind)),
    "status": " | ".join(get_args(Status)),
    "owner": "the team or role responsible for the page",
    "last_reviewed": "YYYY-MM-DD",
    "review_due": "YYYY-MM-DD",
    "source": "the document the page mirrors, or 'Written for this handbook'",
    "edition": " | ".join(str(e) for e in get_args(Edition)),
}


class ChangeNote(BaseModel):
    """One entry in a page's amendments log."""

    model_config = ConfigDict(extra="forbid")
    date: dt.date
    summary: str = Field(min_length=1)


class PageMeta(BaseModel):
    """Front matter every page, chapter and leaflet must carry."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1)
    kind: Kind
    status: Status
    owner: str = Field(min_length=1)
    last_reviewed: dt.date
    review_due: dt.date
    source: str = Field(min_length=1)
    edition: Edition | None = None
    #: What text of the edition the page holds (the 2013 consultation draft is not the final text).
    edition_text: EditionText | None = None
    #: How a paragraph of this page is cited, e.g. "Working Together to Safeguard Children 2013".
    cite_as: str | None = None
    description: str | None = None
    changes: list[ChangeNote] = Field(default_factory=list)
    # Keys Material for MkDocs itself reads from front matter.
    hide: list[Literal["navigation", "toc", "footer", "path", "tags", "feedback"]] | None = None
    search: dict[str, Any] | None = None


def page_errors(front: FrontMatter, path: str) -> tuple[PageMeta | None, list[ContentError]]:
    """Validate front matter against the content model; return the model or every error found."""
    meta, errors = validate_located(PageMeta, front, path, HINTS)
    if meta is None:
        return None, errors
    return meta, _rule_errors(meta, front, path)


def _rule_errors(meta: PageMeta, front: FrontMatter, path: str) -> list[ContentError]:
    """Rules that involve more than one key."""
    errors = []
    if meta.review_due <= meta.last_reviewed:
        errors.append(
            ContentError(
                path,
                front.line_of(("review_due",)),
                f'review_due "{meta.review_due}" must be after last_reviewed "{meta.last_reviewed}"',
            )
        )
    if meta.kind in EDITION_KINDS and meta.edition is None:
        errors.append(
            ContentError(
                path,
                front.line_of(("kind",)),
                f'a page of kind "{meta.kind}" must say which edition it belongs to: add a line '
                f'"edition: {HINTS["edition"]}"',
            )
        )
    return errors
