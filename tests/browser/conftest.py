"""Browser fixtures: Debian's Chromium driven by Playwright, over http (loopback) and file://.

Playwright cannot download its own browser here, so it drives /usr/bin/chromium with the flags
that stop Chromium calling Google's services (DEVELOPERS.md). Every request is recorded; one to any
host other than the site's own is a failure (and is aborted so a test never waits on the network).
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from handbook import PROJECT_ROOT
from handbook.core.chromium import CHROMIUM, CHROMIUM_ARGS
from handbook.core.links import page_url
from handbook.core.sources import load_pages
from handbook.search.query import SearchBox
from handbook.site.local_server import is_own, serve

AXE_JS = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


#: The built site each served base URL shows (file:// bases name their folder themselves).
SERVED: dict[str, Path] = {}


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    """Serve ``site`` on loopback and remember which site the base URL shows (for ``search``)."""
    with serve(site) as base:
        SERVED[base] = site
        try:
            yield base
        finally:
            SERVED.pop(base, None)


@pytest.fixture(scope="session")
def http_base(http_site: Path) -> Iterator[str]:
    """The http build served on a free loopback port."""
    with served(http_site) as base:
        yield base


@pytest.fixture(scope="session")
def file_base(fileshare_site: Path) -> str:
    return fileshare_site.as_uri() + "/"


@functools.cache
def search_box(site: Path) -> SearchBox:
    """The Python replica of a built site's search box (tests/search checks it gives the worker's results)."""
    return SearchBox(site / "search")


def site_of(base: str) -> Path:
    """The built site a base URL shows."""
    return Path(url2pathname(urlsplit(base).path)) if base.startswith("file:") else SERVED[base]


#: True once the search box holds ``query`` and the first results shown are those expected for it.
RESULTS_FOR = """([query, expected]) => {
  const box = document.querySelector("input[data-md-component=search-query]");
  if (!box || box.value !== query) return false;
  const items = [...document.querySelectorAll(".md-search-result__item")];
  const pages = items.map(item => item.querySelector(":scope > a.md-search-result__link"));
  return pages.length >= expected.length
    && expected.every((url, i) => pages[i] && pages[i].href.split("?")[0].split("#")[0] === url);
}"""


#: Resolves once the result list has not changed for ``quiet`` ms (at most ``limit`` ms).
RESULTS_SETTLED = """async ([quiet, limit]) => {
  const list = document.querySelector(".md-search-result");
  let changed = performance.now();
  const observer = new MutationObserver(() => { changed = performance.now(); });
  observer.observe(list, {childList: true, subtree: true, characterData: true, attributes: true});
  const start = performance.now();
  while (performance.now() - changed < quiet && performance.now() - start < limit) {
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  observer.disconnect();
}"""


def search(record: Visit, query: str, delay: int = 15) -> Page:
    """Type ``query`` into the search box as a reader would, and wait until its own results are shown.

    Material sends a query for each keystroke and shows each answer as it comes, so the list seen
    straight after typing may belong to a shorter query. The build's search index predicts the
    final query's results (``search_box``): wait until the first two shown are those, then until
    the list is still (a half-typed word's results may begin the same, and the last answer then
    redraws the list), so a test reads the results of what was typed, never those of a half-typed
    word.
    """
    page = record.page
    box = page.locator("input[data-md-component=search-query]")
    box.click()
    box.press_sequentially(query, delay=delay)
    groups = search_box(site_of(record.base)).search(query)[:2]
    assert groups, f"the build's index finds nothing for {query!r}"
    expected = [urljoin(record.base, group.page).split("#")[0] for group in groups]
    try:
        page.wait_for_function(RESULTS_FOR, arg=[query, expected], timeout=30_000)
    except PlaywrightError:
        shown = page.evaluate(
            "[...document.querySelectorAll('.md-search-result__item > a.md-search-result__link:first-child')]"
            ".map(a => a.href)"
        )
        pytest.fail(f"the results for {query!r} were never shown: expected {expected} first, the page shows {shown}")
    page.evaluate(RESULTS_SETTLED, [400, 10_000])
    assert page.evaluate(RESULTS_FOR, [query, expected]), f"the results for {query!r} changed after they were shown"
    return page


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One Chromium for the whole test session."""
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


#: The handbook's page script sets this on <html> once the page is ready to use (handbook.js).
READY = "document.documentElement.getAttribute('data-hb-ready')"
READY_TIMEOUT_MS = 30_000


def wait_until_ready(page: Page) -> None:
    """Wait for the handbook's own readiness signal: loaded, buttons added, every chart drawn."""
    page.wait_for_function(f"{READY} !== null", timeout=READY_TIMEOUT_MS)
    state = page.evaluate(READY)
    assert state == "true", f"{page.url} is not ready: {state}"


@dataclass
class ModuleContext:
    """A browser context shared by one test module, and the visits of the test now running.

    Every request of the context is recorded on each open visit (a search worker's requests belong
    to no page, so they cannot be told apart by page); a request to any other host is aborted.
    """

    context: BrowserContext
    visits: list[Visit] = field(default_factory=list)

    def route(self, route: Route) -> None:
        url = route.request.url
        for record in self.visits:
            record.requests.append(url)
        if any(is_own(url, record.base) for record in self.visits):
            route.continue_()
        else:
            route.abort()


@pytest.fixture(scope="module")
def module_context(browser: Browser) -> Iterator[ModuleContext]:
    """One browser context per test module (each test's pages are closed and storage cleared after it)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    shared = ModuleContext(context)
    context.route("**/*", shared.route)
    yield shared
    context.close()


@pytest.fixture
def visit(module_context: ModuleContext) -> Iterator[callable]:
    """Open a URL in a new page of the module's context, wait until it is ready, and record it."""

    def _open(url: str, base: str, color_scheme: str = "light") -> Visit:
        page = module_context.context.new_page()
        page.emulate_media(color_scheme=color_scheme)
        record = Visit(page=page, base=base)
        module_context.visits.append(record)
        page.on("console", lambda msg: record.errors.append(f"console: {msg.text}") if msg.type == "error" else None)
        page.on("pageerror", lambda exc: record.errors.append(f"page error: {exc}"))
        page.goto(url, wait_until="load")
        wait_until_ready(page)
        return record

    yield _open
    for record in module_context.visits:
        if not record.page.is_closed():
            with suppress(PlaywrightError):  # a page of another origin, or one that navigated away
                record.page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
            record.page.close()
    module_context.visits.clear()
    module_context.context.clear_cookies()


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


SETTLE_ANIMATIONS = """async () => {
    const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
    let quiet = 0;
    for (let frames = 0; frames < 120 && quiet < 3; frames++) {
        await frame();
        const running = document.getAnimations().filter(
            animation => animation.playState === "running"
                && animation.effect.getTiming().iterations !== Infinity);
        running.forEach(animation => animation.finish());
        quiet = running.length ? 0 : quiet + 1;
    }
}"""


def run_axe(page: Page) -> list[dict]:
    """Run axe on the page as a reader sees it once it has settled.

    Material fades its "Back to top" button in a few frames after the page
    scrolls up; axe measuring half-way through the fade reports a contrast
    no reader sees for long (3.4 or 4.35 instead of 4.6), so a test failed at
    random in CI. Transitions are finished until three frames pass with none
    running (infinite ones, such as a spinner, are left), so axe checks the
    end state.
    """
    page.evaluate(SETTLE_ANIMATIONS)
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
