"""The leaflets library in a real browser: filters over http and from a file share, everything shown
without JavaScript, no request to another host, and axe-core at WCAG 2.2 AA in both colour schemes."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from handbook import PROJECT_ROOT
from handbook.leaflets.library import current, load_leaflets

from .conftest import describe_violations, run_axe, url_for

pytestmark = pytest.mark.browser

CURRENT = current(load_leaflets(PROJECT_ROOT)[0])
LIBRARY = "leaflets/index.md"


@pytest.fixture
def base(request: pytest.FixtureRequest) -> str:
    return request.getfixturevalue("http_base" if request.param == "http" else "file_base")


def visible_titles(page) -> list[str]:
    return page.locator(".hb-leaflet-card:visible h3 a:not(.headerlink)").all_inner_texts()


def checkbox(page, name: str):
    return page.get_by_role("checkbox", name=name, exact=True)


@pytest.mark.parametrize("base", ["http", "file"], indirect=True)
def test_filters_by_audience_and_topic(visit, base: str) -> None:
    record = visit(url_for(base, LIBRARY), base)
    page = record.page
    status = page.locator(".hb-filter__status")
    # The filter script has run once its status line is written (later than "load" on a busy machine).
    expect(status).to_have_text(f"Showing all {len(CURRENT)} leaflets.", timeout=15_000)
    assert page.locator("form.hb-filter").is_visible()
    assert sorted(visible_titles(page)) == sorted(leaf.title for leaf in CURRENT)

    checkbox(page, "Parents and carers").check()
    parents = [leaf for leaf in CURRENT if leaf.meta.audience == "parents and carers"]
    assert sorted(visible_titles(page)) == sorted(leaf.title for leaf in parents)
    assert status.inner_text() == f"Showing {len(parents)} of {len(CURRENT)} leaflets."
    assert not page.locator("#for-professionals").is_visible(), "a group with nothing to show is hidden"
    toc = page.locator('.md-nav--secondary a[href="#for-professionals"]')
    assert toc.count() > 0 and toc.evaluate_all("links => links.every(a => a.parentElement.hidden)")

    checkbox(page, "Child protection").check()
    both = [leaf for leaf in parents if "child protection" in leaf.meta.topics]
    assert 0 < len(both) < len(parents)
    assert sorted(visible_titles(page)) == sorted(leaf.title for leaf in both)

    checkbox(page, "Professionals").check()  # either audience, still on the topic
    either = [
        leaf
        for leaf in CURRENT
        if "child protection" in leaf.meta.topics and leaf.meta.audience in ("parents and carers", "professionals")
    ]
    assert sorted(visible_titles(page)) == sorted(leaf.title for leaf in either)

    page.get_by_role("button", name="Show all leaflets").click()
    # "Show all" resets the form; the script applies it just after the reset (a timeout of 0),
    # which a loaded machine can delay: wait for the status line, as a reader would.
    expect(status).to_have_text(f"Showing all {len(CURRENT)} leaflets.", timeout=15_000)
    checkbox(page, "Children and young people").check()
    checkbox(page, "Private fostering").check()
    assert visible_titles(page) == []
    assert status.inner_text() == "No leaflets match. Untick a box, or choose Show all leaflets."

    page.get_by_role("button", name="Show all leaflets").click()
    expect(status).to_have_text(f"Showing all {len(CURRENT)} leaflets.", timeout=15_000)
    assert sorted(visible_titles(page)) == sorted(leaf.title for leaf in CURRENT)
    assert record.foreign_requests() == []
    assert record.errors == []


@pytest.mark.parametrize("base", ["http", "file"], indirect=True)
def test_without_javascript_everything_is_shown(browser, base: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url_for(base, LIBRARY))
    assert not page.locator("form.hb-filter").is_visible(), "the filters need the script, so they are hidden"
    assert sorted(visible_titles(page)) == sorted(leaf.title for leaf in CURRENT)
    for leaf in CURRENT:
        card = page.locator(".hb-leaflet-card", has=page.get_by_role("link", name=leaf.title, exact=True))
        assert card.locator(".hb-pdf-size").inner_text().startswith(" (PDF, ")
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_library_has_no_axe_violations(visit, http_base: str, scheme: str) -> None:
    record = visit(url_for(http_base, LIBRARY), http_base, color_scheme=scheme)
    checkbox(record.page, "Professionals").check()
    violations = run_axe(record.page)
    assert violations == [], describe_violations(violations)


@pytest.mark.parametrize("base", ["http", "file"], indirect=True)
def test_leaflet_page_links_to_its_pdf(visit, base: str) -> None:
    leaf = CURRENT[0]
    record = visit(url_for(base, leaf.src_uri), base)
    link = record.page.get_by_role("link", name="Download this leaflet as a PDF")
    href = link.evaluate("a => a.href")
    assert href.endswith(f"leaflets/{leaf.slug}.pdf")
    if base.startswith("http"):
        response = record.page.request.get(href)
        assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert record.foreign_requests() == []
    assert record.errors == []
