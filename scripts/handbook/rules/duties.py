"""Every statement of duty the handbook makes in its own words has a citation beside it.

The timescale check (``handbook.rules.timescales``) grew into this one. A practitioner who reads
"the designated officer should be told" or "schools must…" acts on it, so the handbook must say
where it comes from, and "must" must be true to the quick guide's convention: **must** means a
legal duty, **should** means guidance.

A *statement of duty* is a sentence with "must", "should", "has a duty", "have a duty", "is
required to" or "are required to" (``DUTY``), in the handbook's own words: not inside a quotation
(text between double quotes, or between ‘ and ’) and not in a block quotation. It is checked in:

* the pages the team writes (``MARKDOWN_FOLDERS`` of the timescale check: the procedure chapters,
  the leaflets, the quick guide and the glossary page), with the same blocks, sentences and
  sources as the timescale check: a link to text the handbook hosts, or the name of a statute or
  publication, in the same block at or after the sentence. A name alone is not a citation a
  reader can follow: a statute or publication must come with its chapter, section, paragraph,
  Part, regulation, Schedule, Annex or Appendix beside it (``LOCATION``), unless a hosted
  paragraph is linked as well;
* ``flowcharts/*.yml`` and ``data/*.yml``, with the timescale check's rule: the text names its
  source itself, or the mapping it belongs to (or one that holds it) has a citation. A summary
  (``SUMMARY_KEYS``: a chart's introduction or description, a topic's short statement) is cited
  when a statement of duty inside the same chart or topic is.

A "must" in the handbook's own words is a legal duty, so its source must be a law
(``LEGAL_SOURCES``): a statute or regulations named beside it, or a link to the hosted
statutory framework (Annex A of the 2013 consultation draft, which quotes the Acts). Guidance
that says "must" is quoted, with its status: *the 2012 consultation draft (guidance, not law)
said a decision "must" be made…*. The approval notice at the top of each chapter is left to the
procedure rules, which set its words.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from handbook.core.errors import ContentError
from handbook.core.html_reader import Element
from handbook.core.links import page_url
from handbook.core.located_yaml import load_located_yaml
from handbook.core.sources import Page
from handbook.rules.procedure_check import chapter_location, page_renderer
from handbook.rules.procedure_rules import (
    NAMED_SOURCES,
    Block,
    article,
    blocks,
    clip,
    sentence_starts,
    site_path,
    sources_of,
)
from handbook.rules.timescales import (
    MARKDOWN_FOLDERS,
    in_our_words,
    prose_data_files,
    yaml_at,
    yaml_strings,
    yaml_text_cited,
)

#: Words that make a sentence a statement of duty.
DUTY = re.compile(r"\b(?:must|should|ha(?:s|ve) a (?:legal |statutory )?duty|(?:is|are) required to)\b", re.IGNORECASE)
MUST = re.compile(r"\bmust\b", re.IGNORECASE)
#: Quotations: the source's words, not the handbook's.
QUOTED = re.compile(r'"[^"]*"|“[^”]*”|‘[^’]*’')
#: Laws a "must" may be cited to by name.
LEGAL_SOURCES = re.compile(
    r"\b[A-Z][A-Za-z ,()]*? Act (?:19|20)\d\d\b|\bRegulations (?:19|20)\d\d\b|\bRegulations\b(?= \(England\))"
)
#: Where in a named publication: a reader must be able to find the words, not only the book.
LOCATION = re.compile(
    r"\b(?:sections?|s\.|paragraphs?|chapters?|regulations?|Schedule|Annex|Appendix)\s*\(?\d|\bPart\s+(?:\d|[IVX]+\b)",
    re.IGNORECASE,
)
#: How far after the name of a publication its chapter, section or paragraph may be given.
LOCATION_REACH = 160
#: Hosted text that quotes the law: the statutory framework of the 2013 consultation draft.
HOSTED_LAW = "/working-together/2013/consultation-draft/annex-a-statutory-framework/"
#: Boxes whose words another rule sets (the approval notice must say the LSCB "must approve").
EXEMPT_BOXES = ("hb-box--approval",)
#: Headings and titles name a subject; they state nothing.
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
TITLE_KEYS = ("title", "short_title")
#: Keys of a YAML mapping that summarise statements made, with citations, elsewhere in the unit.
SUMMARY_KEYS = ("short", "intro", "description", "acc_descr", "about", "summary")

FIX = (
    "link it to the paragraph of the guidance it comes from, or name the statute or publication beside it; "
    "if it is the source's own words, put them in quotation marks"
)
WHERE_FIX = (
    "give the chapter, section or paragraph of the publication beside its name, or link to the paragraph this "
    "handbook hosts"
)
MUST_FIX = (
    '"must" means a legal duty in this handbook: name the Act or regulations beside it, say "should" for '
    'guidance, or quote the guidance\'s words ("must …") and say what the source is'
)


def masked(text: str) -> str:
    """``text`` with every quotation blanked out (same length, so positions still match)."""
    return QUOTED.sub(lambda match: " " * len(match.group(0)), text)


def _in(element: Element, tag: str) -> bool:
    node: Element | None = element
    while node is not None:
        if node.tag == tag:
            return True
        node = node.parent
    return False


def _duty_sentences(text: str) -> list[int]:
    """The start of each sentence of ``text`` that states a duty outside quotations."""
    plain = masked(text)
    starts = sentence_starts(text)
    found: list[int] = []
    for trigger in DUTY.finditer(plain):
        sentence = max(start for start in starts if start <= trigger.start())
        if sentence not in found:
            found.append(sentence)
    return found


def _sentence_end(text: str, start: int) -> int:
    return next((s for s in sentence_starts(text) if s > start), len(text))


def _located(text: str, sentence: int) -> bool:
    """A publication or law named at or after ``sentence`` with its chapter, section or paragraph near it."""
    names = [m for m in (*NAMED_SOURCES.finditer(text), *LEGAL_SOURCES.finditer(text)) if m.start() >= sentence]
    return any(LOCATION.search(text[max(sentence, m.start() - 40) : m.end() + LOCATION_REACH]) for m in names)


def _legal_source_after(block: Block, sentence: int, page_path: str) -> bool:
    """A law named, or the hosted statutory framework linked, in the block at or after ``sentence``."""
    if any(match.start() >= sentence for match in LEGAL_SOURCES.finditer(block.text)):
        return True
    return any(
        start >= sentence and site_path(href, page_path).startswith(HOSTED_LAW) for start, _e, href, _t in block.links
    )


def duty_findings(root: Element, page_path: str) -> list[tuple[str, str]]:
    """(message, sentence) for each statement of duty in ``root`` with no source, or a "must" with no law."""
    findings = []
    for block in blocks(root):
        if _in(block.element, "blockquote") or any(block.element.has_ancestor_class(box) for box in EXEMPT_BOXES):
            continue
        if block.element.tag in HEADINGS or any(box in block.element.classes for box in EXEMPT_BOXES):
            continue
        hosted, named = sources_of(block, page_path)
        plain = masked(block.text)
        for sentence in _duty_sentences(block.text):
            clipped = clip(block.text, sentence)
            if not any(position >= sentence for position in hosted + named):
                findings.append((f"duty without a source: {clipped} ({FIX})", clipped))
                continue
            if not any(position >= sentence for position in hosted) and not _located(block.text, sentence):
                findings.append((f"duty cited to a publication without its section: {clipped} ({WHERE_FIX})", clipped))
            end = _sentence_end(block.text, sentence)
            if MUST.search(plain[sentence:end]) and not _legal_source_after(block, sentence, page_path):
                findings.append((f'"must" without a law: {clipped} ({MUST_FIX})', clipped))
    return findings


def _checked_page(page: Page) -> bool:
    return in_our_words(page) and page.path.startswith(MARKDOWN_FOLDERS)


def markdown_findings(pages: list[Page], root: Path) -> list[ContentError]:
    """Uncited duties, and "must"s without a law, in the team's own pages."""
    ours = [page for page in pages if _checked_page(page)]
    render = page_renderer(root) if ours else None
    errors = []
    for page in ours:
        html = render(page)
        for message, sentence in duty_findings(article(html), "/" + page_url(page.src_uri)):
            errors.append(ContentError(page.path, chapter_location(page, sentence), message))
    return errors


def _is_summary(loc: tuple[Any, ...]) -> bool:
    return bool(loc) and loc[-1] in SUMMARY_KEYS


#: Keys of a mapping that say where its text comes from.
SOURCE_KEYS = ("cite", "quote", "page", "publication", "link")


def _source_words(mapping: Any, titles: dict[str, str]) -> str:
    """Everything a mapping's citations say about its source, publications by their titles."""
    if not isinstance(mapping, dict):
        return ""
    words = [value for key in SOURCE_KEYS for _loc, value in yaml_strings(mapping.get(key))]
    return " ".join(words + [titles.get(word, "") for word in words])


def _publication_titles(data: Any) -> dict[str, str]:
    publications = data.get("publications") if isinstance(data, dict) else None
    if not isinstance(publications, list):
        return {}
    return {str(p["id"]): str(p.get("title", "")) for p in publications if isinstance(p, dict) and "id" in p}


def yaml_must_is_law(data: Any, loc: tuple[Any, ...], text: str, titles: dict[str, str]) -> bool:
    """A "must" in data is a legal duty: the text, or a citation of a mapping that holds it, names a law."""
    sources = [text] + [_source_words(yaml_at(data, loc[:depth]), titles) for depth in range(len(loc))]
    return any(LEGAL_SOURCES.search(words) or HOSTED_LAW.strip("/") in words for words in sources)


def yaml_findings(text: str, path: str, unit_depth: int) -> list[ContentError]:
    """Uncited duties, and "must"s without a law, in one YAML data or chart file (``unit_depth`` as
    for the timescale check)."""
    located = load_located_yaml(text, path)
    if isinstance(located, ContentError):
        return []  # the file's own checker reports it
    data = located.data
    titles = _publication_titles(data)
    strings = [
        (loc, value, yaml_text_cited(data, loc, value))
        for loc, value in yaml_strings(data)
        if not (loc and loc[-1] in ("quote", *TITLE_KEYS)) and DUTY.search(masked(value))
    ]
    cited_units = {loc[:unit_depth] for loc, _value, cited in strings if cited and not _is_summary(loc)}
    errors = []
    for loc, value, cited in strings:
        if cited or (_is_summary(loc) and loc[:unit_depth] in cited_units):
            continue
        match = DUTY.search(masked(value))
        assert match is not None
        clip = " ".join(value[max(0, match.start() - 60) : match.end() + 60].split())
        errors.append(ContentError(path, located.line_of(loc), f'duty without a source: "…{clip}…" ({FIX})'))
    musts = [(loc, value, match) for loc, value, _c in strings if (match := MUST.search(masked(value)))]
    lawful = {loc: yaml_must_is_law(data, loc, value, titles) for loc, value, _m in musts}
    lawful_units = {loc[:unit_depth] for loc, ok in lawful.items() if ok and not _is_summary(loc)}
    for loc, value, must in musts:
        if not (lawful[loc] or (_is_summary(loc) and loc[:unit_depth] in lawful_units)):
            clip = " ".join(value[max(0, must.start() - 60) : must.end() + 60].split())
            errors.append(ContentError(path, located.line_of(loc), f'"must" without a law: "…{clip}…" ({MUST_FIX})'))
    return errors


def data_findings(root: Path) -> list[ContentError]:
    """Uncited duties in the charts and data files."""
    return [error for text, rel, depth in prose_data_files(root) for error in yaml_findings(text, rel, depth)]


def duty_errors(pages: list[Page], root: Path) -> list[ContentError]:
    """Every statement of duty in the team's own words, in pages, charts and data, without its source."""
    return markdown_findings(pages, root) + data_findings(root)
