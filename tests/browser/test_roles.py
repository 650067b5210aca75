"""The role pages in Chromium: accessible in both colour schemes, loading over http and from a file
share with no other host and no errors; a duty's link lands on its paragraph, by keyboard too; and
a role's name typed into the search box finds its page."""

from __future__ import annotations

import pytest

from handbook import PROJECT_ROOT
from handbook.roles.data import load_roles

from .conftest import describe_violations, run_axe, search, url_for

pytestmark = pytest.mark.browser

PAGES = ["roles/index.md", *(f"roles/{role_id}.md" for role_id in load_roles(PROJECT_ROOT).ids())]


@pytest.fixture
def base(request: pytest.FixtureRequest) -> str:
    return request.getfixturevalue("http_base" if request.param == "http" else "file_base")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("src_uri", PAGES)
def test_role_pages_have_no_axe_violations(visit, http_base: str, src_uri: str, scheme: str) -> None:
    record = visit(url_for(http_base, src_uri), http_base, color_scheme=scheme)
    violations = run_axe(record.page)
    assert violations == [], describe_violations(violations)
    assert record.foreign_requests() == [] and record.errors == []


@pytest.mark.parametrize("base", ["http", "file"], indirect=True)
def test_a_duty_link_lands_on_its_paragraph_by_keyboard(visit, base: str) -> None:
    record = visit(url_for(base, "roles/police.md"), base)
    page = record.page
    link = page.locator(".hb-role-duties a[href*='#para-32']").first
    link.focus()
    assert page.evaluate("document.activeElement.textContent").endswith("paragraph 32")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "organisational-responsibilities" in url and url.endswith("#para-32"))
    target = page.locator("#para-32")
    assert target.count() == 1
    assert "The police can hold important information" in (target.first.inner_text() or "")
    assert record.foreign_requests() == [] and record.errors == []


@pytest.mark.parametrize("base", ["http", "file"], indirect=True)
def test_the_by_role_menu_reaches_every_role(visit, base: str) -> None:
    record = visit(url_for(base, "roles/index.md"), base)
    menu = record.page.locator("nav.md-nav--primary")
    for title in ("Schools and colleges", "GPs", "Police", "Probation and youth justice"):
        assert menu.get_by_role("link", name=title, exact=True).count() >= 1, title
    assert record.errors == []


@pytest.mark.parametrize("base", ["http", "file"], indirect=True)
@pytest.mark.parametrize(("query", "role_id"), [("GP", "gps"), ("DSL", "schools-and-colleges")])
def test_a_role_name_in_the_search_box_finds_its_page(visit, base: str, query: str, role_id: str) -> None:
    record = visit(url_for(base, "index.md"), base)
    page = search(record, query)
    wanted = url_for(base, f"roles/{role_id}.md")
    shown = [
        (link.get_attribute("href") or "").split("?")[0]
        for link in page.locator(".md-search-result__item > a.md-search-result__link").all()[:3]
    ]
    assert wanted in shown, (wanted, shown)
    assert record.foreign_requests() == [] and record.errors == []
