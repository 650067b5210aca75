"""The search worker: the same results as Material's own, and as the Python replica (Node.js).

Material's worker is run in Node.js exactly as a browser runs it: the page's "set up" message with
the site's search documents (for the handbook's worker: only the manifest of its shards), then
queries. These tests compare whole results: the documents, their order and scores, and the
highlighted teasers; and what the handbook's worker fetched for each query.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from handbook.search.index import IndexSettings, build_index, query_settings
from handbook.search.query import SearchBox, rewrite_query
from handbook.search.relevance import load_suite
from handbook.search.shards import read_shards, write_shards
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
def equivalent_sites(http_site: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The built site's documents with Material's own settings: for Material's worker, one
    search_index.json with them all; for the handbook's, the shards of an index built for them."""
    material_site = tmp_path_factory.mktemp("material")
    site = tmp_path_factory.mktemp("equivalent")
    (site / "search").mkdir()
    (material_site / "search").mkdir()
    data, docs, _compact = read_shards(http_site / "search")
    config = {key: data[key] for key in ("lang", "separator", "fields")}
    config["pipeline"] = ["stopWordFilter"]  # Material's default; no stemming
    settings = replace(IndexSettings.from_material(config), length_normalisation=0.0)  # Material's b = 0
    (material_site / "search" / "search_index.json").write_text(json.dumps({"config": config, "docs": docs}))
    shards = write_shards(site / "search", build_index(docs, settings, None).compact(), docs)
    config["handbook"] = {
        **shards.manifest,
        # No rewriting, and every result given whole and highlighted, as Material does.
        "query": {**query_settings(settings, Synonyms([], settings.pattern)), "rewrite": False,
                  "highlightAll": 10**6, "textGroups": 10**6},
    }  # fmt: skip
    (site / "search" / "search_index.json").write_text(json.dumps({"config": config, "docs": []}))
    return material_site, site


@pytest.fixture(scope="module")
def equivalent_site(equivalent_sites: tuple[Path, Path]) -> Path:
    return equivalent_sites[1]


def _combined_worker(tmp_path: Path) -> Path:
    from handbook.adapter.material_search_worker import combine

    ours = tmp_path / "worker.js"
    ours.write_text(combine(MATERIAL_WORKER.read_text(encoding="utf-8")), encoding="utf-8")
    return ours


def test_loaded_index_gives_materials_own_results(equivalent_sites: tuple[Path, Path], tmp_path: Path) -> None:
    """With Material's settings, searching the shards changes nothing a reader can see."""
    material_site, site = equivalent_sites
    material = run_worker(MATERIAL_WORKER, material_site, {"queries": QUERIES})
    handbook = run_worker(_combined_worker(tmp_path), site, {"queries": QUERIES})
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
    words = sorted({term for term in read_shards(http_site / "search")[2]["terms"] if term.isalpha()})
    rewrite_queries = [case.query for case in cases]
    rewrite_queries += ["S.47 enquiries", "childr", "the", "c", "child p", "s ", "+police", '"a b"']
    request = {
        "queries": [case.query for case in cases] + ["section 47", "safeguarded", "ICPC", "child protection"],
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


def test_pages_beyond_the_first_ten_come_by_title_in_their_place(worker_results: dict) -> None:
    """Every page a query matches is listed, in the replica's order; the first ten with their text."""
    box: SearchBox = worker_results["box"]
    result = worker_results["node"]["results"]["child protection"]
    groups = box.search("child protection")
    assert len(groups) > 20, "a common query for this test"
    assert [group[0]["location"].split("#")[0] for group in result["items"]] == [group.page for group in groups]
    assert all(item["text"] for group in result["items"][:10] for item in group[:1])
    titled = result["items"][10:]
    assert all(len(group) == 1 and group[0]["text"] == "" and group[0]["title"] for group in titled)


def test_a_query_fetches_only_the_files_it_needs(worker_results: dict, http_site: Path) -> None:
    fetched = worker_results["node"]["fetched"]
    manifest = worker_results["box"].config["handbook"]
    folder = manifest["folder"]
    first = fetched[next(iter(fetched))]
    assert folder + "documents.json" in first, "the first query fetches the document table"
    every = len(manifest["termChunks"]) + len(manifest["docChunks"])
    for query, paths in fetched.items():
        assert all(path.startswith(folder) for path in paths), (query, paths)
        assert len(set(paths)) == len(paths), f"{query}: a file fetched twice"
    assert len(first) < every / 4, first
    # Queries share what they loaded: the same query again fetches nothing.
    assert len({path for paths in fetched.values() for path in paths}) == sum(map(len, fetched.values()))


def _failure(result: dict) -> str:
    items = result["results"]["police"]["items"]
    assert len(items) == 1 and items[0][0]["title"] == "Search could not load part of its index", items
    return items[0][0]["text"]


def test_a_stale_or_missing_shard_is_said_in_the_search_box(equivalent_site: Path, tmp_path: Path) -> None:
    """A browser may hold a page from an earlier build: the reader is told, never shown no results."""
    import shutil

    site = tmp_path / "site"
    shutil.copytree(equivalent_site, site)
    folder = site / json.loads((site / "search" / "search_index.json").read_text())["config"]["handbook"]["folder"]
    table = json.loads((folder / "documents.json").read_text())
    table["build"] = "an older build"
    (folder / "documents.json").write_text(json.dumps(table))
    result = run_worker(_combined_worker(tmp_path), site, {"queries": ["police"]})
    assert "documents.json is from another build" in _failure(result) and "Reload the page" in _failure(result)
    assert any("another build" in warning for warning in result["warnings"])
    shutil.rmtree(folder)
    result = run_worker(_combined_worker(tmp_path), site, {"queries": ["police"]})
    assert "could not be loaded (HTTP 404)" in _failure(result)


def test_an_index_of_another_format_is_said_in_the_search_box(equivalent_site: Path, tmp_path: Path) -> None:
    import shutil

    site = tmp_path / "site"
    shutil.copytree(equivalent_site, site)
    data = json.loads((site / "search" / "search_index.json").read_text())
    data["config"]["handbook"]["format"] = 1
    (site / "search" / "search_index.json").write_text(json.dumps(data))
    result = run_worker(_combined_worker(tmp_path), site, {"queries": ["police"]})
    assert "format 1" in _failure(result)


def test_keystrokes_typed_on_drop_the_queries_they_replace(http_site: Path, tmp_path: Path) -> None:
    """A reader typing asks a query per keystroke; one that is replaced while its files load is
    dropped: no text fetched for results nobody reads, and the last query's answer is the one shown."""
    typed = ["c", "ch", "chi", "chil", "child", "child p", "child pr", "child protection"]
    worker = _combined_worker(tmp_path)
    alone = run_worker(worker, http_site, {"queries": [typed[-1]]})
    result = run_worker(worker, http_site, {"typed": typed})["typed"]
    assert 1 <= len(result["answers"]) < len(typed), len(result["answers"])
    assert _comparable(result["answers"][-1]) == _comparable(alone["results"][typed[-1]])
    texts = sorted(path for path in result["fetched"] if re.search(r"/d[0-9]+\.json$", path))
    assert texts == sorted(path for path in alone["fetched"][typed[-1]] if re.search(r"/d[0-9]+\.json$", path))
