"""The content model: one schema for the front matter of every page, chapter and leaflet.

Pydantic does the type checking; ``located_yaml.validate_located`` turns its findings into
plain-English messages with the file and line, because the people who publish pages are LSCB
administrators, not developers.
Unknown keys are errors (``extra="forbid"``): a misspelt ``reviewdue`` must not be silently ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from handbook.core.errors import ContentError
from handbook.core.frontmatter import FrontMatter
from handbook.core.located_yaml import validate_located

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
Edition = Literal[2010, 2013, 2015, 2018, 2023]
EditionText = Literal["consultation-draft", "final", "executive-summary", "partnership-summary", "none"]
Audience = Literal["professionals", "parents and carers", "children and young people"]
#: draft: previewed by ./run serve only; current: published and in the library; retired: withdrawn
#: (its address shows a notice, so a link to it never breaks).
LeafletStatus = Literal["draft", "current", "retired"]

#: A language tag such as en, en-GB, cy or pa-PK (BCP 47, language and optional region).
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[A-Z]{2})?")

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
    "rests_on": "[2015]",
    "summary": "one or two sentences saying what the leaflet is about",
    "audience": " | ".join(get_args(Audience)),
    "topics": "[a topic, another topic]",
    "language": "en-GB",
    "version": '"1.0"',
    "published": "YYYY-MM-DD",
    "role": "[a role id from data/roles.yml, another]",
}


class ChangeNote(BaseModel):
    """One entry in a page's amendments log."""

    model_config = ConfigDict(extra="forbid")
    date: dt.date
    summary: str = Field(min_length=1)


class LeafletMeta(BaseModel):
    """What a leaflet says about itself, beyond what every page says (title, owner, review_due)."""

    model_config = ConfigDict(extra="forbid")
    summary: str = Field(min_length=1)
    audience: Audience
    topics: list[Annotated[str, Field(min_length=1)]]
    language: str = "en-GB"
    #: Text, not a number: "1.10" must not become 1.1. A bare number is accepted and kept as written.
    version: Annotated[str, BeforeValidator(lambda v: str(v) if isinstance(v, int | float) else v)] = Field(
        min_length=1
    )
    published: dt.date
    status: LeafletStatus = "current"
    retired_on: dt.date | None = None

    @field_validator("topics")
    @classmethod
    def _some_topics(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError('topics is empty: list at least one topic, e.g. "topics: [early help]"')
        return value

    @field_validator("language")
    @classmethod
    def _language_code(cls, value: str) -> str:
        if not LANGUAGE_CODE.fullmatch(value):
            raise ValueError(
                f'language "{value}" is not a language code: use a code such as en-GB (English), '
                "cy (Welsh) or pl (Polish)"
            )
        return value


class RoleTag(BaseModel):
    """One duty or expectation a page sets for one or more roles (the ``roles:`` list of its front matter).

    Tagged where the paragraph is written, so a new paragraph is tagged when it is added. The roles
    (``data/roles.yml``), the anchor and the quote are checked by ``handbook.roles.tags``; here only
    the shape: which roles, where on the page, and either the page's own words or a close summary.
    """

    model_config = ConfigDict(extra="forbid")
    #: Role ids from data/roles.yml; one id or a list.
    role: Annotated[list[str], BeforeValidator(lambda v: [v] if isinstance(v, str) else v)]
    #: The anchor on this page (``para-46``, ``section-4``); none for a page with no anchors.
    at: str | None = Field(default=None, min_length=1)
    #: The page's exact words, from the passage at ``at``; or ...
    quote: str | None = Field(default=None, min_length=1)
    #: ... a close summary in our words (it keeps the source's "must" and "should").
    summary: str | None = Field(default=None, min_length=1)

    @field_validator("role")
    @classmethod
    def _some_roles(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError('role is empty: give one or more role ids from data/roles.yml, e.g. "role: [police]"')
        return value

    @model_validator(mode="after")
    def _quote_or_summary(self) -> RoleTag:
        if (self.quote is None) == (self.summary is None):
            raise ValueError(
                'a role entry needs either "quote" (the page\'s exact words) or "summary" (a close summary '
                "in our words), not both and not neither"
            )
        return self


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
    #: Editions of Working Together a page that is not an edition's own rests on (a procedure, a
    #: leaflet): each replaced one is named in the same replaced-guidance banner an edition page carries.
    rests_on: list[Edition] = Field(default_factory=list)
    #: How a paragraph of this page is cited, e.g. "Working Together to Safeguard Children 2013".
    cite_as: str | None = None
    description: str | None = None
    changes: list[ChangeNote] = Field(default_factory=list)
    #: Required on pages of kind "leaflet", not allowed on others.
    leaflet: LeafletMeta | None = None
    #: The duties and expectations this page sets for the roles in data/roles.yml (see RoleTag).
    roles: list[RoleTag] = Field(default_factory=list)
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
    if meta.kind in EDITION_KINDS and meta.rests_on:
        errors.append(
            ContentError(
                path,
                front.line_of(("rests_on",)),
                f'a page of kind "{meta.kind}" says its edition with "edition:", not "rests_on:": remove the line',
            )
        )
    errors.extend(_leaflet_errors(meta, front, path))
    return errors


def _leaflet_errors(meta: PageMeta, front: FrontMatter, path: str) -> list[ContentError]:
    """A leaflet has a ``leaflet:`` block and only a leaflet has one; a retired one says when."""
    leaflet, is_leaflet = meta.leaflet, meta.kind == "leaflet"
    if leaflet is None or not is_leaflet:
        if leaflet is None and is_leaflet:
            fields = "summary, audience, topics, language, version, published, status"
            return [ContentError(path, front.line_of(("kind",)), f'a leaflet needs a "leaflet:" block ({fields})')]
        if leaflet is not None:
            message = f'only leaflets have a "leaflet:" block: remove it, or change kind "{meta.kind}" to "leaflet"'
            return [ContentError(path, front.line_of(("leaflet",)), message)]
        return []
    checks = [
        (
            leaflet.status == "retired" and leaflet.retired_on is None,
            "status",
            'a retired leaflet must say when it was retired: add a line "retired_on: YYYY-MM-DD" to the leaflet block',
        ),
        (
            leaflet.status != "retired" and leaflet.retired_on is not None,
            "retired_on",
            f'retired_on is only for retired leaflets, and this one is "{leaflet.status}": remove the line',
        ),
        (
            leaflet.published > meta.review_due,
            "published",
            f'published "{leaflet.published}" must not be after review_due "{meta.review_due}"',
        ),
    ]
    return [ContentError(path, front.line_of(("leaflet", key)), message) for failed, key, message in checks if failed]
