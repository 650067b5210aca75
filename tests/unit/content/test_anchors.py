"""Anchors read from a page's Markdown source: the early check behind every chart link."""

from __future__ import annotations

import markdown

from handbook.content.anchors import heading_slug, markdown_anchors

SOURCE = """\
# Title

[§1] First paragraph.

[§2.1] A dotted paragraph.

## Children Act 1989

## Children Act 1989

## 2. Aim {#section-2}

## *Emphasised* [linked](other.md) heading

A paragraph with its own id.
{: #own-id }

<span id="raw-anchor"></span>Raw HTML.

```
## Not a heading {#not-an-anchor}
[§99] Not a paragraph.
```
"""


def test_every_kind_of_anchor_is_found_with_its_line() -> None:
    anchors = markdown_anchors(SOURCE)
    assert anchors == {
        "title": 1,
        "para-1": 3,
        "para-2-1": 5,
        "children-act-1989": 7,
        "children-act-1989_1": 9,
        "section-2": 11,
        "emphasised-linked-heading": 13,
        "own-id": 16,
        "raw-anchor": 18,
    }


def test_anchors_match_what_markdown_renders() -> None:
    """The slugs must be the ones Python-Markdown's toc extension really gives (no drift)."""
    html = markdown.markdown(SOURCE, extensions=["toc", "attr_list", "handbook.content.paragraphs", "fenced_code"])
    for anchor in markdown_anchors(SOURCE):
        assert f'id="{anchor}"' in html, anchor
    assert 'id="not-an-anchor"' not in html


def test_heading_slug() -> None:
    assert heading_slug("Chapter 5 – Managing *individual* cases") == "chapter-5-managing-individual-cases"
