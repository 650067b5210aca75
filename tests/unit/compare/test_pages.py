"""The Compare pages' Markdown: citations, page structure, the hub and the edition-page block."""

from __future__ import annotations

import re

from handbook.compare.citations import Citation
from handbook.compare.pages import (
    HUB_MARKER,
    generated_pages,
    hub_markdown,
    insert_before_footer,
    other_editions_block,
    sources_md,
    topic_page,
)
from handbook.core.frontmatter import parse_front_matter
from handbook.core.model import page_errors


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


def test_edition_page_block_links_its_topics_in_other_editions(ctx) -> None:
    block = other_editions_block(ctx, "working-together/2010/chapter-5.md", 2010)
    assert block.startswith("## This topic in other editions {#other-editions}")
    assert "**[Referral and assessment](../../compare/topics/referral-and-assessment.md)**" in block
    assert "- 2013: As in 2010, a decision on the response within one working day" in block
    assert "[draft, para 61](../2013/consultation-draft/multi-agency-responsibilities.md#para-61)" in block
    assert "- 2010:" not in block, "not the page's own edition"
    assert other_editions_block(ctx, "working-together/2010/chapter-9.md", 2010) == ""


def test_block_goes_before_the_source_note() -> None:
    page = "# Title\n\nText.\n\n---\n\nSource: somewhere.\n"
    assert insert_before_footer(page, "BLOCK\n") == "# Title\n\nText.\n\nBLOCK\n\n---\n\nSource: somewhere.\n"
    assert insert_before_footer("# Title\n", "BLOCK\n") == "# Title\n\nBLOCK\n"
    assert insert_before_footer("# Title\n", "") == "# Title\n"
