"""MkDocs hooks for the referral flowcharts: thin wrappers over ``charts`` and ``chart_render``.

- on_config: load and check every chart in flowcharts/ (links, anchors, citations, markers in
  pages); any problem stops the build with ``file:line: message``.
- on_files: add each chart's page (flowcharts/<id>.md), made in memory.
- on_page_markdown: expand chart markers, resolving each chart link for this page and this build
  from MkDocs' own File objects (``../x/`` over http, ``x.html`` in the file-share edition).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils import get_relative_url

from handbook.chart_render import Links, expand_markers
from handbook.charts import LoadedChart, check_charts, page_text
from handbook.editions import Editions, load_editions
from handbook.errors import ContentErrors
from handbook.sources import project_root

_charts: list[LoadedChart] = []
_editions: list[Editions] = []


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = project_root(config.docs_dir)
    charts, errors = check_charts(root)
    if errors:
        raise PluginError(ContentErrors(errors).report())
    _charts[:] = charts
    _editions[:] = [load_editions(root)]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for chart in _charts:
        files.append(File.generated(config, chart.src_uri, content=page_text(chart)))
    return files


def on_page_markdown(markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
    if "<!-- flowchart" not in markdown:
        return markdown

    def url_of(src_uri: str) -> str:
        target = files.get_file_from_path(src_uri)
        if target is None:
            raise PluginError(f"{page.file.src_uri}: a chart links to {src_uri}, which is not in this build")
        return get_relative_url(target.url, page.file.url)

    return expand_markers(markdown, _charts, _editions[0], Links(page.file.src_uri, url_of))
