"""One source, two renderings: the Mermaid chart and the text alternative, checked against golden files.

The golden files in tests/unit/golden/charts/ are the exact output for the fixture chart
(tests/unit/fixtures/charts/flowcharts/sample.yml). After a deliberate change to the output, rewrite
them with ``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/unit/charts/test_render.py`` and read the
diff before committing it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from handbook import PROJECT_ROOT
from handbook.charts.load import LoadedChart, load_and_check, page_text, page_text_errors
from handbook.charts.render import (
    Links,
    chart_page_markdown,
    embed_markdown,
    expand_markers,
    links_for,
    mermaid_source,
    mermaid_text,
    steps_markdown,
)
from handbook.content.editions import load_editions
from handbook.core.sources import load_pages

FIXTURE = Path(__file__).parent / "fixtures" / "charts"
GOLDEN = Path(__file__).parent / "golden"
EDITIONS = load_editions(PROJECT_ROOT)


@pytest.fixture(scope="module")
def charts() -> dict[str, LoadedChart]:
    pages, _ = load_pages(FIXTURE)
    loaded, errors = load_and_check(FIXTURE, pages, [2010, 2013, 2015, 2018, 2023])
    assert errors == []
    return {chart.id: chart for chart in loaded}


def golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"no golden file {path}: run with UPDATE_GOLDEN=1 to write it"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


# --- Mermaid -----------------------------------------------------------------------------------------


def test_mermaid_golden(charts: dict[str, LoadedChart]) -> None:
    sample = charts["sample"]
    links = links_for("flowcharts/sample.md", directory_urls=True)
    text = "\n\n".join(mermaid_source(sample, diagram, links).text for diagram in sample.chart.diagrams)
    golden("sample.mmd", text + "\n")


def test_mermaid_has_accessible_title_description_and_a_link_on_every_step(charts: dict[str, LoadedChart]) -> None:
    sample = charts["sample"]
    diagram = sample.diagram("after")
    text = mermaid_source(sample, diagram, links_for("flowcharts/sample.md")).text
    assert "\n  accTitle: The new way\n" in text
    assert "\n  accDescr: A social worker decides, and the board reports.\n" in text
    assert text.count("\n  click ") == len(diagram.nodes)
    assert "flowchart LR" in text
    assert "class n_outside outside" in text, "a fact from outside the hosted text is drawn differently"


@pytest.mark.parametrize(
    ("page", "directory_urls", "expected"),
    [
        ("flowcharts/sample.md", True, 'click n_decide href "../../wt/draft/#para-2" _self'),
        ("flowcharts/sample.md", False, 'click n_decide href "../wt/draft.html#para-2" _self'),
        ("wt/draft.md", True, 'click n_decide href "./#para-2" _self'),
        ("wt/draft.md", False, 'click n_decide href "draft.html#para-2" _self'),
        ("index.md", True, 'click n_decide href "wt/draft/#para-2" _self'),
        ("index.md", False, 'click n_decide href "wt/draft.html#para-2" _self'),
    ],
)
def test_click_links_are_resolved_for_each_page_and_build(
    charts: dict[str, LoadedChart], page: str, directory_urls: bool, expected: str
) -> None:
    sample = charts["sample"]
    text = mermaid_source(sample, sample.diagram("after"), links_for(page, directory_urls)).text
    assert expected in text


def test_a_link_to_the_page_itself_is_never_empty(charts: dict[str, LoadedChart]) -> None:
    """Mermaid rejects ``href ""``: a chart embedded on the page it links to must still parse."""
    other = charts["other"]
    for directory_urls in (True, False):
        text = mermaid_source(other, other.chart.diagrams[0], links_for("wt/draft.md", directory_urls)).text
        assert 'href ""' not in text
        assert re.search(r'href "(\./|draft\.html)#duties-of-the-board_1"', text), text


def test_mermaid_lines_map_back_to_the_chart_file(charts: dict[str, LoadedChart]) -> None:
    sample = charts["sample"]
    source = mermaid_source(sample, sample.diagram("after"), links_for("flowcharts/sample.md"))
    lines = source.text.split("\n")
    chart_text = (FIXTURE / "flowcharts" / "sample.yml").read_text(encoding="utf-8").split("\n")
    decide = next(n for n, line in enumerate(lines, start=1) if line.startswith("  n_decide{{"))
    assert chart_text[source.chart_line(decide) - 1] == "      decide:"
    click = next(n for n, line in enumerate(lines, start=1) if line.startswith("  click n_report"))
    assert chart_text[source.chart_line(click) - 1] == "        link: wt/draft.md#duties-of-the-board"
    assert source.chart_line(9999) == source.lines[-1]


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Refer the child (now): yes/no?", "Refer the child (now): yes/no?"),
        ('Say "no"', "Say #34;no#34;"),
        ("A #1 step; then <b>bold</b>", "A #35;1 step#59; then #60;b#62;bold#60;/b#62;"),
        ("`code` and *stars* and _under_", "#96;code#96; and #42;stars#42; and #95;under#95;"),
        ("a|b [c] {d} %% e & f", "a#124;b #91;c#93; #123;d#125; #37;#37; e #38; f"),
        ("Ünïcode – and ’quotes’", "Ünïcode – and ’quotes’"),
    ],
)
def test_mermaid_text_escapes_everything_that_could_break_a_chart(text: str, escaped: str) -> None:
    assert mermaid_text(text) == escaped


def test_step_ids_cannot_clash_with_mermaid_keywords(tmp_path: Path) -> None:
    from handbook.charts.load import read_chart

    chart_text = (FIXTURE / "flowcharts" / "other.yml").read_text(encoding="utf-8").replace("only:", "end:")
    loaded, errors = read_chart(chart_text, "flowcharts/other.yml")
    assert errors == [] and loaded is not None
    loaded.sources[("other", "end")] = loaded.sources.get(("other", "end")) or _source()
    text = mermaid_source(loaded, loaded.chart.diagrams[0], links_for("flowcharts/other.md")).text
    assert "\n  n_end[" in text and "\n  end[" not in text


def _source():
    from handbook.charts.load import Source

    return Source("A citation", "A page")


# --- The text alternative ----------------------------------------------------------------------------


def test_steps_golden(charts: dict[str, LoadedChart]) -> None:
    sample = charts["sample"]
    links = links_for("flowcharts/sample.md")
    text = "\n\n".join(steps_markdown(sample, d, links, charts) for d in sample.chart.diagrams)
    golden("sample-steps.md", text + "\n")


def test_steps_give_every_step_its_timescale_source_and_next_step(charts: dict[str, LoadedChart]) -> None:
    sample = charts["sample"]
    text = steps_markdown(sample, sample.diagram("after"), links_for("flowcharts/sample.md"), charts)
    assert text.count('<li id="after-') == 3
    assert "Timescale: within one working day." in text
    assert (
        "Source: [Working Together 2013 (consultation draft, June 2012), paragraph 2](../wt/draft.md#para-2)." in text
    )
    assert "- yes: [step 2](#after-report) – The board publishes a report" in text
    assert (
        "Source, not in the text this handbook holds: *Working Together to Safeguard Children 2013 (DFE-00030-2013)*. "
        "See [Working Together 2013](../wt/index.md)." in text
    )
    assert "The pathway carries on in the chart [Other chart](other.md)." in text
    assert "This is where this pathway ends." not in text, "it carries on in another chart"
    before = steps_markdown(sample, sample.diagram("before"), links_for("flowcharts/sample.md"), charts)
    assert "This is where this pathway ends." in before


def test_the_same_source_gives_the_same_steps_in_both_renderings(charts: dict[str, LoadedChart]) -> None:
    """Every step in the chart is in the text, with the same number, label, timescale and link."""
    sample = charts["sample"]
    links = links_for("flowcharts/sample.md")
    for diagram in sample.chart.diagrams:
        chart = mermaid_source(sample, diagram, links).text
        steps = steps_markdown(sample, diagram, links, charts)
        items = re.findall(r'<li id="[^"]+" markdown="block">\n(.*?)\n</li>', steps, re.S)
        assert len(items) == len(diagram.nodes)
        for number, ((node_id, node), item) in enumerate(zip(diagram.nodes.items(), items, strict=True), start=1):
            assert f"**{number}.** {mermaid_text(node.label)}" in chart
            assert item.startswith(f"**{node.label}")
            if node.timescale:
                assert f"*{mermaid_text(node.timescale)}*" in chart and f"Timescale: {node.timescale}" in item
            assert f'click {"n_" + node_id} href "{links.href(node.link)}"' in chart
            assert links.markdown(node.link) in item


def test_markdown_in_labels_is_shown_as_written(charts: dict[str, LoadedChart]) -> None:
    from handbook.charts.render import markdown_text

    assert markdown_text("*not emphasis* <b> [x](y) #1 & a_b") == r"\*not emphasis\* &lt;b&gt; \[x\](y) \#1 &amp; a\_b"


# --- Pages -------------------------------------------------------------------------------------------


def test_page_golden(charts: dict[str, LoadedChart]) -> None:
    text = chart_page_markdown(charts["sample"], links_for("flowcharts/sample.md"), EDITIONS, charts)
    golden("sample-page.md", text)


def test_page_says_which_facts_are_from_outside_the_hosted_text(charts: dict[str, LoadedChart]) -> None:
    text = chart_page_markdown(charts["sample"], links_for("flowcharts/sample.md"), EDITIONS, charts)
    section = text.split("## Facts from outside the text this handbook holds {#outside-sources}")[1]
    assert "- [After: the new way, step 3](#after-outside): A step from outside the text" in section
    assert "(no longer than 45 working days)" in section
    other = chart_page_markdown(charts["other"], links_for("flowcharts/other.md"), EDITIONS, charts)
    assert "Every step and timescale in this chart comes from text this handbook holds." in other


def test_page_says_the_guidance_is_replaced(charts: dict[str, LoadedChart]) -> None:
    text = chart_page_markdown(charts["sample"], links_for("flowcharts/sample.md"), EDITIONS, charts)
    assert "Not the current guidance" in text
    assert "Working Together to Safeguard Children 2023" in text and "15 December 2023" in text


def test_generated_page_passes_the_content_model(charts: dict[str, LoadedChart]) -> None:
    for chart in charts.values():
        assert page_text_errors(chart) == []
        text = page_text(chart)
        assert text.startswith("---\ntitle: ")
        assert "kind: flowchart" in text and f"<!-- flowchart-page: {chart.id} -->" in text


def test_embed_is_out_of_search_and_links_to_the_chart_page(charts: dict[str, LoadedChart]) -> None:
    text = embed_markdown(charts["sample"], "before", links_for("wt/draft.md"), charts)
    assert text.startswith('<figure class="hb-chart-embed" data-search-exclude="" markdown>')
    assert "Flowchart: [Before: the old way](../flowcharts/sample.md#before)" in text
    assert text.count('<pre class="mermaid">') == 1
    assert "dashed border" not in text, "the old diagram has no fact from outside the hosted text"
    assert '<details class="hb-chart-embed__steps" markdown>' in text


def test_expand_markers(charts: dict[str, LoadedChart]) -> None:
    links = links_for("wt/index.md")
    page = "# Title\n\n<!-- flowchart: sample/after -->\n\n<!-- flowcharts: 2018 -->\n\nEnd.\n"
    text = expand_markers(page, list(charts.values()), EDITIONS, links)
    assert "<!--" not in text
    assert "- [Other chart](../flowcharts/other.md)" in text
    assert "- [After: the new way](../flowcharts/sample.md#after) (Sample: a referral)" in text
    assert text.endswith("End.\n")
    listing = expand_markers(
        "<!-- flowcharts: all -->", list(charts.values()), EDITIONS, links_for("flowcharts/index.md")
    )
    assert "1. [Other chart](other.md): Another chart. (The 2018 edition.)" in listing
    assert (
        "### [Working Together to Safeguard Children 2010](../working-together/2010/index.md) {#edition-2010}"
        in listing
    )


def test_links_helper() -> None:
    links = Links("a/b.md", lambda target: "URL:" + target)
    assert links.markdown("a/c.md#x") == "c.md#x"
    assert links.markdown("a/b.md#x") == "#x"
    assert links.markdown("a/b.md") == "b.md"
    assert links.markdown("d/e.md") == "../d/e.md"
    assert links.href("d/e.md#x") == "URL:d/e.md#x"
