"""MkDocs hooks for local areas, the glossary, review dates and amendments: thin wrappers only.

Each hook calls plain functions in ``handbook.areas``, ``handbook.glossary``, ``handbook.review``
and ``handbook.amendments``. List this file last under ``hooks:`` so it sees every page other hooks
add. The date the build treats as today comes from ``HANDBOOK_TODAY`` (see ``handbook.review``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from handbook import amendments, areas, glossary, review
from handbook.editions import insert_after_title
from handbook.errors import ContentError, ContentErrors
from handbook.sources import content_files, load_page, project_root

#: Pages whose Markdown carries a marker that the build fills in.
GLOSSARY_PAGE = "glossary.md"
CHANGES_PAGE = "whats-changed.md"
CHANGES_MARKER = "<!-- changes:list -->"
AREA_MARKER = "<!-- area:details -->"
FEED_TITLE = "What's changed in the handbook"


class _State:
    today: dt.date
    root: Path
    settings: areas.AreaSettings
    glossary: glossary.Glossary
    entries: dict[str, review.PageEntry]
    feed_key: str


_state = _State()


def _fail(errors: list[ContentError]) -> PluginError:
    return PluginError(ContentErrors(errors).report())


def _root(config: MkDocsConfig) -> Path:
    return project_root(config.docs_dir)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Read today's date, the area settings and the glossary; add the area's local section."""
    root = _root(config)
    _state.root = root
    try:
        _state.today = review.today()
    except ValueError as exc:
        raise PluginError(str(exc)) from exc
    settings, errors = areas.load_area(Path(config.config_file_path), root)
    if settings is None:
        raise _fail(errors)
    _check_area_paths(settings, root)
    _state.settings = settings
    config.extra["area"] = settings.area.model_dump()
    if settings.area.logo:
        config.theme["logo"] = settings.area.logo
    core_pages = {src_uri for _path, src_uri in content_files(root)}
    added = areas.local_only_pages(areas.local_files(settings.local_docs), core_pages)
    if config.nav is not None:
        config.nav = areas.with_local_section(config.nav, settings.area.name, added)
    try:
        _state.glossary = glossary.load_glossary(root)
    except ContentErrors as exc:
        raise PluginError(exc.report()) from exc
    config.mdx_configs.setdefault("abbr", {})["glossary"] = glossary.abbreviations(_state.glossary)
    _state.feed_key = f"safeguarding-handbook/{settings.path}"
    return config


def _check_area_paths(settings: areas.AreaSettings, root: Path) -> None:
    if settings.local_docs is None and not settings.path.startswith(areas.AREAS_DIR + "/"):
        return

    def read(path: Path) -> dict:
        loader = type("_Loader", (yaml.SafeLoader,), {})
        loader.add_multi_constructor("", lambda _loader, _suffix, _node: None)
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}

    problems = areas.config_path_problems(read(root / settings.path), read(root / "mkdocs.yml"), settings.path)
    if problems:
        raise PluginError("The area's settings file needs fixing:\n" + "\n".join(problems))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Overlay the area's local pages; add the feed and the review list (filled in on_nav)."""
    root = _state.root
    errors: list[ContentError] = []
    for src_uri, path in areas.local_files(_state.settings.local_docs).items():
        if src_uri.endswith(".md"):
            _page, page_errors = load_page(path, root, src_uri)
            errors += page_errors
        existing = files.get_file_from_path(src_uri)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, src_uri, abs_src_path=str(path)))
    if errors:
        raise _fail(errors)
    for name in (amendments.FEED_FILE, review.REVIEW_JSON):
        files.append(File.generated(config, name, content=""))
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Read every page's front matter (after all hooks have added theirs); write feed and JSON."""
    entries: dict[str, review.PageEntry] = {}
    errors: list[ContentError] = []
    for file in files.documentation_pages():
        entry, entry_errors = review.page_entry(file.src_uri, file.url, file.content_string)
        errors += entry_errors
        if entry is not None:
            entries[file.src_uri] = entry
    if errors:
        raise _fail(errors)
    _state.entries = entries
    changes = amendments.collect_changes(entries.values())
    whats_changed = files.get_file_from_path(CHANGES_PAGE)
    feed = amendments.atom_feed(
        changes,
        title=f"{config.site_name}: what's changed",
        author=_state.settings.area.lscb_name,
        feed_key=_state.feed_key,
        page_url=whats_changed.url if whats_changed else "",
        on=_state.today,
    )
    files.get_file_from_path(amendments.FEED_FILE).content_string = feed
    report = review.review_report(entries.values(), _state.today)
    files.get_file_from_path(review.REVIEW_JSON).content_string = review.review_json(report)
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Badge, overdue banner, and the generated lists on the glossary and "What's changed" pages."""
    src_uri = page.file.src_uri
    entry = _state.entries.get(src_uri)
    if entry is None:
        return markdown
    status = amendments.nav_status(entry.meta, _state.today)
    if status:
        page.meta["status"] = status  # Material's navigation badge (our own status is legal_status)
    if src_uri == GLOSSARY_PAGE:
        markdown = _fill(markdown, glossary.MARKER, glossary.a_to_z_markdown(_state.glossary, src_uri), src_uri)
    if src_uri == CHANGES_PAGE:
        changes = amendments.collect_changes(_state.entries.values())
        markdown = _fill(markdown, CHANGES_MARKER, amendments.whats_changed_markdown(changes, src_uri), src_uri)
    if AREA_MARKER in markdown:
        markdown = markdown.replace(AREA_MARKER, areas.area_details_markdown(_state.settings.area))
    return insert_after_title(markdown, review.overdue_banner(entry.meta, _state.today))


def _fill(markdown: str, marker: str, content: str, src_uri: str) -> str:
    if marker not in markdown:
        raise PluginError(f"{src_uri}: the line {marker} is missing: put it back where the list belongs")
    return markdown.replace(marker, content)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Tab-focusable abbreviations, and the "About this page" block (owner and review dates)."""
    entry = _state.entries.get(page.file.src_uri)
    if entry is None:
        return html
    if page.file.src_uri != GLOSSARY_PAGE:
        html = glossary.focusable_abbreviations(html)
    return html + review.page_info_html(entry.meta, _state.today, _state.settings.area.lscb_name)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Link the changes feed from every page; give navigation badges words, not just an icon."""
    href = get_relative_url(amendments.FEED_FILE, page.url or ".")
    output = amendments.insert_into_head(output, amendments.feed_link_tag(href, FEED_TITLE))
    return amendments.label_badges(output)
