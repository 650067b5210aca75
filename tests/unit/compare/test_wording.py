"""The word-level comparison HTML of a wording page, and the links it makes for each build."""

from __future__ import annotations

import pytest

from handbook.compare.wording import diff_html
from handbook.core.links import site_href


@pytest.mark.parametrize(
    ("here", "target", "directory_urls", "expected"),
    [
        ("compare/wording/x.md", "working-together/2013/about-this-guidance.md#para-2", True,
         "../../../working-together/2013/about-this-guidance/#para-2"),
        ("compare/wording/x.md", "working-together/2013/about-this-guidance.md#para-2", False,
         "../../working-together/2013/about-this-guidance.html#para-2"),
        ("compare/wording/x.md", "working-together/2010/index.md", True, "../../../working-together/2010/"),
        ("compare/wording/x.md", "working-together/2010/index.md", False, "../../working-together/2010/index.html"),
        ("compare/index.md", "index.md", True, "../"),
        ("compare/index.md", "compare/topics/a.md", True, "topics/a/"),
    ],
)  # fmt: skip
def test_site_href_for_both_builds(here: str, target: str, directory_urls: bool, expected: str) -> None:
    assert site_href(here, target, directory_urls) == expected


def test_diff_offers_both_views_without_javascript(ctx) -> None:
    alignment = next(a for a in ctx.alignments.confirmed if a.id == "status-and-purpose")
    html = diff_html(ctx, alignment, "compare/wording/status-and-purpose.md")
    assert '<fieldset class="hb-diff__views"><legend>Show the comparison</legend>' in html
    assert html.count('type="radio" name="hb-diff-status-and-purpose-view"') == 2
    assert 'id="hb-diff-status-and-purpose-side" class="hb-diff__choice hb-diff__choice--side" checked>' in html
    assert '<th scope="col">Working Together 2013, consultation draft (June 2012)</th>' in html
    assert '<section class="hb-diff__view hb-diff__view--inline" data-search-exclude="">' in html
    assert html.count("<del ") == html.count("[removed: ") and html.count("<ins ") == html.count("[added: ")
    assert 'href="../../../working-together/2013/about-this-guidance/#para-5"' in html
