"""Browser fixtures: Debian's Chromium driven by Playwright, over http (loopback) and file://.

Playwright cannot download its own browser here, so it drives /usr/bin/chromium with the flags
that stop Chromium calling Google's services (DEVELOPERS.md). Every request is recorded; one to any
host other than the site's own is a failure (and is aborted so a test never waits on the network).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from handbook import PROJECT_ROOT
from handbook.chromium import CHROMIUM, CHROMIUM_ARGS
from handbook.local_server import is_own, serve
from handbook.sources import load_pages
from handbook.urls import page_url

AXE_JS = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session")
def http_base(http_site: Path) -> Iterator[str]:
    """The http build served on a free loopback port."""
    with serve(http_site) as base:
        yield base


@pytest.fixture(scope="session")
def file_base(fileshare_site: Path) -> str:
    return fileshare_site.as_uri() + "/"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run ./run test (it installs it) or apt-get install chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Visit:
    """One page opened in Chromium, with everything it asked for and complained about."""

    page: Page
    base: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests if not is_own(url, self.base)]


@pytest.fixture
def visit(browser: Browser) -> Iterator[callable]:
    """Open a URL in a fresh browser context (no cache, no stored preferences) and record it."""
    contexts = []

    def _open(url: str, base: str, color_scheme: str = "light") -> Visit:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=color_scheme)
        contexts.append(context)
        page = context.new_page()
        record = Visit(page=page, base=base)

        def route(route_: object) -> None:
            request = route_.request
            record.requests.append(request.url)
            if is_own(request.url, base):
                route_.continue_()
            else:
                route_.abort()

        context.route("**/*", route)
        page.on("console", lambda msg: record.errors.append(f"console: {msg.text}") if msg.type == "error" else None)
        page.on("pageerror", lambda exc: record.errors.append(f"page error: {exc}"))
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        return record

    yield _open
    for context in contexts:
        context.close()


def pages_by_kind() -> dict[str, str]:
    """One source page of every kind that exists (the page types), by its src_uri."""
    pages, errors = load_pages(PROJECT_ROOT)
    assert not errors, errors
    chosen: dict[str, str] = {}
    for page in sorted(pages, key=lambda p: p.src_uri):
        chosen.setdefault(page.meta.kind, page.src_uri)
    return chosen


PAGE_TYPES = pages_by_kind()


def url_for(base: str, src_uri: str) -> str:
    return base + page_url(src_uri, directory_urls=not base.startswith("file:"))


def run_axe(page: Page) -> list[dict]:
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return result["violations"]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)
