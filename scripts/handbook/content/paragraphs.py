"""Numbered paragraphs with stable anchors: the ``[§61]`` marker.

Statutory guidance is cited by paragraph ("Working Together 2013, paragraph 61"), so each numbered
paragraph gets an id that is part of the published contract (see ``data/published-anchors.yml``), a
visible number that links to itself, and (added by the page script) a "Copy citation" button.

In Markdown, start the paragraph with the marker::

    [§61] Local authority children's social care should ...

which becomes ``<p id="para-61" class="hb-para" data-para="61"><a class="hb-para__num"
href="#para-61">61</a> Local authority ...</p>``. Numbers may have dots (``[§2.1]`` → ``para-2-1``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree  # noqa: N813 (Python-Markdown's own convention)

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

MARKER = re.compile(r"^\[§(?P<number>[0-9]+(?:\.[0-9]+)*)\]\s*")


def paragraph_id(number: str) -> str:
    """The anchor id of a numbered paragraph: ``61`` → ``para-61``, ``2.1`` → ``para-2-1``."""
    return "para-" + number.replace(".", "-")


def find_markers(markdown_text: str) -> list[tuple[int, str]]:
    """(line, number) of every paragraph marker in a Markdown source, for ledgers and tests."""
    found = []
    for line_no, line in enumerate(markdown_text.splitlines(), start=1):
        match = MARKER.match(line.lstrip())
        if match:
            found.append((line_no, match.group("number")))
    return found


class _ParagraphNumbers(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter("p"):
            text = element.text or ""
            match = MARKER.match(text)
            if not match:
                continue
            number = match.group("number")
            anchor = paragraph_id(number)
            element.text = ""
            element.set("id", anchor)
            element.set("class", (element.get("class", "") + " hb-para").strip())
            element.set("data-para", number)
            link = etree.Element("a", {"class": "hb-para__num", "href": f"#{anchor}"})
            link.text = number
            link.tail = " " + text[match.end() :]
            element.insert(0, link)


class ParagraphNumbersExtension(Extension):
    """Python-Markdown extension registered in mkdocs.yml as ``handbook.content.paragraphs``."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        # After inline processing (20) so the marker is plain text; before MkDocs collects anchors (5).
        md.treeprocessors.register(_ParagraphNumbers(md), "handbook_paragraph_numbers", 6)


def makeExtension(**kwargs: object) -> ParagraphNumbersExtension:  # noqa: N802 (Markdown's API name)
    return ParagraphNumbersExtension(**kwargs)
