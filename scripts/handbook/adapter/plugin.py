"""HandbookPlugin: the handbook's one entry point into a MkDocs build.

``mkdocs.yml`` names it once, last under ``plugins:`` (``handbook: {}``); the area configurations
inherit it. For each build it loads the handbook once (``handbook.project``) and hands every MkDocs
event to the features in the order of ``FEATURES``, which a test asserts. State lives on the
plugin and its features, never in a module, so ``mkdocs serve`` starts each rebuild afresh.

Why this order:

1. pages: bring procedures/ into the build; the banner goes first, under the title.
2. contacts and print: area markers in every page, before the features after it add their text.
3. leaflets, 4. compare, 5. roles, 6. charts: each adds its pages and its navigation.
7. deadlines: the calculator's form, its table of timescales and its script.
8. search: notes what the index needs from each page's HTML, after the features above have added
   theirs.
9. governance: last, so that it reads the front matter of every page the others added.

After the build, the leaflets' PDFs are printed first (priority 0, as MkDocs' other plugins), then
search builds its index at priority -50: after Material's search plugin has written
search_index.json and before the offline plugin (priority -100) copies it into a script.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from handbook.adapter.charts import ChartsFeature
from handbook.adapter.compare import CompareFeature
from handbook.adapter.config import HandbookConfig
from handbook.adapter.contacts import ContactsAndPrintFeature
from handbook.adapter.deadlines import DeadlinesFeature
from handbook.adapter.errors import content_failure, plugin_error
from handbook.adapter.feature import Feature
from handbook.adapter.governance import GovernanceFeature
from handbook.adapter.leaflets import LeafletsFeature
from handbook.adapter.pages import PagesFeature
from handbook.adapter.roles import RolesFeature
from handbook.adapter.search import SearchFeature
from handbook.core.errors import HandbookError
from handbook.core.markers import marker_errors_in_files
from handbook.core.settings import read_settings
from handbook.core.sources import project_root
from handbook.project import Handbook, load_handbook

#: The features, in the order every event reaches them.
FEATURES: tuple[type[Feature], ...] = (
    PagesFeature,
    ContactsAndPrintFeature,
    LeafletsFeature,
    CompareFeature,
    RolesFeature,
    ChartsFeature,
    DeadlinesFeature,
    SearchFeature,
    GovernanceFeature,
)


class HandbookPlugin(BasePlugin[HandbookConfig]):
    """Loads the handbook once per build and calls its features in ``FEATURES`` order."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.handbook: Handbook | None = None
        self.features: list[Feature] = []

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Read the settings; load and check every page, the editions and the glossary; report every
        error at once."""
        try:
            self.handbook = load_handbook(project_root(config.docs_dir), read_settings())
        except HandbookError as exc:
            raise plugin_error(exc) from exc
        self.features = [feature(self.handbook, self.config) for feature in FEATURES]
        for feature in self.features:
            feature.on_config(config)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        for feature in self.features:
            files = feature.on_files(files, config)
        # Every page is in the build now, an area's own pages too: check every marker in every one.
        sources = [Path(file.abs_src_path) for file in files.documentation_pages() if file.abs_src_path]
        errors = marker_errors_in_files(sources, project_root(config.docs_dir))
        if errors:
            raise content_failure(errors)
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        for feature in self.features:
            nav = feature.on_nav(nav, config, files)
        return nav

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        for feature in self.features:
            markdown = feature.on_page_markdown(markdown, page, config, files)
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        for feature in self.features:
            html = feature.on_page_content(html, page, config, files)
        return html

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        for feature in self.features:
            output = feature.on_post_page(output, page, config)
        return output

    def _after_build(self, config: MkDocsConfig) -> None:
        for feature in self.features:
            feature.on_post_build(config)

    @event_priority(-50)
    def _after_search_documents(self, config: MkDocsConfig) -> None:
        for feature in self.features:
            feature.after_search_documents(config)

    on_post_build = CombinedEvent(_after_build, _after_search_documents)

    def on_build_error(self, error: Exception) -> None:
        for feature in self.features:
            feature.on_build_error()
