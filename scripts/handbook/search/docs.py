"""What search shows: the documents behind each result, their labels and their weight.

Material for MkDocs makes one search document per heading. The handbook adjusts them before the
index is built (``search/index.py``):

* **numbered paragraphs get their own result.** Statutory guidance is cited by paragraph, so a
  search for "s47" should land on paragraph 12, not on the top of a page of forty paragraphs.
  Each ``[§N]`` paragraph becomes a document titled "Paragraph N" at ``page#para-N``;
* **labels say where a result comes from.** The page's result carries Material's tags:
  "Working Together 2010" and "Replaced guidance", "LSCB procedure", and so on, made from the
  page's front matter and ``data/editions.yml``. Material shows them under the result's title;
* **current text ranks first.** Local procedures and current guidance are boosted and replaced
  editions lowered (``BOOSTS``), so for the same match the current text comes first;
* **charts are not text.** The Mermaid source of a chart is marked ``data-search-exclude`` before
  Material reads the page, like the other page furniture (banners, citation buttons).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from handbook.content.editions import Editions

#: Document boosts by what a page is: for the same match, current text (local procedures, current
#: guidance) comes before guidance that has been replaced, which stays findable. Comparison pages
#: quote two or three editions at once, so their words match more often than the text they quote:
#: they come after it ("quoting"), since the edition's own page is where a reader should land.
BOOSTS = {"current": 1.25, "other": 1.0, "replaced": 0.8, "quoting": 0.5}
#: Material multiplies the score of a page's own entry by up to 5 and of a section's by up to 2
#: (``Search.search``: ``1 + boost ** 2``). The handbook's answers are in its sections and numbered
#: paragraphs, so their entries are boosted by the ratio, 2.5, to level that out.
SECTION_BOOST = 2.5

#: How an edition's text is described in its label (``edition_text`` in the front matter).
EDITION_TEXT_LABELS = {
    "consultation-draft": "consultation draft",
    "executive-summary": "executive summary",
    "partnership-summary": "a partnership's summary",
}
#: Labels for pages that are not part of an edition, by ``kind``.
KIND_LABELS = {
    "procedure": "LSCB procedure",
    "flowchart": "Flowchart",
    "leaflet": "Leaflet",
    "comparison": "Comparing editions",
}
#: Kinds that are the handbook's current, local material.
CURRENT_KINDS = {"procedure", "flowchart", "leaflet"}
#: Kinds whose pages quote other pages' text (see ``BOOSTS``).
QUOTING_KINDS = {"comparison"}
REPLACED_LABEL = "Replaced guidance"
CURRENT_LABEL = "Current guidance"


@dataclass(frozen=True)
class PageFacts:
    """What search needs to know about a page, from its front matter."""

    kind: str
    edition: int | None = None
    edition_text: str | None = None


def page_facts(meta: Mapping[str, Any]) -> PageFacts:
    return PageFacts(kind=str(meta.get("kind", "")), edition=meta.get("edition"), edition_text=meta.get("edition_text"))


def labels_and_standing(facts: PageFacts, editions: Editions) -> tuple[list[str], str]:
    """The labels shown with a page's result, and whether it is current, replaced or other."""
    if facts.edition is not None:
        edition = editions.get(facts.edition)
        name = f"Working Together {edition.year}"
        text = EDITION_TEXT_LABELS.get(facts.edition_text or "")
        if text:
            name += f" ({text})"
        if edition.replaced_by is not None:
            return [name, REPLACED_LABEL], "replaced"
        return [name, CURRENT_LABEL], "current"
    label = KIND_LABELS.get(facts.kind)
    standing = "current" if facts.kind in CURRENT_KINDS else "quoting" if facts.kind in QUOTING_KINDS else "other"
    return ([label] if label else []), standing


def label_documents(
    docs: list[dict[str, Any]], facts_by_url: Mapping[str, PageFacts], editions: Editions
) -> list[dict[str, Any]]:
    """Give each page's result its labels (as Material ``tags``) and every document its boost."""
    pages: set[str] = set()
    for doc in docs:
        url = doc["location"].partition("#")[0]
        article = url not in pages  # Material's rule: a page's first document is the page itself
        pages.add(url)
        facts = facts_by_url.get(url)
        labels, standing = labels_and_standing(facts, editions) if facts else ([], "other")
        if article and labels:
            doc["tags"] = labels
        boost = doc.get("boost", 1.0) * BOOSTS[standing] * (1 if article else SECTION_BOOST)
        if boost != 1:
            doc["boost"] = round(boost, 6)
    return docs


# --- Numbered paragraphs ----------------------------------------------------------------------------


class _ParagraphFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        number, anchor = values.get("data-para"), values.get("id")
        if tag == "p" and number and anchor and "hb-para" in (values.get("class") or "").split():
            self.found.append((number, anchor))


def numbered_paragraphs(html: str) -> list[tuple[str, str]]:
    """(number, anchor id) of every numbered paragraph in a page's HTML, in order."""
    finder = _ParagraphFinder()
    finder.feed(html)
    finder.close()
    return finder.found


def split_paragraphs(
    docs: Iterable[dict[str, Any]], paragraphs_by_url: Mapping[str, list[tuple[str, str]]]
) -> list[dict[str, Any]]:
    """Give every numbered paragraph its own search document, after the section it belongs to.

    In Material's documents a numbered paragraph is ``<p>N text…</p>`` (its number link becomes the
    text "N"). The page's paragraphs are taken in order, so a paragraph is only recognised when its
    number is the next one the page has.
    """
    out: list[dict[str, Any]] = []
    pending: dict[str, list[tuple[str, str]]] = {url: list(items) for url, items in paragraphs_by_url.items()}
    for doc in docs:
        url = doc["location"].partition("#")[0]
        queue = pending.get(url)
        if not queue:
            out.append(doc)
            continue
        text = doc.get("text", "")
        cuts: list[tuple[int, str, str]] = []
        for match in re.finditer(r"<p>([0-9]+(?:\.[0-9]+)*) ", text):
            if queue and match.group(1) == queue[0][0]:
                number, anchor = queue.pop(0)
                cuts.append((match.start(), number, anchor))
        if not cuts:
            out.append(doc)
            continue
        out.append({**doc, "text": text[: cuts[0][0]].strip()})
        for index, (start, number, anchor) in enumerate(cuts):
            end = cuts[index + 1][0] if index + 1 < len(cuts) else len(text)
            paragraph = {"location": f"{url}#{anchor}", "title": f"Paragraph {number}", "text": text[start:end].strip()}
            if "boost" in doc:
                paragraph["boost"] = doc["boost"]
            out.append(paragraph)
    return out


# --- Charts ----------------------------------------------------------------------------------------

_CHART = re.compile(r"<(pre|div)\b(?=[^>]*\bclass=\"[^\"]*\bmermaid\b)(?![^>]*\bdata-search-exclude\b)([^>]*)>")


def exclude_charts(html: str) -> str:
    """Mark every Mermaid chart ``data-search-exclude`` so Material does not index its source."""
    return _CHART.sub(lambda m: f'<{m.group(1)}{m.group(2)} data-search-exclude="">', html)
