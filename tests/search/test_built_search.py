"""The built sites' search files: the prebuilt index, the worker, and what is (not) indexed."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from handbook import PROJECT_ROOT
from handbook.adapter.material_search_worker import PRELUDE, prelude_lines, shipped_prelude
from handbook.bench.synthetic import generate
from handbook.core.links import page_url
from handbook.core.sources import load_pages
from handbook.search.shards import read_shards
from handbook.site.build import build

from .conftest import MATERIAL_WORKER, site_worker

pytestmark = pytest.mark.slow


def _search(site: Path) -> tuple[dict, dict]:
    """The search documents and the compact index, read back from the site's shards."""
    config, docs, compact = read_shards(site / "search")
    return {"config": config, "docs": docs}, compact


@pytest.mark.parametrize("edition", ["http_site", "fileshare_site"])
def test_both_editions_carry_the_prebuilt_index(request: pytest.FixtureRequest, edition: str) -> None:
    site: Path = request.getfixturevalue(edition)
    data, compact = _search(site)
    loaded = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert loaded["docs"] == [] and len(json.dumps(loaded)) < 20_000, "every page loads this file: no documents"
    assert compact["documents"] == len(data["docs"]) > 500
    folder = site / data["config"]["handbook"]["folder"]
    if edition == "http_site":
        assert not list(folder.glob("*.js")), "an edition served over http fetches the .json files only"
        return
    for path in folder.glob("*.json"):  # file:// loads the same data as scripts
        script = path.with_suffix(".js").read_text(encoding="utf-8")
        name = path.stem
        assert script == f'self.__handbookShard("{name}",{path.read_text(encoding="utf-8")});\n'


def test_the_file_share_edition_inlines_the_handbooks_index(fileshare_site: Path) -> None:
    """The search feature runs after Material's search plugin and before the offline plugin copies its file."""
    inlined = (fileshare_site / "search" / "search_index.js").read_text(encoding="utf-8")
    data = json.loads(inlined.removeprefix("var __index = "))
    assert data == json.loads((fileshare_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert "handbook" in data["config"]


def test_the_worker_is_materials_with_the_handbooks_code_in_front(http_site: Path) -> None:
    worker = site_worker(http_site)
    assert worker.name == MATERIAL_WORKER.name, "the worker keeps Material's name: no template changes"
    text = worker.read_text(encoding="utf-8")
    assert text.startswith(shipped_prelude().rstrip("\n") + "\n")
    # Sent minified: the first comment says where the readable code is, and no other comment is sent.
    assert text.startswith("/*! Safeguarding Procedures Handbook") and "scripts/handbook/search/worker.js" in text[:200]
    assert "--- 1. The files" not in text and len(shipped_prelude()) < 0.7 * len(PRELUDE.read_text(encoding="utf-8"))
    assert text.endswith(MATERIAL_WORKER.read_text(encoding="utf-8"))
    source_map = json.loads(Path(str(worker) + ".map").read_text(encoding="utf-8"))
    assert source_map["mappings"].startswith(";" * prelude_lines()) and not source_map["mappings"].startswith(
        ";" * (prelude_lines() + 1)
    )


def test_every_numbered_paragraph_is_a_search_result_that_lands_on_it(http_site: Path) -> None:
    data, _compact = _search(http_site)
    locations = {doc["location"] for doc in data["docs"]}
    pages, _errors = load_pages(PROJECT_ROOT)
    checked = 0
    for page in pages:
        html = (http_site / page_url(page.src_uri) / "index.html").read_text(encoding="utf-8")
        for anchor in re.findall(r'<p class="hb-para" data-para="[^"]+" id="([^"]+)"', html):
            assert page_url(page.src_uri) + "#" + anchor in locations
            checked += 1
    assert checked >= 80
    for doc in data["docs"]:
        if doc["title"].startswith("Paragraph "):
            page, anchor = doc["location"].split("#")
            html = (http_site / page / "index.html").read_text(encoding="utf-8")
            assert f'id="{anchor}"' in html


def test_results_are_labelled_with_their_edition_or_procedure(http_site: Path) -> None:
    data, _compact = _search(http_site)
    pages = {doc["location"]: doc for doc in data["docs"] if "#" not in doc["location"]}
    assert pages["working-together/2010/chapter-5/"]["tags"] == [
        "Working Together 2010 (executive summary)",
        "Replaced guidance",
    ]
    assert pages["working-together/2013/consultation-draft/introduction/"]["tags"] == [
        "Working Together 2013 (consultation draft)",
        "Replaced guidance",
    ]
    assert pages["procedures/preface-and-introduction/"]["tags"] == ["LSCB procedure"]
    replaced = pages["working-together/2010/chapter-5/"].get("boost", 1)
    assert pages["procedures/preface-and-introduction/"].get("boost", 1) > replaced


class _Excluded(HTMLParser):
    """A page's text, split into what is inside elements marked data-search-exclude and the rest."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.stack: list[str] = []
        self.texts: list[str] = []
        self.kept: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "img", "input", "meta", "link", "hr", "wbr", "source"):
            return
        self.stack.append(tag)
        if self.depth or any(name == "data-search-exclude" for name, _ in attrs):
            if not self.depth:
                self.texts.append("")
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
            if self.depth:
                self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.texts[-1] += data
        else:
            self.kept.append(data)

    def sentences(self) -> list[str]:
        """Each excluded block's sentences and lines (long enough not to occur in the text by chance)."""
        found = []
        for text in self.texts:
            for line in text.splitlines():
                found += [part.strip() for part in re.split(r"(?<=\.)\s+", line) if len(part.strip()) > 25]
        return found


def _letters(text: str) -> str:
    """Text without markup, spaces or punctuation: the index and the page lay out the same words differently."""
    return re.sub(r"[^0-9a-z]+", "", re.sub(r"<[^>]+>", " ", text).lower())


def test_page_furniture_is_not_indexed(http_site: Path) -> None:
    """What a page marks data-search-exclude (banners, buttons, chart sources) is not in its results.

    Compared page by page: a comparison page quotes the editions' text, which is rightly indexed on
    the edition's own page. A sentence that the page also shows outside an excluded block (one
    comparison view excluded, the other searched) may be indexed.
    """
    data, _compact = _search(http_site)
    indexed: dict[str, str] = {}
    for doc in data["docs"]:
        page = doc["location"].split("#")[0]
        indexed[page] = indexed.get(page, "") + _letters(doc["title"] + " " + doc["text"])
    checked: list[str] = []
    leaked: list[str] = []
    for html in http_site.rglob("index.html"):
        page = page_url(str(html.relative_to(http_site)).removesuffix("index.html") + "index.md")
        parser = _Excluded()
        parser.feed(html.read_text(encoding="utf-8"))
        kept = _letters(" ".join(parser.kept))
        for sentence in parser.sentences():
            checked.append(sentence)
            if _letters(sentence) in indexed.get(page, "") and _letters(sentence) not in kept:
                leaked.append(f"{page}: {sentence}")
    assert any("replaced by" in text for text in checked), "no replaced-edition banner found to check"
    assert any("n_decide" in text for text in checked), "no chart source found to check"
    assert leaked == []


CHART_PAGE = """---
title: "Chapter 1: Referral flowchart"
kind: flowchart
status: local procedure
owner: LSCB administrator
last_reviewed: 2026-11-22
review_due: 2027-11-22
source: Written for this test
---

# Chapter 1: Referral flowchart

The chart shows the referral pathway.

```mermaid
flowchart TD
  quokkanode[Zanzibarwidget referral] --> wombatnode[Strategy discussion]
```

<div data-search-exclude="" markdown>
Furniture with a marmalade-flavoured word.
</div>
"""


def test_chart_sources_and_excluded_blocks_are_not_indexed(tmp_path: Path) -> None:
    handbook = generate(PROJECT_ROOT, tmp_path / "handbook", chapters=1)
    (handbook.root / handbook.chapter_src_uris[0]).write_text(CHART_PAGE, encoding="utf-8")
    site = build("http", tmp_path / "site", root=handbook.root)
    data, compact = _search(site)
    chapter = page_url(handbook.chapter_src_uris[0])
    html = (site / chapter / "index.html").read_text(encoding="utf-8")
    assert 'class="mermaid" data-search-exclude=""' in html
    assert "Zanzibarwidget" in html  # the chart is on the page ...
    texts = " ".join(doc["title"] + " " + doc["text"] for doc in data["docs"])
    assert "referral pathway" in texts  # ... its text alternative is indexed ...
    for word in ("zanzibarwidget", "quokkanode", "flowchart td", "marmalade"):
        assert word not in texts.lower()  # ... but not the chart's source, nor the furniture
    for term in ("zanzibarwidget", "quokkanod", "quokkanode", "wombatnod", "marmalad", "marmalade"):
        assert term not in compact["terms"]
