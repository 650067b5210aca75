"""The concordance: what each edition of Working Together says on each topic, with citations.

``data/concordance.yml`` is the single source of the comparison pages. A wrong timescale can hurt
a child, so loading it is strict, and every problem is reported as ``file:line: what is wrong
(what to do)``:

- every statement has at least one citation, and every citation resolves (page, anchor, quote);
- a statement that cites only the 2013 consultation draft says "draft" in its own words;
- every topic covers every edition compared, either with cited facts or as "not stated";
- every topic says what changed between each pair of consecutive editions (or that it is not known).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from handbook.compare.citations import Citation, HostedText, Publication
from handbook.core.errors import ContentError
from handbook.core.located_yaml import LocatedYaml, parse_checked

CONCORDANCE_FILE = "data/concordance.yml"

ChangeKind = Literal["added", "removed", "changed", "unchanged", "not known"]

#: Shown where a change between two editions cannot be told from the texts held.
NOT_KNOWN = "The texts this handbook holds do not show what changed."

HINTS = {
    "id": "a short name in lower case with hyphens; it becomes the page address, so never change it",
    "title": "what the topic is about, in a few words",
    "edition": "2010 | 2013 | 2015 | 2018 | 2023",
    "short": "one short sentence for the table of topics and editions",
    "statement": "one sentence of fact, in plain English",
    "change": "added | removed | changed | unchanged | not known",
    "from": "the earlier edition, e.g. 2010",
    "to": "the next edition, e.g. 2013",
    "date": "YYYY-MM-DD",
    "owner": "the team or role responsible for the comparison",
    "last_reviewed": "YYYY-MM-DD",
    "review_due": "YYYY-MM-DD",
    "editions": "[2010, 2013, 2015, 2018, 2023]",
}


class Fact(BaseModel):
    """One statement about one edition, in our words, with where it comes from."""

    model_config = ConfigDict(extra="forbid")
    statement: str = Field(min_length=1)
    cite: list[Citation] = Field(default_factory=list)


class Cell(BaseModel):
    """What one edition says on one topic: cited facts, or "not stated in the hosted text"."""

    model_config = ConfigDict(extra="forbid")
    edition: int
    short: str | None = Field(default=None, min_length=1)
    facts: list[Fact] = Field(default_factory=list)
    not_stated: bool = False
    #: Shown under the facts: what the hosted text does not say (no facts here: it needs no citation).
    note: str | None = Field(default=None, min_length=1)


class Change(BaseModel):
    """What changed on a topic between two consecutive editions."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    from_: int = Field(alias="from")
    to: int
    change: ChangeKind
    statement: str | None = Field(default=None, min_length=1)
    cite: list[Citation] = Field(default_factory=list)

    @property
    def text(self) -> str:
        return self.statement or NOT_KNOWN


class Topic(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    title: str = Field(min_length=1)
    #: A few words for the navigation (long titles wrap and crowd it); the title if not given.
    short_title: str | None = Field(default=None, min_length=1)
    #: One or two sentences that open the topic's page: what the topic covers.
    about: str | None = Field(default=None, min_length=1)
    editions: list[Cell]
    changes: list[Change] = Field(default_factory=list)

    def cell(self, year: int) -> Cell | None:
        return next((cell for cell in self.editions if cell.edition == year), None)

    def change_between(self, earlier: int, later: int) -> Change | None:
        return next((c for c in self.changes if c.from_ == earlier and c.to == later), None)


class Milestone(BaseModel):
    """A dated event on the timeline other than an edition's publication (those come from editions.yml)."""

    model_config = ConfigDict(extra="forbid")
    date: dt.date
    statement: str = Field(min_length=1)
    cite: list[Citation] = Field(default_factory=list)


class Concordance(BaseModel):
    model_config = ConfigDict(extra="forbid")
    owner: str = Field(min_length=1)
    last_reviewed: dt.date
    review_due: dt.date
    #: The editions compared, oldest first: the columns of the table and the pairs compared.
    editions: list[int] = Field(min_length=2)
    publications: list[Publication] = Field(default_factory=list)
    milestones: list[Milestone] = Field(default_factory=list)
    topics: list[Topic] = Field(min_length=1)

    @property
    def pairs(self) -> list[tuple[int, int]]:
        return list(zip(self.editions, self.editions[1:], strict=False))

    def topic(self, topic_id: str) -> Topic:
        return next(topic for topic in self.topics if topic.id == topic_id)


@dataclass
class _Checker:
    """Collects rule errors with the line each one is about."""

    located: LocatedYaml
    hosted: HostedText
    path: str
    errors: list[ContentError]

    def error(self, loc: tuple, message: str) -> None:
        self.errors.append(ContentError(self.path, self.located.line_of(loc), message))

    def citations(self, loc: tuple, cites: list[Citation], what: str) -> None:
        if not cites:
            self.error(
                loc,
                f'{what} has no citation: add "cite:" with a page of this handbook '
                '("- page: <page>.md#<anchor>") or a named publication ("- publication: <id>")',
            )
        for index, citation in enumerate(cites):
            for problem in self.hosted.citation_problems(citation):
                self.error((*loc, "cite", index), problem)


def check_concordance(
    concordance: Concordance, located: LocatedYaml, hosted: HostedText, path: str
) -> list[ContentError]:
    """Rules across keys and files (the schema itself is checked by pydantic)."""
    check = _Checker(located, hosted, path, [])
    known_years = {edition.year for edition in hosted.editions.editions}
    if concordance.review_due <= concordance.last_reviewed:
        check.error(("review_due",), f'review_due "{concordance.review_due}" must be after last_reviewed')
    for index, year in enumerate(concordance.editions):
        if year not in known_years:
            check.error(("editions", index), f"edition {year} is not in data/editions.yml")
    if concordance.editions != sorted(set(concordance.editions)):
        check.error(("editions",), "list each edition once, oldest first")
    for index, milestone in enumerate(concordance.milestones):
        check.citations(("milestones", index), milestone.cite, "this milestone")
    seen: dict[str, int] = {}
    for t_index, topic in enumerate(concordance.topics):
        loc = ("topics", t_index)
        if topic.id in seen:
            check.error((*loc, "id"), f'topic id "{topic.id}" is used twice: give each topic its own id')
        seen[topic.id] = t_index
        _check_cells(check, topic, loc, concordance.editions)
        _check_changes(check, topic, loc, concordance.pairs)
    return check.errors


def _check_cells(check: _Checker, topic: Topic, loc: tuple, editions: list[int]) -> None:
    covered: set[int] = set()
    for c_index, cell in enumerate(topic.editions):
        cell_loc = (*loc, "editions", c_index)
        if cell.edition not in editions:
            check.error((*cell_loc, "edition"), f"edition {cell.edition} is not compared: use one of {editions}")
            continue
        if cell.edition in covered:
            check.error((*cell_loc, "edition"), f'topic "{topic.id}" has edition {cell.edition} twice: merge them')
        covered.add(cell.edition)
        if cell.not_stated and cell.facts:
            check.error(cell_loc, 'a cell has either "facts" or "not_stated: true", not both')
        elif not cell.not_stated and not cell.facts:
            check.error(
                cell_loc,
                f"edition {cell.edition} has no facts: add facts with citations, or "
                '"not_stated: true" if the hosted text does not say',
            )
        if cell.facts and not cell.short:
            check.error(cell_loc, f'edition {cell.edition} needs a "short" statement for the table of topics')
        for f_index, fact in enumerate(cell.facts):
            fact_loc = (*cell_loc, "facts", f_index)
            check.citations(fact_loc, fact.cite, "this statement")
            _check_draft_wording(check, fact, fact_loc)
    for year in editions:
        if year not in covered:
            check.error(
                (*loc, "editions"),
                f'topic "{topic.id}" says nothing about {year}: add "- edition: {year}" with facts, '
                'or with "not_stated: true"',
            )


def _check_draft_wording(check: _Checker, fact: Fact, loc: tuple) -> None:
    """A statement resting only on the 2013 consultation draft must not read as the final text."""
    pages = [c.path for c in fact.cite if c.page and c.path in check.hosted.pages]
    if not pages or len(pages) != len(fact.cite):
        return
    only_draft = all(check.hosted.pages[p].meta.edition_text == "consultation-draft" for p in pages)
    if only_draft and "draft" not in fact.statement.lower():
        check.error(
            (*loc, "statement"),
            "this statement cites only the 2013 consultation draft: say so in it "
            '(e.g. "In the consultation draft, ...")',
        )


def _check_changes(check: _Checker, topic: Topic, loc: tuple, pairs: list[tuple[int, int]]) -> None:
    found: set[tuple[int, int]] = set()
    for index, change in enumerate(topic.changes):
        change_loc = (*loc, "changes", index)
        pair = (change.from_, change.to)
        if pair not in pairs:
            check.error(
                (*change_loc, "from"),
                f"{change.from_} to {change.to} is not a pair of consecutive editions compared: use one of "
                + ", ".join(f"{a} to {b}" for a, b in pairs),
            )
            continue
        if pair in found:
            check.error(change_loc, f'topic "{topic.id}" has {change.from_} to {change.to} twice: merge them')
        found.add(pair)
        if change.change != "not known":
            if not change.statement:
                check.error(change_loc, f'say what {change.change} in a "statement"')
            check.citations(change_loc, change.cite, "this change")
        else:
            for c_index, citation in enumerate(change.cite):
                for problem in check.hosted.citation_problems(citation):
                    check.error((*change_loc, "cite", c_index), problem)
    for pair in pairs:
        if pair not in found:
            check.error(
                (*loc, "changes"),
                f'topic "{topic.id}" does not say what changed from {pair[0]} to {pair[1]}: add '
                f'"- from: {pair[0]}" with "to: {pair[1]}" and "change: ..." '
                '("not known" if the texts held do not show it)',
            )




def parse_concordance(text: str, hosted: HostedText, path: str = CONCORDANCE_FILE) -> Concordance:
    """Parse and check concordance YAML; raise ContentErrors listing every problem with its line."""

    def rules(concordance: Concordance, located: LocatedYaml) -> list[ContentError]:
        hosted.publications = {publication.id: publication for publication in concordance.publications}
        return check_concordance(concordance, located, hosted, path)

    return parse_checked(Concordance, text, path, HINTS, rules)


def load_concordance(root: Path, hosted: HostedText) -> Concordance:
    return parse_concordance((root / CONCORDANCE_FILE).read_text(encoding="utf-8"), hosted)
