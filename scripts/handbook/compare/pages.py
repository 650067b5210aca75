"""The Compare pages' Markdown, made from the concordance, the alignments and data/editions.yml.

Pure functions from a Context (data.py) to Markdown: the hub's generated part (timeline, table of
topics by edition, links), one page per topic, one page per pair of consecutive editions, one page
per confirmed alignment, and the "This topic in other editions" block for edition pages. Readers
compare editions from these pages, so every statement carries its sources. The pages' addresses
come from navigation.py; a wording page's word-level comparison is HTML from wording.py. The MkDocs
plugin (adapter/compare.py) only hands these pages to MkDocs.

Links in Markdown are relative ``.md`` links, so MkDocs checks and rewrites them for both builds.
"""

from __future__ import annotations

from html import escape

from handbook.compare.alignments import Alignment, Passage, passage_text
from handbook.compare.citations import Source
from handbook.compare.concordance import NOT_KNOWN, Topic
from handbook.compare.data import Context, and_list, topics_citing
from handbook.compare.navigation import HUB, pair_uri, topic_uri, wording_uri
from handbook.compare.wording import diff_html
from handbook.content.editions import Edition, long_date
from handbook.core.links import markdown_link

#: Where the hub's hand-written page wants the generated part (else it goes at the end).
HUB_MARKER = "<!-- handbook: compare hub -->"

CHANGE_LABELS = {
    "added": "Added",
    "removed": "Removed",
    "changed": "Changed",
    "unchanged": "Unchanged",
    "not known": "Not known",
}
NOT_STATED = "Not stated in the hosted text."


# --- small pieces -------------------------------------------------------------------------------


def front_matter(ctx: Context, title: str, description: str) -> str:
    c = ctx.concordance
    return (
        "---\n"
        f"title: {_yaml_str(title)}\n"
        "kind: comparison\n"
        "status: information\n"
        f"owner: {_yaml_str(c.owner)}\n"
        f"last_reviewed: {c.last_reviewed.isoformat()}\n"
        f"review_due: {c.review_due.isoformat()}\n"
        'source: "Made by the handbook from data/concordance.yml, data/alignments.yml and data/editions.yml"\n'
        f"description: {_yaml_str(description)}\n"
        "---\n\n"
    )


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def sources_md(sources: list[Source], from_uri: str, short: bool = False) -> str:
    """Citations as Markdown: links to hosted text; named publications flagged as not held here.

    Paragraphs of the same text are listed together: "…(consultation draft, June 2012),
    paragraphs 64, 65 and 72", each number a link.
    """
    entries: list[str | list[Source]] = []  # a list stands for paragraphs of one text
    groups: dict[str, list[Source]] = {}
    for source in _unique(sources, short):
        if source.base and not short:
            if source.base not in groups:
                groups[source.base] = []
                entries.append(groups[source.base])
            groups[source.base].append(source)
        elif source.target:
            entries.append(f"[{source.short if short else source.label}]({markdown_link(from_uri, source.target)})")
        elif short:
            entries.append(source.short)
        else:
            entries.append(f"*{source.label}* (not held in this handbook)")
    return "; ".join(entry if isinstance(entry, str) else _paragraphs(entry, from_uri) for entry in entries)


def _paragraphs(group: list[Source], from_uri: str) -> str:
    """ "<text>, paragraph N" or "<text>, paragraphs N, M and O", each paragraph a link."""
    ordered = sorted(group, key=lambda s: [int(part) for part in (s.para or "0").split(".")])
    if len(ordered) == 1:
        source = ordered[0]
        return f"{source.base}, [paragraph {source.para}]({markdown_link(from_uri, source.target or '')})"
    links = [f"[{s.para}]({markdown_link(from_uri, s.target or '')})" for s in ordered]
    return f"{ordered[0].base}, paragraphs {and_list(links)}"


def _unique(sources: list[Source], short: bool = False) -> list[Source]:
    """Each source once (in short form, each short label once: two anchors of a page are one link)."""
    seen: set[tuple[str, str | None]] = set()
    kept = []
    for source in sources:
        key = (source.short, None) if short else (source.label, source.target)
        if key not in seen:
            seen.add(key)
            kept.append(source)
    return kept


def _edition_link(edition: Edition, from_uri: str) -> str:
    if edition.page:
        return f"[{edition.title}]({markdown_link(from_uri, edition.page)})"
    return f"[{edition.title}]({edition.url})"


# --- the hub ------------------------------------------------------------------------------------


def how_to_read(ctx: Context) -> str:
    return (
        "## How to read these comparisons\n\n"
        "- Every statement is in our words and links to where it comes from: a paragraph or page of "
        "this handbook, or a named publication that the handbook does not hold (marked "
        '"not held in this handbook").\n'
        "- For the 2013 edition the handbook holds the **consultation draft** of June 2012, and only "
        "paragraphs 1 to 7 of the final text. Statements that rest on the draft say so, and their links "
        'say "draft". The draft\'s paragraph numbers are its own.\n'
        "- The handbook holds no text of the 2015 edition, only the executive summary of the 2010 "
        "edition, and a partnership's summary of the 2018 edition.\n"
        "- It holds no text of the 2023 edition, the current guidance. Its column says what changed, in "
        "summary, from the GOV.UK publication page and summaries of the edition.\n"
        f'- "{NOT_STATED}" means the texts held here do not say. It does not mean the edition is '
        "silent on the topic.\n\n"
    )


def timeline_md(ctx: Context, from_uri: str) -> str:
    """The editions and milestones in date order, with what replaced what (from data/editions.yml)."""
    entries: list[tuple[object, str]] = []
    for edition in ctx.editions.editions:
        text = f"{_edition_link(edition, from_uri)} published"
        if edition.in_effect:
            text += f", in effect from {long_date(edition.in_effect)}"
        text += f". It replaced {edition.replaced}."
        if edition.replaced_by is None:
            text += " It is the current statutory guidance."
        text += f" Source: *{edition.reference}*."
        entries.append((edition.published, text))
    for milestone in ctx.concordance.milestones:
        text = f"{milestone.statement} Source: {sources_md(ctx.sources(milestone.cite), from_uri)}."
        entries.append((milestone.date, text))
    lines = ["## The editions on a timeline\n", '<div class="hb-timeline" markdown>\n']
    for day, text in sorted(entries, key=lambda entry: entry[0]):
        lines.append(f"- **{long_date(day)}:** {text}")  # type: ignore[arg-type]
    lines.append("\n</div>\n")
    return "\n".join(lines) + "\n"


def matrix_md(ctx: Context, from_uri: str) -> str:
    years = ctx.concordance.editions
    lines = [
        "## Topics by edition\n",
        "Each cell is a short statement, with links to where it comes from. Select a topic for the full comparison.\n",
        '<div class="hb-matrix" markdown>\n',
        "| Topic | " + " | ".join(str(year) for year in years) + " |",
        "|---|" + "---|" * len(years),
    ]
    for topic in ctx.concordance.topics:
        row = [f"[{_cell(topic.title)}]({markdown_link(from_uri, topic_uri(topic.id))})"]
        for year in years:
            cell = topic.cell(year)
            if cell is None or cell.not_stated:
                row.append(f"*{NOT_STATED}*")
                continue
            links = sources_md(ctx.cell_sources(cell), from_uri, short=True)
            row.append(_cell(f"{cell.short} <br>*Sources:* {links}"))
        lines.append("| " + " | ".join(row) + " |")
    lines.append("\n</div>\n")
    return "\n".join(lines) + "\n"


def wording_list(ctx: Context, alignments: list[Alignment], from_uri: str, heading: str) -> str:
    """A section linking to word-by-word comparisons (nothing if there are none)."""
    if not alignments:
        return ""
    lines = [f"{heading}\n\n"]
    for alignment in alignments:
        old, new = ctx.sides(alignment)
        lines.append(f"- [{alignment.title}]({markdown_link(from_uri, wording_uri(alignment.id))}): {old} and {new}\n")
    return "".join(lines) + "\n"


def hub_generated(ctx: Context) -> str:
    """The generated part of the Compare hub."""
    uri = HUB
    parts = [how_to_read(ctx), timeline_md(ctx, uri), matrix_md(ctx, uri)]
    parts.append("## Compare one topic across the editions\n\n")
    parts += [f"- [{t.title}]({markdown_link(uri, topic_uri(t.id))})\n" for t in ctx.concordance.topics]
    parts.append("\n## Compare two editions\n\n")
    for earlier, later in ctx.concordance.pairs:
        parts.append(f"- [{earlier} to {later}: what changed]({markdown_link(uri, pair_uri(earlier, later))})\n")
    parts.append("\n" + wording_list(ctx, ctx.alignments.confirmed, uri, "## Compare the wording, word by word"))
    return "".join(parts)


def hub_markdown(ctx: Context, written: str) -> str:
    """The hand-written hub page with the generated part at its marker (or at the end)."""
    generated = hub_generated(ctx)
    if HUB_MARKER in written:
        return written.replace(HUB_MARKER, generated, 1)
    return written.rstrip("\n") + "\n\n" + generated


# --- a topic ------------------------------------------------------------------------------------


def _change_line(ctx: Context, topic: Topic, earlier: int, later: int, from_uri: str) -> str:
    change = topic.change_between(earlier, later)
    if change is None:
        return f"- **{earlier} to {later}: Not known.**"
    sources = sources_md(ctx.sources(change.cite), from_uri)
    return f"- **{earlier} to {later}: {CHANGE_LABELS[change.change]}.** {change.text}" + (
        f" Sources: {sources}." if sources else ""
    )


def topic_page(ctx: Context, topic: Topic) -> str:
    uri = topic_uri(topic.id)
    title = f"Compare: {topic.title}"
    description = (
        f"What each edition of Working Together to Safeguard Children says on {topic.title.lower()}, and what changed."
    )
    out = [front_matter(ctx, title, description), f"# {topic.title}\n\n"]
    if topic.about:
        out.append(f"{topic.about}\n\n")
    out.append(
        f"Part of [Compare editions]({markdown_link(uri, HUB)}). Every statement links to where it comes "
        f"from: read [how to read these comparisons]({markdown_link(uri, HUB + '#how-to-read-these-comparisons')}).\n\n"
    )
    out.append("## What changed\n\n")
    for earlier, later in ctx.concordance.pairs:
        out.append(_change_line(ctx, topic, earlier, later, uri) + "\n")
    out.append("\n## What each edition says\n\n")
    for year in ctx.concordance.editions:
        out.append(_edition_section(ctx, topic, year, uri))
    own_words = _own_words(ctx, topic, uri)
    if own_words:
        out.append(own_words)
    out.append(wording_list(ctx, ctx.alignments_for_topic(topic.id), uri, "## Compare the wording"))
    return "".join(out)


def _edition_section(ctx: Context, topic: Topic, year: int, uri: str) -> str:
    edition = ctx.edition(year)
    out = [f"### The {year} edition\n\n"]
    cell = topic.cell(year)
    if cell is None or cell.not_stated:
        out.append(f"*{NOT_STATED}*" + (f" {cell.note}" if cell and cell.note else "") + "\n\n")
    else:
        for fact in cell.facts:
            out.append(f"- {fact.statement} ({sources_md(ctx.sources(fact.cite), uri)})\n")
        if cell.note:
            out.append(f"\n*{cell.note}*\n")
        out.append("\n")
    out.append(f"About this edition: {_edition_link(edition, uri)}.\n\n")
    return "".join(out)


def _whole_paragraph(ctx: Context, source: Source) -> str:
    """A quoted paragraph in full, folded away (excluded from search: its own page is indexed)."""
    path, _, anchor = (source.target or "").partition("#")
    text = passage_text(Passage(page=f"{path}#{anchor}"), ctx.hosted)
    return (
        f'<details class="hb-whole" data-search-exclude="">\n<summary>Paragraph {escape(source.para or "")} '
        f'in full</summary>\n<p class="hb-whole__text">{escape(text, quote=False)}</p>\n</details>\n'
    )


def _own_words(ctx: Context, topic: Topic, uri: str) -> str:
    """The quoted words of each edition's hosted text, side by side (only where text is hosted)."""
    columns: list[str] = []
    for year in ctx.concordance.editions:
        cell = topic.cell(year)
        quotes = [s for s in _unique(ctx.cell_sources(cell)) if s.quote] if cell else []
        if not quotes:
            continue
        column = [f'<div class="hb-sbs__col" markdown>\n\n#### {year}\n']
        shown: set[str] = set()
        for source in quotes:
            # The source line between quotes keeps each quote its own blockquote.
            column.append(f"> {source.quote}\n\n— [{source.label}]({markdown_link(uri, source.target or '')})\n")
            if source.target and source.para and source.target not in shown:
                shown.add(source.target)
                column.append(_whole_paragraph(ctx, source))
        column.append("</div>\n")
        columns.append("\n".join(column))
    if not columns:
        return ""
    return (
        "## In the editions' own words\n\n"
        "Extracts from the text this handbook holds, quoted exactly, with a link to each; open "
        '"in full" to read a numbered paragraph whole. Editions with no text held here have no column.\n\n'
        '<div class="hb-sbs" markdown>\n\n' + "\n".join(columns) + "\n</div>\n\n"
    )


# --- a pair of editions -------------------------------------------------------------------------


def pair_page(ctx: Context, earlier: int, later: int) -> str:
    uri = pair_uri(earlier, later)
    old, new = ctx.edition(earlier), ctx.edition(later)
    title = f"{earlier} to {later}: what changed"
    description = (
        f"What changed between the {earlier} and {later} editions of Working Together to Safeguard Children, "
        "topic by topic."
    )
    out = [front_matter(ctx, title, description), f"# {title}\n\n"]
    out.append(
        f"{_edition_link(new, uri)} was published on {long_date(new.published)}. It replaced "
        f"{_edition_link(old, uri)}, published on {long_date(old.published)}. Source: *{new.reference}*.\n\n"
        f"Part of [Compare editions]({markdown_link(uri, HUB)}). Where the handbook holds too little of either "
        'edition to tell, the change is marked "Not known".\n\n'
    )
    topics = ctx.concordance.topics
    out.append("## Summary\n\n| Topic | What happened |\n|---|---|\n")
    for topic in topics:
        change = topic.change_between(earlier, later)
        label = CHANGE_LABELS[change.change] if change else "Not known"
        out.append(f"| [{_cell(topic.title)}](#{topic.id}) | {label} |\n")
    out.append("\n## Topic by topic\n\n")
    for topic in topics:
        change = topic.change_between(earlier, later)
        label = CHANGE_LABELS[change.change] if change else "Not known"
        out.append(f"### {topic.title} {{#{topic.id}}}\n\n")
        out.append(f'<p class="hb-change hb-change--{label.lower().replace(" ", "-")}">{label}</p>\n\n')
        out.append((change.text if change else NOT_KNOWN) + "\n\n")
        if change and change.cite:
            out.append(f"Sources: {sources_md(ctx.sources(change.cite), uri)}.\n\n")
        out.append(f"[Compare this topic across all the editions]({markdown_link(uri, topic_uri(topic.id))}).\n\n")
    wording = [a for a in ctx.alignments.confirmed if ctx.years(a) == (earlier, later)]
    out.append(wording_list(ctx, wording, uri, "## The wording compared"))
    return "".join(out)


# --- a wording page -----------------------------------------------------------------------------


def wording_page(ctx: Context, alignment: Alignment) -> str:
    uri = wording_uri(alignment.id)
    old_label, new_label = ctx.sides(alignment)
    title = alignment.title
    description = f"{alignment.title}: the words of {old_label} and {new_label} compared, word by word."
    out = [front_matter(ctx, f"Compare the wording: {title}", description), f"# {title}\n\n"]
    out.append(f"The words of **{old_label}** and **{new_label}**, compared word by word.\n\n")
    if alignment.about:
        out.append(f"{alignment.about}\n\n")
    topic = ctx.concordance.topic(alignment.topic)
    out.append(
        f"Part of [Compare editions]({markdown_link(uri, HUB)}). For what changed in our words, with "
        f"citations, see the topic [{topic.title}]({markdown_link(uri, topic_uri(topic.id))}).\n\n"
    )
    out.append(
        "## How the changes are marked\n\n"
        '- <span class="hb-diff__delete">Struck-through words</span> are in the older text only '
        '(removed). Screen readers announce them as "removed".\n'
        '- <span class="hb-diff__insert">Underlined words</span> are in the newer text only (added). '
        'Screen readers announce them as "added".\n'
        '- Printed copies show "[removed: …]" and "[added: …]" around the changes.\n\n'
    )
    out.append("## The passages compared\n\n")
    out.append(diff_html(ctx, alignment, uri) + "\n\n")
    return "".join(out)


# --- edition pages: "This topic in other editions" ----------------------------------------------


def other_editions_block(ctx: Context, src_uri: str, edition: int | None) -> str:
    """Links from an edition page to what the other editions say on the topics it is cited for."""
    topics = topics_citing(ctx, src_uri)
    if not topics:
        return ""
    out = [
        "## This topic in other editions {#other-editions}\n\n",
        '<div class="hb-other-editions" data-search-exclude="" markdown>\n\n',
    ]
    for topic in topics:
        out.append(f"**[{topic.title}]({markdown_link(src_uri, topic_uri(topic.id))})**\n\n")
        for year in ctx.concordance.editions:
            if year == edition:
                continue
            cell = topic.cell(year)
            if cell is None or cell.not_stated:
                out.append(f"- {year}: *{NOT_STATED}*\n")
                continue
            links = sources_md(ctx.cell_sources(cell), src_uri, short=True)
            out.append(f"- {year}: {cell.short} ({links})\n")
        wording = [
            a
            for a in ctx.alignments_for_topic(topic.id)
            if any(p.path == src_uri for row in a.rows for p in [*row.old, *row.new])
        ]
        for alignment in wording:
            out.append(
                f"- [Compare the wording: {alignment.title}]({markdown_link(src_uri, wording_uri(alignment.id))})\n"
            )
        out.append("\n")
    out.append("</div>\n")
    return "".join(out)


def insert_before_footer(markdown: str, block: str) -> str:
    """Put ``block`` before the page's closing source note (after its last ``---`` line), or at the end."""
    if not block:
        return markdown
    lines = markdown.splitlines(keepends=True)
    for index in range(len(lines) - 1, -1, -1):
        if lines[index].strip() == "---":
            return "".join([*lines[:index], block, "\n", *lines[index:]])
    return markdown.rstrip("\n") + "\n\n" + block


# --- everything ---------------------------------------------------------------------------------


def generated_pages(ctx: Context) -> dict[str, str]:
    """Every generated page (not the hub, which has a hand-written source): src_uri → Markdown."""
    pages = {topic_uri(t.id): topic_page(ctx, t) for t in ctx.concordance.topics}
    pages.update({pair_uri(a, b): pair_page(ctx, a, b) for a, b in ctx.concordance.pairs})
    pages.update({wording_uri(a.id): wording_page(ctx, a) for a in ctx.alignments.confirmed})
    return pages
