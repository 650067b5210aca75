"""Local areas, the glossary, review dates and amendments (logic in handbook.governance).

It runs last of the features in every event (see plugin.FEATURES), so it sees every page the
others add. The date the build treats as today comes from ``HANDBOOK_TODAY`` (see
core.settings).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from handbook.adapter.errors import content_failure
from handbook.adapter.feature import Feature
from handbook.adapter.material_html import label_badges
from handbook.content.editions import insert_after_title
from handbook.core.config_file import read_config
from handbook.core.errors import ContentError
from handbook.core.links import relative_url
from handbook.core.sources import load_page
from handbook.governance import amendments, areas, glossary, review

#: Pages whose Markdown carries a marker that the build fills in.
GLOSSARY_PAGE = "glossary.md"
CHANGES_PAGE = "whats-changed.md"
CHANGES_MARKER = "<!-- changes:list -->"
FEED_TITLE = "What's changed in the handbook"


class GovernanceFeature(Feature):
    today: dt.date
    settings: areas.AreaSettings
    entries: dict[str, review.PageEntry]
    feed_key: str

    def on_config(self, config: MkDocsConfig) -> None:
        """Read today's date and the area settings; add the area's local section and the glossary's
        abbreviations."""
        root = self.handbook.root
        self.today = self.handbook.settings.today
        settings, errors = areas.load_area(Path(config.config_file_path), root)
        if settings is None:
            raise content_failure(errors)
        _check_area_paths(settings, root)
        self.settings = settings
        self.entries = {}
        config.extra["area"] = settings.area.model_dump()
        if settings.area.logo:
            config.theme["logo"] = settings.area.logo
        added = areas.local_only_pages(areas.local_files(settings.local_docs), set(self.handbook.pages))
        if config.nav is not None:
            config.nav = areas.with_local_section(config.nav, settings.area.name, added)
        abbreviations = glossary.abbreviations(self.handbook.glossary)
        config.mdx_configs.setdefault("abbr", {})["glossary"] = abbreviations
        self.feed_key = f"safeguarding-handbook/{settings.path}"

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Overlay the area's local pages; add the feed and the review list (filled in on_nav)."""
        root = self.handbook.root
        errors: list[ContentError] = []
        for src_uri, path in areas.local_files(self.settings.local_docs).items():
            if src_uri.endswith(".md"):
                _page, page_errors = load_page(path, root, src_uri)
                errors += page_errors
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, src_uri, abs_src_path=str(path)))
        if errors:
            raise content_failure(errors)
        for name in (amendments.FEED_FILE, review.REVIEW_JSON):
            files.append(File.generated(config, name, content=""))
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Read every page's front matter (after the other features have added theirs); write the
        feed and the review list."""
        entries: dict[str, review.PageEntry] = {}
        errors: list[ContentError] = []
        loaded = self.handbook.pages
        root = self.handbook.root
        for file in files.documentation_pages():
            page = loaded.get(file.src_uri)
            if page is not None and file.abs_src_path == str(root / page.path):  # loaded once, in on_config
                entries[file.src_uri] = review.PageEntry(src_uri=file.src_uri, url=file.url, meta=page.meta)
                continue
            # Made by the build (Compare, charts) or an area's own page: read its front matter here.
            entry, entry_errors = review.page_entry(file.src_uri, file.url, file.content_string)
            errors += entry_errors
            if entry is not None:
                entries[file.src_uri] = entry
        if errors:
            raise content_failure(errors)
        self.entries = entries
        changes = amendments.collect_changes(entries.values())
        whats_changed = files.get_file_from_path(CHANGES_PAGE)
        feed = amendments.atom_feed(
            changes,
            title=f"{config.site_name}: what's changed",
            author=self.settings.area.body.name,
            feed_key=self.feed_key,
            page_url=whats_changed.url if whats_changed else "",
            on=self.today,
        )
        files.get_file_from_path(amendments.FEED_FILE).content_string = feed
        report = review.review_report(entries.values(), self.today)
        files.get_file_from_path(review.REVIEW_JSON).content_string = review.review_json(report)
        return nav

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Badge, overdue banner, and the generated lists on the glossary and "What's changed" pages."""
        src_uri = page.file.src_uri
        entry = self.entries.get(src_uri)
        if entry is None:
            return markdown
        status = amendments.nav_status(entry.meta, self.today)
        if status:
            page.meta["status"] = status  # Material's navigation badge (our own status is legal_status)
        if src_uri == GLOSSARY_PAGE:
            a_to_z = glossary.a_to_z_markdown(self.handbook.glossary, src_uri)
            markdown = _fill(markdown, glossary.MARKER, a_to_z, src_uri)
        if src_uri == CHANGES_PAGE:
            changes = amendments.collect_changes(self.entries.values())
            markdown = _fill(markdown, CHANGES_MARKER, amendments.whats_changed_markdown(changes, src_uri), src_uri)
        return insert_after_title(markdown, review.overdue_banner(entry.meta, self.today))

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Tab-focusable abbreviations, and the "About this page" block (owner and review dates)."""
        entry = self.entries.get(page.file.src_uri)
        if entry is None:
            return html
        if page.file.src_uri != GLOSSARY_PAGE:
            html = glossary.focusable_abbreviations(html)
        return html + review.page_info_html(entry.meta, self.today, self.settings.area.body.name)

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """Link the changes feed from every page; give navigation badges words, not just an icon."""
        href = relative_url(amendments.FEED_FILE, page.url or ".")
        output = amendments.insert_into_head(output, amendments.feed_link_tag(href, FEED_TITLE))
        return label_badges(output)


def _fill(markdown: str, marker: str, content: str, src_uri: str) -> str:
    if marker not in markdown:
        raise PluginError(f"{src_uri}: the line {marker} is missing: put it back where the list belongs")
    return markdown.replace(marker, content)


def _check_area_paths(settings: areas.AreaSettings, root: Path) -> None:
    if settings.local_docs is None and not settings.path.startswith(areas.AREAS_DIR + "/"):
        return

    core = read_config(root / "mkdocs.yml")
    problems = areas.config_path_problems(read_config(root / settings.path), core, settings.path)
    if problems:
        raise PluginError("The area's settings file needs fixing:\n" + "\n".join(problems))
