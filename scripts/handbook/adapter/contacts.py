"""The area's contacts and feedback address on the pages that ask for them, and the print-only
"Correct as printed on" line on every page (logic in governance.area_markers and site.print_stamp)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook.adapter.feature import Feature
from handbook.adapter.material_html import add_print_stamp
from handbook.governance.area_markers import render_area_markers
from handbook.governance.areas import Area


class ContactsAndPrintFeature(Feature):
    area: Area

    def on_config(self, config: MkDocsConfig) -> None:
        self.built = self.handbook.settings.build_date

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Take the area settings (validated by the governance feature's on_config, which runs after
        this one's). Unknown markers are reported by the plugin, once every page is in the build."""
        self.area = Area.model_validate(config.extra["area"])
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Replace ``<!-- area:... -->`` markers with the area's settings (contacts, body, approval notice...)."""
        return render_area_markers(markdown, self.area, config.site_name, page.file.src_uri)

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """Add the print-only "Correct as printed on" line (after search has indexed the page)."""
        return add_print_stamp(output, self.built)
