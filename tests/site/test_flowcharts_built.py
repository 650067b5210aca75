"""Flowcharts in the built sites: every chart page, every embedded chart, every chart link.

Mermaid's ``click`` links are plain text inside the chart source, so neither MkDocs nor the site's
link check sees them; this test resolves each one in the http build (``../x/``) and in the
file-share build (``x.html``) and checks the page and the anchor exist.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from handbook import PROJECT_ROOT
from handbook.charts.load import LoadedChart, find_markers, load_and_check
from handbook.content.editions import load_editions
from handbook.core.links import page_url
from handbook.core.sources import load_pages
from handbook.search.shards import read_shards
from handbook.site.build import BuildFailed, build

from .tiny_handbook import line_with

MERMAID = re.compile(r'<pre class="mermaid"[^>]*><code>(.*?)</code></pre>', re.S)
CLICK = re.compile(r'^\s*click (\S+) href "([^"]*)" _self$', re.M)
ID = re.compile(r'\sid="([^"]+)"')

PAGES, _ = load_pages(PROJECT_ROOT)
EDITIONS = load_editions(PROJECT_ROOT)
CHARTS, CHART_ERRORS = load_and_check(PROJECT_ROOT, PAGES, [e.year for e in EDITIONS.editions])
#: Pages that show a chart: (src_uri, "chart/diagram" shown).
EMBEDS = [
    (page.src_uri, f"{marker.chart}/{marker.diagram}" if marker.diagram else marker.chart)
    for page in PAGES
    for marker in find_markers(page.front.body)
    if marker.chart
]
SITES = {"http_site": True, "fileshare_site": False}  # fixture → directory URLs


def built_file(site: Path, src_uri: str, directory_urls: bool) -> Path:
    url = page_url(src_uri, directory_urls)
    return site / (url + "index.html" if url.endswith("/") or url == "" else url)


def test_the_real_charts_load() -> None:
    assert CHART_ERRORS == []
    assert len(CHARTS) == 6
    assert len(EMBEDS) >= 10, "chapter pages embed their charts"


@pytest.mark.parametrize("site_name", SITES)
@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.id)
def test_every_chart_page_has_its_diagrams_and_steps(
    request: pytest.FixtureRequest, site_name: str, chart: LoadedChart
) -> None:
    site: Path = request.getfixturevalue(site_name)
    page = built_file(site, chart.src_uri, SITES[site_name]).read_text(encoding="utf-8")
    sources = [html.unescape(code) for code in MERMAID.findall(page)]
    assert len(sources) == len(chart.chart.diagrams)
    for diagram, source in zip(chart.chart.diagrams, sources, strict=True):
        assert f"accTitle: {diagram.acc_title}\n" in source
        assert f"accDescr: {diagram.acc_descr}\n" in source
        assert len(CLICK.findall(source)) == len(diagram.nodes), "every step links to its source"
        assert f'id="{diagram.id}-steps"' in page
        for node_id in diagram.nodes:
            assert f'<li id="{diagram.id}-{node_id.replace("_", "-")}">' in page
    assert 'id="outside-sources"' in page
    assert "Not the current guidance" in page


@pytest.mark.parametrize("site_name", SITES)
def test_every_chart_link_resolves_in_each_build(request: pytest.FixtureRequest, site_name: str) -> None:
    site: Path = request.getfixturevalue(site_name).resolve()
    checked, problems = 0, []
    ids: dict[Path, set[str]] = {}
    for page in sorted(site.rglob("*.html")):
        for source in MERMAID.findall(page.read_text(encoding="utf-8")):
            for node, href in CLICK.findall(html.unescape(source)):
                checked += 1
                parts = urlsplit(href)
                assert not parts.scheme and not href.startswith("/"), f"{page}: {href} is not relative"
                target = (page.parent / unquote(parts.path)).resolve()
                if target.is_dir():
                    target = target / "index.html"
                where = f"{page.relative_to(site)}: {node} → {href}"
                if not target.is_file():
                    problems.append(f"{where}: no such page")
                    continue
                if target not in ids:
                    ids[target] = set(ID.findall(target.read_text(encoding="utf-8")))
                if parts.fragment and parts.fragment not in ids[target]:
                    problems.append(f"{where}: no anchor {parts.fragment}")
    assert problems == []
    steps_shown = sum(len(c.chart.diagrams[0].nodes) for c in CHARTS)
    assert checked > steps_shown, "chart pages and embedded charts were all checked"


@pytest.mark.parametrize("site_name", SITES)
def test_chapter_pages_embed_their_chart(request: pytest.FixtureRequest, site_name: str) -> None:
    site: Path = request.getfixturevalue(site_name)
    for src_uri, shown in EMBEDS:
        text = built_file(site, src_uri, SITES[site_name]).read_text(encoding="utf-8")
        chart_id, _, diagram_id = shown.partition("/")
        chart = next(c for c in CHARTS if c.id == chart_id)
        diagrams = [chart.diagram(diagram_id)] if diagram_id else chart.chart.diagrams
        for diagram in diagrams:
            assert f'data-chart="{chart_id}/{diagram.id}"' in text, src_uri
        assert '<figure class="hb-chart-embed" data-search-exclude="">' in text
        assert '<details class="hb-chart-embed__steps">' in text



def test_an_embedded_chart_never_takes_a_headings_anchor(http_site: Path) -> None:
    """A heading's anchor is what trainers link to: a chart's step must not push it to "_1".

    The chart "local-arrangements" has a step "lscb-chair"; the page that embeds it has the heading
    "LSCB chair" (#lscb-chair).
    """
    checked = 0
    for src_uri, _shown in EMBEDS:
        text = built_file(http_site, src_uri, SITES["http_site"]).read_text(encoding="utf-8")
        lists = [part.split("</ol>", 1)[0] for part in text.split('<ol class="hb-chart-steps">')[1:]]
        steps = [step for steps in lists for step in re.findall(r'<li id="([^"]+)"', steps)]
        assert steps and all(step.startswith("chart-") for step in steps), src_uri
        headings = re.findall(r'<h[2-6] id="([^"]+)"', text)
        assert not [h for h in headings if re.search(r"_\d+$", h) and h.rsplit("_", 1)[0] not in headings], src_uri
        checked += len(steps)
    assert checked
    page = http_site / "working-together/2013/consultation-draft/local-safeguarding-children-boards/index.html"
    assert '<h2 id="lscb-chair">' in page.read_text(encoding="utf-8")

def test_edition_pages_and_the_flowcharts_page_list_the_charts(http_site: Path) -> None:
    index = (http_site / "flowcharts" / "index.html").read_text(encoding="utf-8")
    for edition in EDITIONS.editions:
        charts = [(c, d) for c in CHARTS for d in c.chart.diagrams if edition.year in d.editions]
        if not charts:
            assert f'id="edition-{edition.year}"' not in index
            continue
        assert f'id="edition-{edition.year}"' in index
        landing = (http_site / page_url(edition.page) / "index.html").read_text(encoding="utf-8")
        for chart, diagram in charts:
            anchor = f"#{diagram.id}" if len(chart.chart.diagrams) > 1 else ""
            assert f'href="../../flowcharts/{chart.id}/{anchor}"' in landing, (edition.year, chart.id)
            assert f'href="{chart.id}/{anchor}"' in index
    for chart in CHARTS:
        assert chart.chart.description.split()[0] in index


def test_mermaid_source_is_not_search_text(http_site: Path) -> None:
    docs = read_shards(http_site / "search")[1]
    for doc in docs:
        for leaked in ("accTitle", "accDescr", "click n_", "flowchart TD", "wrappingWidth"):
            assert leaked not in doc["text"], f"{doc['location']}: Mermaid source is indexed ({leaked})"
    text_of = {doc["location"]: doc["text"] for doc in docs}
    steps = text_of["flowcharts/assessment/#single-assessment-steps"]
    assert "no longer than 45 working days from the referral" in steps, "the steps in words are searchable"
    chapter = " ".join(
        text for location, text in text_of.items() if location.startswith("working-together/2010/chapter-5/")
    )
    assert "How to read the chart" not in chapter, "an embedded copy is not indexed twice"


def test_a_broken_chart_stops_the_build_naming_file_line_and_step(tiny_project: Path) -> None:
    chart = tiny_project / "flowcharts" / "referral.yml"
    text = chart.read_text(encoding="utf-8")
    broken = text.replace("preface-and-introduction.md#para-2\n", "preface-and-introduction.md#para-99\n", 1)
    assert broken != text
    chart.write_text(broken, encoding="utf-8")
    line = line_with(chart, "#para-99")
    with pytest.raises(BuildFailed) as failed:
        build("http", root=tiny_project)
    assert (
        f'flowcharts/referral.yml:{line}: step "check": the page '
        'procedures/preface-and-introduction.md has no anchor "#para-99"'
    ) in str(failed.value)
    assert not (tiny_project / "site").exists(), "nothing was published"
