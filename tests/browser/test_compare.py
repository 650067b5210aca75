"""Compare pages in Chromium: accessible in both colour schemes, and the view switch works offline,
over http and from a file share, with or without JavaScript."""

from __future__ import annotations

import pytest

from .conftest import describe_violations, run_axe, url_for

pytestmark = pytest.mark.browser

WORDING = "compare/wording/status-and-purpose.md"
PAGES = [
    "compare/topics/local-arrangements.md",
    "compare/2010-to-2013.md",
    WORDING,
    "working-together/2010/chapter-3.md",  # carries "This topic in other editions"
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("src_uri", PAGES)
def test_comparison_pages_have_no_axe_violations(visit, http_base: str, src_uri: str, scheme: str) -> None:
    record = visit(url_for(http_base, src_uri), http_base, color_scheme=scheme)
    violations = run_axe(record.page)
    assert violations == [], describe_violations(violations)
    assert record.foreign_requests() == [] and record.errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_inline_view_has_no_axe_violations(visit, http_base: str, scheme: str) -> None:
    record = visit(url_for(http_base, WORDING), http_base, color_scheme=scheme)
    record.page.get_by_label("As one text, changes marked in place").check()
    assert record.page.locator(".hb-diff__view--inline").is_visible()
    violations = run_axe(record.page)
    assert violations == [], describe_violations(violations)


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
@pytest.mark.parametrize("base_name", ["http_base", "file_base"])
def test_view_switch_works_without_a_server(browser, request, base_name: str, javascript: bool) -> None:
    base = request.getfixturevalue(base_name)
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(url_for(base, WORDING))
    side, inline = page.locator(".hb-diff__view--side"), page.locator(".hb-diff__view--inline")
    views = page.get_by_role("group", name="Show the comparison")
    assert views.get_by_role("radio", name="Side by side").is_checked()
    assert side.is_visible() and not inline.is_visible()
    views.get_by_role("radio", name="As one text, changes marked in place").check()
    assert inline.is_visible() and not side.is_visible()
    assert "[removed:" in inline.locator("del").first.text_content()
    views.get_by_role("radio", name="Side by side").focus()
    page.keyboard.press("Space")
    assert side.is_visible() and not inline.is_visible()
    context.close()


def test_changes_are_marked_without_colour(visit, http_base: str) -> None:
    record = visit(url_for(http_base, WORDING), http_base)
    page = record.page
    removed, added = page.locator(".hb-diff__view--side del").first, page.locator(".hb-diff__view--side ins").first
    assert "line-through" in removed.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "underline" in added.evaluate("e => getComputedStyle(e).textDecorationLine")
    label = removed.locator(".hb-vh").first
    assert label.text_content() == "[removed: "
    box = label.bounding_box()
    assert box is not None and box["width"] <= 1 and box["height"] <= 1, "hidden on screen, read by screen readers"
    page.emulate_media(media="print")
    box = label.bounding_box()
    assert box is not None and box["width"] > 1, "shown in print"
    assert not page.locator(".hb-diff__views").is_visible(), "no view switch on paper"
