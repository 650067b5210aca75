"""The quick guide in Chromium, over http and from a file share: "Worried about a child?" and the
local contacts first, the print-only "Correct as printed on <today>" line, the feedback mailto link,
and the search examples it gives."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page

from handbook import PROJECT_ROOT
from handbook.content.editions import long_date
from handbook.governance.areas import NOT_PROVIDED, is_provided
from handbook.site.build import mkdocs_env
from tests.unit.site.test_configuration import config

from .conftest import describe_violations, run_axe, search, served, url_for, wait_until_ready

pytestmark = pytest.mark.browser

QUICK_GUIDE = "quick-guide/index.md"
EDITIONS = ["http", "file"]
#: A filled-in area for the test builds only. Ofcom reserves 01632 960000-960999 for drama, and
#: example.org is reserved for examples: nothing here reaches anyone.
TEST_AREA = {
    "name": "Testshire",
    "body": {
        "name": "Testshire Local Safeguarding Children Board",
        "arrangements": "lscb",
        "partners": ["Testshire County Council"],
        "history": "Set up in 2006 (source 1).",
        "sources": [{"title": "Board minutes"}],
    },
    "contacts": [
        {"label": "Children's social care: referrals", "number": "01632 960001", "hours": "Monday to Friday"},
    ],
    "designated_officer": {"number": "01632 960002", "hours": "Monday to Friday"},
    "out_of_hours": "Emergency duty team: 01632 960003 (evenings and weekends)",
    "threshold_document_url": "https://example.org/threshold.pdf",
    "administrator_email": "lscb.administrator@example.org",
}
EXPECTED_MAILTO = (
    "mailto:lscb.administrator@example.org?subject=Feedback%20on%20the%20Safeguarding%20Procedures%20Handbook"
)


@pytest.fixture
def base(request: pytest.FixtureRequest) -> str:
    return request.getfixturevalue("http_base" if request.param == "http" else "file_base")


@pytest.fixture(scope="module")
def area_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both editions built with TEST_AREA as the area's settings (an area config that INHERITs ours).

    MkDocs resolves a config's paths from its own folder, so the config is written beside
    mkdocs.yml for the length of the build, then removed.
    """
    built = {}
    for edition, parent in (("http", "mkdocs.yml"), ("file", "mkdocs.fileshare.yml")):
        site = tmp_path_factory.mktemp(f"area-{edition}") / "site"
        config_file = PROJECT_ROOT / f".area-test-{os.getpid()}-{edition}.yml"
        config_file.write_text(yaml.safe_dump({"INHERIT": parent, "extra": {"area": TEST_AREA}}), encoding="utf-8")
        try:
            result = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site)],
                cwd=PROJECT_ROOT,
                env=mkdocs_env(),
                capture_output=True,
                text=True,
            )
        finally:
            config_file.unlink()
        assert result.returncode == 0, result.stdout + result.stderr
        built[edition] = site
    return built


@pytest.fixture(scope="module")
def area_bases(area_sites: dict[str, Path]) -> Iterator[dict[str, str]]:
    with served(area_sites["http"]) as base:
        yield {"http": base, "file": area_sites["file"].as_uri() + "/"}


def open_clean(visit, url: str, base: str) -> Page:
    record = visit(url, base)
    assert record.foreign_requests() == []
    assert record.errors == []
    return record.page


def assert_worried_panel_first(page: Page) -> None:
    """The first thing after the title is the panel; its contacts are on screen without scrolling."""
    first = page.locator("article h1 + *")
    assert "hb-urgent" in (first.get_attribute("class") or "")
    headings = page.locator("article h2")
    assert headings.first.inner_text().strip().startswith("Worried about a child?")
    contacts = page.locator(".hb-urgent .hb-contacts")
    assert contacts.count() == 1 and contacts.is_visible()
    box, next_heading = contacts.bounding_box(), headings.nth(1).bounding_box()
    assert box is not None and next_heading is not None
    assert box["y"] + box["height"] <= 900, "the contacts must be visible without scrolling"
    assert box["y"] < next_heading["y"]


@pytest.mark.parametrize("base", EDITIONS, indirect=True)
def test_worried_about_a_child_and_contacts_come_first(visit, base: str) -> None:
    page = open_clean(visit, url_for(base, QUICK_GUIDE), base)
    assert_worried_panel_first(page)
    # Until the LSCB adds numbers, every contact says so, and nothing looks like a number.
    area = config()["extra"]["area"]
    numbers = [contact["number"] for contact in area["contacts"]] + [area["designated_officer"]["number"]]
    missing = [number for number in numbers if not is_provided(number)]
    missing += [] if is_provided(area["out_of_hours"]) else [area["out_of_hours"]]
    assert page.locator(".hb-urgent .hb-contacts__missing").count() == len(missing)
    assert page.locator('.hb-urgent .hb-contacts a[href^="tel:"]').count() == len(numbers) - len(
        [number for number in numbers if not is_provided(number)]
    )
    assert NOT_PROVIDED not in page.locator(".hb-urgent").inner_text(), "placeholders are said in words"
    referral = page.locator(".hb-urgent a", has_text="Responding to concerns and making a referral")
    assert referral.count() == 1


@pytest.mark.parametrize("edition", EDITIONS)
def test_filled_in_area_shows_numbers_and_feedback_mailto(visit, area_bases: dict[str, str], edition: str) -> None:
    base = area_bases[edition]
    page = open_clean(visit, url_for(base, QUICK_GUIDE), base)
    assert_worried_panel_first(page)
    tel = page.locator(".hb-urgent .hb-contacts a[href^='tel:']")
    assert [tel.nth(i).get_attribute("href") for i in range(tel.count())] == [
        "tel:01632960001",
        "tel:01632960002",
    ]
    assert "Emergency duty team: 01632 960003" in page.locator(".hb-urgent .hb-contacts li").last.inner_text()
    mailto = page.locator("#give-feedback ~ .hb-feedback a")
    assert mailto.count() == 1
    assert mailto.get_attribute("href") == EXPECTED_MAILTO
    assert mailto.inner_text() == "lscb.administrator@example.org"


@pytest.mark.parametrize("base", EDITIONS, indirect=True)
def test_feedback_section_matches_the_settings(visit, base: str) -> None:
    page = open_clean(visit, url_for(base, QUICK_GUIDE), base)
    feedback = page.locator("#give-feedback ~ .hb-feedback")
    assert feedback.count() == 1
    email = config()["extra"]["area"]["administrator_email"]
    if is_provided(email):
        assert feedback.locator("a").get_attribute("href").startswith(f"mailto:{email}?subject=")
    else:
        assert feedback.locator("a[href^='mailto:']").count() == 0
        assert "has not yet added" in feedback.inner_text()


@pytest.mark.parametrize("base", EDITIONS, indirect=True)
def test_print_line_shows_the_date_of_printing_only_on_paper(visit, base: str) -> None:
    page = open_clean(visit, url_for(base, QUICK_GUIDE), base)
    stamp = page.locator(".hb-print-stamp")
    assert stamp.count() == 1
    assert not stamp.is_visible(), "the line is for paper only"
    page.emulate_media(media="print")
    assert stamp.is_visible()
    today = long_date(dt.date.today())
    assert stamp.inner_text() == f"Correct as printed on {today}; check the handbook for the current version."
    assert stamp.locator("time").get_attribute("datetime") == dt.date.today().isoformat()
    assert not page.locator(".md-header").is_visible(), "the site's menus are not printed"
    page.emulate_media(media="screen")
    assert not stamp.is_visible()


def test_print_line_is_refreshed_just_before_printing(browser: Browser, http_base: str) -> None:
    """A page left open overnight prints the day it is printed, not the day it was opened.

    In a context of its own: a fixed clock stays on the context, and would stop the search (and
    anything else that measures time) in the module's later tests.
    """
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url_for(http_base, QUICK_GUIDE))
        wait_until_ready(page)
        page.clock.set_fixed_time(dt.datetime(2031, 2, 3, 10, 0))
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        assert page.locator(".hb-print-stamp").inner_text().startswith("Correct as printed on 3 February 2031;")
    finally:
        context.close()


def test_print_line_without_javascript_gives_the_build_date(browser: Browser, http_base: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(url_for(http_base, QUICK_GUIDE))
        page.emulate_media(media="print")
        stamp = page.locator(".hb-print-stamp")
        built = dt.date.fromisoformat(stamp.get_attribute("data-build-date"))
        assert stamp.is_visible()
        expected = f"Correct as published on {long_date(built)}; check the handbook for the current version."
        assert stamp.inner_text() == expected
    finally:
        context.close()


@pytest.mark.parametrize("base", EDITIONS, indirect=True)
@pytest.mark.parametrize(
    ("query", "chapter"),
    [
        ("s47", "procedures/strategy-discussions-and-section-47-enquiries.md"),
        ("ICPC", "procedures/child-protection-conferences.md"),
        ("strategy discussion", "procedures/strategy-discussions-and-section-47-enquiries.md"),
    ],
)
def test_the_quick_guides_search_examples_find_their_chapter(visit, base: str, query: str, chapter: str) -> None:
    record = visit(url_for(base, QUICK_GUIDE), base)
    page = search(record, query, delay=20)
    assert record.foreign_requests() == [] and record.errors == []
    links = page.locator(".md-search-result__link")
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    expected = url_for(base, chapter)
    assert any(href.startswith(expected) for href in hrefs), (query, hrefs)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_quick_guide_has_no_axe_violations(visit, http_base: str, scheme: str) -> None:
    record = visit(url_for(http_base, QUICK_GUIDE), http_base, color_scheme=scheme)
    violations = run_axe(record.page)
    assert violations == [], describe_violations(violations)
