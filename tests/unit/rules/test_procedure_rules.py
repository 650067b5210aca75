"""The rules for procedure chapters written for this handbook: boxes, stable anchors, citations."""

from __future__ import annotations

import pytest

from handbook.rules.procedure_rules import (
    TIMESCALE,
    article,
    blocks,
    box_findings,
    citation_findings,
    is_hosted_source,
)

PAGE = "/procedures/example/"
DRAFT_61 = "../../working-together/2013/consultation-draft/multi-agency-responsibilities/#para-61"
WT2010 = "../../working-together/2010/chapter-5/"
OUTSIDE = (
    '<div class="hb-box hb-box--outside"><p><strong>From outside the text this handbook holds: check the current '
    'guidance.</strong> Check it against <a href="https://www.gov.uk/x">Working Together to Safeguard Children '
    "2023</a>.</p>{}</div>"
)
BOXES = (
    '<div class="hb-box hb-box--approval"><p><strong>Not yet approved for use.</strong> The LSCB must approve it '
    'locally before use (<a href="../preface-and-introduction/#section-2-2">Procedures, section 2.2</a>).</p></div>'
    '<div class="hb-box hb-box--scope"><h2 id="scope">Scope<a class="headerlink" href="#scope">¶</a></h2>'
    '<p>Who it is for. See <a href="../assessment/">Assessment</a>.</p></div>'
    '<div class="hb-box hb-box--related"><h2 id="related-chapters">Related chapters</h2>'
    '<ul><li><a href="../assessment/">Assessment</a></li></ul></div>'
    '<div class="hb-box hb-box--guidance"><h2 id="relevant-guidance">Relevant guidance</h2>'
    f'<ul><li><a href="{WT2010}">Working Together 2010, chapter 5</a></li></ul></div>'
)


def page(body: str, boxes: str = BOXES) -> str:
    return (
        '<html><body><article class="md-content__inner md-typeset">'
        '<p class="hb-print-stamp">Correct as published on 1 May 2026; check the handbook.</p>'
        f"<h1>Example</h1>{boxes}{body}</article></body></html>"
    )


def findings(body: str) -> list[str]:
    return [str(finding) for finding in citation_findings(article(page(body)), PAGE)]


# --- Citations ----------------------------------------------------------------------------------


def test_a_cited_chapter_passes() -> None:
    body = (
        '<h2 id="section-1">1. Referral</h2>'
        f'<p>A social worker must decide within one working day (<a href="{DRAFT_61}">Working Together 2013 '
        "consultation draft, paragraph 61</a>). Then they tell you.</p>"
        "<ul><li>Plain advice with no duty.</li></ul>"
        + OUTSIDE.format("<ul><li>The conference is held within 15 working days of the strategy discussion "
                         "(<em>Working Together to Safeguard Children</em> 2018).</li></ul>")
    )
    assert findings(body) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Staff must tell their manager.",
        "Refer immediately.",
        "The conference meets within 15 working days.",
        "Reviews are held every six months.",
        "No child may be kept for more than 72 hours.",
        "Hold it as soon as possible.",
        "Tell the designated officer the same working day.",
        "Meet within ten days.",
        "A 48-hour deadline applies.",
    ],
)
def test_a_duty_or_timescale_without_a_source_is_found(sentence: str) -> None:
    assert findings(f"<p>{sentence}</p>") == [f"no source: {sentence}"]


def test_text_without_duties_or_timescales_needs_no_source() -> None:
    assert findings("<p>Talk to your lead. Keep notes. The mustard is yellow. Hours of fun in 2010.</p>") == []
    assert not TIMESCALE.search("published on 15 December 2023, aged 18 years")


def test_the_source_must_follow_the_sentence_in_the_same_block() -> None:
    before = f'<p>See <a href="{WT2010}">Working Together 2010, chapter 5</a>. Staff must record it.</p>'
    assert findings(before) == ["no source: Staff must record it."]
    other_block = f'<p>Staff must record it.</p><p>(<a href="{WT2010}">Working Together 2010, chapter 5</a>)</p>'
    assert findings(other_block) == ["no source: Staff must record it."]
    later_sentence = f'<p>Staff must record it. This is in <a href="{WT2010}">Working Together 2010</a>.</p>'
    assert findings(later_sentence) == []


def test_links_that_are_not_hosted_sources_do_not_count() -> None:
    for href in ("../assessment/", "#section-2", "https://www.gov.uk/x", "../../quick-guide/"):
        assert findings(f'<p>Staff must record it (<a href="{href}">see here</a>).</p>') != [], href
    assert is_hosted_source("../preface-and-introduction/#section-1", PAGE)
    assert not is_hosted_source("../assessment/#section-1", PAGE)


def test_a_named_source_counts_only_inside_an_outside_box() -> None:
    sentence = "No child may be kept in police protection for more than 72 hours (Children Act 1989, section 46)."
    assert findings(f"<p>{sentence}</p>") == [f"named source outside an hb-box--outside box: {sentence}"]
    assert findings(OUTSIDE.format(f"<ul><li>{sentence}</li></ul>")) == []


def test_a_short_name_is_not_a_named_source() -> None:
    assert findings(OUTSIDE.format("<p>Reviews are held every six months (Working Together 2023).</p>")) == [
        "no source: Reviews are held every six months (Working Together 2023)."
    ]


def test_an_outside_box_must_carry_its_notice() -> None:
    box = '<div class="hb-box hb-box--outside"><p>Facts.</p><p>Plain.</p></div>'
    assert findings(box) == ["hb-box--outside box without its notice: Facts."]


def test_citations_of_the_2013_draft_must_say_draft() -> None:
    unlabelled = f'<p>A social worker decides (<a href="{DRAFT_61}">Working Together 2013, paragraph 61</a>).</p>'
    assert findings(unlabelled) == [
        "2013 consultation draft not labelled as the draft: "
        "A social worker decides (Working Together 2013, paragraph 61)."
    ]


def test_paragraph_numbers_must_match_the_anchor() -> None:
    wrong = f'<p>As the draft says (<a href="{DRAFT_61}">draft, paragraph 60</a>).</p>'
    assert findings(wrong) == ['paragraph number does not match the link: "draft, paragraph 60" links to #para-61']
    draft_page = "../../working-together/2013/consultation-draft/"
    no_anchor = f'<p>As the draft says (<a href="{draft_page}">draft, paragraph 60</a>).</p>'
    assert findings(no_anchor)[0].startswith("paragraph number does not match the link")


def test_filled_in_contacts_and_the_print_line_are_skipped() -> None:
    contacts = '<ul class="hb-contacts"><li>Out of hours: 01632 960000 (24 hours a day)</li></ul>'
    assert findings(contacts) == []
    assert all("Correct as published" not in block.text for block in blocks(article(page(""))))


def test_nested_blocks_are_checked_on_their_own() -> None:
    nested = f'<ul><li>Staff must record it.<ul><li>(<a href="{WT2010}">Working Together 2010</a>)</li></ul></li></ul>'
    assert findings(nested) == ["no source: Staff must record it."]


# --- Boxes and anchors --------------------------------------------------------------------------


def boxes_of(html: str) -> list[str]:
    return [str(finding) for finding in box_findings(article(html))]


def test_a_complete_chapter_has_no_box_findings() -> None:
    assert boxes_of(page('<h2 id="section-1">1. First</h2><h3 id="section-1-1">1.1 Sub</h3>')) == []


def test_the_approval_notice_must_come_first_and_say_must_approve_locally() -> None:
    reordered = BOXES.split("</div>", 1)[1] + BOXES.split("</div>", 1)[0] + "</div>"
    assert "approval notice: the first thing after the title is not an hb-box--approval box" in boxes_of(
        page("", reordered)
    )
    weak = BOXES.replace("must approve it locally", "may look at it")
    assert boxes_of(page("", weak))[0].startswith("approval notice: it does not say")


@pytest.mark.parametrize("box", ["hb-box--scope", "hb-box--related", "hb-box--guidance"])
def test_each_required_box_is_checked(box: str) -> None:
    assert any(f"no {box} box" in finding for finding in boxes_of(page("", BOXES.replace(box, "hb-box--other"))))


def test_box_headings_and_order_are_checked() -> None:
    renamed = BOXES.replace(">Related chapters<", ">See also<")
    assert 'box heading: the hb-box--related box is not headed "Related chapters"' in boxes_of(page("", renamed))
    guidance = BOXES[BOXES.index('<div class="hb-box hb-box--guidance">') :]
    late = page('<h2 id="section-1">1. First</h2>' + guidance, BOXES.replace(guidance, ""))
    assert "box order: the hb-box--guidance box comes after the numbered sections start" in boxes_of(late)


def test_numbered_headings_need_their_stable_anchor() -> None:
    html = page('<h2 id="first">1. First</h2><h3 id="section-2-2">2.1 Sub</h3>')
    assert boxes_of(html) == [
        'stable anchor: "1. First" has id first, not section-1',
        'stable anchor: "2.1 Sub" has id section-2-2, not section-2-1',
    ]


def test_build_furniture_after_the_title_is_not_the_chapters_text() -> None:
    """From a chapter's review date, the build puts a "Review overdue" banner straight after the title."""
    banner = (
        '<div class="admonition warning hb-review-overdue" data-search-exclude="" role="note">'
        "<p>This page was due for review on 22 May 2027. Check it must still be right.</p></div>"
    )
    html = page("", boxes=banner + BOXES)
    assert boxes_of(html) == []
    assert [str(finding) for finding in citation_findings(article(html), PAGE)] == []
    unmarked = banner.replace(' data-search-exclude=""', "")
    assert boxes_of(page("", boxes=unmarked + BOXES)) == [
        "approval notice: the first thing after the title is not an hb-box--approval box"
    ]
