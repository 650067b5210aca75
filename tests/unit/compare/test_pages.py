"""The Compare page generator: links, citations, page structure and the edition-page block."""

from __future__ import annotations

import re

import pytest

from handbook import PROJECT_ROOT
from handbook.compare.citations import Citation, Source
from handbook.compare.data import load_comparison
from handbook.compare.navigation import HUB, nav_entries
from handbook.compare.pages import (
    HUB_MARKER,
    generated_pages,
    hub_markdown,
    insert_before_footer,
    other_editions_block,
    sources_md,
    topic_page,
)
from handbook.compare.wording import diff_html
from handbook.core.frontmatter import parse_front_matter
from handbook.core.links import site_href
from handbook.core.model import page_errors


@pytest.fixture(scope="module")
def ctx():
    return load_comparison(PROJECT_ROOT)


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


def test_paragraphs_of_one_text_are_cited_together(ctx) -> None:
    cites = [
        Citation(page="working-together/2013/consultation-draft/local-safeguarding-children-boards.md#para-72"),
        Citation(page="working-together/2013/consultation-draft/local-safeguarding-children-boards.md#para-64"),
        Citation(publication="wt2018"),
        Citation(page="working-together/2010/chapter-3.md"),
    ]
    text = sources_md([ctx.hosted.source(c) for c in cites], "compare/topics/x.md")
    assert text == (
        "Working Together to Safeguard Children 2013 (consultation draft, June 2012), paragraphs "
        "[64](../../working-together/2013/consultation-draft/local-safeguarding-children-boards.md#para-64) and "
        "[72](../../working-together/2013/consultation-draft/local-safeguarding-children-boards.md#para-72); "
        "*HM Government, Working Together to Safeguard Children (DFE-00195-2018), July 2018* "
        "(not held in this handbook); "
        "[Working Together 2010, executive summary of chapter 3](../../working-together/2010/chapter-3.md)"
    )


def test_short_citations_always_say_draft_or_final_for_2013(ctx) -> None:
    draft = ctx.hosted.source(Citation(page="working-together/2013/consultation-draft/introduction.md#para-8"))
    final = ctx.hosted.source(Citation(page="working-together/2013/about-this-guidance.md#para-2"))
    assert (draft.short, final.short) == ("draft, para 8", "final, para 2")
    assert draft.label == "Working Together to Safeguard Children 2013 (consultation draft, June 2012), paragraph 8"
    assert final.label == "Working Together to Safeguard Children 2013 (final text), paragraph 2"
    assert Source("x", "y", None).hosted


def test_every_generated_page_has_valid_front_matter(ctx) -> None:
    pages = generated_pages(ctx)
    assert len(pages) == len(ctx.concordance.topics) + len(ctx.concordance.pairs) + len(ctx.alignments.confirmed)
    for src_uri, markdown in pages.items():
        front = parse_front_matter(markdown, src_uri)
        meta, errors = page_errors(front, src_uri)
        assert errors == [] and meta is not None and meta.kind == "comparison", src_uri


def test_hub_fills_its_marker(ctx) -> None:
    written = f"# Compare\n\nIntro.\n\n{HUB_MARKER}\n\nAfter.\n"
    page = hub_markdown(ctx, written)
    assert HUB_MARKER not in page and page.index("Intro.") < page.index("## The editions on a timeline")
    assert page.rstrip().endswith("After.")
    assert "[2010 to 2013: what changed](2010-to-2013.md)" in page
    assert "[Referral and assessment](topics/referral-and-assessment.md)" in page
    assert "**29 September 2019:**" in page
    assert hub_markdown(ctx, "# Compare\n").startswith("# Compare\n\n## How to read")


def test_timeline_takes_dates_from_the_editions_data(ctx) -> None:
    page = hub_markdown(ctx, HUB_MARKER)
    dates = re.findall(r"^- \*\*(\d+ \w+ \d{4}):\*\*", page, flags=re.M)
    assert dates == [
        "17 March 2010",
        "12 June 2012",
        "21 March 2013",
        "26 March 2015",
        "4 July 2018",
        "29 June 2019",
        "29 September 2019",
        "15 December 2023",
        "23 February 2024",
    ]


def test_topic_page_has_changes_statements_and_own_words(ctx) -> None:
    page = topic_page(ctx, ctx.concordance.topic("referral-and-assessment"))
    assert page.index("## What changed") < page.index("## What each edition says") < page.index("## In the editions")
    assert "- **2010 to 2013: Changed.**" in page
    assert "### The 2015 edition\n\n*Not stated in the hosted text.* The handbook holds no text" in page
    assert "> The guidance extends the timescale for the completion of an initial assessment" in page


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


def test_edition_page_block_links_its_topics_in_other_editions(ctx) -> None:
    block = other_editions_block(ctx, "working-together/2010/chapter-5.md", 2010)
    assert block.startswith("## This topic in other editions {#other-editions}")
    assert "**[Referral and assessment](../../compare/topics/referral-and-assessment.md)**" in block
    assert "- 2013: Decision on the response within one working day" in block
    assert "[draft, para 61](../2013/consultation-draft/multi-agency-responsibilities.md#para-61)" in block
    assert "- 2010:" not in block, "not the page's own edition"
    assert other_editions_block(ctx, "working-together/2010/chapter-9.md", 2010) == ""


def test_block_goes_before_the_source_note() -> None:
    page = "# Title\n\nText.\n\n---\n\nSource: somewhere.\n"
    assert insert_before_footer(page, "BLOCK\n") == "# Title\n\nText.\n\nBLOCK\n\n---\n\nSource: somewhere.\n"
    assert insert_before_footer("# Title\n", "BLOCK\n") == "# Title\n\nBLOCK\n"
    assert insert_before_footer("# Title\n", "") == "# Title\n"


def test_navigation_lists_every_page(ctx) -> None:
    nav = nav_entries(ctx)
    assert nav[0] == HUB
    listed = [uri for section in nav[1:] for entry in next(iter(section.values())) for uri in entry.values()]
    assert sorted(listed) == sorted(generated_pages(ctx))
