"""Citations: every comparison statement says where it comes from, and the build checks it.

A citation is either a page of this handbook (``working-together/2013/about-this-guidance.md#para-2``,
optionally with a ``quote`` of its exact words) or a named publication the handbook does not host
(``publication: wt2013``). Page citations are checked against the page's Markdown: the page must
exist, the anchor must be one it publishes, and a quote must be its own words. Labels are made
from the cited page's front matter, so a citation to the 2013 consultation draft always says
"consultation draft" and can never pass for the final text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field, model_validator

from handbook.content.editions import Editions
from handbook.content.passages import Block, anchors, contains_quote, heading_anchors, matched_words, read_blocks
from handbook.core.sources import Page

#: Publications every data file may cite by these ids: the editions in data/editions.yml.
EDITION_PUBLICATION = re.compile(r"^wt(?P<year>\d{4})$")


class Citation(BaseModel):
    """Where a statement comes from: a page here (``page``) or a named publication (``publication``)."""

    model_config = ConfigDict(extra="forbid")

    page: str | None = Field(default=None, min_length=1)
    quote: str | None = Field(default=None, min_length=1)
    publication: str | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _one_source(self) -> Citation:
        if self.page and self.publication:
            raise ValueError('a citation has either "page" or "publication", not both: split it into two citations')
        if not self.page and not self.publication:
            raise ValueError(
                'a citation needs "page: <page>.md#<anchor>" (a page of this handbook) or '
                '"publication: <id>" (a publication listed under "publications")'
            )
        if self.quote and not self.page:
            raise ValueError('"quote" can only be checked against a page of this handbook: remove it or cite a page')
        return self

    @property
    def path(self) -> str:
        return (self.page or "").split("#", 1)[0]

    @property
    def anchor(self) -> str | None:
        return self.page.split("#", 1)[1] if self.page and "#" in self.page else None


class Publication(BaseModel):
    """A publication the handbook names but does not host (``hosted: false`` says so, on purpose)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = Field(min_length=1)
    reference: str | None = None
    hosted: bool

    @model_validator(mode="after")
    def _not_hosted(self) -> Publication:
        if self.hosted:
            raise ValueError(
                'list only publications the handbook does not host here ("hosted: false"); '
                "cite a hosted text by its page instead"
            )
        return self


@dataclass(frozen=True)
class Source:
    """A resolved citation, ready to show: full and short labels, a link target or none."""

    label: str  # "Working Together to Safeguard Children 2013 (consultation draft, June 2012), paragraph 61"
    short: str  # "draft, para 61"
    target: str | None  # src path with anchor, e.g. "working-together/2013/x.md#para-61"; None if not hosted
    quote: str | None = None
    hosted: bool = True
    edition: int | None = None
    text: str | None = None  # edition_text of the cited page: "final", "consultation-draft", ...
    #: For a numbered paragraph: what it is a paragraph of, and its number (to list several together).
    base: str | None = None
    para: str | None = None


_TEXT_NAMES = {
    "consultation-draft": "consultation draft (June 2012)",
    "final": "final text",
    "executive-summary": "executive summary",
    "partnership-summary": "a partnership's summary",
}


def _chapter(title: str) -> str:
    """ "Chapter 5 – Managing individual cases" → "chapter 5"."""
    head = re.split(r"\s+[–-]\s+", title, maxsplit=1)[0]
    return head[:1].lower() + head[1:] if head.lower().startswith("chapter") else title


@dataclass
class HostedText:
    """Every page of the handbook, for resolving and checking citations."""

    pages: dict[str, Page]
    editions: Editions
    publications: dict[str, Publication] = field(default_factory=dict)
    _blocks: dict[str, list[Block]] = field(default_factory=dict)
    _anchors: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def from_pages(cls, pages: list[Page], editions: Editions) -> HostedText:
        return cls({page.src_uri: page for page in pages}, editions)

    def blocks(self, path: str) -> list[Block]:
        if path not in self._blocks:
            self._blocks[path] = read_blocks(self.pages[path].front.body)
        return self._blocks[path]

    def anchors(self, path: str) -> list[str]:
        if path not in self._anchors:
            self._anchors[path] = anchors(self.pages[path].front.body)
        return self._anchors[path]

    @cached_property
    def _edition_publications(self) -> dict[str, Publication]:
        return {
            f"wt{edition.year}": Publication(
                id=f"wt{edition.year}", title=edition.title, reference=edition.reference, hosted=False
            )
            for edition in self.editions.editions
        }

    def publication(self, pub_id: str) -> Publication | None:
        return self.publications.get(pub_id) or self._edition_publications.get(pub_id)

    def publication_ids(self) -> list[str]:
        return sorted({*self.publications, *self._edition_publications})

    # --- checking -------------------------------------------------------------------------------

    def target_problem(self, page: str) -> str | None:
        """Why ``path.md#anchor`` cannot be cited, in plain English with the fix; None if it can."""
        path, _, anchor = page.partition("#")
        if not path.endswith(".md"):
            return (
                f'page "{page}" must be the path of a Markdown page, '
                "e.g. working-together/2013/about-this-guidance.md#para-2"
            )
        if path not in self.pages:
            return (
                f'page "{path}" does not exist: give the path of a page under docs/ or procedures/, as it is '
                "published (e.g. working-together/2010/chapter-5.md)"
            )
        if anchor and anchor not in self.anchors(path):
            available = self.anchors(path)
            paras = [a for a in available if a.startswith("para-")]
            if paras:
                hint = f"its paragraphs are {paras[0]} to {paras[-1]}"
            elif available:
                hint = "its anchors are " + ", ".join(available[:8])
            else:
                hint = "it has no anchors"
            return f'{path} has no anchor "#{anchor}" ({hint}): cite an anchor it has, or the page without "#..."'
        return None

    def citation_problems(self, citation: Citation) -> list[str]:
        """Everything wrong with one citation (empty if it is good)."""
        if citation.publication:
            if self.publication(citation.publication) is None:
                return [
                    f'publication "{citation.publication}" is not listed: add it under "publications" '
                    f"or use one of: {', '.join(self.publication_ids())}"
                ]
            return []
        problem = self.target_problem(citation.page or "")
        if problem:
            return [problem]
        if citation.quote and not contains_quote(self.blocks(citation.path), citation.quote):
            found = matched_words(self.blocks(citation.path), citation.quote)
            where = (
                f'the page\'s words stop matching after "…{_tail(found)}"'
                if found
                else "no words of it are on the page"
            )
            return [
                f'the quote "{_clip(citation.quote)}" is not in {citation.path} ({where}): '
                "copy the words exactly from the page"
            ]
        return []

    # --- showing --------------------------------------------------------------------------------

    def source(self, citation: Citation) -> Source:
        """A checked citation as something to show (call citation_problems first)."""
        if citation.publication:
            publication = self.publication(citation.publication)
            assert publication is not None
            match = EDITION_PUBLICATION.match(citation.publication)
            if match and publication.reference:  # an edition's reference already names it in full
                label = publication.reference
            else:
                label = publication.title + (f" ({publication.reference})" if publication.reference else "")
            short = f"WT {match['year']}" if match else publication.title
            return Source(label, short + " (not held here)", None, hosted=False)
        page = self.pages[citation.path]
        label, short = self.describe(citation.path, citation.anchor)
        base, para = None, None
        if citation.anchor and citation.anchor.startswith("para-"):
            base, _, para = label.rpartition(", paragraph ")
        return Source(
            label,
            short,
            citation.page,
            citation.quote,
            edition=page.meta.edition,
            text=page.meta.edition_text,
            base=base,
            para=para,
        )

    def text_label(self, path: str) -> str:
        """Which text a page holds: "Working Together 2013, consultation draft (June 2012)"."""
        meta = self.pages[path].meta
        if meta.kind == "procedure":
            return "LSCB procedures"
        if meta.edition is None:
            return meta.title
        name = _TEXT_NAMES.get(meta.edition_text or "", "")
        return f"Working Together {meta.edition}" + (f", {name}" if name else "")

    def describe(self, path: str, anchor: str | None) -> tuple[str, str]:
        """Full and short label of a page (and anchor), from its front matter."""
        page = self.pages[path]
        meta = page.meta
        para = anchor[len("para-") :].replace("-", ".") if anchor and anchor.startswith("para-") else None
        section = anchor[len("section-") :].replace("-", ".") if anchor and anchor.startswith("section-") else None
        draft = meta.edition_text == "consultation-draft"
        if para:
            base = meta.cite_as or self.text_label(path)
            if meta.edition_text == "final" and "final" not in base:
                base += " (final text)"
            which = {"consultation-draft": "draft, ", "final": "final, "}.get(meta.edition_text or "", "")
            return f"{base}, paragraph {para}", f"{which}para {para}"
        if meta.kind == "procedure":
            where = f", section {section}" if section else ""
            return f"LSCB procedures: {meta.title}{where}", "LSCB procedures" + (f" §{section}" if section else "")
        if meta.kind == "edition-chapter" and meta.edition_text in ("executive-summary", "partnership-summary"):
            chapter = _chapter(meta.title)
            kind = "executive summary" if meta.edition_text == "executive-summary" else "partnership summary"
            return (
                f"Working Together {meta.edition}, {kind} of {chapter}",
                f"summary, {chapter.replace('chapter', 'ch.')}",
            )
        heading = self._heading(path, anchor) if anchor else None
        label = meta.title + (f": “{heading}”" if heading else "")
        if draft and "draft" not in label.lower():
            label += " (consultation draft, June 2012)"
        if heading:
            short = ("draft: " if draft else "") + heading
        elif draft:
            short = "draft, overview" if path.endswith("index.md") else "draft, " + meta.title.split(" (")[0]
        else:
            short = "edition page" if meta.kind == "edition" else meta.title
        return label, short

    def _heading(self, path: str, anchor: str) -> str | None:
        return dict(heading_anchors(self.pages[path].front.body)).get(anchor)


def _tail(text: str, words: int = 6) -> str:
    return " ".join(text.split(" ")[-words:])


def _clip(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


