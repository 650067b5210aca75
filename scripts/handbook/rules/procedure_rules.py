"""Rules every procedure chapter written for this handbook keeps, checked on the built HTML.

Statutory guidance is not a toy: a wrong timescale can hurt a child. So a chapter we write must say
where each duty and each timescale comes from, and must say plainly that the LSCB has not approved
it yet. The rules, precisely:

Boxes
    First after the title, a box ``hb-box--approval`` saying the LSCB must approve the chapter
    locally; then the boxes ``hb-box--scope``, ``hb-box--related`` and ``hb-box--guidance``, each
    headed "Scope", "Related chapters" and "Relevant guidance", before the first numbered section.
    Every numbered heading ("2.1 ...") has the stable anchor of its number (``section-2-1``).

Citations
    A *block* is a paragraph, list item, table cell or heading, without the blocks nested in it.
    A *sentence* is a run of a block's text up to ".", "!" or "?" followed by a space and a capital.
    A sentence *needs a source* if it contains the word "must" or a timescale (``TIMESCALE``: a
    number followed by days, working days, hours, weeks or months; "immediately"; "as soon as
    possible/practicable"; "same/next (working) day"; "without delay").
    Such a sentence is *cited* if, in the same block, at or after the start of the sentence, there is
    a link to text this handbook hosts (``HOSTED_SOURCES``: a Working Together page or the LSCB's own
    preface and introduction) or the name of a statute or publication (``NAMED_SOURCES``).
    A sentence cited only by name (nothing hosted to link to) must stand inside a box
    ``hb-box--outside``, whose first paragraph says the facts come from outside the text the
    handbook holds and names the current guidance, Working Together to Safeguard Children 2023.
    A block linking to the 2013 consultation draft must say "draft".
    A link to a numbered paragraph (``#para-N``) whose text names a paragraph must name paragraph N.

Excluded from the citation rule: what the build puts in from the area's settings (contact numbers,
whose opening hours are not timescales) and the print-only line. Excluded from every rule: page
furniture the build adds around the text, marked ``data-search-exclude`` (the "Review overdue"
banner, which comes straight after the title once a chapter's review date has passed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from handbook.core.html_reader import Element, parse_html

#: Words that make a sentence a duty.
MUST = re.compile(r"\bmust\b", re.IGNORECASE)
_NUMBER = (
    r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty(?:-five)?|sixty|ninety)"
)
_NUMBERED = rf"\b{_NUMBER}(?:\s+|-)(?:working\s+|calendar\s+)?(?:days?|hours?|weeks?|months?)\b"
#: A number of days, working days, hours, weeks or months: "15 working days", "three months".
NUMBERED_TIMESCALE = re.compile(_NUMBERED, re.IGNORECASE)
#: Words that make a sentence a timescale.
TIMESCALE = re.compile(
    _NUMBERED
    + r"|\bimmediately\b|\bas soon as (?:possible|practicable)\b|\b(?:same|next) (?:working )?day\b|\bwithout delay\b",
    re.IGNORECASE,
)
#: Statutes and publications a sentence may be cited by, by name.
NAMED_SOURCES = re.compile(
    r"Children Act (?:1989|2004)"
    r"|Working Together to Safeguard Children,? \(?(?:2013|2015|2018|2023)"
    r"|Education Act 2002|Childcare Act 2006|Crime and Disorder Act 1998|Data Protection Act 2018"
    r"|Safeguarding Vulnerable Groups Act 2006|Protection of Freedoms Act 2012"
    r"|Keeping Children Safe in Education|Information sharing: advice for practitioners"
    r"|Children\s+\(Private\s+Arrangements\s+for\s+Fostering\)\s+Regulations\s+2005"
)
#: Site paths of text the handbook hosts that a link may cite.
HOSTED_SOURCES = ("/working-together/", "/procedures/preface-and-introduction/")
DRAFT_PATH = "/working-together/2013/consultation-draft/"

#: Classes whose contents the citation rule skips (filled in from settings, or print-only).
SKIPPED_CLASSES = ("hb-contacts", "hb-threshold", "hb-feedback", "hb-print-stamp", "headerlink")
BLOCK_TAGS = ("p", "li", "td", "th", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "caption")
SENTENCE_END = re.compile(r"[.!?][)\"”’]*\s+(?=[A-Z\"“(*])")
NUMBERED_HEADING = re.compile(r"^(\d+(?:\.\d+)*)\.?\s")
OUTSIDE_NOTICE = ("outside the text this handbook holds", "Working Together to Safeguard Children 2023")

REQUIRED_BOXES = {
    "hb-box--scope": "Scope",
    "hb-box--related": "Related chapters",
    "hb-box--guidance": "Relevant guidance",
}


def is_furniture(element: Element) -> bool:
    """Added by the build around the text (banners, buttons), not written by the chapter's author."""
    return "data-search-exclude" in element.attrs


def in_furniture(element: Element) -> bool:
    """This element or one it sits in is furniture."""
    node: Element | None = element
    while node is not None:
        if is_furniture(node):
            return True
        node = node.parent
    return False


def article(html: str) -> Element:
    """The page's content: Material's ``<article>``, or the whole document if there is none."""
    root = parse_html(html)
    for element in root.iter():
        if element.tag == "article":
            return element
    return root


@dataclass
class Block:
    """A block's own text, the links in it (start, end, href, link text), and the block element."""

    element: Element
    text: str = ""
    links: list[tuple[int, int, str, str]] = field(default_factory=list)


def _fill(block: Block, node: Element) -> None:
    for child in node.children:
        if isinstance(child, str):
            block.text += child
            continue
        if child.classes & set(SKIPPED_CLASSES) or is_furniture(child):
            continue
        if child.tag in BLOCK_TAGS:
            block.text += " "  # a nested block is checked on its own
            continue
        start = len(block.text)
        _fill(block, child)
        if child.tag == "a" and child.attrs.get("href"):
            block.links.append((start, len(block.text), child.attrs["href"], block.text[start:]))


def blocks(root: Element) -> list[Block]:
    """Every block in ``root`` (see the module docstring), skipping filled-in and print-only parts."""
    found = []
    for element in root.iter():
        if element.tag not in BLOCK_TAGS or element.classes & set(SKIPPED_CLASSES):
            continue
        if any(element.has_ancestor_class(name) for name in SKIPPED_CLASSES) or in_furniture(element):
            continue
        block = Block(element)
        _fill(block, element)
        found.append(block)
    return found


@dataclass(frozen=True)
class Finding:
    """One broken rule, with the words a reader would search the page for.

    ``locate`` is the text whose line in the Markdown source the report gives (a sentence or a
    heading as the page shows it); None for a rule about the chapter as a whole (its title's line).
    """

    rule: str
    text: str
    locate: str | None = None

    def __str__(self) -> str:
        return f"{self.rule}: {self.text}"

    @property
    def fix(self) -> str:
        """What the author should do, in plain English."""
        return FIXES[self.rule]


#: What to do about each rule, as the build's error messages say it.
FIXES = {
    "no source": (
        "link the sentence to the paragraph of the guidance it comes from, or name the statute or publication "
        "inside an hb-box--outside box"
    ),
    "named source outside an hb-box--outside box": (
        "link to the paragraph this handbook hosts, or move the sentence into an hb-box--outside box"
    ),
    "2013 consultation draft not labelled as the draft": 'say "consultation draft" where the text links to the draft',
    "paragraph number does not match the link": "make the paragraph number in the link text and the #para-N agree",
    "hb-box--outside box without its notice": (
        'start the box with a paragraph saying the facts come "from outside the text this handbook holds" and '
        "naming Working Together to Safeguard Children 2023"
    ),
    "page structure": "start the chapter with a title line: # Title",
    "approval notice": (
        'put the hb-box--approval box straight after the title, saying the LSCB "must approve" the chapter '
        '"locally" (copy it from another chapter)'
    ),
    "missing box": "add the box before the first numbered section (copy it from another chapter)",
    "box heading": "start the box with that heading, for example: ## Scope {#scope}",
    "box order": "move the box above the first numbered section",
    "empty box": "add at least one link to the box",
    "stable anchor": "give the heading its number as a fixed anchor, for example: ## 2.1 Aim {#section-2-1}",
}


def site_path(href: str, page_path: str) -> str:
    return urlsplit(urljoin(page_path, href)).path


def is_hosted_source(href: str, page_path: str) -> bool:
    """True for a link to text the handbook hosts (resolved from the page's own address)."""
    if urlsplit(href).scheme:
        return False
    return site_path(href, page_path).startswith(HOSTED_SOURCES)


def sentence_starts(text: str) -> list[int]:
    return [0, *(match.end() for match in SENTENCE_END.finditer(text))]


def clip(text: str, start: int) -> str:
    starts = sentence_starts(text)
    end = next((s for s in starts if s > start), len(text))
    return " ".join(text[start:end].split())[:160]


def sources_of(block: Block, page_path: str) -> tuple[list[int], list[int]]:
    """Where in a block's text a link to hosted text starts, and where a named source starts."""
    hosted = [start for start, _end, href, _t in block.links if is_hosted_source(href, page_path)]
    return hosted, [match.start() for match in NAMED_SOURCES.finditer(block.text)]


def _sentences_needing_a_source(block: Block, patterns: list[re.Pattern[str]]) -> list[int]:
    """The start of each sentence of a block in which one of ``patterns`` occurs (each sentence once)."""
    starts = sentence_starts(block.text)
    found: list[int] = []
    for pattern in patterns:
        for trigger in pattern.finditer(block.text):
            sentence = max(start for start in starts if start <= trigger.start())
            if sentence not in found:
                found.append(sentence)
    return found


def uncited_timescales(root: Element, page_path: str) -> list[Finding]:
    """Every sentence with a numbered timescale ("15 working days") and no source in its block."""
    findings = []
    for block in blocks(root):
        hosted, named = sources_of(block, page_path)
        for sentence in _sentences_needing_a_source(block, [NUMBERED_TIMESCALE]):
            if not any(position >= sentence for position in hosted + named):
                findings.append(Finding("no source", clip(block.text, sentence), clip(block.text, sentence)))
    return findings


def citation_findings(root: Element, page_path: str) -> list[Finding]:
    """Every sentence that needs a source and lacks one, and the other citation rules' breaches."""
    findings: list[Finding] = []
    for block in blocks(root):
        text = block.text
        hosted, named = sources_of(block, page_path)
        for sentence in _sentences_needing_a_source(block, [MUST, TIMESCALE]):
            if any(position >= sentence for position in hosted):
                continue
            if not any(position >= sentence for position in named):
                findings.append(Finding("no source", clip(text, sentence), clip(text, sentence)))
            elif not block.element.has_ancestor_class("hb-box--outside"):
                clipped = clip(text, sentence)
                findings.append(Finding("named source outside an hb-box--outside box", clipped, clipped))
        draft_links = [href for _s, _e, href, _t in block.links if site_path(href, page_path).startswith(DRAFT_PATH)]
        if draft_links and "draft" not in text.lower():
            opening = clip(text, 0)
            findings.append(Finding("2013 consultation draft not labelled as the draft", opening, opening))
        for start, _end, href, link_text in block.links:
            problem = _paragraph_mismatch(href, link_text)
            if problem:
                findings.append(Finding("paragraph number does not match the link", problem, clip(text, start)))
    for box in (element for element in root.iter() if "hb-box--outside" in element.classes):
        first = next((child for child in box.elements() if child.tag == "p"), None)
        notice = " ".join(first.text().split()) if first else ""
        if not all(words.lower() in notice.lower() for words in OUTSIDE_NOTICE):
            rule = "hb-box--outside box without its notice"
            findings.append(Finding(rule, notice[:160] or "(empty box)", notice or None))
    return findings


def _paragraph_mismatch(href: str, link_text: str) -> str | None:
    """A link to ``#para-N`` whose text names another paragraph, or "paragraph N" linking elsewhere."""
    fragment = urlsplit(href).fragment
    anchor = re.fullmatch(r"para-(\d+)", fragment)
    named = re.search(r"\bparagraphs? (\d+)", link_text)
    if named and not anchor:
        return f'"{link_text}" links to "{href}", not to #para-{named.group(1)}'
    if named and anchor and named.group(1) != anchor.group(1):
        return f'"{link_text}" links to #{fragment}'
    return None


def _heading_text(element: Element) -> str:
    return " ".join(
        "".join(
            child if isinstance(child, str) else ("" if "headerlink" in child.classes else child.text())
            for child in element.children
        ).split()
    )


def box_findings(root: Element) -> list[Finding]:
    """The approval notice first; the Scope, Related chapters and Relevant guidance boxes; stable anchors."""
    findings = []
    top = [element for element in root.elements() if not is_furniture(element)]
    title = next((index for index, element in enumerate(top) if element.tag == "h1"), None)
    if title is None:
        return [Finding("page structure", "the page has no title (h1)")]
    after_title = top[title + 1] if title + 1 < len(top) else None
    if after_title is None or "hb-box--approval" not in after_title.classes:
        findings.append(Finding("approval notice", "the first thing after the title is not an hb-box--approval box"))
    else:
        words = " ".join(after_title.text().split()).lower()
        if not ("must approve" in words and "locally" in words):
            said = f'it does not say the LSCB must approve it locally: "{words[:120]}"'
            findings.append(Finding("approval notice", said, " ".join(after_title.text().split())[:80] or None))
    first_section = next(
        (i for i, e in enumerate(top) if e.tag == "h2" and NUMBERED_HEADING.match(_heading_text(e))), len(top)
    )
    for css_class, heading in REQUIRED_BOXES.items():
        boxes = [i for i, element in enumerate(top) if css_class in element.classes]
        if not boxes:
            findings.append(Finding("missing box", f"no {css_class} box ({heading})"))
            continue
        box = top[boxes[0]]
        where = " ".join(box.text().split())[:80] or None
        first_heading = next((child for child in box.elements() if child.tag in ("h2", "h3")), None)
        if first_heading is None or _heading_text(first_heading) != heading:
            findings.append(Finding("box heading", f'the {css_class} box is not headed "{heading}"', where))
        if boxes[0] > first_section:
            findings.append(Finding("box order", f"the {css_class} box comes after the numbered sections start", where))
        if not any(element.tag == "a" for element in box.iter()):
            findings.append(Finding("empty box", f"the {css_class} box links to nothing", where))
    for element in root.iter():
        if element.tag not in ("h2", "h3", "h4") or element.has_ancestor_class("hb-box"):
            continue
        number = NUMBERED_HEADING.match(_heading_text(element))
        if number:
            expected = "section-" + number.group(1).replace(".", "-")
            if element.attrs.get("id") != expected:
                found = element.attrs.get("id", "(none)")
                heading = _heading_text(element)
                findings.append(Finding("stable anchor", f'"{heading}" has id {found}, not {expected}', heading))
    return findings
