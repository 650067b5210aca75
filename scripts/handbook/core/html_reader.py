"""One HTML reader for the handbook's own checks: a small tree of elements from Python's parser.

The procedure rules read built chapters, and the Word import reads the HTML it converts, each as
a tree. They used to have a reader each; this is the one, with no dependency beyond the standard
library (enough of a DOM for reading, not a browser).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

#: Elements that never have an end tag.
VOID_TAGS = ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr")


@dataclass
class Element:
    """A parsed HTML element."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)
    parent: Element | None = None

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def elements(self) -> list[Element]:
        """This element's child elements (not text)."""
        return [child for child in self.children if isinstance(child, Element)]

    def iter(self) -> list[Element]:
        """This element and every element inside it, in document order."""
        found = [self]
        for child in self.elements():
            found += child.iter()
        return found

    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def has_ancestor_class(self, name: str) -> bool:
        """An element this one sits in (not itself) has the class ``name``."""
        node = self.parent
        while node is not None:
            if name in node.classes:
                return True
            node = node.parent
        return False


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("root", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs}, parent=self.current)
        self.current.children.append(element)
        if tag not in VOID_TAGS:
            self.current = element

    def handle_endtag(self, tag: str) -> None:
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent  # close elements left open (HTML allows some)
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse_html(html: str) -> Element:
    """The tree of ``html`` under an element named ``root``."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root
