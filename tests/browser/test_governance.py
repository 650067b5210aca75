"""Area editions, the glossary, review banners and change badges in a real browser (Chromium).

Area editions are built with fixed dates (tests/conftest.py AREA_DATES): Cambridgeshire as on
1 December 2026 (new pages badged), Peterborough as on 1 December 2027 (every page overdue), so the
axe checks below cover the badges and the overdue banner as well as the area pages.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import expect

from handbook import PROJECT_ROOT
from handbook.governance.areas import load_area

from .conftest import describe_violations, run_axe, search, served, url_for

pytestmark = pytest.mark.browser

#: Each area and the body its settings name (areas/<area>.yml, body: name).
BOARDS = {
    area: load_area(PROJECT_ROOT / "areas" / f"{area}.yml", PROJECT_ROOT)[0].area.body.name
    for area in ("cambridgeshire", "peterborough")
}
#: A representative page of each sort an area edition has: home, its local page, a procedure, the
#: glossary (generated list), and an edition chapter (edition banner and numbered paragraphs). The
#: 2013 consultation draft's chapters are not used: axe finds a target-size problem in Material's
#: sidebar on them in the core build too (the sticky section title covers the scrolled "2010" link).
AREA_PAGES = [
    "index.md",
    "local/index.md",
    "procedures/preface-and-introduction.md",
    "glossary.md",
    "working-together/2013/about-this-guidance.md",
]


@pytest.fixture(scope="module")
def area_base(area_site) -> Iterator[Callable[[str, str], str]]:
    """``area_base(area, "http" | "file")``: the base URL of that area's edition."""
    with contextlib.ExitStack() as servers:
        bases: dict[str, str] = {}

        def get(area: str, edition: str = "http") -> str:
            if edition == "file":
                return area_site(area, "fileshare").as_uri() + "/"
            if area not in bases:
                bases[area] = servers.enter_context(served(area_site(area, "http")))
            return bases[area]

        yield get


@pytest.mark.parametrize("edition", ["http", "file"])
@pytest.mark.parametrize("src_uri", AREA_PAGES)
@pytest.mark.parametrize("area", sorted(BOARDS))
def test_area_pages_load_offline_and_name_their_board(visit, area_base, area: str, src_uri: str, edition: str) -> None:
    base = area_base(area, edition)
    record = visit(url_for(base, src_uri), base)
    page = record.page
    assert page.locator("article h1").count() == 1
    assert record.foreign_requests() == []
    assert record.errors == []
    assert page.evaluate("document.documentElement.lang") == "en-GB"
    assert f"Safeguarding Procedures Handbook for {area.capitalize()}" in page.locator("header").inner_text()
    about = page.get_by_role("complementary", name="About this page")
    expect(about.locator("div", has=page.locator("dt", has_text="Published by")).locator("dd")).to_have_text(
        BOARDS[area]
    )


#: Every representative page in the light scheme; the dark scheme on the two that carry all the new
#: parts (badges, banner, page foot, glossary list), to keep the suite's time down.
AXE_RUNS = [(src_uri, "light") for src_uri in AREA_PAGES] + [("index.md", "dark"), ("glossary.md", "dark")]


@pytest.mark.parametrize(("src_uri", "scheme"), AXE_RUNS)
@pytest.mark.parametrize("area", sorted(BOARDS))
def test_area_pages_have_no_axe_violations(visit, area_base, area: str, src_uri: str, scheme: str) -> None:
    base = area_base(area, "http")
    record = visit(url_for(base, src_uri), base, color_scheme=scheme)
    violations = run_axe(record.page)
    assert violations == [], describe_violations(violations)


@pytest.mark.parametrize("area", sorted(BOARDS))
def test_area_search_works_from_the_file_share(visit, area_base, area: str) -> None:
    base = area_base(area, "file")
    record = visit(url_for(base, "index.md"), base)
    search(record, "local arrangements", delay=20)
    titles = record.page.locator(".md-search-result__article h1").all_inner_texts()
    assert f"Local arrangements in {area.capitalize()}" in titles
    assert record.foreign_requests() == [] and record.errors == []


def next_review(page):
    return page.locator(".hb-page-info div", has=page.locator("dt", has_text="Next review due")).locator("dd")


def test_page_past_its_review_date_shows_a_banner_in_words(visit, area_base) -> None:
    base = area_base("peterborough")
    record = visit(url_for(base, "procedures/preface-and-introduction.md"), base)
    banner = record.page.locator("article h1 + .hb-review-overdue")
    expect(banner).to_be_visible()
    expect(banner).to_have_attribute("role", "note")
    expect(banner.locator(".admonition-title")).to_have_text("Review overdue")
    expect(banner).to_contain_text(
        "This page was due for review on 22 November 2027. It may be out of date. "
        "Check with the page owner (LSCB administrator) before you rely on it."
    )
    expect(next_review(record.page)).to_have_text("22 November 2027 (overdue)")


def test_page_in_date_has_no_banner(visit, area_base) -> None:
    base = area_base("cambridgeshire")
    record = visit(url_for(base, "procedures/preface-and-introduction.md"), base)
    expect(next_review(record.page)).to_have_text("22 November 2027")
    assert record.page.locator(".hb-review-overdue").count() == 0


def test_new_pages_are_badged_in_words(visit, area_base) -> None:
    base = area_base("cambridgeshire")
    record = visit(url_for(base, "glossary.md"), base)
    nav = record.page.locator("nav.md-nav--primary")
    link = nav.get_by_role("link", name=re.compile(r"^What's changed\s*New$"))
    expect(link).to_be_visible()
    badge = link.locator(".hb-badge")
    expect(badge).to_have_text("New")
    expect(badge).to_be_visible()
    box = badge.bounding_box()
    assert box and box["width"] > 15, "the badge shows a word, not just an icon"


def tab_to(page, selector: str, limit: int = 200) -> bool:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return True
    return False


def test_abbreviation_shows_its_definition_on_keyboard_focus(visit, http_base: str) -> None:
    record = visit(url_for(http_base, "working-together/2010/chapter-8.md"), http_base)
    page = record.page
    assert tab_to(page, "article abbr"), "no abbreviation in the article can be reached with the Tab key"
    # Material's tooltip script links the tooltip on focus, a moment later on a busy machine.
    page.wait_for_function("() => document.activeElement.getAttribute('aria-describedby')", timeout=15_000)
    focused = page.evaluate_handle("document.activeElement")
    described = focused.evaluate("el => el.getAttribute('aria-describedby')")
    assert described, "the focused abbreviation is not described by a tooltip"
    tooltip = page.locator(f"#{described}")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_attribute("role", "tooltip")
    text = focused.evaluate("el => el.textContent")
    expected = {"LSCB": "Local Safeguarding Children Board", "LSCBs": "Local Safeguarding Children Board"}
    expect(tooltip).to_have_text(expected.get(text, re.compile(r"\w")))
    outline = focused.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none", "keyboard focus is not visible"
    page.keyboard.press("Tab")
    expect(tooltip).to_be_hidden()


def test_abbreviation_shows_its_definition_on_hover(visit, http_base: str) -> None:
    record = visit(url_for(http_base, "working-together/2010/chapter-8.md"), http_base)
    later = record.page.locator('article abbr[title="Serious Case Review"]:not([tabindex])').first
    later.hover()
    expect(record.page.get_by_role("tooltip", name="Serious Case Review")).to_be_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("src_uri", ["glossary.md", "whats-changed.md"])
def test_glossary_and_changes_pages_have_no_axe_violations(visit, http_base: str, src_uri: str, scheme: str) -> None:
    record = visit(url_for(http_base, src_uri), http_base, color_scheme=scheme)
    violations = run_axe(record.page)
    assert violations == [], describe_violations(violations)


def test_glossary_letters_jump_to_their_terms(visit, http_base: str) -> None:
    record = visit(url_for(http_base, "glossary.md"), http_base)
    page = record.page
    page.get_by_role("navigation", name="Glossary by letter").get_by_role("link", name="L", exact=True).click()
    assert page.url.endswith("#letter-l")
    expect(page.locator("#term-lscb")).to_be_in_viewport()
    expect(page.locator("#term-lscb + dd")).to_contain_text("Local Safeguarding Children Board.")


def test_changes_feed_is_discoverable(visit, http_base: str) -> None:
    record = visit(url_for(http_base, "procedures/preface-and-introduction.md"), http_base)
    link = record.page.locator('link[rel~="alternate"][type="application/atom+xml"]')
    href = link.get_attribute("href")
    assert href == "../../changes.xml"
    response = record.page.goto(http_base + "procedures/preface-and-introduction/" + href)
    assert response.ok
    assert response.text().startswith(
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"'
    )
