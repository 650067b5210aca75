"""The link check's fast tag reader finds what Python's HTML parser finds.

``linkcheck.page_links`` reads tags with regular expressions, for speed. Here it is compared with
HTMLParser (the reference) on tricky snippets; ``tests/site`` compares both on every built page.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from handbook.site.linkcheck import PageLinks, page_links


class ReferenceReader(HTMLParser):
    """The same ids and links, found by Python's HTML parser."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = PageLinks()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values: dict[str, str] = {}
        for name, value in attrs:
            values.setdefault(name, value or "")
        self.found.add_tag(tag, values)


def reference(text: str) -> PageLinks:
    reader = ReferenceReader()
    reader.feed(text)
    reader.close()
    return reader.found


SNIPPETS = [
    '<a href="a/#p1" id="x">A</a><p id=bare class=c>t</p>',
    "<a name='old-anchor' href='../b.html?x=1&amp;y=2#f'>single quotes, an entity</a>",
    '<span title="a > b" id="after-gt">a quoted ">" inside a tag</span>',
    '<!-- <a href="commented-out/">no</a> --><a href="kept/">yes</a>',
    '<script src="x.js">var s = "<a href=\\"in-script/\\">";</script><a href="after-script/">',
    '<style>a::before { content: "<a href=nope>"; }</style><img src="i.png" alt="">',
    '<link rel="canonical" href="https://example.org/"><link rel="stylesheet" href="s.css">',
    '<IMG SRC="upper.png" ID="Upper"><br/><input id="i" disabled><a href="" id="">empty</a>',
    '<pre><code>&lt;a href="escaped/"&gt;</code></pre><a\nhref="multi-line/"\nid="ml">',
]


@pytest.mark.parametrize("snippet", SNIPPETS)
def test_the_fast_reader_agrees_with_the_html_parser(snippet: str) -> None:
    assert page_links(snippet) == reference(snippet)
    assert page_links(snippet).links or page_links(snippet).ids  # each snippet has something to find
