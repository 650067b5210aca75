"""The view by role: the "By role" section of the navigation, the generated role pages and the
index's list (logic in handbook.roles)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook.adapter.errors import plugin_error
from handbook.adapter.feature import Feature, add_generated_pages, fill_nav_section
from handbook.core.errors import ContentErrors
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
        fill_nav_section(config, NAV_SECTION, nav_entries(self.view))

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add the role pages (in memory, never in docs/), each checked like a written page."""
        return add_generated_pages(files, config, generated_pages(self.view))

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri == INDEX:
            return index_markdown(self.view, markdown)
        return markdown
