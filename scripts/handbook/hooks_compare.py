"""MkDocs hooks for the Compare pages: thin wrappers around handbook.compare.

- on_config: load and check data/concordance.yml and data/alignments.yml (file:line errors stop
  the build), and fill the Compare section of the navigation from them.
- on_files: add the generated topic, edition-pair and wording pages (in memory, never in docs/).
- on_page_markdown: add the generated part of the Compare hub, and "This topic in other editions"
  to edition pages the concordance cites.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkDocsPage

from handbook.compare import (
    HUB,
    Context,
    generated_pages,
    hub_markdown,
    insert_before_footer,
    load_comparison,
    nav_entries,
    other_editions_block,
)
from handbook.errors import ContentError, ContentErrors
from handbook.frontmatter import parse_front_matter
from handbook.model import EDITION_KINDS, page_errors
from handbook.sources import project_root

NAV_SECTION = "Compare"
_context: list[Context] = []


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = project_root(config.docs_dir)
    try:
        ctx = load_comparison(root)
    except ContentErrors as exc:
        raise PluginError(exc.report()) from exc
    ctx.directory_urls = config.use_directory_urls
    _context[:] = [ctx]
    for item in config.nav or []:
        if isinstance(item, dict) and NAV_SECTION in item:
            item[NAV_SECTION] = nav_entries(ctx)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    errors: list[ContentError] = []
    for src_uri, markdown in generated_pages(_context[0]).items():
        front = parse_front_matter(markdown, src_uri)
        problems = [front] if isinstance(front, ContentError) else page_errors(front, src_uri)[1]
        errors.extend(problems)
        files.append(File.generated(config, src_uri, content=markdown))
    if errors:
        raise PluginError(ContentErrors(errors).report())
    return files


def on_page_markdown(markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
    ctx = _context[0]
    if page.file.src_uri == HUB:
        return hub_markdown(ctx, markdown)
    if page.meta.get("kind") in EDITION_KINDS:
        block = other_editions_block(ctx, page.file.src_uri, page.meta.get("edition"))
        return insert_before_footer(markdown, block)
    return markdown
