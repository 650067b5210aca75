"""Browser fixtures: Debian's Chromium driven by Playwright, over http (loopback) and file://.

Playwright cannot download its own browser here, so it drives /usr/bin/chromium with the flags
that stop Chromium calling Google's services (DEVELOPERS.md). Every request is recorded; one to any
host other than the site's own is a failure (and is aborted so a test never waits on the network).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from handbook import PROJECT_ROOT
from handbook.chromium import CHROMIUM, CHROMIUM_ARGS
from handbook.sources import load_pages
from handbook.urls import page_url

AXE_JS = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves the site like a web server configured for MkDocs: quietly, with its 404.html page."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="session")
def http_base(http_site: Path) -> Iterator[str]:
    """The http build served on a free loopback port."""
    handler = functools.partial(_QuietHandler, directory=str(http_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


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


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def is_own(url: str, base: str) -> bool:
    """Requests the site may make: to its own origin (file:// for the file share), or data/blob URLs."""
    if urlsplit(url).scheme in ("data", "blob", "about"):
        return True
    return origin(url) == origin(base)


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
