"""Referral flowcharts: one YAML file per chart in ``flowcharts/``, validated with file and line.

A chart is data, not Mermaid: each step (node) says what happens, its timescale, the text that
governs it (a link to ``page.md#anchor``) and how that text is cited. From that one source the
build draws the Mermaid chart and writes the text alternative (see ``charts.render``), so the two
can never disagree.

Statutory guidance is not a toy, so the checks here are strict:

- every link must reach a page the handbook publishes, and an anchor that page defines;
- a step that links to a numbered paragraph must cite that paragraph's number (and a paragraph of
  the 2013 consultation draft must be cited as the draft);
- a step whose fact is *not* in the text the handbook holds (``outside_hosted_text: true``) must
  cite the publication by name and must not cite or link to a paragraph number, because nobody
  here has seen that paragraph.

Everything is reported at once as ``flowcharts/x.yml:LINE: what is wrong (what to do)``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from handbook.content.anchors import markdown_anchors
from handbook.content.editions import Editions, load_editions
from handbook.core.errors import ContentError, ContentErrors
from handbook.core.frontmatter import parse_front_matter
from handbook.core.located_yaml import LocatedYaml, PlainLoader, load_located_yaml, validate_located
from handbook.core.model import Edition, page_errors
from handbook.core.sources import Page, load_pages

#: Where chart sources live, and the site folder their pages are published in.
CHARTS_DIR = "flowcharts"
PAGES_DIR = "flowcharts"

CHART_ID = re.compile(r"^[a-z][a-z0-9-]*$")
NODE_ID = re.compile(r"^[a-z][a-z0-9_]*$")
LINK = re.compile(r"^(?P<path>[a-z0-9][a-z0-9_./-]*\.md)(?:#(?P<anchor>[a-z][a-z0-9_-]*))?$")
PARAGRAPH_ANCHOR = re.compile(r"^para-(?P<number>[0-9]+(?:-[0-9]+)*)$")
SECTION_ANCHOR = re.compile(r"^section-(?P<number>[0-9]+(?:-[0-9]+)*)$")
#: A citation of a numbered paragraph ("paragraph 61", "paras 62-76", "§ 3").
PARAGRAPH_CITATION = re.compile(r"\b(?:paragraphs?|paras?\.?)\s*[0-9]|§\s*[0-9]", re.IGNORECASE)

HINTS: dict[str, str] = {
    "title": "the chart's title",
    "description": "one sentence saying what the chart shows",
    "owner": "the team or role responsible for the chart",
    "last_reviewed": "YYYY-MM-DD",
    "review_due": "YYYY-MM-DD",
    "order": "the chart's place in the Flowcharts section, e.g. 1",
    "diagrams": "a list of diagrams (see flowcharts/README.md)",
    "id": "a short name in lower case, e.g. model-2010",
    "editions": "[2013, 2015, 2018]",
    "acc_title": "a short title read out by screen readers",
    "acc_descr": "one or two sentences describing the whole chart for screen readers",
    "nodes": "the steps of the chart (see flowcharts/README.md)",
    "label": "the words in the box",
    "link": "page.md#anchor of the text that governs this step",
}


def _one_line(text: str) -> str:
    """Chart text is shown in boxes and read out: collapse YAML's line breaks and runs of spaces."""
    return " ".join(text.split())


OneLine = Annotated[str, AfterValidator(_one_line), Field(min_length=1)]


def _plain_for_mermaid(text: str) -> str:
    """Mermaid passes accTitle/accDescr to screen readers without decoding: "&" is read out as "&amp;"."""
    found = sorted({ch for ch in text if ch in "&#<>"})
    if found:
        raise ValueError(
            f'"{text}" must not contain {" or ".join(found)}: screen readers would hear it wrongly '
            '(write "and" for "&", "number" for "#")'
        )
    return text


AccessibleText = Annotated[OneLine, AfterValidator(_plain_for_mermaid)]


class Node(BaseModel):
    """One step of a chart."""

    model_config = ConfigDict(extra="forbid")

    label: OneLine = Field(max_length=110)
    #: start and end are drawn as rounded boxes, decision as a hexagon, step as a rectangle.
    kind: Literal["start", "step", "decision", "end"] = "step"
    timescale: OneLine | None = Field(default=None, max_length=80)
    #: A sentence or two for the text alternative (not drawn in the chart).
    detail: OneLine | None = None
    #: The text that governs this step: ``page.md#anchor`` (site path of a page the handbook publishes).
    link: str = Field(min_length=1)
    #: How the governing text is cited. May be left out for a numbered paragraph of a page with
    #: ``cite_as`` in its front matter ("<cite_as>, paragraph N" is then used).
    cite: OneLine | None = None
    #: True when the fact (step or timescale) is not in any text the handbook holds.
    outside_hosted_text: bool = False
    #: The id of another chart where the pathway carries on from this step (e.g. child-protection).
    continues: str | None = None
    #: The steps that follow: a list of node ids, or a mapping of node id → label on the arrow.
    next: list[str] | dict[str, OneLine | None] = Field(default_factory=list)

    def edges(self) -> list[tuple[str, str | None]]:
        """(target node id, arrow label or None), in the order written."""
        if isinstance(self.next, dict):
            return list(self.next.items())
        return [(target, None) for target in self.next]


class Diagram(BaseModel):
    """One Mermaid diagram; a chart has one, or two shown side by side (e.g. 2010 beside 2013)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    heading: OneLine | None = None
    editions: list[Edition] = Field(min_length=1)
    acc_title: AccessibleText
    acc_descr: AccessibleText
    direction: Literal["TD", "LR"] = "TD"
    nodes: dict[str, Node] = Field(min_length=1)


class Chart(BaseModel):
    """A chart source file: the page's metadata and its diagrams."""

    model_config = ConfigDict(extra="forbid")

    title: OneLine
    description: OneLine
    owner: OneLine
    last_reviewed: dt.date
    review_due: dt.date
    order: int
    #: Markdown shown above the chart(s).
    intro: str | None = None
    #: Markdown shown after the text alternative (e.g. what is uncertain, what changed).
    notes: str | None = None
    diagrams: list[Diagram] = Field(min_length=1)


@dataclass(frozen=True)
class Source:
    """How a step's source is shown: the citation, and the title of the page the step links to."""

    cite: str
    page_title: str
    outside: bool = False


@dataclass
class LoadedChart:
    """A valid chart, where it came from, and the citation of each step."""

    id: str
    path: str  # relative to the project root, e.g. "flowcharts/referral.yml"
    chart: Chart
    located: LocatedYaml
    #: (diagram id, node id) → how that step's source is cited and shown.
    sources: dict[tuple[str, str], Source] = field(default_factory=dict)

    @property
    def src_uri(self) -> str:
        """Where the chart's page is published (a page made by the build, not a file in docs/)."""
        return f"{PAGES_DIR}/{self.id}.md"

    @property
    def editions(self) -> list[int]:
        return sorted({year for diagram in self.chart.diagrams for year in diagram.editions})

    def diagram(self, diagram_id: str) -> Diagram | None:
        return next((d for d in self.chart.diagrams if d.id == diagram_id), None)

    def anchors(self) -> set[str]:
        """Anchors the chart's page defines (see ``charts.render``): each diagram and each step."""
        found = {"outside-sources"}
        for diagram in self.chart.diagrams:
            found |= {diagram.id, f"{diagram.id}-steps"}
            found |= {step_anchor(diagram, node_id) for node_id in diagram.nodes}
        return found

    def line_of(self, *loc: str | int) -> int:
        return self.located.line_of(loc)


def step_anchor(diagram: Diagram, node_id: str) -> str:
    """The id of a step in the text alternative: ``<diagram id>-<node id>`` (underscores as dashes)."""
    return f"{diagram.id}-{node_id.replace('_', '-')}"


def step_numbers(diagram: Diagram) -> dict[str, int]:
    """Node id → step number (the order the nodes are written in, from 1)."""
    return {node_id: index for index, node_id in enumerate(diagram.nodes, start=1)}


# --- Loading ---------------------------------------------------------------------------------------


def duplicate_keys(text: str, path: str) -> list[ContentError]:
    """YAML keeps only the last of two equal keys; a repeated node id would silently lose a step."""
    try:
        root = yaml.compose(text, Loader=PlainLoader)
    except yaml.YAMLError:
        return []  # reported by load_located_yaml
    errors = []
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in node.value:
                name = str(key.value)
                line = key.start_mark.line + 1
                if name in seen:
                    errors.append(
                        ContentError(path, line, f'"{name}" is written twice (first on line {seen[name]}): rename one')
                    )
                seen.setdefault(name, line)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return errors


def read_chart(text: str, path: str) -> tuple[LoadedChart | None, list[ContentError]]:
    """Parse and validate one chart file on its own (links to pages are checked by ``check_links``)."""
    chart_id = Path(path).stem
    errors: list[ContentError] = []
    if not CHART_ID.match(chart_id):
        errors.append(
            ContentError(path, 1, f'the file name "{Path(path).name}" must be lower case letters, digits and dashes')
        )
    located = load_located_yaml(text, path)
    if isinstance(located, ContentError):
        return None, [located]
    if not isinstance(located.data, dict):
        message = "a chart file must be a list of 'key: value' lines (see flowcharts/README.md)"
        return None, [ContentError(path, 1, message)]
    errors += duplicate_keys(text, path)
    chart, model_errors = validate_located(Chart, located, path, HINTS)
    if chart is None:
        return None, errors + model_errors
    loaded = LoadedChart(id=chart_id, path=path, chart=chart, located=located)
    errors += _structure_errors(loaded)
    return (None if errors else loaded), errors


def _structure_errors(loaded: LoadedChart) -> list[ContentError]:
    """Rules that involve more than one value: ids, arrows, headings, dates."""
    chart, path = loaded.chart, loaded.path
    errors = []

    def error(loc: tuple[str | int, ...], message: str) -> None:
        errors.append(ContentError(path, loaded.line_of(*loc), message))

    if chart.review_due <= chart.last_reviewed:
        error(("review_due",), f'review_due "{chart.review_due}" must be after last_reviewed "{chart.last_reviewed}"')
    seen_diagrams: set[str] = set()
    for d_index, diagram in enumerate(chart.diagrams):
        where = ("diagrams", d_index)
        if not CHART_ID.match(diagram.id):
            error((*where, "id"), f'id "{diagram.id}" must be lower case letters, digits and dashes')
        if diagram.id in seen_diagrams:
            error((*where, "id"), f'two diagrams have the id "{diagram.id}": rename one')
        seen_diagrams.add(diagram.id)
        if len(chart.diagrams) > 1 and not diagram.heading:
            error(where, 'a chart with two diagrams needs a "heading" for each, e.g. "heading: The 2010 model"')
        linked = {target for node in diagram.nodes.values() for target, _ in node.edges()}
        for node_id, node in diagram.nodes.items():
            at = (*where, "nodes", node_id)
            if not NODE_ID.match(node_id):
                error(at, f'step id "{node_id}" must start with a letter and use only a-z, 0-9 and _')
            for index, (target, _label) in enumerate(node.edges()):
                arrow = (*at, "next", target if isinstance(node.next, dict) else index)
                if target not in diagram.nodes:
                    known = ", ".join(diagram.nodes)
                    error(
                        arrow,
                        f'step "{node_id}" goes next to "{target}", which is not a step of this diagram '
                        f"(steps: {known})",
                    )
                elif target == node_id:
                    error(arrow, f'step "{node_id}" must not lead to itself')
            if len(diagram.nodes) > 1 and not node.edges() and node_id not in linked:
                error(at, f'step "{node_id}" is not connected to any other step: add it to a "next" list')
    return errors


def load_charts(root: Path) -> tuple[list[LoadedChart], list[ContentError]]:
    """Read every chart file in ``flowcharts/`` (links are checked separately, against the pages)."""
    charts: list[LoadedChart] = []
    errors: list[ContentError] = []
    folder = root / CHARTS_DIR
    if not folder.is_dir():
        return charts, errors
    for path in sorted(folder.glob("*.yaml")):
        errors.append(ContentError(path.relative_to(root).as_posix(), 1, "rename the file to end in .yml"))
    for path in sorted(folder.glob("*.yml")):
        rel = path.relative_to(root).as_posix()
        loaded, chart_errors = read_chart(path.read_text(encoding="utf-8"), rel)
        errors += chart_errors
        if loaded is not None:
            charts.append(loaded)
    return sorted(charts, key=lambda c: (c.chart.order, c.id)), errors


# --- Links and citations ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """A page a chart may link to: its anchors and how its paragraphs are cited."""

    title: str
    anchors: frozenset[str]
    cite_as: str | None = None
    draft: bool = False


def link_targets(pages: Iterable[Page], charts: Iterable[LoadedChart]) -> dict[str, Target]:
    """Every page the handbook publishes (by src_uri), with the anchors its source defines."""
    targets = {}
    for page in pages:
        anchors = frozenset(markdown_anchors(page.front.body))
        draft = page.meta.edition_text == "consultation-draft"
        targets[page.src_uri] = Target(page.meta.title, anchors, page.meta.cite_as, draft)
    for chart in charts:
        targets[chart.src_uri] = Target(chart.chart.title, frozenset(chart.anchors()))
    return targets


def check_links(charts: list[LoadedChart], targets: dict[str, Target]) -> list[ContentError]:
    """Check every step's link and citation; fill in each chart's ``sources``."""
    errors: list[ContentError] = []
    for loaded in charts:
        for d_index, diagram in enumerate(loaded.chart.diagrams):
            for node_id, node in diagram.nodes.items():
                at = ("diagrams", d_index, "nodes", node_id)
                cite, problems = _check_node(node_id, node, targets)
                errors += [ContentError(loaded.path, loaded.line_of(*at, key), message) for key, message in problems]
                target = targets.get(node.link.split("#")[0])
                if cite is not None and target is not None:
                    loaded.sources[(diagram.id, node_id)] = Source(cite, target.title, node.outside_hosted_text)
    return errors


def _check_node(node_id: str, node: Node, targets: dict[str, Target]) -> tuple[str | None, list[tuple[str, str]]]:
    """The step's citation, and (key, message) for each problem with its link or citation."""
    step = f'step "{node_id}"'
    match = LINK.match(node.link)
    if not match:
        return None, [("link", f'{step}: link "{node.link}" must look like "folder/page.md#anchor" (lower case)')]
    path, anchor = match.group("path"), match.group("anchor") or ""
    target = targets.get(path)
    if target is None:
        close = [uri for uri in targets if uri.rsplit("/", 1)[-1] == path.rsplit("/", 1)[-1]]
        hint = (
            f'did you mean "{close[0]}"?'
            if close
            else "use the page's path under docs/, e.g. working-together/2013/index.md"
        )
        return None, [("link", f'{step}: link "{node.link}" goes to a page the handbook does not publish ({hint})')]
    problems: list[tuple[str, str]] = []
    if anchor and anchor not in target.anchors:
        message = f'{step}: the page {path} has no anchor "#{anchor}": link to a paragraph or heading it has'
        problems.append(("link", message))
    paragraph = PARAGRAPH_ANCHOR.match(anchor)
    cite = node.cite
    if cite is None and paragraph and target.cite_as:
        cite = f"{target.cite_as}, paragraph {paragraph.group('number').replace('-', '.')}"
    if cite is None:
        problems.append(("link", f'{step}: add a line "cite: ..." saying how the text this step links to is cited'))
        return None, problems
    if node.outside_hosted_text:
        return cite, problems + _outside_problems(step, cite, paragraph is not None)
    return cite, problems + _citation_problems(step, cite, anchor, target)


def _outside_problems(step: str, cite: str, links_to_paragraph: bool) -> list[tuple[str, str]]:
    """A fact from outside the hosted text cites its publication by name: no paragraph we have not seen."""
    problems = []
    if PARAGRAPH_CITATION.search(cite):
        problems.append(
            (
                "cite",
                f"{step}: its fact is not in the text this handbook holds, so cite the publication by name only: "
                "remove the paragraph number (nobody here has seen that paragraph)",
            )
        )
    if links_to_paragraph:
        problems.append(
            (
                "link",
                f"{step}: its fact is not in the text this handbook holds, so it must not link to a numbered "
                "paragraph as if that paragraph said it: link to the edition's page instead",
            )
        )
    return problems


def _citation_problems(step: str, cite: str, anchor: str, target: Target) -> list[tuple[str, str]]:
    """A citation of hosted text must match what the link points at."""
    problems = []
    for pattern, word in ((PARAGRAPH_ANCHOR, "paragraph"), (SECTION_ANCHOR, "section")):
        found = pattern.match(anchor)
        if not found:
            continue
        number = found.group("number").replace("-", ".")
        if not re.search(rf"\b{word}s?\s+(?:[0-9.]+,\s+)*{re.escape(number)}\b", cite):
            message = f'{step}: it links to {word} {number}, so its citation must say "{word} {number}"'
            problems.append(("cite", message))
    if target.draft and "draft" not in cite.lower():
        problems.append(("cite", f"{step}: it links to the 2013 consultation draft, so its citation must say so"))
    return problems


# --- Markers in pages ------------------------------------------------------------------------------

#: ``<!-- flowchart: referral -->`` embeds a chart; ``<!-- flowchart: assessment/model-2010 -->`` one
#: of its diagrams; ``<!-- flowcharts: 2010 -->`` lists an edition's charts (``all``: by edition).
MARKER = re.compile(
    r"^<!--\s*(?:flowchart:\s*(?P<chart>[a-z0-9-]+)(?:/(?P<diagram>[a-z0-9-]+))?"
    r"|flowcharts:\s*(?P<listing>all|[0-9]{4}))\s*-->\s*$"
)


@dataclass(frozen=True)
class Marker:
    line: int
    text: str
    chart: str | None = None
    diagram: str | None = None
    listing: str | None = None


def find_markers(markdown_text: str, first_line: int = 1) -> list[Marker]:
    """Every chart marker on its own line, with its line in the file."""
    found = []
    for offset, line in enumerate(markdown_text.splitlines()):
        match = MARKER.match(line.strip())
        if match:
            found.append(Marker(first_line + offset, line.strip(), match["chart"], match["diagram"], match["listing"]))
    return found


def marker_errors(pages: Iterable[Page], charts: list[LoadedChart], years: Iterable[int]) -> list[ContentError]:
    """Markers that name a chart, diagram or edition that does not exist."""
    by_id = {chart.id: chart for chart in charts}
    known_years = set(years)
    errors = []
    for page in pages:
        for marker in find_markers(page.front.body, page.front.end_line + 1):
            problem = None
            if marker.listing and marker.listing != "all" and int(marker.listing) not in known_years:
                problem = f"there is no {marker.listing} edition (use all, or one of {sorted(known_years)})"
            elif marker.chart and marker.chart not in by_id:
                problem = f'there is no chart "{marker.chart}" (charts: {", ".join(sorted(by_id))})'
            elif marker.chart and marker.diagram and by_id[marker.chart].diagram(marker.diagram) is None:
                ids = ", ".join(d.id for d in by_id[marker.chart].chart.diagrams)
                problem = f'chart "{marker.chart}" has no diagram "{marker.diagram}" (diagrams: {ids})'
            if problem:
                errors.append(ContentError(page.path, marker.line, f"{marker.text}: {problem}"))
    return errors


def continues_errors(charts: list[LoadedChart]) -> list[ContentError]:
    """A step that says "continues in chart X" must name a chart that exists."""
    ids = {chart.id for chart in charts}
    errors = []
    for loaded in charts:
        for d_index, diagram in enumerate(loaded.chart.diagrams):
            for node_id, node in diagram.nodes.items():
                if node.continues and node.continues not in ids:
                    errors.append(
                        ContentError(
                            loaded.path,
                            loaded.line_of("diagrams", d_index, "nodes", node_id, "continues"),
                            f'step "{node_id}" continues in chart "{node.continues}", which does not exist '
                            f"(charts: {', '.join(sorted(ids))})",
                        )
                    )
    return errors


def load_and_check(root: Path, pages: list[Page], years: Iterable[int]) -> tuple[list[LoadedChart], list[ContentError]]:
    """Everything the build needs: valid charts with their citations, or every error at once."""
    charts, errors = load_charts(root)
    errors += continues_errors(charts)
    published = {page.src_uri: page.path for page in pages}
    for chart in charts:
        if chart.src_uri in published:
            message = f"{published[chart.src_uri]} is published at this chart's address: rename one"
            errors.append(ContentError(chart.path, 1, message))
    errors += check_links(charts, link_targets(pages, charts))
    errors += marker_errors(pages, charts, years)
    return charts, errors


# --- The page a chart becomes ----------------------------------------------------------------------

#: The marker a chart's own page is made of (expanded like the authors' markers, see charts.render).
PAGE_MARKER = "<!-- flowchart-page: {id} -->"


def page_text(loaded: LoadedChart) -> str:
    """The chart page MkDocs builds (in memory): front matter, then the marker the plugin expands."""
    chart = loaded.chart
    meta = {
        "title": chart.title,
        "kind": "flowchart",
        "status": "information",
        "owner": chart.owner,
        "last_reviewed": chart.last_reviewed.isoformat(),
        "review_due": chart.review_due.isoformat(),
        "source": f"Written for this handbook ({loaded.path})",
        "description": chart.description,
    }
    meta["hide"] = ["toc"]  # charts need the width; the page's headings are few
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{front}---\n\n{PAGE_MARKER.format(id=loaded.id)}\n"


def page_text_errors(loaded: LoadedChart) -> list[ContentError]:
    """Check the generated page against the content model, blaming the chart file's lines."""
    front = parse_front_matter(page_text(loaded), loaded.src_uri)
    if isinstance(front, ContentError):
        return [ContentError(loaded.path, 1, front.message)]
    _meta, errors = page_errors(front, loaded.src_uri)
    keys = {line: key for key, line in ((k[0], v) for k, v in front.lines.items() if len(k) == 1)}
    return [ContentError(loaded.path, loaded.line_of(keys.get(e.line, "title")), e.message) for e in errors]


def check_charts(
    root: Path, pages: list[Page] | None = None, editions: Editions | None = None
) -> tuple[list[LoadedChart], list[ContentError]]:
    """Load and check every chart against the handbook's pages and editions: for the build (which
    passes the pages and editions it has loaded) and ``./run check`` (which lets this read them).
    Problems in the pages or editions themselves are reported by their own checks."""
    if pages is None:
        pages, page_problems = load_pages(root)
        if page_problems:
            return [], []
    if editions is None:
        try:
            editions = load_editions(root)
        except ContentErrors:
            return [], []
    charts, errors = load_and_check(root, pages, [edition.year for edition in editions.editions])
    for chart in charts:
        errors += page_text_errors(chart)
    return charts, errors
