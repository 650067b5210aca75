"""MkDocs hooks: the area's contacts and feedback address on the pages that ask for them, and the
print-only "Correct as printed on" line on every page.

Thin wrappers only: the logic is in ``handbook.area_markers`` and ``handbook.print_stamp``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook.area_markers import marker_errors_in_files, render_area_markers
from handbook.areas import Area
from handbook.errors import ContentErrors
from handbook.print_stamp import add_print_stamp, build_date
from handbook.sources import project_root

_area: list[Area] = []
_built: list[dt.date] = []


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _built[:] = [build_date()]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Take the area settings (validated by hooks_governance's on_config, which runs after this
    file's on_config); report every unknown area marker in every page at once, with file and line."""
    _area[:] = [Area.model_validate(config.extra["area"])]
    root = project_root(config.docs_dir)
    sources = [Path(file.abs_src_path) for file in files.documentation_pages() if file.abs_src_path]
    errors = marker_errors_in_files(sources, root)
    if errors:
        raise PluginError(ContentErrors(errors).report())
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace ``<!-- area:... -->`` markers with the area's contacts, threshold link or feedback address."""
    return render_area_markers(markdown, _area[0], config.site_name)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Add the print-only "Correct as printed on" line (after search has indexed the page)."""
    return add_print_stamp(output, _built[0])
