"""Material's search documents for one page, made from a copy of what Material reads of the page.

Material's search plugin cuts each page's HTML into sections as the page is rendered
(``SearchIndex.add_entry_from_context``): about a second of a 1,000-chapter build, in MkDocs' one
process. The handbook has that done by its second process instead (``search.background``), with
Material's own code: ``page_for_search`` copies what that code reads of a page (its address,
title, front matter, HTML and table of contents) into plain values a second process can be sent,
and ``material_documents`` runs Material's code on the copy there. The documents are Material's,
made the same way; only the process differs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from material.plugins.search.plugin import SearchIndex
from mkdocs.structure.pages import Page


@dataclass(frozen=True)
class Heading:
    """A table-of-contents entry as Material's search reads it (``_find_toc_by_id``)."""

    id: str
    url: str
    children: tuple[Heading, ...]


@dataclass(frozen=True)
class PageForSearch:
    """What ``SearchIndex.add_entry_from_context`` reads of a ``Page``."""

    url: str
    title: str | None
    meta: dict[str, Any]
    content: str
    toc: tuple[Heading, ...]


def _headings(items: Iterable[Any]) -> tuple[Heading, ...]:
    return tuple(Heading(item.id, item.url, _headings(item.children)) for item in items)


def page_for_search(page: Page) -> PageForSearch:
    return PageForSearch(page.url, page.title, dict(page.meta), page.content or "", _headings(page.toc))


def material_documents(index_config: Mapping[str, Any], page: PageForSearch) -> list[dict[str, Any]]:
    """Material's search documents for the page, as its search plugin would have added them."""
    index = SearchIndex(**index_config)
    index.add_entry_from_context(page)
    return index.entries
