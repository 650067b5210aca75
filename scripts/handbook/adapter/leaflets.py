"""Leaflets: the library page, nav entries, drafts and retired leaflets, and their PDFs
(logic in leaflets.library and leaflets.pdf)."""

from __future__ import annotations

import datetime as dt
import posixpath
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from handbook.adapter.errors import content_failure, plugin_error
from handbook.adapter.feature import Feature
from handbook.core.links import page_url, relative_href
from handbook.leaflets.library import (
    LIBRARY_MARKER,
    LIBRARY_SRC_URI,
    SITE_DIR,
    Leaflet,
    fill_pdf_sizes,
    leaflet_page_markdown,
    library_markdown,
    load_leaflets,
    nav_with_leaflets,
)
from handbook.leaflets.pdf import DEFAULT_LSCB_NAME, PdfFailed, PrintJob, render_pdfs, web_address

FILTER_SCRIPT = "assets/javascripts/leaflets.js"


class LeafletsFeature(Feature):
    leaflets: dict[str, Leaflet]
    #: src_uri → (rendered content, page URL, folder of the built page), for printing.
    printable: dict[str, tuple[str, str, Path]]

    def on_config(self, config: MkDocsConfig) -> None:
        """Check every leaflet; list the current ones in the nav's Leaflets section."""
        leaflets, errors = load_leaflets(self.handbook.root)
        if errors:
            raise content_failure(errors)
        self.leaflets = {leaf.src_uri: leaf for leaf in leaflets}
        self.printable = {}
        if config.nav:
            config.nav = nav_with_leaflets(config.nav, leaflets)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Drafts are previewed by ``./run serve`` only; retired leaflets stay published (a notice)."""
        for leaf in self.leaflets.values():
            file = files.get_file_from_path(leaf.src_uri)
            if file is None:
                continue
            if leaf.status == "draft":
                file.inclusion = InclusionLevel.DRAFT
            elif leaf.status == "retired":
                file.inclusion = InclusionLevel.NOT_IN_NAV
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The library page's list and each leaflet's "About this leaflet" box."""
        src_uri = page.file.src_uri
        if src_uri == LIBRARY_SRC_URI:
            library = library_markdown(list(self.leaflets.values()))
            if LIBRARY_MARKER in markdown:
                return markdown.replace(LIBRARY_MARKER, library, 1)
            return markdown.rstrip() + "\n\n" + library
        leaf = self.leaflets.get(src_uri)
        if leaf is None:
            return markdown
        page.meta.setdefault("description", leaf.meta.summary)
        return leaflet_page_markdown(leaf, markdown, page.url)

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Keep each leaflet's HTML for printing; load the library's filter script."""
        src_uri = page.file.src_uri
        if src_uri == LIBRARY_SRC_URI:
            return html + f'\n<script src="{relative_href(FILTER_SCRIPT, page.url)}"></script>\n'
        leaf = self.leaflets.get(src_uri)
        if leaf is None:
            return html
        self.printable[src_uri] = (html, page.url, Path(page.file.abs_dest_path).parent)
        if leaf.meta.language.split("-")[0] != "en":  # the page is in English; this leaflet is not
            return f'<div lang="{leaf.meta.language}">\n{html}\n</div>'
        return html

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Print every leaflet to a PDF and write the PDFs' sizes into the pages."""
        site = Path(config.site_dir)
        area = config.extra.get("area") if isinstance(config.extra.get("area"), dict) else {}
        body = area.get("body") if isinstance(area.get("body"), dict) else {}
        lscb_name = str(body.get("name") or DEFAULT_LSCB_NAME)  # the publishing body (extra.area.body)
        built = self.handbook.settings.build_date
        jobs = [
            _print_job(leaf, *self.printable[leaf.src_uri], site, lscb_name, config.site_url, built)
            for leaf in self.leaflets.values()
            if leaf.src_uri in self.printable
        ]
        try:
            cache = self.handbook.root / self.options.pdf_cache
            sizes = render_pdfs(jobs, config.site_url, cache_dir=cache, chromium=self.handbook.settings.chromium)
        except PdfFailed as exc:
            raise plugin_error(exc) from exc
        by_name = {path.name: size for path, size in sizes.items()}
        for built in (site / SITE_DIR).rglob("*.html"):
            text = built.read_text(encoding="utf-8")
            filled = fill_pdf_sizes(text, by_name)
            if filled != text:
                built.write_text(filled, encoding="utf-8")


def _print_job(
    leaf: Leaflet,
    content: str,
    url: str,
    page_dir: Path,
    site: Path,
    lscb_name: str,
    site_url: str | None,
    printed_on: dt.date,
) -> PrintJob:
    site_path = page_url(leaf.src_uri, directory_urls=True)
    return PrintJob(
        title=leaf.title,
        language=leaf.meta.language,
        lscb_name=lscb_name,
        audience=leaf.audience_label,
        summary=leaf.meta.summary,
        version=leaf.meta.version,
        published=leaf.meta.published,
        review_due=leaf.review_due,
        printed_on=printed_on,
        web_address=web_address(site_url, site_path),
        site_path=site_path,
        retired=leaf.status == "retired",
        content_html=content,
        page_url=url,
        page_dir=page_dir,
        output=site / posixpath.join(SITE_DIR, f"{leaf.slug}.pdf"),
    )
