"""Every page type, over http and from a file share: loads, asks no other host, has no errors,
passes axe-core at WCAG 2.2 AA, and search works."""

from __future__ import annotations

import pytest

from .conftest import PAGE_TYPES, READY, describe_violations, run_axe, search, url_for, wait_until_ready

pytestmark = pytest.mark.browser

EDITIONS = ["http", "file"]


@pytest.fixture
def base(request: pytest.FixtureRequest) -> str:
    return request.getfixturevalue("http_base" if request.param == "http" else "file_base")


@pytest.mark.parametrize("base", EDITIONS, indirect=True)
@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_page_type_loads_offline_without_errors(visit, base: str, kind: str) -> None:
    record = visit(url_for(base, PAGE_TYPES[kind]), base)
    page = record.page
    assert page.locator("article h1").count() == 1, "every page has one heading"
    assert record.foreign_requests() == []
    assert record.errors == []
    assert page.evaluate("document.documentElement.lang") == "en-GB"


@pytest.mark.parametrize("base", ["http"], indirect=True)
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_page_type_has_no_axe_violations(visit, base: str, kind: str, scheme: str) -> None:
    record = visit(url_for(base, PAGE_TYPES[kind]), base, color_scheme=scheme)
    violations = run_axe(record.page)
    assert violations == [], describe_violations(violations)


@pytest.mark.parametrize("base", EDITIONS, indirect=True)
def test_search_returns_results_offline(visit, base: str) -> None:
    record = visit(url_for(base, "index.md"), base)
    page = search(record, "safeguarding", delay=20)
    results = page.locator(".md-search-result__item")
    assert results.count() > 0
    first = page.locator(".md-search-result__link").first.get_attribute("href") or ""
    assert first.startswith(base) or not first.startswith(("http:", "https:", "file:")), first
    assert record.foreign_requests() == []
    assert record.errors == []


def test_404_page_has_no_axe_violations(visit, http_base: str) -> None:
    record = visit(http_base + "no-such-page/", http_base)
    assert "404" in record.page.locator("article").inner_text()
    violations = run_axe(record.page)
    assert violations == [], describe_violations(violations)


def test_every_page_has_no_axe_violations(browser, http_base: str, http_site) -> None:
    """Not just one page per type: every built page (GOV.UK tech-docs style), light scheme."""
    from .conftest import AXE_JS, WCAG_TAGS

    pages = sorted(
        path.relative_to(http_site).as_posix()
        for path in http_site.rglob("index.html")
        if "refresh" not in path.read_text(encoding="utf-8")[:600]
    )
    assert len(pages) > 10
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    failures = []
    for rel in pages:
        page.goto(http_base + rel[: -len("index.html")])
        wait_until_ready(page)
        page.add_script_tag(path=str(AXE_JS))
        violations = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
            ".then(r => r.violations)",
            WCAG_TAGS,
        )
        if violations:
            failures.append(f"/{rel}:\n{describe_violations(violations)}")
    context.close()
    assert failures == [], "\n".join(failures)


def test_the_ready_signal_waits_for_every_chart_to_be_drawn(browser, visit, http_base: str) -> None:
    """The signal the tests wait for (handbook.js) means what it says: with Mermaid, every chart is drawn;
    with Mermaid blocked, the page never says it is ready."""
    chart_page = url_for(http_base, "flowcharts/assessment.md")
    page = visit(chart_page, http_base).page
    assert page.evaluate("document.querySelectorAll('pre.mermaid').length") == 0
    assert page.evaluate("document.querySelectorAll('div.mermaid').length") == 2, "both diagrams are drawn"

    context = browser.new_context()
    try:
        blocked = context.new_page()
        requested: list[str] = []
        blocked.on("request", lambda request: requested.append(request.url))
        blocked.route("**/mermaid.min.js", lambda route: route.abort())
        blocked.goto(chart_page, wait_until="load")
        blocked.wait_for_timeout(2_000)  # long enough for charts to be drawn, were Mermaid there
        assert blocked.evaluate(READY) is None
        assert blocked.evaluate("document.querySelectorAll('div.mermaid').length") == 0
        # Without our copy of Mermaid, Material would fetch one from unpkg.com: it must not.
        assert [url for url in requested if not url.startswith(http_base)] == []
        assert blocked.get_by_role("heading", name="step by step").count() == 2, "the steps in words remain"
    finally:
        context.close()
