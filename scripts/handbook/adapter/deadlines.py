"""The deadline calculator: data/deadlines.yml checked, its page's markers filled in, and its script
written into the site with the rules and bank holidays (logic in handbook.deadlines)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from handbook.adapter.errors import content_failure
from handbook.adapter.feature import Feature
from handbook.core.errors import ContentError, ContentErrors
from handbook.core.links import relative_href
from handbook.core.markers import find_markers
from handbook.deadlines.bank_holidays import england_and_wales, package_version
from handbook.deadlines.page import (
    MARKERS,
    SCRIPT,
    calculator_html,
    calculator_template,
    marker,
    method_markdown,
    script_data,
    script_text,
    table_markdown,
)
from handbook.deadlines.rules import DEADLINES_FILE, Deadlines, load_deadlines
from handbook.deadlines.workdays import WorkingCalendar


class DeadlinesFeature(Feature):
    #: None when the handbook has no data/deadlines.yml (a test's tiny handbook): no calculator then.
    deadlines: Deadlines | None
    calendar: WorkingCalendar

    def on_config(self, config: MkDocsConfig) -> None:
        """Check data/deadlines.yml; read the bank holidays of the years it covers."""
        handbook = self.handbook
        self.deadlines = None
        if not (handbook.root / DEADLINES_FILE).is_file():
            return
        try:
            self.deadlines = load_deadlines(handbook.root, handbook.pages.values(), handbook.editions)
        except ContentErrors as exc:
            raise content_failure(exc.errors) from exc
        years = self.deadlines.data.years
        self.calendar = england_and_wales(years.first, years.last)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.deadlines is None:
            return files
        data = script_data(self.deadlines, self.handbook.editions, self.calendar)
        files.append(File.generated(config, SCRIPT, content=script_text(calculator_template(), data)))
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if "<!-- deadlines:" not in markdown:
            return markdown
        if self.deadlines is None:
            path = Path(page.file.abs_src_path or page.file.src_uri).resolve()
            source = path.read_text(encoding="utf-8") if path.is_file() else markdown  # lines with front matter
            line = next(marker.line for marker in find_markers(source) if marker.family == "deadlines")
            shown = (
                path.relative_to(self.handbook.root).as_posix()
                if path.is_relative_to(self.handbook.root)
                else str(path)
            )
            message = f"this page shows the deadline calculator, but there is no {DEADLINES_FILE}: restore it"
            raise content_failure([ContentError(shown, line, message)])
        editions = self.handbook.editions
        parts = {
            "calculator": calculator_html(self.deadlines, editions, self.calendar),
            "method": method_markdown(self.calendar, package_version()),
            "table": table_markdown(self.deadlines, editions, page.file.src_uri),
        }
        for name in MARKERS:
            markdown = markdown.replace(marker(name), parts[name])
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The calculator's page loads its script (no other page does)."""
        if 'id="hb-deadlines-form"' not in html:
            return html
        return html + f'\n<script src="{relative_href(SCRIPT, page.url)}"></script>\n'
