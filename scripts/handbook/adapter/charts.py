"""The referral flowcharts: chart pages made in memory, and chart markers expanded in pages, each
link resolved for this page and this build (``../x/`` over http, ``x.html`` in the file-share
edition) from MkDocs' own File objects (logic in handbook.charts)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from handbook.adapter.errors import content_failure
from handbook.adapter.feature import Feature
from handbook.charts.load import LoadedChart, check_charts, page_text
from handbook.charts.render import Links, expand_markers
from handbook.core.links import relative_url


class ChartsFeature(Feature):
    charts: list[LoadedChart]

    def on_config(self, config: MkDocsConfig) -> None:
        """Load and check every chart in flowcharts/ (links, anchors, citations, markers in pages)."""
        handbook = self.handbook
        charts, errors = check_charts(handbook.root, list(handbook.pages.values()), handbook.editions)
        if errors:
            raise content_failure(errors)
        self.charts = charts

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        for chart in self.charts:
            files.append(File.generated(config, chart.src_uri, content=page_text(chart)))
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if "<!-- flowchart" not in markdown:
            return markdown

        def url_of(src_uri: str) -> str:
            target = files.get_file_from_path(src_uri)
            if target is None:
                raise PluginError(f"{page.file.src_uri}: a chart links to {src_uri}, which is not in this build")
            return relative_url(target.url, page.file.url)

        links = Links(page.file.src_uri, url_of)
        return expand_markers(markdown, self.charts, self.handbook.editions, links)
