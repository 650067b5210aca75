"""Where the Compare pages live and how the navigation lists them.

The generated pages have no files in docs/, so their addresses are made here, from the data. The
pages that link to them (pages.py: the hub, the topic, edition-pair and wording pages, and the
edition pages' "This topic in other editions") and the Compare section of the navigation all use
these functions, so each page's address is decided in one place. The MkDocs plugin
(adapter/compare.py) puts ``nav_entries`` in place of the Compare section of mkdocs.yml.
"""

from __future__ import annotations

from handbook.compare.data import Context

#: The hub: a hand-written page (docs/compare/index.md) that the build completes.
HUB = "compare/index.md"


def topic_uri(topic_id: str) -> str:
    return f"compare/topics/{topic_id}.md"


def pair_uri(earlier: int, later: int) -> str:
    return f"compare/{earlier}-to-{later}.md"


def wording_uri(alignment_id: str) -> str:
    return f"compare/wording/{alignment_id}.md"


def nav_entries(ctx: Context) -> list[object]:
    """The Compare section of the navigation, made from the data."""
    return [
        HUB,
        {"Topics": [{t.short_title or t.title: topic_uri(t.id)} for t in ctx.concordance.topics]},
        {"Edition to edition": [{f"{a} to {b}": pair_uri(a, b)} for a, b in ctx.concordance.pairs]},
        *(
            [{"Wording": [{a.short_title or a.title: wording_uri(a.id)} for a in ctx.alignments.confirmed]}]
            if ctx.alignments.confirmed
            else []
        ),
    ]
