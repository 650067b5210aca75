"""The [§N] marker gives numbered paragraphs a stable anchor and a visible, self-linking number."""

import markdown

from handbook.content.paragraphs import find_markers, paragraph_id


def render(text: str) -> str:
    return markdown.markdown(text, extensions=["handbook.content.paragraphs", "attr_list", "footnotes"])


def test_marker_becomes_anchor_and_number() -> None:
    html = render("[§61] A qualified social worker **must** decide.")
    assert html == (
        '<p class="hb-para" data-para="61" id="para-61"><a class="hb-para__num" href="#para-61">61</a> '
        "A qualified social worker <strong>must</strong> decide.</p>"
    )


def test_dotted_numbers() -> None:
    assert paragraph_id("2.1") == "para-2-1"
    assert 'id="para-2-1"' in render("[§2.1] Aim")


def test_marker_only_at_start_of_paragraph() -> None:
    html = render("See [§61] for details.\n\n- [§3] in a list item")
    assert "hb-para" not in html


def test_find_markers_reports_lines() -> None:
    text = "# Title\n\n[§1] First.\n\n[§2] Second.\n\nNot [§3].\n"
    assert find_markers(text) == [(3, "1"), (5, "2")]
