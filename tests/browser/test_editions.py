"""Edition pages in a real browser: every page of a replaced edition says so, and citations copy."""

from __future__ import annotations

import pytest

from handbook import PROJECT_ROOT
from handbook.core.model import EDITION_KINDS
from handbook.core.sources import load_pages

from .conftest import url_for, wait_until_ready

pytestmark = pytest.mark.browser

EDITION_PAGES = sorted(
    (page.meta.edition, page.src_uri)
    for page in load_pages(PROJECT_ROOT)[0]
    if page.meta.kind in EDITION_KINDS
)
SUCCESSOR = {2010: "2013", 2013: "2015", 2015: "2018", 2018: "2023"}


def test_every_edition_has_pages() -> None:
    assert {edition for edition, _ in EDITION_PAGES} == {2010, 2013, 2015, 2018, 2023}


@pytest.mark.parametrize("base_name", ["http_base", "file_base"])
def test_every_edition_page_shows_its_replaced_banner(browser, request, base_name: str) -> None:
    base = request.getfixturevalue(base_name)
    context = browser.new_context()
    page = context.new_page()
    missing = []
    for edition, src_uri in EDITION_PAGES:
        page.goto(url_for(base, src_uri))
        banner = page.locator("article .hb-superseded")
        if edition not in SUCCESSOR:  # the current edition: no "replaced" banner, and it says it is current
            if banner.count() != 0 or "current statutory guidance" not in page.locator("article").inner_text():
                missing.append(f"{src_uri}: the current edition must not look replaced")
            continue
        if banner.count() != 1 or not banner.is_visible():
            missing.append(f"{src_uri}: no banner")
            continue
        text = banner.inner_text()
        expected = f"It was replaced by Working Together to Safeguard Children {SUCCESSOR[edition]}"
        if f"Replaced guidance: {edition} edition" not in text or expected not in text:
            missing.append(f"{src_uri}: {text!r}")
        elif "2023" not in text:
            missing.append(f"{src_uri}: does not name the current (2023) edition")
    context.close()
    assert missing == []


def test_copy_citation_copies_reference_and_link(browser, http_base: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(http_base + "working-together/2013/consultation-draft/multi-agency-responsibilities/#para-61")
    wait_until_ready(page)
    paragraph = page.locator("#para-61")
    assert paragraph.locator(".hb-para__num").inner_text() == "61"
    assert paragraph.locator(".hb-para__num").get_attribute("href") == "#para-61"
    paragraph.get_by_role("button", name="Copy citation for paragraph 61").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    context.close()
    assert copied == (
        "Working Together to Safeguard Children 2013 (consultation draft, June 2012), paragraph 61 "
        f"({http_base}working-together/2013/consultation-draft/multi-agency-responsibilities/#para-61)"
    )
