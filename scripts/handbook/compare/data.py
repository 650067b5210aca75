"""What the Compare pages are made from: the concordance, the alignments, the editions and the hosted text.

``load_comparison`` reads and checks data/concordance.yml and data/alignments.yml against the pages
of the handbook (through HostedText, which knows what each hosted page says and how to cite it) and
returns a Context. The Context answers the small questions the page makers ask of the data (the
sources of a statement, the two texts an alignment compares, the topics that cite a page), so the
Markdown (pages.py), the word-level comparison HTML (wording.py) and the navigation
(navigation.py) read the data one way and none of them loads anything itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from handbook.compare.alignments import Alignment, Alignments, load_alignments
from handbook.compare.citations import Citation, HostedText, Source
from handbook.compare.concordance import Cell, Concordance, Topic, load_concordance
from handbook.content.editions import Edition, Editions, load_editions
from handbook.core.errors import ContentErrors
from handbook.core.sources import Page, load_pages


@dataclass
class Context:
    """Everything the pages are made from."""

    concordance: Concordance
    alignments: Alignments
    editions: Editions
    hosted: HostedText
    directory_urls: bool = True

    def sources(self, cites: list[Citation]) -> list[Source]:
        return [self.hosted.source(citation) for citation in cites]

    def cell_sources(self, cell: Cell) -> list[Source]:
        """The sources of every statement in one edition's cell of a topic, in order."""
        return [source for fact in cell.facts for source in self.sources(fact.cite)]

    def edition(self, year: int) -> Edition:
        return self.editions.get(year)

    def alignments_for_topic(self, topic_id: str) -> list[Alignment]:
        return [a for a in self.alignments.confirmed if a.topic == topic_id]

    def sides(self, alignment: Alignment) -> tuple[str, str]:
        old = next(p for row in alignment.rows for p in row.old)
        new = next(p for row in alignment.rows for p in row.new)
        return self.hosted.text_label(old.path), self.hosted.text_label(new.path)

    def years(self, alignment: Alignment) -> tuple[int | None, int | None]:
        old = next(p for row in alignment.rows for p in row.old)
        new = next(p for row in alignment.rows for p in row.new)
        return self.hosted.pages[old.path].meta.edition, self.hosted.pages[new.path].meta.edition


def load_comparison(root: Path, pages: list[Page] | None = None, editions: Editions | None = None) -> Context:
    """Read and check everything the Compare pages are made from; raise ContentErrors if anything is wrong.

    The build passes the pages and editions it has already loaded; ``./run check`` lets this read them.
    """
    if pages is None:
        pages, errors = load_pages(root)
        if errors:
            raise ContentErrors(errors)
    editions = editions if editions is not None else load_editions(root)
    hosted = HostedText.from_pages(pages, editions)
    concordance = load_concordance(root, hosted)
    alignments = load_alignments(root, hosted, concordance)
    return Context(concordance, alignments, editions, hosted)


def topics_citing(ctx: Context, src_uri: str) -> list[Topic]:
    """Topics whose statements cite a page (by any anchor)."""
    found = []
    for topic in ctx.concordance.topics:
        cited = {c.path for cell in topic.editions for fact in cell.facts for c in fact.cite if c.page}
        if src_uri in cited:
            found.append(topic)
    return found


def and_list(items: list[str]) -> str:
    """ "a", "a and b" or "a, b and c": the English list both the Markdown and the HTML cite with."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
