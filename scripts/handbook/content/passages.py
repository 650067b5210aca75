"""The hosted text of a page as passages: numbered paragraphs, list items and quotable plain text.

Comparisons quote and diff the editions' own words, so the words must come from the hosted
Markdown itself, never be retyped into data. This module reads a page's Markdown body into blocks
(paragraphs, list items, headings), leaving out what the handbook added around the source text
(admonitions, footnote definitions, HTML wrappers). It also lists the anchors a page publishes, so
a citation to a missing anchor is caught before the build.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from markdown.extensions.toc import slugify, unique

from handbook.content.paragraphs import MARKER, find_markers, paragraph_id
from handbook.core.errors import HandbookError

_HEADING = re.compile(r"^(#{1,6})\s+(?P<text>.*?)\s*(?:\{(?P<attrs>[^}]*)\})?\s*#*\s*$")
_ATTR_ID = re.compile(r"#([\w-]+)")
_ITEM = re.compile(r"^(?P<indent>\s*)(?:[-*+]|\d+[.)])\s+(?P<text>.*)$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
_SUP = re.compile(r"<sup>.*?</sup>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_ATTR_LIST = re.compile(r"\s*\{[:#.][^}]*\}\s*$")

#: Bullets used when a passage with a list is shown as plain text (one per nesting level).
BULLETS = ("•", "◦", "▪")


@dataclass(frozen=True)
class Block:
    """One paragraph, list item or heading of a page's text."""

    kind: str  # "para" | "item" | "heading"
    text: str  # plain text, inline Markdown removed
    line: int  # line in the page body (1-based)
    depth: int = 0  # nesting level of a list item
    number: str | None = None  # the paragraph number of a ``[§N]`` paragraph

    def display(self) -> str:
        """The block as a line of plain text: list items get an indented bullet."""
        if self.kind == "item":
            return "    " * self.depth + BULLETS[min(self.depth, len(BULLETS) - 1)] + " " + self.text
        return self.text


def inline_text(markdown_text: str) -> str:
    """Inline Markdown to plain text: links keep their words; markers, footnotes and tags go."""
    text = MARKER.sub("", markdown_text.strip())
    text = _ATTR_LIST.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _FOOTNOTE_REF.sub("", text)
    text = _SUP.sub("", text)
    text = _TAG.sub("", text)
    for _ in range(2):  # **bold *italic*** needs two passes
        text = _EMPHASIS.sub(r"\2", text)
    text = html.unescape(text)
    return re.sub(r"\s+", " ", text).strip()


def _skippable_block_start(line: str) -> bool:
    """Lines that open something the handbook added: admonitions and footnote definitions."""
    stripped = line.lstrip()
    return stripped.startswith(("!!! ", "??? ", "???+ ")) or re.match(r"^\[\^[^\]]+\]:", stripped) is not None


def read_blocks(body: str) -> list[Block]:
    """The source text of a page body as blocks, in order (see the module docstring)."""
    blocks: list[Block] = []
    current: dict | None = None
    skipping = False

    def flush() -> None:
        nonlocal current
        if current is not None:
            text = inline_text(" ".join(current["parts"]))
            if text:
                blocks.append(Block(current["kind"], text, current["line"], current["depth"], current["number"]))
        current = None

    for line_no, raw in enumerate(body.splitlines(), start=1):
        line = raw.rstrip()
        if skipping:
            if not line or line.startswith(("    ", "\t")):
                continue
            skipping = False
        if not line.strip():
            flush()
            continue
        if _skippable_block_start(line):
            flush()
            skipping = True
            continue
        stripped = line.strip()
        if (
            stripped in ("---", "***", "___")
            or stripped.startswith("|")  # tables: cite them by anchor, not by quote
            or re.match(r"^\*\[[^\]]+\]:", stripped)  # abbreviation definitions
            or re.match(r"^</?\w+[^>]*>$", stripped)  # md_in_html wrappers
        ):
            flush()
            continue
        heading = _HEADING.match(line)
        if heading:
            flush()
            blocks.append(Block("heading", inline_text(heading.group("text")), line_no))
            continue
        item = _ITEM.match(line)
        if item:
            flush()
            depth = len(item.group("indent").expandtabs(4)) // 4
            current = {"kind": "item", "parts": [item.group("text")], "line": line_no, "depth": depth, "number": None}
            continue
        if stripped.startswith(":   ") or stripped.startswith("> "):
            stripped = stripped[2:].strip() if stripped.startswith(">") else stripped[1:].strip()
        marker = MARKER.match(stripped)
        if marker:
            flush()
            current = {"kind": "para", "parts": [stripped], "line": line_no, "depth": 0, "number": marker["number"]}
            continue
        if current is None:
            current = {"kind": "para", "parts": [], "line": line_no, "depth": 0, "number": None}
        current["parts"].append(stripped)
    flush()
    return blocks


def heading_anchors(body: str) -> list[tuple[str, str]]:
    """(anchor, heading text) of every heading, as MkDocs' ``toc`` extension makes the anchors.

    Same ``slugify`` and the same de-duplication, after any ``[§N]`` paragraph ids, so an anchor
    checked here resolves in the built page. A ``{#id}`` attribute wins over the slug.
    """
    used: set[str] = {paragraph_id(number) for _line, number in find_markers(body)}
    found: list[tuple[str, str]] = []
    in_fence = False
    for raw in body.splitlines():
        if raw.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        match = None if in_fence else _HEADING.match(raw)
        if not match:
            continue
        text = inline_text(match.group("text"))
        explicit = _ATTR_ID.search(match.group("attrs") or "")
        anchor = explicit.group(1) if explicit else unique(slugify(text, "-"), used)
        used.add(anchor)
        found.append((anchor, text))
    return found


def anchors(body: str) -> list[str]:
    """Every anchor the page publishes: ``para-N`` paragraph markers and headings' anchors."""
    return [paragraph_id(number) for _line, number in find_markers(body)] + [a for a, _ in heading_anchors(body)]


def paragraph(blocks: list[Block], number: str) -> list[Block] | None:
    """A numbered paragraph with the list that belongs to it, or None if there is no such paragraph."""
    for index, block in enumerate(blocks):
        if block.kind == "para" and block.number == number:
            taken = [block]
            for following in blocks[index + 1 :]:
                if following.kind != "item":
                    break
                taken.append(following)
            return taken
    return None


def plain_text(blocks: list[Block]) -> str:
    """Blocks as plain text, one per line, list items with bullets."""
    return "\n".join(block.display() for block in blocks)


#: Typographic quotes and dashes read as plain ones when matching (one character for one).
_PLAIN_CHARS = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


def normalise(text: str) -> str:
    """For matching quotes: typographic quotes and dashes as plain ones, whitespace collapsed."""
    return re.sub(r"\s+", " ", text.translate(_PLAIN_CHARS)).strip()


def contains_quote(blocks: list[Block], quote: str) -> bool:
    """True if ``quote`` is the page's own words (ignoring bullets, line breaks and quote styles)."""
    flowing = normalise(" ".join(block.text for block in blocks))
    return normalise(quote) in flowing


def matched_words(blocks: list[Block], quote: str) -> str:
    """The longest start of ``quote`` that is in the page, to say where a wrong quote goes wrong."""
    flowing = normalise(" ".join(block.text for block in blocks))
    words = normalise(quote).split(" ")
    low, high = 0, len(words)
    while low < high:  # the number of leading words found in the page (found-ness is monotonic)
        middle = (low + high + 1) // 2
        if " ".join(words[:middle]) in flowing:
            low = middle
        else:
            high = middle - 1
    return " ".join(words[:low])


def containing_paragraph(blocks: list[Block], words: str) -> str | None:
    """The number of the numbered paragraph (with its list) that contains ``words``, if any."""
    wanted = normalise(words)
    owner: str | None = None
    for block in blocks:
        if block.kind == "para":
            owner = block.number
        elif block.kind == "heading":
            owner = None
        if wanted in normalise(block.display()):
            return owner
    return None


class RangeError(HandbookError, ValueError):
    """A text range that cannot be found; the message says what to change."""


def text_range(blocks: list[Block], start: str, end: str) -> str:
    """The plain text from the words ``start`` to the words ``end`` (both included).

    ``start`` must occur once only, so the range cannot silently move to another place.
    """
    text = plain_text(blocks)
    searchable = text.translate(_PLAIN_CHARS)  # same length as text, so positions carry over
    start, end = start.translate(_PLAIN_CHARS), end.translate(_PLAIN_CHARS)
    matches = [m.start() for m in re.finditer(re.escape(start), searchable)]
    if not matches:
        raise RangeError(f'the start "{start}" is not in the page: copy it exactly from the page')
    if len(matches) > 1:
        raise RangeError(f'the start "{start}" occurs {len(matches)} times in the page: quote more words')
    begin = matches[0]
    finish = searchable.find(end, begin)
    if finish < 0:
        raise RangeError(f'the end "{end}" is not in the page after the start: copy it exactly from the page')
    return text[begin : finish + len(end)]
