"""The handbook as deploy/nginx.conf serves it, in Chromium: its Content-Security-Policy blocks nothing
the handbook needs, and would block what it does not allow.

Debian's nginx runs on loopback with the real configuration (handbook.site.nginx). Every page listens
for ``securitypolicyviolation`` events from its first script on; a page of every kind, the 404 page
and a search (whose worker fetches the index files under search/) must raise none, and log no
console error. A run with the build's script hashes left out shows the check can fail.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from handbook.site.nginx import DEPLOY_CONF, nginx
from handbook.site.server_files import inline_scripts

from .conftest import PAGE_TYPES, SERVED, ModuleContext, search, url_for, wait_until_ready

pytestmark = pytest.mark.browser

#: Run before any script of the page: records every violation of the Content-Security-Policy.
LISTEN_FOR_VIOLATIONS = """
window.__hbViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__hbViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` (${event.sourceFile || "the page"}:${event.lineNumber})`);
});
"""
VIOLATIONS = "window.__hbViolations"
#: What Chromium logs for a page answered with 404: the 404 page itself, not a fault in it.
OWN_404 = "console: Failed to load resource: the server responded with a status of 404 (Not Found)"


@pytest.fixture(scope="module")
def nginx_base(http_site: Path, module_context: ModuleContext) -> Iterator[str]:
    """The http build served by nginx with deploy/nginx.conf; every page of the module listens for violations."""
    module_context.context.add_init_script(LISTEN_FOR_VIOLATIONS)
    with nginx(http_site) as base:
        SERVED[base] = http_site  # so the search helper knows which build's index predicts the results
        try:
            yield base
        finally:
            SERVED.pop(base, None)


@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_a_page_of_every_kind_runs_under_the_policy(visit, nginx_base: str, kind: str) -> None:
    record = visit(url_for(nginx_base, PAGE_TYPES[kind]), nginx_base)
    assert record.page.evaluate(VIOLATIONS) == []
    assert record.errors == []
    assert record.foreign_requests() == []


def test_a_chart_is_drawn_under_the_policy(visit, nginx_base: str) -> None:
    record = visit(url_for(nginx_base, "flowcharts/assessment.md"), nginx_base)
    assert record.page.evaluate("document.querySelectorAll('div.mermaid').length") == 2, "both diagrams are drawn"
    assert record.page.evaluate(VIOLATIONS) == []
    assert record.errors == []


def test_the_404_page_runs_under_the_policy(visit, nginx_base: str) -> None:
    record = visit(nginx_base + "procedures/no-such-chapter/", nginx_base)
    assert record.page.locator("h1").first.inner_text().startswith("404")
    assert record.page.evaluate(VIOLATIONS) == []
    assert record.errors == [OWN_404]


def test_search_works_under_the_policy(visit, nginx_base: str) -> None:
    record = visit(url_for(nginx_base, "index.md"), nginx_base)
    page = search(record, "private fostering")  # waits until the build's own first results are shown
    assert page.locator(".md-search-result__item").count() >= 2
    assert any("/search/" in url for url in record.requests), "the worker fetched the index files under search/"
    page.locator(".md-search-result__item > a.md-search-result__link").first.click()
    page.wait_for_load_state("load")
    wait_until_ready(page)
    assert "private-fostering" in page.url or "fostering" in page.inner_text("article").lower()
    assert page.evaluate(VIOLATIONS) == []
    assert record.errors == []
    assert record.foreign_requests() == []


def test_without_the_builds_hashes_the_policy_blocks_materials_inline_scripts(
    browser: Browser, http_site: Path, tmp_path: Path
) -> None:
    """The check above can fail: the same policy with no script hashes blocks each inline script."""
    text = DEPLOY_CONF.read_text(encoding="utf-8")
    assert "script-src 'self' $handbook_script_hashes;" in text
    unhashed = tmp_path / "nginx.conf"
    unhashed.write_text(text.replace("script-src 'self' $handbook_script_hashes;", "script-src 'self';"))
    expected = len(inline_scripts((http_site / "index.html").read_text(encoding="utf-8")))
    assert expected >= 2
    context = browser.new_context()
    try:
        context.add_init_script(LISTEN_FOR_VIOLATIONS)
        page = context.new_page()
        with nginx(http_site, deploy_conf=unhashed) as base:
            page.goto(base, wait_until="load")
            page.wait_for_timeout(500)
            blocked = page.evaluate(VIOLATIONS)
        assert len(blocked) == expected, blocked
        assert all(entry.startswith("script-src-elem blocked inline") for entry in blocked), blocked
    finally:
        context.close()
