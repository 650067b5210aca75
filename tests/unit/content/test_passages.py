"""Reading hosted text: blocks, anchors (as MkDocs makes them), paragraphs, quotes and ranges."""

from __future__ import annotations

import re

import markdown
import pytest

from handbook.content.passages import (
    RangeError,
    anchors,
    containing_paragraph,
    contains_quote,
    heading_anchors,
    matched_words,
    paragraph,
    plain_text,
    read_blocks,
    text_range,
)

BODY = """\
# Local Safeguarding Children Boards

!!! note "Consultation draft, not the final text"
    A handbook note, not the source text.

[§64] It is the responsibility of the *local authority*, after consultation, to appoint the chair[^a].

## Membership

[§65] Board partners which must be included are:

- the chief officer of police;
- the [Local Probation Trust](other.md); and
    - a nested item.

This line belongs to no numbered paragraph.

## Membership

## Table A – Bodies covered {#table-a}

*[CA]: Children Act

[^a]: A footnote, left out.
"""


def test_blocks_leave_out_what_the_handbook_added() -> None:
    texts = [block.text for block in read_blocks(BODY)]
    assert "A handbook note, not the source text." not in " ".join(texts)
    assert "A footnote, left out." not in " ".join(texts)
    assert not any(text.startswith("*[CA]") for text in texts)
    assert "It is the responsibility of the local authority, after consultation, to appoint the chair." in texts


def test_a_paragraph_takes_its_list_and_nothing_after() -> None:
    blocks = paragraph(read_blocks(BODY), "65")
    assert blocks is not None
    assert plain_text(blocks) == (
        "Board partners which must be included are:\n"
        "• the chief officer of police;\n"
        "• the Local Probation Trust; and\n"
        "    ◦ a nested item."
    )
    assert paragraph(read_blocks(BODY), "99") is None


def test_anchors_match_what_markdown_renders() -> None:
    """The anchors we check citations against are exactly the ids MkDocs' extensions produce."""
    extensions = ["toc", "attr_list", "admonition", "footnotes", "handbook.content.paragraphs"]
    html = markdown.markdown(BODY, extensions=extensions)
    rendered = set(re.findall(r'\sid="([^"]+)"', html))
    found = anchors(BODY)
    assert found == [
        "para-64",
        "para-65",
        "local-safeguarding-children-boards",
        "membership",
        "membership_1",
        "table-a",
    ]
    assert set(found) <= rendered
    assert dict(heading_anchors(BODY))["table-a"] == "Table A – Bodies covered"


def test_quotes_ignore_typographic_quotes_line_breaks_and_bullets() -> None:
    blocks = read_blocks(BODY)
    assert contains_quote(blocks, "the chief officer of police; the Local Probation Trust; and")
    assert contains_quote(blocks, "It is the responsibility of the local authority")
    assert not contains_quote(blocks, "It is the duty of the local authority")
    assert matched_words(blocks, "It is the duty of the local authority") == "It is the"


def test_a_range_runs_from_its_start_to_its_end() -> None:
    blocks = read_blocks(BODY)
    assert text_range(blocks, "the chief officer", "Probation Trust; and") == (
        "the chief officer of police;\n• the Local Probation Trust; and"
    )
    assert containing_paragraph(blocks, "the Local Probation Trust") == "65"
    assert containing_paragraph(blocks, "This line belongs to no") is None


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (
            "the chief constable",
            "police;",
            'the start "the chief constable" is not in the page: copy it exactly from the page',
        ),
        ("the", "police;", 'the start "the" occurs 5 times in the page: quote more words'),
        (
            "the chief officer",
            "Cafcass",
            'the end "Cafcass" is not in the page after the start: copy it exactly from the page',
        ),
    ],
)
def test_a_range_that_cannot_be_found_says_why(start: str, end: str, message: str) -> None:
    with pytest.raises(RangeError) as caught:
        text_range(read_blocks(BODY), start, end)
    assert str(caught.value) == message
