"""MkDocs hooks for search: thin wrappers over the handbook's search functions.

Listed under ``hooks:`` in mkdocs.yml. What they do and why is in ``search_index.py`` (the index
built at build time), ``search_docs.py`` (results per paragraph, labels, boosts, charts left out),
``search_synonyms.py`` (glossary abbreviations and section numbers) and ``search_worker.py``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from handbook.editions import load_editions
from handbook.errors import ContentErrors
from handbook.search_docs import PageFacts, exclude_charts, numbered_paragraphs, page_facts
from handbook.search_index import prebuild_search_index
from handbook.search_synonyms import glossary_pairs
from handbook.search_worker import WORKER_PATH, WorkerChanged, combine, prelude_lines, shift_source_map
from handbook.sources import project_root

log = logging.getLogger("mkdocs.hooks.search")

_facts: dict[str, PageFacts] = {}
_paragraphs: dict[str, list[tuple[str, str]]] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _facts.clear()
    _paragraphs.clear()
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Put the handbook's search code in front of Material's search worker."""
    workers = [file for file in files if WORKER_PATH.match(file.src_uri)]
    for worker in workers:
        try:
            content = combine(Path(worker.abs_src_path).read_text(encoding="utf-8"))
        except WorkerChanged as exc:
            raise PluginError(str(exc)) from exc
        files.remove(worker)
        files.append(File.generated(config, worker.src_uri, content=content))
        source_map = files.get_file_from_path(worker.src_uri + ".map")
        if source_map is not None and source_map.abs_src_path:
            files.remove(source_map)
            shifted = shift_source_map(Path(source_map.abs_src_path).read_text(encoding="utf-8"), prelude_lines())
            files.append(File.generated(config, source_map.src_uri, content=shifted))
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Note what search needs from the page; keep chart sources out of the index."""
    _facts[page.url] = page_facts(page.meta)
    _paragraphs[page.url] = numbered_paragraphs(html)
    return exclude_charts(html)


@event_priority(-50)  # after Material's search plugin writes search_index.json, before "offline" copies it
def on_post_build(config: MkDocsConfig) -> None:
    """Build the search index now, so that browsers only load it."""
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.is_file():
        return
    root = project_root(config.docs_dir)  # not the config file's folder: areas/*.yml live in areas/
    try:
        editions = load_editions(root)
        pairs = glossary_pairs(root)
    except ContentErrors as exc:
        raise PluginError(exc.report()) from exc
    try:
        result = prebuild_search_index(path, _facts, _paragraphs, editions, pairs)
    except ValueError as exc:  # a search setting the prebuilt index does not support
        raise PluginError(f"The search index was not built: {exc}. Check the search settings in mkdocs.yml.") from exc
    log.info(f"Search index built: {result.documents} documents, {result.terms} terms, {result.bytes} bytes")
