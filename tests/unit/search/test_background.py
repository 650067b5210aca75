"""The search index built page by page in a second process is the one built from the file at the end."""

from __future__ import annotations

import json
import operator
import os
import pickle
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from handbook import PROJECT_ROOT
from handbook.content.editions import load_editions
from handbook.search.background import BackgroundIndex
from handbook.search.docs import PageFacts
from handbook.search.index import prebuild_search_index
from handbook.search.synonyms import glossary_pairs

MATERIAL_CONFIG = {
    "lang": ["en"],
    "separator": r"[\s\-,:;!?=\[\]()\"/]+|\.(?!\d)",
    "pipeline": ["stopWordFilter", "stemmer"],
    "fields": {"title": {"boost": 5.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}},
}

#: Three pages as Material's search plugin sees them: its documents, and each page's HTML (the
#: numbered paragraphs are found in it), with the front matter's facts.
PAGES = {
    "procedures/referral/": (
        PageFacts("procedure"),
        '<h1 id="referral">Referral</h1><p class="hb-para" data-para="1" id="para-1">1 Refer the child</p>'
        '<p class="hb-para" data-para="2" id="para-2">2 Record the decision</p>',
        [
            {"location": "procedures/referral/", "title": "Referral",
             "text": "<p>1 Refer the child to children's social care under section 47.</p>"
                     "<p>2 Record the decision and the reasons (ICPC).</p>"},
            {"location": "procedures/referral/#timescales", "title": "Timescales",
             "text": "<p>Within one working day.</p>"},
        ],
    ),
    "working-together/2018/chapter-1/": (
        PageFacts("edition", edition=2018),
        '<h1 id="chapter-1">Chapter 1</h1><p class="hb-para" data-para="1.2" id="para-1-2">1.2 Assessments</p>',
        [{"location": "working-together/2018/chapter-1/", "title": "Chapter 1: Assessing need",
          "text": "<p>1.2 Assessments of children in need are safeguarding work.</p>"}],
    ),
    "glossary/": (PageFacts("reference"), "<h1>Glossary</h1>", [
        {"location": "glossary/", "title": "Glossary", "text": "<p>LSCB: Local Safeguarding Children Board.</p>"}]),
}  # fmt: skip


def material_index(folder: Path, pages: dict = PAGES) -> Path:
    search = folder / "search"
    search.mkdir(parents=True)
    docs = [doc for _facts, _html, page_docs in pages.values() for doc in page_docs]
    path = search / "search_index.json"
    path.write_text(json.dumps({"config": MATERIAL_CONFIG, "docs": docs}), encoding="utf-8")
    return path


def background(config: dict = MATERIAL_CONFIG, scripts: bool = True) -> BackgroundIndex:
    """Pages are handed over as {"docs": Material's documents}; the build hands over Material's
    view of the page and Material's code makes the documents (adapter/material_search_documents.py)."""
    pairs = glossary_pairs(PROJECT_ROOT)
    return BackgroundIndex(config, load_editions(PROJECT_ROOT), pairs, scripts, operator.itemgetter("docs"))


def files_of(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file()}  # fmt: skip


@pytest.mark.parametrize("scripts", [True, False], ids=["file-share", "http"])
def test_page_by_page_writes_the_same_files_as_the_build_from_the_file(tmp_path: Path, scripts: bool) -> None:
    at_the_end = material_index(tmp_path / "end")
    paragraphs = {"procedures/referral/": [("1", "para-1"), ("2", "para-2")],
                  "working-together/2018/chapter-1/": [("1.2", "para-1-2")]}  # fmt: skip
    facts = {url: page_facts for url, (page_facts, _html, _docs) in PAGES.items()}
    prebuild_search_index(at_the_end, facts, paragraphs, load_editions(PROJECT_ROOT), glossary_pairs(PROJECT_ROOT),
                          scripts=scripts)  # fmt: skip
    as_built = material_index(tmp_path / "built")
    index = background(scripts=scripts)
    for url, (facts, html, docs) in PAGES.items():
        index.add_page(url, {"docs": docs}, facts, html)
    result = index.finish(as_built)
    assert result is not None
    assert result.documents == 7  # Material's four documents and a document per numbered paragraph
    assert files_of(as_built.parent) == files_of(at_the_end.parent)
    assert any(name.endswith(".js") for name in files_of(as_built.parent)) == scripts


def test_a_page_that_cannot_be_sent_is_said_at_once(tmp_path: Path) -> None:
    """The queue would drop it with a message on stderr, and the index would lack the page."""
    index = background()
    with pytest.raises((pickle.PicklingError, AttributeError, TypeError)):
        index.add_page("procedures/referral/", {"docs": [], "hook": lambda: None}, PageFacts("procedure"), "")
    index.cancel()


def test_other_settings_than_the_file_build_nothing(tmp_path: Path) -> None:
    path = material_index(tmp_path)
    index = background({**MATERIAL_CONFIG, "pipeline": ["stopWordFilter"]})
    for url, (facts, html, docs) in PAGES.items():
        index.add_page(url, {"docs": docs}, facts, html)
    assert index.finish(path) is None
    assert sorted(files_of(path.parent)) == ["search_index.json"]


def test_a_failure_in_the_second_process_builds_nothing(tmp_path: Path) -> None:
    """German is not supported by the index: the second process fails, and the build from the
    file then reports it in plain English (adapter/search.py)."""
    german = {**MATERIAL_CONFIG, "lang": ["de"]}
    path = tmp_path / "search" / "search_index.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"config": german, "docs": []}), encoding="utf-8")
    index = background(german)
    assert index.finish(path) is None
    assert "English only" in index.why_not
    assert sorted(files_of(path.parent)) == ["search_index.json"]


def test_a_page_the_second_process_cannot_index_builds_nothing_and_says_why(tmp_path: Path) -> None:
    path = material_index(tmp_path)
    index = background()
    index.add_page("procedures/referral/", {"docs": PAGES["procedures/referral/"][2]}, PageFacts("procedure"), "")
    index.add_page("glossary/", {"no documents": []}, PageFacts("reference"), "")
    assert index.finish(path) is None
    assert "KeyError: 'docs'" in index.why_not
    assert sorted(files_of(path.parent)) == ["search_index.json"]


def test_a_cancelled_index_stops_its_process(tmp_path: Path) -> None:
    index = background()
    index.add_page("glossary/", {"docs": PAGES["glossary/"][2]}, PAGES["glossary/"][0], PAGES["glossary/"][1])
    index.cancel()
    assert not index._process.is_alive()
    shutil.rmtree(tmp_path, ignore_errors=True)


def run_script(tmp_path: Path, body: str) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "build_script.py"
    script.write_text(
        "import os, sys, time\n"
        "from pathlib import Path\n"
        "from handbook import PROJECT_ROOT\n"
        "from handbook.content.editions import load_editions\n"
        "from handbook.search.background import BackgroundIndex\n" + body,
        encoding="utf-8",
    )
    env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT / "scripts"))
    return subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=30)


def test_the_second_process_ends_when_the_build_is_killed(tmp_path: Path) -> None:
    """The build kills MkDocs when the sources are not valid (site/build.py): a killed process runs
    no clean-up, so the second process must notice on its own, not wait for pages for ever."""
    run = run_script(tmp_path,
        f"index = BackgroundIndex({MATERIAL_CONFIG!r}, load_editions(PROJECT_ROOT), [], False, len)\n"
        "print(index._process.pid, flush=True)\n"
        "time.sleep(1)\n"
        "assert index._process.is_alive()\n"
        "os.kill(os.getpid(), 9)\n",
    )  # fmt: skip
    assert run.returncode == -9, run.stderr
    child = int(run.stdout.split()[0])
    deadline = time.monotonic() + 10
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(child), "the index process outlived the killed build"


def test_a_build_script_without_a_main_guard_runs_once(tmp_path: Path) -> None:
    """multiprocessing's "spawn" imports the caller's main script again in the new process: a
    script with no ``if __name__ == "__main__"`` would run its build twice. The second process is
    a fresh ``python -m`` instead (core/second_process.py)."""
    material_index(tmp_path / "site")
    run = run_script(tmp_path,
        "print('the script ran', flush=True)\n"
        f"index = BackgroundIndex({MATERIAL_CONFIG!r}, load_editions(PROJECT_ROOT), [], False, len)\n"
        f"print(index.finish(Path({str(tmp_path / 'site' / 'search' / 'search_index.json')!r})).documents)\n",
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stdout.split("\n")[:2] == ["the script ran", "0"], run.stdout + run.stderr


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (ended, not yet reaped by init) counts as ended.
    status = Path(f"/proc/{pid}/stat")
    return status.is_file() and status.read_text().split(")")[-1].split()[0] != "Z"
