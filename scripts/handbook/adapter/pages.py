"""Pages: procedures/ and the vendored JavaScript brought into the site, replaced-edition banners,
the "Copy citation" wrapper, and the repairs to Material's navigation HTML."""

from __future__ import annotations

from html import escape
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from handbook.adapter.errors import plugin_error
from handbook.adapter.feature import Feature
from handbook.adapter.material_html import fix_material_html
from handbook.content.editions import insert_after_title, rests_on_banner, superseded_banner
from handbook.core.model import EDITION_KINDS
from handbook.site.vendor import vendor_sources

#: Where the banners' "Compare the editions" link points.
COMPARE_PAGE = "compare/index.md"


class PagesFeature(Feature):
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Bring procedures/ and the vendored JavaScript into the site."""
        root = self.handbook.root
        for page in self.handbook.pages.values():
            if not page.read_by_mkdocs:
                files.append(File.generated(config, page.src_uri, abs_src_path=str(root / page.path)))
        try:
            assets = vendor_sources(root)
        except FileNotFoundError as exc:
            raise plugin_error(exc) from exc
        for site_path, source in assets.items():
            files.append(File.generated(config, site_path, abs_src_path=str(source)))
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Add the replaced-guidance banner (edition pages, and pages that rest on editions); keep the
        content model's ``status`` away from Material."""
        meta: dict[str, Any] = page.meta
        if "status" in meta:  # Material reads ``status`` as a navigation badge
            meta["legal_status"] = meta.pop("status")
        editions = self.handbook.editions
        if meta.get("kind") in EDITION_KINDS and meta.get("edition"):
            banner = superseded_banner(editions, meta["edition"], page.file.src_uri, COMPARE_PAGE)
            markdown = insert_after_title(markdown, banner)
        elif meta.get("rests_on"):  # a procedure or leaflet resting on editions (checked by the content model)
            banner = rests_on_banner(editions, meta["rests_on"], page.file.src_uri, COMPARE_PAGE)
            markdown = insert_after_title(markdown, banner)
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Tell the "Copy citation" buttons how this page's paragraphs are cited."""
        cite_as = page.meta.get("cite_as")
        if not cite_as:
            return html
        return f'<div class="hb-citable" data-cite-as="{escape(cite_as, quote=True)}">\n{html}\n</div>'

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """Repair Material's known invalid navigation HTML (see adapter.material_html)."""
        return fix_material_html(output)
