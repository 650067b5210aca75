"""Flowcharts in Chromium, over http and from a file share, in the light and the dark scheme.

Material draws each chart into a *closed* shadow root, which page scripts, Playwright selectors and
axe cannot see into. These tests read the drawn chart through the Chrome DevTools Protocol instead
(``DOM.getDocument`` with ``pierce``), which does see closed shadow roots, and click a step with a
real mouse click at the position of its box, as a reader would.

Screenshots of every chart (light and dark) are written to reports/screenshots/flowcharts/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page

from handbook import PROJECT_ROOT
from handbook.charts.load import LoadedChart, find_markers, load_and_check, read_chart
from handbook.charts.render import links_for, mermaid_source
from handbook.content.editions import load_editions
from handbook.core.sources import load_pages

from .conftest import describe_violations, run_axe, url_for

pytestmark = pytest.mark.browser

PAGES, _ = load_pages(PROJECT_ROOT)
CHARTS, _ERRORS = load_and_check(PROJECT_ROOT, PAGES, [e.year for e in load_editions(PROJECT_ROOT).editions])
BY_ID = {chart.id: chart for chart in CHARTS}
#: Pages that show a chart or one of its diagrams: (src_uri, [(chart, diagram id), ...]).
EMBEDS = [
    (page.src_uri, [(m.chart, m.diagram) for m in find_markers(page.front.body) if m.chart])
    for page in PAGES
    if any(m.chart for m in find_markers(page.front.body))
]
SCREENSHOTS = PROJECT_ROOT / "reports" / "screenshots" / "flowcharts"
#: WCAG 2.2 AA contrast for text.
MIN_CONTRAST = 4.5


@pytest.fixture
def base(request: pytest.FixtureRequest) -> str:
    return request.getfixturevalue("http_base" if request.param == "http" else "file_base")


# --- Reading a chart drawn in a closed shadow root ---------------------------------------------------


@dataclass
class Drawn:
    """One chart as Mermaid drew it."""

    attrs: dict[str, str]
    title: str
    desc: str
    text: str
    #: (href, backendNodeId) of every link in the chart.
    links: list[tuple[str, int]] = field(default_factory=list)
    #: (label text colour, label box fill, fill opacity) of every step, as computed by the browser.
    colours: list[tuple[str, str, str]] = field(default_factory=list)


def _attrs(node: dict[str, Any]) -> dict[str, str]:
    values = node.get("attributes", [])
    return dict(zip(values[::2], values[1::2], strict=True))


def _walk(node: dict[str, Any]):
    yield node
    for key in ("shadowRoots", "children"):
        for child in node.get(key, []):
            yield from _walk(child)


def _text(node: dict[str, Any]) -> str:
    return "".join(
        n.get("nodeValue", "") for n in _walk(node) if n.get("nodeType") == 3 and n.get("nodeName") != "style"
    )


def drawn_charts(page: Page, colours: bool = False) -> list[Drawn]:
    """Every Mermaid chart on the page (in page order), read through the DevTools protocol."""
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
    if colours:
        cdp.send("CSS.enable")
    found = []
    for host in _walk(root):
        if host.get("nodeName") != "DIV" or "mermaid" not in _attrs(host).get("class", "").split():
            continue
        svg = next(n for shadow in host.get("shadowRoots", []) for n in _walk(shadow) if n.get("nodeName") == "svg")
        title = next((n for n in _walk(svg) if n.get("nodeName") == "title"), {})
        desc = next((n for n in _walk(svg) if n.get("nodeName") == "desc"), {})
        text = "".join(_text(child) for child in svg.get("children", []) if child.get("nodeName") != "style")
        drawn = Drawn(_attrs(svg), _text(title), _text(desc), text)
        for link in _walk(svg):
            if link.get("nodeName") == "a":
                attrs = _attrs(link)
                drawn.links.append((attrs.get("xlink:href") or attrs.get("href", ""), link["backendNodeId"]))
                if colours:
                    drawn.colours.append(_step_colours(cdp, link))
        found.append(drawn)
    cdp.detach()
    return found


def _computed(cdp: Any, node: dict[str, Any]) -> dict[str, str]:
    style = cdp.send("CSS.getComputedStyleForNode", {"nodeId": node["nodeId"]})["computedStyle"]
    return {item["name"]: item["value"] for item in style}


def _step_colours(cdp: Any, link: dict[str, Any]) -> tuple[str, str, str]:
    container = next(n for n in _walk(link) if "label-container" in _attrs(n).get("class", ""))
    shape = next(n for n in _walk(container) if n.get("nodeName") in ("rect", "polygon", "path"))
    label = next(n for n in _walk(link) if "nodeLabel" in _attrs(n).get("class", "").split())
    shape_style = _computed(cdp, shape)
    return _computed(cdp, label)["color"], shape_style["fill"], shape_style.get("fill-opacity", "1")


def _rgba(value: str) -> tuple[float, float, float, float]:
    numbers = [float(n) for n in re.findall(r"[0-9.]+", value)]
    return (*numbers[:3], numbers[3] if len(numbers) > 3 else 1.0)


def _over(top: tuple[float, ...], bottom: tuple[float, ...], opacity: float = 1.0) -> tuple[float, float, float]:
    alpha = top[3] * opacity
    return tuple(t * alpha + b * (1 - alpha) for t, b in zip(top[:3], bottom[:3], strict=True))


def _luminance(rgb: tuple[float, ...]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(text: str, fill: str, fill_opacity: str, background: str) -> float:
    page_bg = _rgba(background)
    box = _over(_rgba(fill), page_bg, float(fill_opacity))
    ink = _over(_rgba(text), (*box, 1.0))
    light, dark = sorted((_luminance(ink), _luminance(box)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def wait_for_charts(page: Page, count: int) -> None:
    page.wait_for_function(
        "n => document.querySelectorAll('pre.mermaid').length === 0"
        " && document.querySelectorAll('div.mermaid').length === n",
        arg=count,
        timeout=20_000,
    )


def expected_hrefs(chart: LoadedChart, diagram_ids: list[str], page_src_uri: str, base: str) -> list[list[str]]:
    links = links_for(page_src_uri, directory_urls=not base.startswith("file:"))
    return [sorted(links.href(node.link) for node in chart.diagram(d).nodes.values()) for d in diagram_ids]


def check_drawn(chart: LoadedChart, diagram_ids: list[str], drawn: list[Drawn], page_src_uri: str, base: str) -> None:
    """The drawn charts are the chart's diagrams: accessible names, every label, every link."""
    assert len(drawn) == len(diagram_ids)
    hrefs = expected_hrefs(chart, diagram_ids, page_src_uri, base)
    for diagram_id, one, expected in zip(diagram_ids, drawn, hrefs, strict=True):
        diagram = chart.diagram(diagram_id)
        assert one.attrs.get("aria-roledescription", "").startswith("flowchart")
        assert one.title == diagram.acc_title
        assert one.desc == diagram.acc_descr
        assert "Syntax error" not in one.text and "Parse error" not in one.text
        for node in diagram.nodes.values():
            assert squash(node.label) in squash(one.text), f"{chart.path}: {node.label!r} is not drawn"
            if node.timescale:
                assert squash(node.timescale) in squash(one.text)
        assert sorted(href for href, _ in one.links) == expected


def click_step(page: Page, backend_node_id: int) -> None:
    """Click a step where a reader would: the middle of its box, scrolled into the middle of the screen."""
    cdp = page.context.new_cdp_session(page)
    quad = cdp.send("DOM.getContentQuads", {"backendNodeId": backend_node_id})["quads"][0]
    middle_y = sum(quad[1::2]) / 4
    page.evaluate("dy => window.scrollBy(0, dy)", middle_y - page.viewport_size["height"] / 2)
    page.wait_for_timeout(100)
    quad = cdp.send("DOM.getContentQuads", {"backendNodeId": backend_node_id})["quads"][0]
    cdp.detach()
    page.mouse.click(sum(quad[0::2]) / 4, sum(quad[1::2]) / 4)


# --- Chart pages ---------------------------------------------------------------------------------


def test_every_chart_is_tested() -> None:
    assert _ERRORS == []
    assert len(CHARTS) == 6
    assert all(diagram.nodes for chart in CHARTS for diagram in chart.chart.diagrams)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("base", ["http", "file"], indirect=True)
@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.id)
def test_chart_page_renders_offline(visit, base: str, chart: LoadedChart, scheme: str) -> None:
    """Drawn with the site's own Mermaid, complete, no errors, nothing from another host; over http
    also readable (contrast inside the chart) and free of axe violations, in both schemes."""
    record = visit(url_for(base, chart.src_uri), base, color_scheme=scheme)
    page = record.page
    diagram_ids = [d.id for d in chart.chart.diagrams]
    wait_for_charts(page, len(diagram_ids))
    expected_scheme = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected_scheme
    for host in page.locator("article div.mermaid").all():
        box = host.bounding_box()
        assert box and box["width"] > 100 and box["height"] > 100, "the chart has a size"
    assert "Syntax error" not in page.locator("body").inner_text()
    check_drawn(chart, diagram_ids, drawn_charts(page), chart.src_uri, base)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280, "no sideways scrolling of the page"
    assert record.foreign_requests() == []
    assert record.errors == []
    if base.startswith("http"):
        assert_readable(page)
        violations = run_axe(page)
        assert violations == [], describe_violations(violations)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(SCREENSHOTS / f"{chart.id}-{scheme}.png"), full_page=True)


def assert_readable(page: Page) -> None:
    """Inside the chart, where axe cannot look: every step's words against its box, at 4.5:1 or more."""
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    low = []
    for drawn in drawn_charts(page, colours=True):
        assert drawn.colours, "the colours of the steps were read"
        for text, fill, opacity in drawn.colours:
            ratio = contrast(text, fill, opacity, background)
            if ratio < MIN_CONTRAST:
                low.append(f"{text} on {fill} (opacity {opacity}) over {background}: {ratio:.2f}:1")
    assert low == []


@pytest.mark.parametrize("base", ["http", "file"], indirect=True)
@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.id)
def test_clicking_a_step_opens_the_text_it_comes_from(visit, base: str, chart: LoadedChart) -> None:
    record = visit(url_for(base, chart.src_uri), base)
    page = record.page
    wait_for_charts(page, len(chart.chart.diagrams))
    # The first step that links to an anchor (a paragraph, section or heading), else the first step.
    steps = [(i, node) for i, d in enumerate(chart.chart.diagrams) for node in d.nodes.values()]
    d_index, node = next(((i, node) for i, node in steps if "#" in node.link), steps[0])
    href = links_for(chart.src_uri, directory_urls=base.startswith("http")).href(node.link)
    drawn = drawn_charts(page)[d_index]
    backend_id = next(node_id for link, node_id in drawn.links if link == href)
    expected = urljoin(page.url, href)
    click_step(page, backend_id)
    page.wait_for_url(expected, timeout=10_000)
    assert page.url == expected
    if "#" in node.link:
        anchor = node.link.split("#")[1]
        assert page.url.endswith("#" + anchor)
        assert page.locator(f"[id='{anchor}']").count() == 1
    assert record.errors == [] and record.foreign_requests() == []


def test_every_step_of_the_referral_chart_opens_its_source_from_a_file_share(visit, file_base: str) -> None:
    chart = BY_ID["referral"]
    page = visit(url_for(file_base, chart.src_uri), file_base).page
    for node in chart.chart.diagrams[0].nodes.values():
        page.goto(url_for(file_base, chart.src_uri))
        wait_for_charts(page, 1)
        href = links_for(chart.src_uri, directory_urls=False).href(node.link)
        backend_id = next(node_id for link, node_id in drawn_charts(page)[0].links if link == href)
        expected = urljoin(page.url, href)
        click_step(page, backend_id)
        page.wait_for_url(expected, timeout=10_000)
        assert page.url == expected


def test_switching_the_palette_recolours_the_chart(visit, http_base: str) -> None:
    chart = BY_ID["referral"]
    page = visit(url_for(http_base, chart.src_uri), http_base, color_scheme="light").page
    wait_for_charts(page, 1)
    before = drawn_charts(page, colours=True)[0].colours
    page.locator("label[title='Switch to dark mode']").click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    after = drawn_charts(page, colours=True)[0].colours
    assert page.locator("pre.mermaid").count() == 0 and page.locator("div.mermaid").count() == 1
    assert [text for text, _, _ in before] != [text for text, _, _ in after], "label colours follow the scheme"


def test_chart_pages_print_at_page_width(visit, http_base: str) -> None:
    """Printed on A4 (about 720 px wide): side-by-side diagrams stack and nothing is cut off."""
    for chart in CHARTS:
        page = visit(url_for(http_base, chart.src_uri), http_base).page
        wait_for_charts(page, len(chart.chart.diagrams))
        page.set_viewport_size({"width": 720, "height": 1000})
        page.emulate_media(media="print")
        boxes = page.evaluate(
            "[...document.querySelectorAll('.hb-chart')].map(b => [b.scrollWidth, b.clientWidth,"
            " getComputedStyle(b).overflowX])"
        )
        assert boxes and all(scroll <= client + 1 and overflow == "visible" for scroll, client, overflow in boxes)
        rows = page.evaluate("[...document.querySelectorAll('.hb-chart-row')].map(r => getComputedStyle(r).display)")
        assert all(display == "block" for display in rows)
        assert page.evaluate("document.documentElement.scrollWidth") <= 720


# --- Charts embedded in chapter pages ------------------------------------------------------------


@pytest.mark.parametrize("base", ["http", "file"], indirect=True)
@pytest.mark.parametrize(("src_uri", "shown"), EMBEDS, ids=[src for src, _ in EMBEDS])
def test_embedded_chart_renders(visit, base: str, src_uri: str, shown: list[tuple[str, str | None]]) -> None:
    record = visit(url_for(base, src_uri), base)
    page = record.page
    expected = [
        (BY_ID[chart_id], [diagram] if diagram else [d.id for d in BY_ID[chart_id].chart.diagrams])
        for chart_id, diagram in shown
    ]
    wait_for_charts(page, sum(len(ids) for _, ids in expected))
    drawn = drawn_charts(page)
    for chart, diagram_ids in expected:
        check_drawn(chart, diagram_ids, drawn[: len(diagram_ids)], src_uri, base)
        drawn = drawn[len(diagram_ids) :]
    assert record.foreign_requests() == []
    assert record.errors == []


# --- The Mermaid the build writes always parses -------------------------------------------------

ADVERSARIAL = """\
title: "Labels that would break a hand-written chart"
description: Quotes, brackets, keywords and markup in every place text can go.
owner: Tests
last_reviewed: 2026-01-01
review_due: 2027-01-01
order: 1
diagrams:
  - id: hostile
    editions: [2013]
    acc_title: 'Quotes " and ; semicolons, (brackets) [and] {braces}'
    acc_descr: "A description with %% comment, `backticks`, *stars* and a | pipe"
    nodes:
      end:
        kind: start
        label: 'Say "no" & <b>stop</b> --> here'
        timescale: "within 1 day; or *2* _days_ #35;"
        link: x.md
        cite: x
        next:
          class: 'a|b [c] {d} (e) %% f'
      class:
        kind: decision
        label: "A `code` *star* _under_ #1; end"
        link: x.md
        cite: x
        next: [style]
      style:
        kind: end
        label: "Ünïcode – ’quotes’ \\\\ back/slash click graph subgraph"
        link: x.md
        cite: x
"""


def test_generated_mermaid_parses_and_draws_every_label_exactly(visit, http_base: str) -> None:
    """Every real chart parses in Mermaid; a chart full of hostile text draws that text as written,
    and a broken chart is caught (so this test can fail)."""
    page = visit(url_for(http_base, "flowcharts/referral.md"), http_base).page
    wait_for_charts(page, 1)
    parse = (
        "async text => { try { await mermaid.parse(text); return ''; } catch (e) { return String(e.message || e); } }"
    )
    problems = []
    for chart in CHARTS:
        for diagram in chart.chart.diagrams:
            source = mermaid_source(chart, diagram, links_for(chart.src_uri))
            error = page.evaluate(parse, source.text)
            if error:
                line = re.search(r"line (\d+)", error)
                where = source.chart_line(int(line.group(1))) if line else 1
                problems.append(f"{chart.path}:{where}: Mermaid cannot parse this chart: {error}")
    assert problems == []

    hostile, errors = read_chart(ADVERSARIAL, "flowcharts/hostile.yml")
    assert errors == [] and hostile is not None
    source = mermaid_source(hostile, hostile.chart.diagrams[0], links_for("flowcharts/hostile.md"))
    assert page.evaluate(parse, source.text) == ""
    drawn = page.evaluate(
        """async text => {
            const {svg} = await mermaid.render('hostile_chart', text);
            const box = document.createElement('div');
            box.innerHTML = svg;
            return {
                labels: [...box.querySelectorAll('foreignObject')].map(f => f.textContent).join(' '),
                title: box.querySelector('title').textContent,
                desc: box.querySelector('desc').textContent,
            };
        }""",
        source.text,
    )
    diagram = hostile.chart.diagrams[0]
    for node in diagram.nodes.values():
        assert squash(node.label) in squash(drawn["labels"]), node.label
        if node.timescale:
            assert squash(node.timescale) in squash(drawn["labels"]), node.timescale
    assert squash("a|b [c] {d} (e) %% f") in squash(drawn["labels"])
    assert drawn["title"] == diagram.acc_title
    assert drawn["desc"] == diagram.acc_descr

    broken = source.text.replace('n_end(["', 'n_end(["unclosed', 1).replace('"])\n', "\n", 1)
    assert page.evaluate(parse, broken) != "", "a broken chart must fail to parse"
