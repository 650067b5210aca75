"""The view by role: the "By role" section of the navigation, the generated role pages and the
index's list (logic in handbook.roles)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from handbook.adapter.errors import content_failure, plugin_error
from handbook.adapter.feature import Feature
from handbook.core.errors import ContentError, ContentErrors
from handbook.core.sources import checked_front_matter
from handbook.roles.pages import INDEX, generated_pages, index_markdown, nav_entries
from handbook.roles.view import RoleView, load_role_view

NAV_SECTION = "By role"


def _nav_order(items: object) -> list[str]:
    """Every page of the navigation, in the order it lists them."""
    if isinstance(items, str):
        return [items]
    if isinstance(items, dict):
        return [path for value in items.values() for path in _nav_order(value)]
    if isinstance(items, list):
        return [path for item in items for path in _nav_order(item)]
    return []


class RolesFeature(Feature):
    view: RoleView

    def on_config(self, config: MkDocsConfig) -> None:
        """Load data/roles.yml and check every page's role tags; fill the "By role" section."""
        handbook = self.handbook
        try:
            self.view = load_role_view(
                handbook.root, handbook.pages.values(), handbook.editions, _nav_order(config.nav or [])
            )
        except ContentErrors as exc:
            raise plugin_error(exc) from exc
        for item in config.nav or []:
            if isinstance(item, dict) and NAV_SECTION in item:
                item[NAV_SECTION] = nav_entries(self.view)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add the role pages (in memory, never in docs/), each checked like a written page."""
        errors: list[ContentError] = []
        for src_uri, markdown in generated_pages(self.view).items():
            checked = checked_front_matter(markdown, src_uri)
            if isinstance(checked, list):
                errors.extend(checked)
            files.append(File.generated(config, src_uri, content=markdown))
        if errors:
            raise content_failure(errors)
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri == INDEX:
            return index_markdown(self.view, markdown)
        return markdown
