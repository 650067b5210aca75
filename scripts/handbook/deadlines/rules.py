"""data/deadlines.yml: the timescales the calculator counts, each with its citation, checked.

One entry per rule (edition, the event it runs from, count, unit, the words, where the handbook
states it and what it cites). The calculator, the printable table and the tests all read the file
through ``load_deadlines``, which stops the build with ``file:line`` for anything wrong: an unknown
edition or event, a citation that does not resolve (checked as the Compare pages check theirs), a
``stated_in`` page or anchor that does not exist, a ``stated_in`` section (or chart) that does not
state the timescale, or words that say a different timescale from ``count`` and ``unit`` ("within
three months" with ``count: 6``). So a rule can only be added where the handbook already states it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from handbook.compare.citations import Citation, HostedText, Source
from handbook.content.editions import Editions
from handbook.core.errors import ContentError
from handbook.core.located_yaml import LocatedYaml, load_located_yaml, parse_checked
from handbook.core.sources import Page
from handbook.deadlines.workdays import Unit
from handbook.rules.procedure_rules import NUMBERED_TIMESCALE
from handbook.rules.timescales import timescale_key

DEADLINES_FILE = "data/deadlines.yml"
#: Chart pages are made by the build from flowcharts/<name>.yml (their anchors are checked in the built site).
CHARTS_FOLDER = "flowcharts"

_ID = r"^[a-z0-9][a-z0-9-]*$"
#: "seven to ten working days": a range states both ends.
_RANGE = re.compile(r"\b(\w+) to (\w+) ((?:working )?(?:days|months))\b")


class Years(BaseModel):
    model_config = ConfigDict(extra="forbid")
    first: int = Field(ge=1900, le=2100)
    last: int = Field(ge=1900, le=2100)

    @model_validator(mode="after")
    def _in_order(self) -> Years:
        if self.last < self.first:
            raise ValueError(f"years: last ({self.last}) must not be before first ({self.first})")
        return self


class Event(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=_ID)
    label: str = Field(min_length=1)


class Rule(BaseModel):
    """One timescale of one edition, counted from one event."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=_ID)
    edition: int
    event: str = Field(min_length=1)
    due: str = Field(min_length=1)
    rule: str = Field(min_length=1)
    count: int = Field(ge=1, le=400)
    unit: Unit
    applies_from: dt.date | None = None
    applies_before: dt.date | None = None
    note: str | None = None
    stated_in: list[str] = Field(min_length=1)
    cite: list[Citation] = Field(min_length=1)

    @model_validator(mode="after")
    def _dates_in_order(self) -> Rule:
        if self.applies_from and self.applies_before and self.applies_before <= self.applies_from:
            raise ValueError(f"applies_before ({self.applies_before}) must be after applies_from ({self.applies_from})")
        return self

    def applies_to(self, day: dt.date) -> bool:
        return (self.applies_from is None or day >= self.applies_from) and (
            self.applies_before is None or day < self.applies_before
        )


class NotGiven(BaseModel):
    """What the handbook gives no timescale for, in one edition."""

    model_config = ConfigDict(extra="forbid")
    edition: int
    statement: str = Field(min_length=1)
    cite: list[Citation] = Field(default_factory=list)


class DeadlinesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    owner: str = Field(min_length=1)
    last_reviewed: dt.date
    review_due: dt.date
    years: Years
    events: list[Event] = Field(min_length=1)
    rules: list[Rule] = Field(min_length=1)
    not_given: list[NotGiven] = Field(default_factory=list)


@dataclass(frozen=True)
class StatedIn:
    """A page where the handbook states a rule: its source path (with anchor) and what to call it."""

    target: str
    label: str


@dataclass(frozen=True)
class Deadlines:
    """The checked file, with every citation resolved for showing."""

    data: DeadlinesFile
    sources: dict[str, list[Source]]  # rule id → its sources, in order
    stated_in: dict[str, list[StatedIn]]  # rule id → where the handbook states it
    not_given_sources: dict[int, list[Source]]

    @property
    def rules(self) -> list[Rule]:
        return self.data.rules

    def event(self, event_id: str) -> Event:
        return next(event for event in self.data.events if event.id == event_id)

    def editions(self) -> list[int]:
        """Every edition with a rule or a "not given" statement, oldest first."""
        return sorted({rule.edition for rule in self.rules} | {item.edition for item in self.data.not_given})

    def rules_for(self, edition: int) -> list[Rule]:
        return [rule for rule in self.rules if rule.edition == edition]

    def not_given(self, edition: int) -> NotGiven | None:
        return next((item for item in self.data.not_given if item.edition == edition), None)

    def held_here(self, rule: Rule) -> bool:
        """True when at least one source of the rule is text this handbook holds."""
        return any(source.hosted for source in self.sources[rule.id])


def load_deadlines(root: Path, pages: Iterable[Page], editions: Editions, text: str | None = None) -> Deadlines:
    """Read and check data/deadlines.yml (or ``text`` in its place) against the handbook's pages,
    charts and editions; raise ContentErrors with every problem and its line."""
    hosted = HostedText.from_pages(list(pages), editions)
    if text is None:
        text = (root / DEADLINES_FILE).read_text(encoding="utf-8")

    def rules(value: DeadlinesFile, located: LocatedYaml) -> list[ContentError]:
        return _problems(value, located, hosted, editions, root)

    data = parse_checked(DeadlinesFile, text, DEADLINES_FILE, rules=rules)
    chart_titles = _chart_titles(root)
    return Deadlines(
        data=data,
        sources={rule.id: [hosted.source(cite) for cite in rule.cite] for rule in data.rules},
        stated_in={
            rule.id: [_stated_in(target, hosted, chart_titles) for target in rule.stated_in] for rule in data.rules
        },
        not_given_sources={item.edition: [hosted.source(cite) for cite in item.cite] for item in data.not_given},
    )


# --- checks ---------------------------------------------------------------------------------------


def _problems(
    data: DeadlinesFile, located: LocatedYaml, hosted: HostedText, editions: Editions, root: Path
) -> list[ContentError]:
    def at(*loc: str | int) -> int:
        return located.line_of(loc)

    errors: list[ContentError] = []
    years = [edition.year for edition in editions.editions]
    event_ids = [event.id for event in data.events]
    errors += _duplicates(event_ids, "events", "event", at)
    errors += _duplicates([rule.id for rule in data.rules], "rules", "rule", at)
    used = {rule.event for rule in data.rules}
    for index, event in enumerate(data.events):
        if event.id not in used:
            message = f'no rule runs from event "{event.id}": remove it, or add a rule with "event: {event.id}"'
            errors.append(ContentError(DEADLINES_FILE, at("events", index, "id"), message))
    for index, rule in enumerate(data.rules):
        if rule.edition not in years:
            message = f"edition {rule.edition} is not in data/editions.yml (use one of: {', '.join(map(str, years))})"
            errors.append(ContentError(DEADLINES_FILE, at("rules", index, "edition"), message))
        if rule.event not in event_ids:
            message = f'event "{rule.event}" is not listed under "events" (use one of: {", ".join(event_ids)})'
            errors.append(ContentError(DEADLINES_FILE, at("rules", index, "event"), message))
        errors += _words_problems(rule, at("rules", index, "rule"))
        for n, target in enumerate(rule.stated_in):
            problem = _stated_in_problem(target, hosted, root) or _not_stated_there(rule, target, hosted, root)
            if problem:
                errors.append(ContentError(DEADLINES_FILE, at("rules", index, "stated_in", n), problem))
        for n, cite in enumerate(rule.cite):
            for problem in hosted.citation_problems(cite):
                errors.append(ContentError(DEADLINES_FILE, at("rules", index, "cite", n), problem))
    seen: set[int] = set()
    for index, item in enumerate(data.not_given):
        if item.edition not in years:
            message = f"edition {item.edition} is not in data/editions.yml (use one of: {', '.join(map(str, years))})"
            errors.append(ContentError(DEADLINES_FILE, at("not_given", index, "edition"), message))
        if item.edition in seen:
            message = f"edition {item.edition} has two not_given entries: say everything in one statement"
            errors.append(ContentError(DEADLINES_FILE, at("not_given", index, "edition"), message))
        seen.add(item.edition)
        for n, cite in enumerate(item.cite):
            for problem in hosted.citation_problems(cite):
                errors.append(ContentError(DEADLINES_FILE, at("not_given", index, "cite", n), problem))
    return errors


def _duplicates(ids: list[str], block: str, what: str, at: Callable[..., int]) -> list[ContentError]:
    seen: set[str] = set()
    errors = []
    for index, item in enumerate(ids):
        if item in seen:
            message = f'{what} id "{item}" is used twice: give each {what} its own id'
            errors.append(ContentError(DEADLINES_FILE, at(block, index, "id"), message))
        seen.add(item)
    return errors


def _unit_key(unit: Unit) -> str:
    return unit.removesuffix("s")


def _words_problems(rule: Rule, line: int) -> list[ContentError]:
    """The words must state exactly the timescale that ``count`` and ``unit`` count."""
    found = [timescale_key(match.group(0)) for match in NUMBERED_TIMESCALE.finditer(rule.rule)]
    wanted = (str(rule.count), _unit_key(rule.unit))
    if found == [wanted]:
        return []
    if not found:
        said = "states no timescale"
    elif len(found) > 1:
        said = "states more than one timescale"
    else:
        said = f"says {found[0][0]} {found[0][1]}(s)"
    message = (
        f'rule "{rule.rule}" {said}, but count and unit say {rule.count} {rule.unit}: '
        "make the words and the numbers agree"
    )
    return [ContentError(DEADLINES_FILE, line, message)]


def _chart_file(root: Path, path: str) -> Path | None:
    folder, _, name = path.partition("/")
    if folder != CHARTS_FOLDER or "/" in name or not name.endswith(".md") or name == "index.md":
        return None
    return root / CHARTS_FOLDER / (name.removesuffix(".md") + ".yml")


def _stated_in_problem(target: str, hosted: HostedText, root: Path) -> str | None:
    path = target.partition("#")[0]
    chart = _chart_file(root, path)
    if chart is not None:
        if chart.is_file():
            return None
        return f'stated_in "{target}": there is no chart {chart.relative_to(root).as_posix()}'
    problem = hosted.target_problem(target)
    return f"stated_in {problem}" if problem else None


def _timescales(text: str) -> set[tuple[str, str]]:
    """Every timescale a text states; "from seven to ten working days" states both."""
    text = _RANGE.sub(r"\1 \3 to \2 \3", text)
    return {timescale_key(match.group(0)) for match in NUMBERED_TIMESCALE.finditer(text)}


def _section(body: str, anchor: str) -> str:
    """The text under the heading with ``{#anchor}``, up to the next heading of its level or higher
    (the whole page when the anchor is not a heading's)."""
    lines = body.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("#") and f"{{#{anchor}}}" in line:
            level = len(line) - len(line.lstrip("#"))
            end = next(
                (i for i in range(index + 1, len(lines)) if lines[i].startswith("#") and
                 len(lines[i]) - len(lines[i].lstrip("#")) <= level),
                len(lines),
            )  # fmt: skip
            return "\n".join(lines[index:end])
    return body


def _not_stated_there(rule: Rule, target: str, hosted: HostedText, root: Path) -> str | None:
    """The page (or section, or chart) named in ``stated_in`` must itself state the timescale."""
    path, _, anchor = target.partition("#")
    chart = _chart_file(root, path)
    if chart is not None:
        text = chart.read_text(encoding="utf-8")
    else:
        body = hosted.pages[path].front.body
        text = _section(body, anchor) if anchor else body
    if (str(rule.count), _unit_key(rule.unit)) in _timescales(text):
        return None
    return (
        f'stated_in "{target}" does not state {rule.count} {rule.unit}: name the section or chart where the '
        "handbook states this timescale (a timescale may be added here only where the handbook states it)"
    )


def _chart_titles(root: Path) -> dict[str, str]:
    """Chart page path → the chart's title (read from its YAML; the charts feature checks the rest)."""
    titles = {}
    for source in sorted((root / CHARTS_FOLDER).glob("*.yml")):
        located = load_located_yaml(source.read_text(encoding="utf-8"), source.name)
        if isinstance(located, LocatedYaml) and isinstance(located.data, dict):
            titles[f"{CHARTS_FOLDER}/{source.stem}.md"] = str(located.data.get("title", source.stem))
    return titles


def _stated_in(target: str, hosted: HostedText, chart_titles: dict[str, str]) -> StatedIn:
    path, _, anchor = target.partition("#")
    if path in chart_titles:
        return StatedIn(target, f"Flowchart: {chart_titles[path]}")
    label, _short = hosted.describe(path, anchor or None)
    return StatedIn(target, label)
