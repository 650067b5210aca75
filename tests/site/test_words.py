"""What the words mean, on the built site (issue 17, items 4 to 7 and 11): the corrections a reader
sees, each where the reader meets it."""

from __future__ import annotations

from pathlib import Path

from handbook.core.links import page_url
from handbook.rules.procedure_rules import article, blocks


def texts(site: Path, src_uri: str) -> list[str]:
    """The text of every paragraph, list item and heading of a built page, whitespace collapsed."""
    html = (site / page_url(src_uri) / "index.html").read_text(encoding="utf-8")
    return [" ".join(block.text.split()) for block in blocks(article(html))]


def one_with(site: Path, src_uri: str, *needles: str) -> str:
    found = [text for text in texts(site, src_uri) if all(needle in text for needle in needles)]
    assert found, f"no block on {src_uri} says all of {needles}"
    return found[0]


def test_the_glossary_says_section_47_is_a_duty_to_make_enquiries(http_site: Path) -> None:
    entry = one_with(http_site, "glossary.md", "s47", "section 47 of the Children Act 1989")
    assert "duty to make enquiries" in entry and "investigate" not in entry


def test_the_strategy_discussion_threshold_is_each_texts_own(http_site: Path) -> None:
    chapter = "procedures/strategy-discussions-and-section-47-enquiries.md"
    ours = one_with(http_site, chapter, "Hold a strategy discussion whenever")
    assert "reasonable cause to suspect that a child is suffering, or is likely to suffer, significant harm" in ours
    assert '"where there are suspicions that a child may be suffering significant harm"' in ours, "2010's, quoted"


def test_the_repealed_curfew_notice_case_is_marked_where_it_is_quoted(http_site: Path) -> None:
    chapter = "procedures/strategy-discussions-and-section-47-enquiries.md"
    assert "no longer in force" in one_with(http_site, chapter, "That part of section 47")
    assert "as repealed" in one_with(http_site, chapter, "subsection (1)(a)(iii)")
    annex = "working-together/2013/consultation-draft/annex-a-statutory-framework.md"
    assert "no longer law" in one_with(http_site, annex, "The curfew-notice case")


def test_parent_carers_assessments_name_the_current_law_and_what_is_unconfirmed(http_site: Path) -> None:
    note = one_with(http_site, "procedures/assessment.md", "sections 17ZD to 17ZF")
    assert "Children and Families Act 2014" in note
    assert "treat that as unconfirmed" in note


def test_the_2018_summarys_definition_is_kept_and_its_difference_noted(http_site: Path) -> None:
    page = "working-together/2018/index.md"
    quoted = one_with(http_site, page, "Preventing impairment of children’s health and development")
    assert "[sic]" in quoted
    note = one_with(http_site, page, '"health and development"', '"preventing impairment of children')
    assert "health or development" in note and "does not hold the 2018 text" in note
    html = (http_site / page_url(page) / "index.html").read_text(encoding="utf-8")
    assert 'id="sic-health-and-development"' in html and 'id="editorial-notes"' in html


def test_guidance_that_says_must_is_quoted_and_called_guidance(http_site: Path) -> None:
    referral = "procedures/responding-to-concerns-and-making-a-referral.md"
    status = one_with(http_site, referral, "The draft is guidance, not law")
    assert '"does not have the full force of statute"' in status
    decision = one_with(http_site, referral, "A qualified social worker", "one working day")
    assert decision.startswith('A qualified social worker "must make a decision within one working day')
    guide = one_with(http_site, "quick-guide/index.md", "Guidance often says")
    assert "it is still guidance" in guide
