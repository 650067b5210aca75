"""One feature's part in a MkDocs build, as the handbook plugin calls it.

Each feature (pages, contacts and print, leaflets, Compare, charts, search, governance) is a class
whose methods are named after the MkDocs events it takes part in. Its state is on the instance,
made fresh for every build, so nothing is left over from an earlier build in ``mkdocs serve``.
``HandbookPlugin`` calls the features in one fixed order (``plugin.FEATURES``); a method a
feature does not define is the identity here.
"""

from __future__ import annotations

from collections.abc import Mapping

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from handbook.adapter.config import HandbookConfig
from handbook.adapter.errors import content_failure
from handbook.core.errors import ContentError
from handbook.core.sources import checked_front_matter
from handbook.project import Handbook


class Feature:
    """Base of the feature adapters: every event passes its value through unchanged."""

    def __init__(self, handbook: Handbook, options: HandbookConfig) -> None:
        self.handbook = handbook
        self.options = options

    def on_config(self, config: MkDocsConfig) -> None:
        """Read and check this feature's sources; change the configuration (navigation, extensions)."""

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        return nav

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        return html

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return output

    def on_post_build(self, config: MkDocsConfig) -> None:
        """After Material has written the site (its search documents included): finish the site."""

    def on_build_error(self) -> None:
        """The build failed: stop anything the feature started (a second process)."""

    def after_search_documents(self, config: MkDocsConfig) -> None:
        """After the build, once Material's search plugin has written search/search_index.json and
        before the offline plugin copies it (the plugin runs this at priority -50)."""


def add_generated_pages(files: Files, config: MkDocsConfig, pages: Mapping[str, str]) -> Files:
    """Add pages a feature makes (in memory, never in docs/), each checked like a written page;
    every bad one is reported before the build stops."""
    errors: list[ContentError] = []
    for src_uri, markdown in pages.items():
        checked = checked_front_matter(markdown, src_uri)
        if isinstance(checked, list):
            errors.extend(checked)
        files.append(File.generated(config, src_uri, content=markdown))
    if errors:
        raise content_failure(errors)
    return files


def fill_nav_section(config: MkDocsConfig, section: str, entries: list) -> None:
    """Put a feature's generated entries under its section of mkdocs.yml's nav."""
    for item in config.nav or []:
        if isinstance(item, dict) and section in item:
            item[section] = entries
