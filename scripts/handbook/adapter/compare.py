"""The Compare pages: the section of the navigation, the generated topic, edition-pair and wording
pages, the hub's generated part, and "This topic in other editions" (logic in handbook.compare)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook.adapter.errors import plugin_error
from handbook.adapter.feature import Feature, add_generated_pages, fill_nav_section
from handbook.compare.data import Context, load_comparison
from handbook.compare.navigation import HUB, nav_entries
from handbook.compare.pages import generated_pages, hub_markdown, insert_before_footer, other_editions_block
from handbook.core.errors import ContentErrors
from handbook.core.model import EDITION_KINDS

NAV_SECTION = "Compare"


class CompareFeature(Feature):
    context: Context

    def on_config(self, config: MkDocsConfig) -> None:
        """Load and check data/concordance.yml and data/alignments.yml; fill the Compare section."""
        handbook = self.handbook
        try:
            ctx = load_comparison(handbook.root, list(handbook.pages.values()), handbook.editions)
        except ContentErrors as exc:
            raise plugin_error(exc) from exc
        ctx.directory_urls = config.use_directory_urls
        self.context = ctx
        fill_nav_section(config, NAV_SECTION, nav_entries(ctx))

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add the generated pages (in memory, never in docs/), each checked like a written page."""
        return add_generated_pages(files, config, generated_pages(self.context))

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        ctx = self.context
        if page.file.src_uri == HUB:
            return hub_markdown(ctx, markdown)
        if page.meta.get("kind") in EDITION_KINDS:
            block = other_editions_block(ctx, page.file.src_uri, page.meta.get("edition"))
            return insert_before_footer(markdown, block)
        return markdown
