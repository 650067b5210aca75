"""Editions of Working Together: the data behind banners, edition pages and the timeline.

Readers must never mistake a replaced edition for current guidance, so every page of a hosted
edition carries a banner saying what replaced it and when, made from ``data/editions.yml``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from handbook.core.errors import ContentError
from handbook.core.links import markdown_link
from handbook.core.located_yaml import LocatedYaml, parse_checked

EDITIONS_FILE = "data/editions.yml"


class Edition(BaseModel):
    model_config = ConfigDict(extra="forbid")

    year: int
    title: str = Field(min_length=1)
    published: dt.date
    in_effect: dt.date | None = None
    reference: str = Field(min_length=1)
    replaced: str = Field(min_length=1)
    replaced_by: int | None = None
    #: The handbook page for this edition (site path of its landing page), if the handbook hosts it.
    page: str | None = None
    #: The official publication page, for editions the handbook does not host.
    url: str | None = None

    @model_validator(mode="after")
    def _has_a_home(self) -> Edition:
        if not self.page and not self.url:
            raise ValueError(f"edition {self.year} needs a 'page' in this handbook or an official 'url'")
        return self


class Editions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    editions: list[Edition]

    def get(self, year: int) -> Edition:
        return next(edition for edition in self.editions if edition.year == year)

    @property
    def current(self) -> Edition:
        """The edition nothing has replaced."""
        return next(edition for edition in self.editions if edition.replaced_by is None)


def _replaced_by_is_listed(editions: Editions, located: LocatedYaml) -> list[ContentError]:
    years = [edition.year for edition in editions.editions]
    return [
        ContentError(
            EDITIONS_FILE,
            located.line_of(("editions", index, "replaced_by")),
            f"replaced_by {edition.replaced_by} is not an edition listed in this file",
        )
        for index, edition in enumerate(editions.editions)
        if edition.replaced_by is not None and edition.replaced_by not in years
    ]


def load_editions(root: Path) -> Editions:
    """Read and check data/editions.yml; raise ContentErrors with file:line on any problem."""
    text = (root / EDITIONS_FILE).read_text(encoding="utf-8")
    return parse_checked(Editions, text, EDITIONS_FILE, rules=_replaced_by_is_listed)


def long_date(day: dt.date) -> str:
    """GOV.UK style: 15 December 2023."""
    return f"{day.day} {day:%B %Y}"


def _link(edition: Edition, from_src_uri: str) -> str:
    """A Markdown link to an edition: its page here (relative), or its official page."""
    if edition.page:
        target = markdown_link(from_src_uri, edition.page)
        return f"[{edition.title}]({target})"
    return f"[{edition.title}]({edition.url})"


def replaced_label(year: int) -> str:
    """The label a replaced edition's text carries wherever it is shown: "Replaced guidance: 2013 edition"."""
    return f"Replaced guidance: {year} edition"


def replacement_note(editions: Editions, year: int, src_uri: str) -> str:
    """What replaced an edition and, if that too is replaced, what the current guidance is ("" for the
    current edition). Links are relative to the page ``src_uri``."""
    edition = editions.get(year)
    if edition.replaced_by is None:
        return ""
    successor = editions.get(edition.replaced_by)
    current = editions.current
    note = f"It was replaced by {_link(successor, src_uri)}, published on {long_date(successor.published)}"
    if current.year != successor.year:
        return (
            f"{note}. It is not the current guidance: the current statutory guidance is {_link(current, src_uri)}, "
            f"published on {long_date(current.published)}."
        )
    return note + ", which is the current statutory guidance."


def replaced_box(title: str, body: str) -> str:
    """The box a replaced edition's text is shown under, as Markdown-in-HTML (excluded from search)."""
    return (
        '<div class="admonition warning hb-superseded" data-search-exclude="" markdown>\n'
        f'<p class="admonition-title">{title}</p>\n\n{body}\n\n</div>\n'
    )


def superseded_banner(editions: Editions, year: int, src_uri: str, compare_page: str) -> str:
    """The banner for a page of a replaced edition, as Markdown-in-HTML (excluded from search)."""
    edition = editions.get(year)
    note = replacement_note(editions, year, src_uri)
    if not note:
        return ""
    compare = markdown_link(src_uri, compare_page)
    body = f"This page is from **{edition.title}**. {note} [Compare the editions]({compare}) to see what changed."
    return replaced_box(replaced_label(year), body)


def insert_after_title(markdown: str, block: str) -> str:
    """Put ``block`` straight after the page's ``# `` heading (or at the top if it has none)."""
    if not block:
        return markdown
    lines = markdown.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.startswith("# "):
            return "".join([*lines[: index + 1], "\n", block, "\n", *lines[index + 1 :]])
    return block + "\n" + markdown


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def rests_on_banner(editions: Editions, years: list[int], src_uri: str, compare_page: str) -> str:
    """The banner for a page that is not an edition's own but rests on replaced editions (``rests_on``).

    Same look and the same facts as an edition page's banner: which editions, what replaced each
    (one edition) and the current guidance. Empty if every edition it rests on is current.
    """
    replaced = [editions.get(year) for year in sorted(set(years)) if editions.get(year).replaced_by is not None]
    if not replaced:
        return ""
    current = editions.current
    names = _and([f"**{edition.title}**" for edition in replaced])
    now = f"{_link(current, src_uri)}, published on {long_date(current.published)}"
    if len(replaced) > 1:
        lines = [f"This page rests on {names}, which have been replaced. The current statutory guidance is {now}."]
    else:
        successor = editions.get(replaced[0].replaced_by)
        first = f"This page rests on {names}. It was replaced by {_link(successor, src_uri)}, "
        if successor.year == current.year:
            lines = [first + f"published on {long_date(successor.published)}, which is the current statutory guidance."]
        else:
            lines = [
                first + f"published on {long_date(successor.published)}.",
                f"The current statutory guidance is {now}.",
            ]
    lines.append("Check what this page says against the current guidance before relying on it.")
    lines.append(f"[Compare the editions]({markdown_link(src_uri, compare_page)}) to see what changed.")
    years_text = _and([str(edition.year) for edition in replaced])
    noun = "edition" if len(replaced) == 1 else "editions"
    return replaced_box(f"Replaced guidance: rests on the {years_text} {noun}", " ".join(lines))
