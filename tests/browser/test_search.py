"""Search in the real search box, in Chromium, over http and from file://.

A sample of the relevance suite typed into the search box; the results' labels and highlights; a
result's link landing on the paragraph with its words highlighted; half-typed words; and that the
browser loads the index built at build time (and asks no other host for anything).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook import PROJECT_ROOT
from handbook.core.links import page_url
from handbook.search.relevance import TOP, load_suite

from .conftest import search, site_of, url_for

pytestmark = pytest.mark.browser

SUITE = load_suite(PROJECT_ROOT / "tests" / "search" / "relevance.yml")
#: Queries typed into the real search box: one of each kind the suite covers.
SAMPLE = ["S.47", "section 47 enquiries", "s17", "SCR", "supervising staff", "private fostering",
          "mother and baby units", "worried about a child", "(ICPC)", "LADO", "CDOP", "FGM"]  # fmt: skip
SCREENSHOTS = PROJECT_ROOT / "reports" / "screenshots"


@pytest.fixture
def base(request: pytest.FixtureRequest) -> str:
    return request.getfixturevalue("http_base" if request.param == "http" else "file_base")


def _search(record, query: str):
    return search(record, query)


def _groups(page, base: str) -> list[list[str]]:
    """Each result's links, as locations relative to the site (without the ?h= highlighting)."""
    groups = []
    for item in page.locator(".md-search-result__item").all()[:TOP]:
        links = []
        for link in item.locator(":scope > a.md-search-result__link").all():
            href = link.get_attribute("href") or ""
            path, _, anchor = href.removeprefix(base).partition("#")
            links.append(path.split("?")[0] + (f"#{anchor}" if anchor else ""))
        groups.append(links)
    return groups


def _expected(target: str, base: str) -> str:
    page, _, anchor = target.partition("#")
    url = page_url(page, directory_urls=not base.startswith("file:"))
    return url + (f"#{anchor}" if anchor else "")


@pytest.mark.parametrize("base", ["http", "file"], indirect=True)
@pytest.mark.parametrize("query", SAMPLE)
def test_search_box_finds_the_answer(visit, base: str, query: str) -> None:
    case = next(case for case in SUITE if case.query == query)
    record = visit(url_for(base, "index.md"), base)
    page = _search(record, query)
    groups = _groups(page, base)
    wanted = [_expected(target, base) for target in case.expect]
    assert any(target in group for group in groups for target in wanted), (wanted, groups)
    assert record.foreign_requests() == []
    assert record.errors == []


@pytest.mark.parametrize("base", ["http", "file"], indirect=True)
def test_the_browser_loads_the_prebuilt_index(visit, base: str) -> None:
    record = visit(url_for(base, "index.md"), base)
    messages: list[str] = []
    record.page.on("console", lambda message: messages.append(message.text))
    _search(record, "safeguarding")
    extension = ".json" if base.startswith("http") else ".js"
    shards = [url for url in record.requests if url.startswith(base + "search/shards-")]
    assert any(url.endswith("/documents" + extension) for url in shards), record.requests
    assert all(url.endswith(extension) for url in shards), shards
    folder = next((site_of(base) / "search").glob("shards-*"))
    assert 0 < len(shards) < len(list(folder.glob("*" + extension))) / 2, "a query fetches some files, not the index"
    assert not [message for message in messages if message.startswith("Search:")]
    assert record.errors == []


@pytest.mark.parametrize("base", ["http", "file"], indirect=True)
def test_results_are_labelled_and_highlighted(visit, base: str) -> None:
    record = visit(url_for(base, "index.md"), base)
    page = _search(record, "section 47 enquiries")
    labels = [item.locator(".md-tag").all_inner_texts() for item in page.locator(".md-search-result__item").all()]
    assert "LSCB procedure" in labels[0] or "Flowchart" in labels[0], labels  # local material first
    marks = [text.lower() for text in page.locator(".md-search-result__article mark").all_inner_texts()]
    assert "section" in marks and "47" in marks and "enquiries" in marks
    # Material lists a result's missing words: only ever words the reader typed, as typed.
    missing = {word.lower() for word in page.locator(".md-search-result__terms del").all_text_contents()}
    assert missing <= {"s47", "enquiries"}, missing
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"search-s47-{'http' if base.startswith('http') else 'file'}.png"))


@pytest.mark.parametrize("base", ["http", "file"], indirect=True)
def test_a_result_lands_on_its_paragraph_with_the_words_highlighted(visit, base: str) -> None:
    record = visit(url_for(base, "index.md"), base)
    page = _search(record, "mother and baby units")
    target = _expected("working-together/2013/consultation-draft/organisational-responsibilities.md#para-40", base)
    link = page.locator(f'a.md-search-result__link[href*="{target.split("#")[0]}"][href$="#para-40"]').first
    href = link.get_attribute("href") or ""
    assert "?h=" in href
    item = page.locator(".md-search-result__item").filter(has=link)
    labels = item.locator(".md-tag").all_inner_texts()
    assert labels == ["Working Together 2013 (consultation draft)", "Replaced guidance"]
    link.click()
    page.wait_for_url("**#para-40")
    paragraph = page.locator("#para-40")
    paragraph.wait_for()
    assert paragraph.is_visible() and paragraph.evaluate(
        "el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }"
    )
    highlighted = [text.lower() for text in paragraph.locator("mark[data-md-highlight]").all_inner_texts()]
    assert "mother" in highlighted and any(text.startswith("unit") for text in highlighted)
    assert record.foreign_requests() == []
    assert record.errors == []


@pytest.mark.parametrize("base", ["http"], indirect=True)
def test_half_typed_words_already_find_results(visit, base: str) -> None:
    record = visit(url_for(base, "index.md"), base)
    page = _search(record, "assessm")
    titles = " ".join(page.locator(".md-search-result__article").all_inner_texts()).lower()
    assert "assessment" in titles


def test_screenshot_of_results(visit, http_base: str) -> None:
    """For people to look at: the results for a practitioner's query, light scheme."""
    record = visit(url_for(http_base, "index.md"), http_base)
    query = "initial child protection conference"
    page = _search(record, query)
    missing = {word.lower() for word in page.locator(".md-search-result__terms del").all_text_contents()}
    assert missing <= set(query.split()), "only the reader's own words are shown as missing, as typed"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / "search-conference.png"
    page.screenshot(path=str(path))
    assert Path(path).stat().st_size > 10_000


@pytest.fixture(scope="module")
def stale_sites(http_site: Path, fileshare_site: Path, tmp_path_factory: pytest.TempPathFactory):
    """Copies of both editions whose pages name a shard folder that is gone (a newer build replaced
    it while a reader had the page open, or a half-copied file share)."""
    import shutil

    from .conftest import served

    copies = {}
    for name, site in (("http", http_site), ("file", fileshare_site)):
        copy = tmp_path_factory.mktemp(f"stale-{name}") / "site"
        shutil.copytree(site, copy, ignore=shutil.ignore_patterns("*.pdf"))
        for folder in (copy / "search").glob("shards-*"):
            shutil.rmtree(folder)
        copies[name] = copy
    with served(copies["http"]) as http:
        yield {"http": http, "file": copies["file"].as_uri() + "/"}


@pytest.mark.parametrize("protocol", ["http", "file"])
def test_a_missing_index_file_is_said_in_the_search_box(visit, stale_sites: dict, protocol: str) -> None:
    base = stale_sites[protocol]
    record = visit(url_for(base, "index.md"), base)
    page = record.page
    page.locator("input[data-md-component=search-query]").click()
    page.locator("input[data-md-component=search-query]").press_sequentially("safeguarding", delay=15)
    item = page.locator(".md-search-result__item").filter(has_text="Search could not load part of its index")
    item.first.wait_for(timeout=30_000)
    assert "Reload the page" in item.first.inner_text()
    assert page.locator(".md-search-result__item").count() == 1, "the message, not an empty or partial list"
