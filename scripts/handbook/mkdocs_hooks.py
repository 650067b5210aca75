"""MkDocs hooks: thin wrappers that connect the handbook's functions to the MkDocs build.

Keep logic out of this file. Each hook calls a plain function from the ``handbook`` package, so a
move from MkDocs/Material to a successor (e.g. Zensical) only has to replace these few lines.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkDocsPage

from handbook.editions import Editions, insert_after_title, load_editions, superseded_banner
from handbook.errors import ContentErrors
from handbook.html_fixes import fix_material_html
from handbook.model import EDITION_KINDS
from handbook.sources import Page, load_pages, project_root
from handbook.vendor import vendor_sources

_pages: dict[str, Page] = {}
_editions: list[Editions] = []

#: Where the banners' "Compare the editions" link points.
COMPARE_PAGE = "compare/index.md"


def _root(config: MkDocsConfig) -> Path:
    return project_root(config.docs_dir)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Validate every page's front matter before anything is built; report every error at once."""
    pages, errors = load_pages(_root(config))
    if errors:
        raise PluginError(ContentErrors(errors).report())
    _pages.clear()
    _pages.update({page.src_uri: page for page in pages})
    try:
        _editions[:] = [load_editions(_root(config))]
    except ContentErrors as exc:
        raise PluginError(exc.report()) from exc
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Bring procedures/ and the vendored JavaScript into the site."""
    root = _root(config)
    for page in _pages.values():
        if not page.read_by_mkdocs:
            files.append(File.generated(config, page.src_uri, abs_src_path=str(root / page.path)))
    try:
        assets = vendor_sources(root)
    except FileNotFoundError as exc:
        raise PluginError(str(exc)) from exc
    for site_path, source in assets.items():
        files.append(File.generated(config, site_path, abs_src_path=str(source)))
    return files


def on_page_markdown(markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
    """Add the replaced-edition banner; keep the content model's ``status`` away from Material."""
    meta: dict[str, Any] = page.meta
    if "status" in meta:  # Material reads ``status`` as a navigation badge
        meta["legal_status"] = meta.pop("status")
    if meta.get("kind") in EDITION_KINDS and meta.get("edition"):
        banner = superseded_banner(_editions[0], meta["edition"], page.file.src_uri, COMPARE_PAGE)
        markdown = insert_after_title(markdown, banner)
    return markdown


def on_page_content(html: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
    """Tell the "Copy citation" buttons how this page's paragraphs are cited."""
    cite_as = page.meta.get("cite_as")
    if not cite_as:
        return html
    return f'<div class="hb-citable" data-cite-as="{escape(cite_as, quote=True)}">\n{html}\n</div>'



def on_post_page(output: str, page: MkDocsPage, config: MkDocsConfig) -> str:
    """Repair Material's known invalid navigation HTML (see handbook.html_fixes)."""
    return fix_material_html(output)
