"""The search worker: the same results as Material's own, and as the Python replica (Node.js).

Material's worker is run in Node.js exactly as a browser runs it: the page's "set up" message with
the site's search documents, then queries. These tests compare whole results: the documents, their
order and scores, and the highlighted teasers.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from handbook.search.index import COMPACT_JSON, FORMAT, IndexSettings, build_index, query_settings
from handbook.search.query import SearchBox, rewrite_query
from handbook.search.relevance import load_suite
from handbook.search.synonyms import Synonyms
from handbook.search.tokens import stem

from .conftest import MATERIAL_WORKER, SUITE, run_worker, site_worker

pytestmark = pytest.mark.slow

QUERIES = ["safeguarding", "child protection", "LSCB", "police", "section", "chi", "assessment of need", "s",
           "+police -probation", '"significant harm"', "title:board", "health~1", "zzzz"]  # fmt: skip


def _comparable(result: dict) -> list[list[tuple]]:
    return [
        [(item["location"], item["title"], item["text"], round(item["score"], 6), json.dumps(item["terms"]),
          json.dumps(item.get("tags"))) for item in group]
        for group in result["items"]
    ]  # fmt: skip


@pytest.fixture(scope="module")
def equivalent_site(http_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site's documents with Material's own settings, and the compact index for them."""
    site = tmp_path_factory.mktemp("equivalent")
    (site / "search").mkdir()
    data = json.loads((http_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    config = {key: data["config"][key] for key in ("lang", "separator", "fields")}
    config["pipeline"] = ["stopWordFilter"]  # Material's default; no stemming
    settings = replace(IndexSettings.from_material(config), length_normalisation=0.0)  # Material's b = 0
    builder = build_index(data["docs"], settings, None)
    config["handbook"] = {
        "format": FORMAT,
        "build": "equivalent",
        # No rewriting, and every result highlighted, as Material does.
        "query": {**query_settings(settings, Synonyms([], settings.pattern)), "rewrite": False,
                  "highlightAll": 10**6, "highlightGroups": 10**6},
    }
    (site / "search" / "search_index.json").write_text(json.dumps({"config": config, "docs": data["docs"]}))
    (site / "search" / COMPACT_JSON).write_text(json.dumps(builder.compact("equivalent")))
    return site


def test_loaded_index_gives_materials_own_results(equivalent_site: Path, tmp_path: Path) -> None:
    """With Material's settings, loading the prebuilt index changes nothing a reader can see."""
    from handbook.adapter.material_search_worker import combine

    ours = tmp_path / "worker.js"
    ours.write_text(combine(MATERIAL_WORKER.read_text(encoding="utf-8")), encoding="utf-8")
    material = run_worker(MATERIAL_WORKER, equivalent_site, {"queries": QUERIES})
    handbook = run_worker(ours, equivalent_site, {"queries": QUERIES})
    assert material["built"] is True
    assert handbook["built"] is False, "the handbook's worker built the index instead of loading it"
    assert handbook["warnings"] == []
    for query in QUERIES:
        assert _comparable(handbook["results"][query]) == _comparable(material["results"][query]), query
    assert any("<mark>" in item["text"] for group in material["results"]["police"]["items"] for item in group)


@pytest.fixture(scope="module")
def worker_results(http_site: Path) -> dict:
    cases = load_suite(SUITE)
    box = SearchBox(http_site / "search")
    words = sorted({term for term in json.loads((http_site / "search" / COMPACT_JSON).read_text())["terms"]
                    if term.isalpha()})  # fmt: skip
    rewrite_queries = [case.query for case in cases] + ["S.47 enquiries", "childr", "the", "+police", '"a b"']
    request = {
        "queries": [case.query for case in cases] + ["section 47", "safeguarded", "ICPC"],
        "stem": words,
        "rewrite": {"settings": box.config["handbook"]["query"], "separator": box.settings.separator,
                    "queries": rewrite_queries},
    }  # fmt: skip
    return {"box": box, "cases": cases, "node": run_worker(site_worker(http_site), http_site, request)}


def test_the_site_loads_its_prebuilt_index(worker_results: dict) -> None:
    assert worker_results["node"]["built"] is False
    assert worker_results["node"]["warnings"] == []


def test_python_replica_ranks_as_the_worker_does(worker_results: dict) -> None:
    """The relevance suite runs in Python; it must see what the browser's worker shows."""
    box: SearchBox = worker_results["box"]
    for query, result in worker_results["node"]["results"].items():
        shown = []
        for group in result["items"][:5]:
            # As Material's result list shows a group: the page, then its best sections unfolded.
            page = next(item["location"] for item in group if "#" not in item["location"])
            best = []
            for item in (item for item in group if item["location"] != page):
                if item["score"] < group[0]["score"]:
                    break
                best.append(item["location"])
            shown.append([page, *best])
        expected = [group.visible for group in box.search(query)[:5]]
        assert shown == expected, query


def test_rewriting_is_the_same_in_both(worker_results: dict) -> None:
    box: SearchBox = worker_results["box"]
    for query, rewritten in worker_results["node"]["rewritten"].items():
        assert rewritten == rewrite_query(query, box.settings, box.phrases), query


def test_stems_are_lunr_js_stems(worker_results: dict) -> None:
    stems = worker_results["node"]["stems"]
    assert len(stems) > 1000
    assert {word: stem(word) for word in stems} == stems


def test_section_numbers_and_word_forms_are_highlighted_where_they_are_written(worker_results: dict) -> None:
    results = worker_results["node"]["results"]
    texts = [item["text"] for group in results["section 47"]["items"] for item in group]
    assert any("<mark>section</mark> <mark>47</mark>" in text.lower() for text in texts), texts[:3]
    texts = [item["text"] + item["title"] for group in results["safeguarded"]["items"] for item in group]
    assert any("<mark>safeguarding</mark>" in text.lower() for text in texts)
    # The reader typed "section 47"; the term it became must not be shown as a missing word.
    assert all("s47" in item["terms"] for group in results["section 47"]["items"] for item in group if item["terms"])


def test_an_index_from_another_build_is_not_used(equivalent_site: Path, tmp_path: Path) -> None:
    """A browser may hold an old copy of one of the two files: then Material builds its own index."""
    import shutil

    from handbook.adapter.material_search_worker import combine

    site = tmp_path / "site"
    shutil.copytree(equivalent_site, site)
    compact = json.loads((site / "search" / COMPACT_JSON).read_text())
    compact["build"] = "an older build"
    (site / "search" / COMPACT_JSON).write_text(json.dumps(compact))
    ours = tmp_path / "worker.js"
    ours.write_text(combine(MATERIAL_WORKER.read_text(encoding="utf-8")), encoding="utf-8")
    result = run_worker(ours, site, {"queries": ["police"]})
    assert result["built"] is True
    assert any("another build" in warning for warning in result["warnings"])
    assert result["results"]["police"]["items"]
    (site / "search" / COMPACT_JSON).unlink()
    result = run_worker(ours, site, {"queries": ["police"]})
    assert result["built"] is True and result["results"]["police"]["items"]
