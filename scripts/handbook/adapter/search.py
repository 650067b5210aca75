"""Search: the handbook's code put in front of Material's search worker, chart sources kept out of
the index, and the index built at build time (logic in handbook.search; the worker wiring, which
depends on Material's worker file, in adapter.material_search_worker)."""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from handbook.adapter.errors import plugin_error
from handbook.adapter.feature import Feature
from handbook.adapter.material_search_documents import PageForSearch, material_documents, page_for_search
from handbook.adapter.material_search_worker import (
    WORKER_PATH,
    WorkerChanged,
    combine,
    prelude_lines,
    shift_source_map,
    shipped_prelude,
)
from handbook.search.background import BackgroundIndex
from handbook.search.docs import PageFacts, exclude_charts, numbered_paragraphs, page_facts
from handbook.search.index import PrebuiltIndex, prebuild_search_index
from handbook.search.synonyms import synonym_pairs

log = logging.getLogger("mkdocs.plugins.handbook.search")

#: Where Material's search plugin writes its documents, in the built site.
MATERIAL_INDEX = Path("search") / "search_index.json"


def opens_from_files(config: MkDocsConfig) -> bool:
    """Whether this edition is opened from a folder (``file://``): Material's offline plugin is on."""
    for name in ("material/offline", "offline"):
        plugin = config.plugins.get(name)
        if plugin is not None:
            return bool(plugin.config.get("enabled", True))
    return False


def material_search(config: MkDocsConfig) -> Any | None:
    """Material's search plugin, if it is on."""
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None and hasattr(plugin, "search_index"):
            return plugin if plugin.config.get("enabled", True) else None
    return None


#: The settings Material writes as ``config`` in search_index.json (its SearchIndex.generate_search_index).
MATERIAL_INDEX_SETTINGS = ("lang", "separator", "pipeline", "fields")


class SearchFeature(Feature):
    def on_config(self, config: MkDocsConfig) -> None:
        self.facts: dict[str, PageFacts] = {}
        #: each page's HTML as search reads it (its numbered paragraphs), by page URL
        self.html: dict[str, str] = {}
        #: what Material's search reads of each page, kept in case the index is built at the end
        self.pages: list[PageForSearch] = []
        self.background: BackgroundIndex | None = None
        self.why_not: str | None = None
        self.scripts = opens_from_files(config)
        self.material = material_search(config)
        if self.material is None or not self.options.search_in_background or self.material.is_dirty:
            return  # with no plugin nothing to do; for a dirty rebuild Material merges earlier pages itself
        # Material cuts each page into search documents as it renders it (its on_page_context): have
        # the second process do that, with Material's code (adapter/material_search_documents.py).
        self.index_config = dict(self.material.search_index.config)
        self.material.search_index.add_entry_from_context = self._hand_over

    def _hand_over(self, page: Page) -> None:
        """In place of Material's ``SearchIndex.add_entry_from_context``: the page goes to the background index."""
        copy = page_for_search(page)
        self.pages.append(copy)
        if self.why_not is not None:
            return
        try:
            if self.background is None:
                settings = {key: self.material.config[key] for key in MATERIAL_INDEX_SETTINGS}
                pairs = synonym_pairs(self.handbook.glossary)
                documents_of = functools.partial(material_documents, self.index_config)
                editions = self.handbook.editions
                self.background = BackgroundIndex(settings, editions, pairs, self.scripts, documents_of)
            self.background.add_page(page.url, copy, self.facts[page.url], self.html[page.url])
        except Exception as exc:  # e.g. front matter that cannot be pickled: index at the end instead
            self.why_not = f"page {page.url} could not be handed over: {exc}"
            if self.background is not None:
                self.background.cancel()
                self.background = None

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Put the handbook's search code in front of Material's search worker."""
        for worker in [file for file in files if WORKER_PATH.match(file.src_uri)]:
            prelude = shipped_prelude()  # minified once, for the worker and its source map
            try:
                content = combine(Path(worker.abs_src_path).read_text(encoding="utf-8"), prelude)
            except WorkerChanged as exc:
                raise plugin_error(exc) from exc
            files.remove(worker)
            files.append(File.generated(config, worker.src_uri, content=content))
            source_map = files.get_file_from_path(worker.src_uri + ".map")
            if source_map is not None and source_map.abs_src_path:
                files.remove(source_map)
                text = Path(source_map.abs_src_path).read_text(encoding="utf-8")
                shifted = shift_source_map(text, prelude_lines(prelude))
                files.append(File.generated(config, source_map.src_uri, content=shifted))
        return files

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Note what search needs from the page; keep chart sources out of the index."""
        self.facts[page.url] = page_facts(page.meta)
        self.html[page.url] = html
        return exclude_charts(html)

    def on_build_error(self) -> None:
        if self.background is not None:
            self.background.cancel()

    def after_search_documents(self, config: MkDocsConfig) -> None:
        """Build the search index now, so that browsers only load it."""
        path = Path(config.site_dir) / MATERIAL_INDEX
        background, self.background = self.background, None
        if not path.is_file():
            if background is not None:
                background.cancel()
            return
        result = background.finish(path) if background is not None else None
        if result is None:
            why = background.why_not if background is not None else self.why_not
            if why is not None:
                log.info(f"Search index: built at the end, not page by page ({why}).")
            result = self._index_at_the_end(path, config)
        shards = result.shards
        waited = f"; the build waited {background.waited:.2f} s for it" if background and not background.why_not else ""
        log.info(
            f"Search index built: {result.documents} documents, {result.terms} terms, in {shards.term_chunks} "
            f"term and {shards.doc_chunks} document files ({shards.bytes:,} bytes) in search/{shards.folder}/{waited}"
        )

    def _index_at_the_end(self, path: Path, config: MkDocsConfig) -> PrebuiltIndex:
        """The index built here, from Material's documents: those in search_index.json, or, if its
        pages were handed over (then Material wrote none), made now from the copies kept."""
        docs = None
        if self.pages:
            docs = [doc for page in self.pages for doc in material_documents(self.index_config, page)]
        paragraphs = {url: numbered_paragraphs(html) for url, html in self.html.items()}
        pairs = synonym_pairs(self.handbook.glossary)
        try:
            return prebuild_search_index(
                path, self.facts, paragraphs, self.handbook.editions, pairs, scripts=self.scripts, docs=docs
            )
        except ValueError as exc:  # a search setting the prebuilt index does not support
            raise plugin_error(
                f"The search index was not built: {exc}. Check the search settings in mkdocs.yml."
            ) from exc
