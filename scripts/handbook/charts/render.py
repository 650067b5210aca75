"""Draw a chart and write it out in words, from the same source (``charts.load.LoadedChart``).

Two renderings, one source:

- ``mermaid_source``: Mermaid ``flowchart`` text with ``accTitle``/``accDescr`` and a ``click`` link
  on every step. Mermaid (inside Material) does not rewrite URLs, so each link is resolved here for
  the page it is drawn on and for the build it is in (``../x/`` over http, ``x.html`` on the file
  share): see ``Links``.
- ``steps_markdown``: the text alternative, a numbered list of the same steps with their timescales,
  citations and links, for screen-reader users and printed copies.

Text that goes into Mermaid is escaped as Mermaid entity codes (``#35;``), so no label can break
the chart or inject markup; the browser tests prove every chart parses and renders.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import yaml

from handbook.charts.load import (
    PAGE_MARKER,
    Diagram,
    LoadedChart,
    Marker,
    Node,
    find_markers,
    step_anchor,
    step_numbers,
)
from handbook.content.editions import Editions, long_date
from handbook.core.links import markdown_link, page_url, relative_url

#: Mermaid's layout settings for every chart (kept narrow enough to fit a 1280-px screen).
MERMAID_CONFIG = {"flowchart": {"wrappingWidth": 170, "nodeSpacing": 28, "rankSpacing": 42, "curve": "linear"}}
#: Diagrams shown side by side get half the width each, so their boxes wrap sooner.
SIDE_BY_SIDE_WRAPPING = 150
#: Characters that stay as they are in Mermaid text; everything else becomes an entity code.
_MERMAID_PLAIN = frozenset(" ,.'’‘()?!:/–—-")
OUTSIDE_HEADING = "Facts from outside the text this handbook holds"


# --- Links -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Links:
    """How the page being written links to other pages.

    ``markdown`` gives relative ``.md`` links, which MkDocs checks and rewrites for each build.
    ``href`` gives final URLs, for Mermaid's ``click`` links, which nothing else rewrites.
    """

    page_src_uri: str
    #: Site path of a page (``a/b.md``) → its URL relative to this page, as this build writes it.
    url_of: Callable[[str], str]

    def markdown(self, link: str) -> str:
        path, _, anchor = link.partition("#")
        if path == self.page_src_uri and anchor:
            return f"#{anchor}"
        return markdown_link(self.page_src_uri, link)

    def href(self, link: str) -> str:
        path, _, anchor = link.partition("#")
        return (self.url_of(path) or "./") + (f"#{anchor}" if anchor else "")


def links_for(page_src_uri: str, directory_urls: bool = True) -> Links:
    """Links from a page, computed from site paths alone (the plugin uses MkDocs' File objects)."""
    own = page_url(page_src_uri, directory_urls) or "./"

    def url_of(target: str) -> str:
        return relative_url(page_url(target, directory_urls) or "./", own)

    return Links(page_src_uri, url_of)


# --- Mermaid ---------------------------------------------------------------------------------------


def mermaid_text(text: str) -> str:
    """Text safe inside a quoted Mermaid label: letters, digits and plain punctuation as they are,
    everything else (quotes, ``#``, ``<``, ``*``, ``;``, backticks...) as an entity code."""
    return "".join(ch if ch.isalnum() or ch in _MERMAID_PLAIN else f"#{ord(ch)};" for ch in text)


def mermaid_id(node_id: str) -> str:
    """Node ids are prefixed, so no step id can be a Mermaid keyword (``end``, ``class``, ``style``)."""
    return f"n_{node_id}"


_SHAPES = {"start": ('(["', '"])'), "end": ('(["', '"])'), "decision": ('{{"', '"}}'), "step": ('["', '"]')}


def _node_label(number: int, node: Node) -> str:
    """A Mermaid Markdown string: the bold step number and label, then the timescale in italics."""
    label = f"**{number}.** {mermaid_text(node.label)}"
    if node.timescale:
        label += f"\n*{mermaid_text(node.timescale)}*"
    return f"`{label}`"


@dataclass(frozen=True)
class MermaidSource:
    """Mermaid text, and the line in the chart file that each of its lines comes from."""

    text: str
    lines: tuple[int, ...]

    def chart_line(self, mermaid_line: int) -> int:
        """The chart-file line behind a (1-based) line of the Mermaid text."""
        index = min(max(mermaid_line, 1), len(self.lines)) - 1
        return self.lines[index]


def mermaid_source(loaded: LoadedChart, diagram: Diagram, links: Links) -> MermaidSource:
    """The diagram as Mermaid flowchart text, with links resolved for ``links``' page and build."""
    d_index = loaded.chart.diagrams.index(diagram)
    where = ("diagrams", d_index)
    out: list[tuple[str, int]] = []
    top = loaded.line_of(*where)

    def emit(text: str, line: int) -> None:
        for part in text.split("\n"):
            out.append((part, line))

    config = {"flowchart": dict(MERMAID_CONFIG["flowchart"])}
    if len(loaded.chart.diagrams) > 1:
        config["flowchart"]["wrappingWidth"] = SIDE_BY_SIDE_WRAPPING
    emit("---\n" + yaml.safe_dump({"config": config}, sort_keys=False).strip() + "\n---", top)
    emit(f"flowchart {diagram.direction}", loaded.line_of(*where, "direction"))
    emit(f"  accTitle: {diagram.acc_title}", loaded.line_of(*where, "acc_title"))
    emit(f"  accDescr: {diagram.acc_descr}", loaded.line_of(*where, "acc_descr"))
    numbers = step_numbers(diagram)
    for node_id, node in diagram.nodes.items():
        opening, closing = _SHAPES[node.kind]
        emit(
            f"  {mermaid_id(node_id)}{opening}{_node_label(numbers[node_id], node)}{closing}",
            loaded.line_of(*where, "nodes", node_id),
        )
    for node_id, node in diagram.nodes.items():
        for target, label in node.edges():
            arrow = f'-->|"{mermaid_text(label)}"|' if label else "-->"
            line = loaded.line_of(*where, "nodes", node_id, "next")
            emit(f"  {mermaid_id(node_id)} {arrow} {mermaid_id(target)}", line)
    for node_id, node in diagram.nodes.items():
        emit(
            f'  click {mermaid_id(node_id)} href "{links.href(node.link)}" _self',
            loaded.line_of(*where, "nodes", node_id, "link"),
        )
    outside = [mermaid_id(node_id) for node_id, node in diagram.nodes.items() if node.outside_hosted_text]
    if outside:
        emit("  classDef outside stroke-dasharray:7 4,stroke-width:2px", top)
        emit(f"  class {','.join(outside)} outside", top)
    return MermaidSource("\n".join(text for text, _ in out), tuple(line for _, line in out))


def diagram_block(loaded: LoadedChart, diagram: Diagram, links: Links) -> str:
    """The raw HTML Material turns into a chart. Its source is kept out of the search index."""
    source = mermaid_source(loaded, diagram, links).text
    return (
        f'<div class="hb-chart" data-search-exclude="" data-chart="{loaded.id}/{diagram.id}">\n'
        f'<pre class="mermaid"><code>{html.escape(source, quote=False)}</code></pre>\n'
        "</div>"
    )


# --- The text alternative --------------------------------------------------------------------------


def markdown_text(text: str) -> str:
    """Plain text that Markdown shows as written (no emphasis, links or HTML from a label)."""
    escaped = html.escape(text, quote=False)
    for ch in "\\`*_[]#|~":
        escaped = escaped.replace(ch, "\\" + ch)
    return escaped


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def _source_line(loaded: LoadedChart, diagram: Diagram, node_id: str, node: Node, links: Links) -> str:
    source = loaded.sources[(diagram.id, node_id)]
    target = links.markdown(node.link)
    if source.outside:
        return (
            f"Source, not in the text this handbook holds: *{markdown_text(source.cite)}*. "
            f"See [{markdown_text(source.page_title)}]({target})."
        )
    return f"Source: [{markdown_text(source.cite)}]({target})."


def _next_lines(diagram: Diagram, node: Node, prefix: str = "") -> list[str]:
    numbers = step_numbers(diagram)

    def step(target: str) -> str:
        label = markdown_text(diagram.nodes[target].label)
        return f"[step {numbers[target]}](#{prefix}{step_anchor(diagram, target)}) – {label}"

    edges = node.edges()
    if not edges:
        return ["This is where this pathway ends."] if node.kind == "end" and not node.continues else []
    if len(edges) == 1 and edges[0][1] is None:
        return [f"Next: {step(edges[0][0])}."]
    items = [f"- {markdown_text(label)}: {step(target)}" if label else f"- {step(target)}" for target, label in edges]
    return ["Next, depending on what is found:" if node.kind == "decision" else "Next:", "\n".join(items)]


def steps_markdown(
    loaded: LoadedChart,
    diagram: Diagram,
    links: Links,
    others: Mapping[str, LoadedChart] | None = None,
    prefix: str = "",
) -> str:
    """The diagram's steps in words: an ordered list, one item per step, in the order written.

    ``others`` (chart id → chart) names the charts that a step's ``continues`` points to.
    ``prefix`` goes before each step's anchor: a chart shown inside another page must not take the
    ids of that page's headings (a step "lscb-chair" would move the heading "LSCB chair" to
    "#lscb-chair_1" and break every link to it).
    """
    others = others or {}
    items = []
    for node_id, node in diagram.nodes.items():
        first = f"**{markdown_text(_sentence(node.label))}**"
        if node.detail:
            first += " " + markdown_text(node.detail)
        paragraphs = [first]
        if node.timescale:
            paragraphs.append(f"Timescale: {markdown_text(_sentence(node.timescale))}")
        paragraphs.append(_source_line(loaded, diagram, node_id, node, links))
        paragraphs += _next_lines(diagram, node, prefix)
        if node.continues:
            other = others[node.continues]
            paragraphs.append(
                f"The pathway carries on in the chart [{markdown_text(other.chart.title)}]"
                f"({links.markdown(other.src_uri)})."
            )
        body = "\n\n".join(paragraphs)
        items.append(f'<li id="{prefix}{step_anchor(diagram, node_id)}" markdown="block">\n{body}\n</li>')
    return '<ol class="hb-chart-steps" markdown>\n' + "\n".join(items) + "\n</ol>"


# --- Pages -----------------------------------------------------------------------------------------


def _editions_text(years: Iterable[int]) -> str:
    years = sorted(years)
    if len(years) == 1:
        return f"the {years[0]} edition"
    return "the " + ", ".join(str(y) for y in years[:-1]) + f" and {years[-1]} editions"


def _outside_steps(diagrams: Iterable[Diagram]) -> list[tuple[Diagram, str, Node]]:
    return [
        (diagram, node_id, node)
        for diagram in diagrams
        for node_id, node in diagram.nodes.items()
        if node.outside_hosted_text
    ]


def legend_markdown(diagrams: Iterable[Diagram], outside_link: str) -> str:
    """How to read the chart: numbers, links and dashed boxes (never colour alone)."""
    text = (
        "**How to read the chart.** Each box has the number of its step in the text version below it. "
        "Select a box with underlined words to open the text that box comes from."
    )
    if _outside_steps(diagrams):
        text += (
            " A box with a **dashed border** is a step or timescale from outside the text this handbook "
            f"holds: see [{OUTSIDE_HEADING.lower()}]({outside_link})."
        )
    return f'<p class="hb-chart-legend" markdown>{text}</p>'


def outside_markdown(loaded: LoadedChart) -> str:
    """The page's plain statement of which facts come from outside the hosted text."""
    steps = _outside_steps(loaded.chart.diagrams)
    if not steps:
        return "Every step and timescale in this chart comes from text this handbook holds."
    lines = [
        "These steps and timescales are **not in the text this handbook holds**. They come from the "
        "publications named, which the handbook cites by name only. Check them against the edition "
        "you are working to.",
        "",
    ]
    many = len(loaded.chart.diagrams) > 1
    for diagram, node_id, node in steps:
        number = step_numbers(diagram)[node_id]
        where = f"{markdown_text(diagram.heading or '')}, step {number}" if many else f"Step {number}"
        fact = markdown_text(node.label) + (f" ({markdown_text(node.timescale)})" if node.timescale else "")
        cite = markdown_text(loaded.sources[(diagram.id, node_id)].cite)
        lines.append(f"- [{where}](#{step_anchor(diagram, node_id)}): {fact}. Source: *{cite}*.")
    return "\n".join(lines)


def replaced_notice(loaded: LoadedChart, editions: Editions) -> str:
    """Say plainly that a chart shows replaced guidance and name the current edition (from editions.yml)."""
    current = editions.current
    if current.year in loaded.editions:
        return ""
    where = f"[{markdown_text(current.title)}]({current.url})" if current.url else markdown_text(current.title)
    body = (
        f"This chart shows {_editions_text(loaded.editions)}, which have been replaced. The current "
        f"statutory guidance is {where}, published on {long_date(current.published)}. Check each step "
        "against it and against your local procedures before you act on it."
    )
    if len(loaded.editions) == 1:
        body = body.replace("which have been replaced", "which has been replaced")
    return (
        '<div class="admonition warning hb-superseded" data-search-exclude="" markdown>\n'
        f'<p class="admonition-title">Not the current guidance</p>\n\n{body}\n\n</div>'
    )


def chart_page_markdown(
    loaded: LoadedChart, links: Links, editions: Editions, others: Mapping[str, LoadedChart] | None = None
) -> str:
    """The body of a chart's own page: chart(s), legend, the steps in words, sources, notes."""
    chart = loaded.chart
    parts = [f"# {markdown_text(chart.title)}"]
    notice = replaced_notice(loaded, editions)
    if notice:
        parts.append(notice)
    if chart.intro:
        parts.append(chart.intro.strip())
    if not notice:
        parts.append(f"This chart shows {_editions_text(loaded.editions)} of *Working Together to Safeguard Children*.")
    panels = []
    for diagram in chart.diagrams:
        panel = []
        if len(chart.diagrams) > 1:
            panel.append(f"## {markdown_text(diagram.heading or '')} {{#{diagram.id}}}")
            panel.append(f"*{_editions_text(diagram.editions).capitalize()}.*")
        else:
            panel.append(f'<span id="{diagram.id}"></span>')
        panel.append(diagram_block(loaded, diagram, links))
        panels.append("\n\n".join(panel))
    if len(panels) > 1:
        body = "\n\n".join(f'<div class="hb-chart-panel" markdown>\n\n{panel}\n\n</div>' for panel in panels)
        parts.append(f'<div class="hb-chart-row" markdown>\n\n{body}\n\n</div>')
    else:
        parts.append(panels[0])
    parts.append(legend_markdown(chart.diagrams, "#outside-sources"))
    for diagram in chart.diagrams:
        heading = f"{diagram.heading}, step by step" if len(chart.diagrams) > 1 else "The steps in words"
        parts.append(f"## {markdown_text(heading)} {{#{diagram.id}-steps}}")
        parts.append(steps_markdown(loaded, diagram, links, others))
    parts.append(f"## {OUTSIDE_HEADING} {{#outside-sources}}")
    parts.append(outside_markdown(loaded))
    if chart.notes:
        parts.append(chart.notes.strip())
    return "\n\n".join(parts) + "\n"


#: Before the step anchors of a chart shown inside another page (see ``steps_markdown``).
EMBED_PREFIX = "chart-{chart}-"


def embed_markdown(
    loaded: LoadedChart, diagram_id: str | None, links: Links, others: Mapping[str, LoadedChart] | None = None
) -> str:
    """A chart (or one of its diagrams) inside another page, with its steps in words under it.

    Left out of the search index: the chart's own page is the one search should find.
    """
    diagrams = [loaded.diagram(diagram_id)] if diagram_id else loaded.chart.diagrams
    page = links.markdown(loaded.src_uri)
    parts = []
    for diagram in diagrams:
        if len(loaded.chart.diagrams) > 1:
            caption = (
                f"[{markdown_text(diagram.heading or '')}]({page}#{diagram.id}), from the chart "
                f"[{markdown_text(loaded.chart.title)}]({page})"
            )
        else:
            caption = f"[{markdown_text(loaded.chart.title)}]({page}) ({_editions_text(diagram.editions)})"
        parts.append(
            f'<figure class="hb-chart-embed" data-search-exclude="" markdown>\n'
            f"<figcaption markdown>Flowchart: {caption}</figcaption>\n\n"
            f"{diagram_block(loaded, diagram, links)}\n\n"
            f"{legend_markdown([diagram], page + '#outside-sources')}\n\n"
            f'<details class="hb-chart-embed__steps" markdown>\n<summary>The steps in words</summary>\n\n'
            f"{steps_markdown(loaded, diagram, links, others, EMBED_PREFIX.format(chart=loaded.id))}"
            "\n\n</details>\n</figure>"
        )
    return "\n\n".join(parts)


def chart_list_markdown(charts: list[LoadedChart], editions: Editions, links: Links, listing: str) -> str:
    """The charts for one edition (``listing`` "2010"), or every chart by edition (``"all"``)."""
    if listing != "all":
        return _edition_list(charts, int(listing), links) or "This handbook has no flowchart for this edition."
    parts = []
    for edition in editions.editions:
        items = _edition_list(charts, edition.year, links)
        if not items:
            continue
        title = markdown_text(edition.title)
        heading = f"### [{title}]({links.markdown(edition.page)})" if edition.page else f"### {title}"
        parts.append(f"{heading} {{#edition-{edition.year}}}\n\n{items}")
    return "\n\n".join(parts)


def _edition_list(charts: list[LoadedChart], year: int, links: Links) -> str:
    items = []
    for loaded in charts:
        page = links.markdown(loaded.src_uri)
        for diagram in loaded.chart.diagrams:
            if year not in diagram.editions:
                continue
            if len(loaded.chart.diagrams) > 1:
                items.append(
                    f"- [{markdown_text(diagram.heading or '')}]({page}#{diagram.id}) "
                    f"({markdown_text(loaded.chart.title)})"
                )
            else:
                items.append(f"- [{markdown_text(loaded.chart.title)}]({page})")
    return "\n".join(items)


def chart_index_markdown(charts: list[LoadedChart], links: Links) -> str:
    """Every chart in order, with what it shows and which editions."""
    return "\n".join(
        f"{number}. [{markdown_text(loaded.chart.title)}]({links.markdown(loaded.src_uri)}): "
        f"{markdown_text(loaded.chart.description)} ({_editions_text(loaded.editions).capitalize()}.)"
        for number, loaded in enumerate(charts, start=1)
    )


def expand_markers(markdown: str, charts: list[LoadedChart], editions: Editions, links: Links) -> str:
    """Replace every chart marker on a page (``charts.load.MARKER`` and a chart page's own marker)."""
    by_id = {chart.id: chart for chart in charts}
    lines = markdown.split("\n")
    markers: dict[int, Marker] = {marker.line - 1: marker for marker in find_markers(markdown)}
    for index, line in enumerate(lines):
        stripped = line.strip()
        page_of = next((chart for chart in charts if stripped == PAGE_MARKER.format(id=chart.id)), None)
        if page_of is not None:
            lines[index] = chart_page_markdown(page_of, links, editions, by_id)
        elif index in markers:
            marker = markers[index]
            if marker.listing == "all":
                lines[index] = (
                    chart_index_markdown(charts, links)
                    + "\n\n## Charts by edition\n\n"
                    + chart_list_markdown(charts, editions, links, "all")
                )
            elif marker.listing:
                lines[index] = chart_list_markdown(charts, editions, links, marker.listing)
            else:
                lines[index] = embed_markdown(by_id[marker.chart], marker.diagram, links, by_id)
    return "\n".join(lines)
