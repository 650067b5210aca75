"""Search benchmark: synthetic handbooks of N chapters, the handbook's build against plain Material.

Run with ``python -m handbook bench`` (``--sizes 100,500 --runs 1`` for a quick look). For each size
it generates a synthetic handbook (``synthetic.py``), builds it with the handbook's full pipeline and
with a plain ``mkdocs build`` of the same pages (Material's defaults), and measures in one run:

* build time of each, and their ratio;
* the size of the search file every page loads (Material's ``search_index.json``: all the
  documents for plain Material, only the manifest of the shards for the handbook);
* page weight per page type: the HTML, every byte one page load transfers with search ready
  (page, styles, scripts, search files), and every byte the first query then fetches, in headless
  Chromium over http;
* Pagefind on the plain build's pages as a second baseline (``pagefind.py``);
* time to the first search result in headless Chromium, over http and from ``file://``:
  ``load → result`` (the reader types as soon as the page is ready; the clock starts with the
  navigation) and ``type → result`` (search is ready; the clock starts at the keystroke).

Every figure is the median of ``--runs`` runs; the machine is shared, so the baseline is measured in
the same run. The benchmark is not a test: it prints (and with ``--output`` writes) a Markdown report.
"""

from __future__ import annotations

import contextlib
import gzip
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from handbook import PROJECT_ROOT
from handbook.bench import pagefind
from handbook.bench.synthetic import SyntheticHandbook, generate
from handbook.core.chromium import CHROMIUM, CHROMIUM_ARGS
from handbook.core.links import page_url
from handbook.core.sources import load_pages
from handbook.search.index import IndexSettings, build_index
from handbook.search.shards import read_shards, write_shards
from handbook.search.synonyms import Synonyms, glossary_pairs
from handbook.site.build import build, mkdocs_env
from handbook.site.linkcheck import check_site
from handbook.site.local_server import is_own, serve

#: What the reader types: common words, so that every size has many matches.
QUERY = "child protection"
#: How fast the reader types, for "typing → result": a fast typist (about 80 words a minute).
KEYSTROKE_MS = 150
VARIANTS = ("ours", "plain")
#: Every search measured: the two builds, and Pagefind on the plain build.
BASELINES = ("ours", "plain", "Pagefind")
#: The weight of the chapter the searches are timed on.
TIMED = "timed chapter"
EDITIONS = ("http", "fileshare")

#: Runs in the page: type the query and resolve with timings once the first result is shown.
_MEASURE = """
async ({query, waitReady}) => {
  const input = document.querySelector("input[data-md-component=search-query]");
  const list = document.querySelector(".md-search-result__list");
  const meta = document.querySelector(".md-search-result__meta");
  const initial = "Initializing search";  /* Material's text until its worker is ready */
  const shown = () => list.querySelector(".md-search-result__item") !== null;
  const until = (test, limit) => new Promise((resolve, reject) => {
    if (test()) return resolve(performance.now());
    const observer = new MutationObserver(() => {
      if (test()) { observer.disconnect(); resolve(performance.now()); }
    });
    observer.observe(document.body, {childList: true, subtree: true, characterData: true});
    setTimeout(() => { observer.disconnect(); reject(new Error("no search result within " + limit + " ms")); }, limit);
  });
  input.focus();
  input.click();
  if (waitReady) await until(() => meta.textContent.trim() !== initial, 120000);
  const start = performance.now();
  input.value = query;
  input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true, key: "n"}));
  const end = await until(shown, 120000);
  const pageReady = performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd;
  return {fromNavigation: end, fromKeystroke: end - start, pageReady};
}
"""


#: Material's search box, for ``_TYPING``: where the reader types, the event a keystroke sends,
#: and where the results are shown.
MATERIAL_BOX = {"input": "input[data-md-component=search-query]", "event": "keyup", "results": ".md-search-result"}
#: After the last keystroke, the result list is watched until it has been still this long.
QUIET_MS = 1500

#: Runs in the page once search is ready: type the query a character at a time, ``gap`` ms apart,
#: as a reader does (a query per keystroke), and resolve with the time from the last keystroke to
#: the last change of the result list (every engine shows the last query's results last).
_TYPING = """
async ({query, gap, quiet, input, event, results}) => {
  const box = document.querySelector(input);
  const list = document.querySelector(results);
  let changed = 0;
  const observer = new MutationObserver(() => { changed = performance.now(); });
  observer.observe(list, {childList: true, subtree: true, characterData: true});
  let keyAt = 0;
  for (let i = 1; i <= query.length; i++) {
    box.value = query.slice(0, i);
    keyAt = performance.now();
    box.dispatchEvent(event === "keyup" ? new KeyboardEvent("keyup", {bubbles: true, key: query[i - 1]})
                                        : new Event(event, {bubbles: true}));
    if (i < query.length) await new Promise(resolve => setTimeout(resolve, gap));
  }
  while (performance.now() - Math.max(changed, keyAt) < quiet) await new Promise(resolve => setTimeout(resolve, 50));
  observer.disconnect();
  if (changed < keyAt) throw new Error("the results did not change after the last keystroke");
  return changed - keyAt;
}
"""

#: Runs in the page: open the search box and resolve once Material's search is ready.
_READY = """
async () => {
  const input = document.querySelector("input[data-md-component=search-query]");
  const meta = document.querySelector(".md-search-result__meta");
  input.focus();
  input.click();
  const start = performance.now();
  while (meta.textContent.trim() === "Initializing search" && performance.now() - start < 120000) {
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}
"""


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def build_plain(handbook: SyntheticHandbook, edition: str, site: Path) -> None:
    """``mkdocs build`` of the same pages with a plain Material configuration."""
    shutil.rmtree(site, ignore_errors=True)
    config = str(handbook.config("plain", edition))
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(site)]
    result = subprocess.run(command, cwd=handbook.root, env=mkdocs_env(handbook.root), capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"the plain build failed:\n{result.stdout}\n{result.stderr}")


#: The build's log line saying how long it waited for the search index's second process.
_WAITED = re.compile(r"the build waited ([0-9.]+) s for it")


def build_ours(handbook: SyntheticHandbook, edition: str, site: Path) -> float | None:
    """The handbook's full pipeline: validation, the handbook plugin, prebuilt search index, link check,
    safe swap. Returns how long the build waited at the end for the search index (None: no second process)."""
    said: list[str] = []
    build(edition, site, root=handbook.root, output=said)
    waited = _WAITED.search("".join(said))
    return float(waited.group(1)) if waited else None


def search_bytes(site: Path) -> Size:
    """The search file every page load fetches over http (Material's ``search_index.json``: for the
    handbook only the manifest of its shards), as stored and as a server would gzip it."""
    return Size.of([(site / "search" / "search_index.json").read_bytes()])


@dataclass(frozen=True)
class Size:
    """Bytes as stored, and gzip-compressed (intranet web servers compress what they send)."""

    raw: int = 0
    gzip: int = 0

    @classmethod
    def of(cls, bodies: Iterable[bytes]) -> Size:
        raw = gzipped = 0
        for body in bodies:
            raw += len(body)
            gzipped += len(gzip.compress(body, compresslevel=6, mtime=0))
        return cls(raw, gzipped)


def page_types(handbook: SyntheticHandbook) -> dict[str, str]:
    """One page of every kind in the synthetic handbook (a generated chapter for the chapter kinds)."""
    pages, _errors = load_pages(handbook.root)
    chosen: dict[str, str] = {}
    for page in sorted(pages, key=lambda p: (not p.src_uri.startswith("procedures/synthetic/"), p.src_uri)):
        chosen.setdefault(page.meta.kind, page.src_uri)
    return chosen


def search_index_seconds(site: Path) -> float:
    """Time to build the search index again from the built site's documents and write its shards:
    the work the build's second process does beside MkDocs (there it also cuts the pages into
    documents first, which this leaves out)."""
    config, docs, _compact = read_shards(site / "search")
    settings = IndexSettings.from_material(config)
    synonyms = Synonyms(glossary_pairs(PROJECT_ROOT), settings.pattern)
    with tempfile.TemporaryDirectory() as folder:
        return _timed(lambda: write_shards(Path(folder), build_index(docs, settings, synonyms).compact(), docs))


@dataclass
class SizeResult:
    chapters: int
    build: dict[str, list[float]] = field(default_factory=dict)
    #: Steps of the handbook's build, timed again on their own: the link check, the search index.
    steps: dict[str, list[float]] = field(default_factory=dict)
    index_bytes: dict[str, Size] = field(default_factory=dict)
    html_bytes: dict[tuple[str, str], int] = field(default_factory=dict)
    #: (variant, page kind) → bytes of a page load, and of the first query after it
    weights: dict[tuple[str, str], Weight] = field(default_factory=dict)
    #: (variant, protocol, metric) → milliseconds; a run with no result (Pagefind from file://) is left out
    timings: dict[tuple[str, str, str], list[float]] = field(default_factory=dict)
    #: why a variant gave no result, where it gave none
    failures: dict[tuple[str, str], str] = field(default_factory=dict)
    #: variant → bytes fetched while the query was typed a character at a time (http), per run
    typed: dict[str, list[Size]] = field(default_factory=dict)


class OtherHostRequested(RuntimeError):
    """A measured page asked another host for something: the figures would not be the offline site's."""


@contextlib.contextmanager
def _fresh_page(browser: object, url: str) -> Iterator[object]:
    """A page in a fresh browser context; on leaving, an error if it requested anything from another host.

    Requests are watched, not intercepted: routing every request through Playwright (to block other
    hosts) cost 15–20 ms a request, and a cold query makes about 17 requests, so the benchmark measured
    Playwright as much as the search. The handbook's tests check the offline guarantee; here a request
    elsewhere makes the figures void, so it is raised."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    elsewhere: list[str] = []
    context.on("request", lambda request: None if is_own(request.url, url) else elsewhere.append(request.url))
    try:
        yield context.new_page()
        if elsewhere:
            raise OtherHostRequested(f"{url} requested another host: {', '.join(sorted(set(elsewhere))[:5])}")
    finally:
        context.close()


def measure_search(browser: object, url: str, wait_ready: bool, script: str = "") -> dict[str, float]:
    """Open ``url`` in a fresh context and time the first search result (Material's box by default)."""
    with _fresh_page(browser, url) as page:
        page.goto(url, wait_until="domcontentloaded")
        return page.evaluate(script or _MEASURE, {"query": QUERY, "waitReady": wait_ready})


@dataclass(frozen=True)
class Weight:
    """Bytes one page load transfers before the reader types (search ready), and then for the first query."""

    load: Size
    query: Size


@contextlib.contextmanager
def _page_with_search_ready(browser: object, url: str, ready: str = "") -> Iterator[tuple[object, list[bytes]]]:
    """A fresh page at ``url``, loaded, with search ready (``ready``, a script run in the page;
    Material's by default) and the network idle; with the body of every response it has had."""
    with _fresh_page(browser, url) as page:
        bodies: list[bytes] = []

        def on_response(response: object) -> None:
            with contextlib.suppress(Exception):  # redirects, aborted requests and file:// have no body
                bodies.append(response.body())

        page.on("response", on_response)
        page.goto(url, wait_until="load")
        page.evaluate(ready or _READY)
        page.wait_for_load_state("networkidle")
        yield page, bodies


def measure_weight(browser: object, url: str, ready: str = "", query: str = "") -> Weight:
    """Bytes transferred over http by one page load (search ready), then by the first query's results.

    ``ready`` and ``query`` are scripts run in the page: wait until search is ready, then type and
    wait for the first result (Material's by default, ``_MEASURE``)."""
    with _page_with_search_ready(browser, url, ready) as (page, bodies):
        before = len(bodies)
        page.evaluate(query or _MEASURE, {"query": QUERY, "waitReady": True})
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)  # responses still being read
        return Weight(Size.of(bodies[:before]), Size.of(bodies[before:]))


def measure_typing(browser: object, url: str, ready: str = "", box: dict[str, str] | None = None) -> tuple[float, Size]:
    """Type the query at ``KEYSTROKE_MS`` a character once search is ready: the time from the last
    keystroke to the last change of the results, and every byte fetched while typing (over http)."""
    with _page_with_search_ready(browser, url, ready) as (page, bodies):
        before = len(bodies)
        arguments = {"query": QUERY, "gap": KEYSTROKE_MS, "quiet": QUIET_MS, **(box or MATERIAL_BOX)}
        milliseconds = page.evaluate(_TYPING, arguments)
        page.wait_for_load_state("networkidle")
        return milliseconds, Size.of(bodies[before:])


def _time_searches(result: SizeResult, variant: str, protocol: str, url: str, runs: int, browser: object,
                   script: str = "", ready: str = "", box: dict[str, str] | None = None) -> None:  # fmt: skip
    """``runs`` timings of load → result, type → result and typing → result (with the bytes typing
    fetched, over http); a failure is noted, not raised."""
    for _run in range(runs):
        try:
            for metric, wait_ready in (("load", False), ("type", True)):
                timing = measure_search(browser, url, wait_ready, script)
                value = timing["fromNavigation"] if metric == "load" else timing["fromKeystroke"]
                result.timings.setdefault((variant, protocol, metric), []).append(value)
                if metric == "load":  # the page's own part of load → result
                    result.timings.setdefault((variant, protocol, "ready"), []).append(timing["pageReady"])
            milliseconds, fetched = measure_typing(browser, url, ready, box)
        except OtherHostRequested:
            raise  # the figures would not be the offline site's: the benchmark stops
        except Exception as error:  # Pagefind from file:// gives no result: that is a finding
            result.failures[(variant, protocol)] = str(error).splitlines()[0][:160]
            return
        result.timings.setdefault((variant, protocol, "typing"), []).append(milliseconds)
        if protocol == "http":
            result.typed.setdefault(variant, []).append(fetched)


def bench_size(chapters: int, runs: int, work: Path, browser: object, log: Callable[[str], None]) -> SizeResult:
    result = SizeResult(chapters)
    handbook = generate(PROJECT_ROOT, work / f"handbook-{chapters}", chapters)
    pairs = [(variant, edition) for variant in VARIANTS for edition in EDITIONS]
    sites = {(variant, edition): work / f"site-{variant}-{edition}-{chapters}" for variant, edition in pairs}
    builders = {"ours": build_ours, "plain": build_plain}
    for run in range(runs):
        for variant in VARIANTS:
            start = time.perf_counter()
            waited = builders[variant](handbook, "http", sites[(variant, "http")])
            seconds = time.perf_counter() - start
            result.build.setdefault(variant, []).append(seconds)
            if variant == "ours":
                if waited is None:
                    raise RuntimeError("the handbook's build did not index search page by page (see its log)")
                result.steps.setdefault("search index wait", []).append(waited)
            log(f"  {chapters} chapters, run {run + 1}: {variant} build {seconds:.1f} s")
        ours = sites[("ours", "http")]
        result.steps.setdefault("link check", []).append(_timed(lambda ours=ours: check_site(ours)))
        result.steps.setdefault("search index", []).append(search_index_seconds(ours))
        plain = sites[("plain", "http")]
        result.steps.setdefault("Pagefind index", []).append(_timed(lambda plain=plain: pagefind.index_site(plain)))
    for variant in VARIANTS:
        builders[variant](handbook, "fileshare", sites[(variant, "fileshare")])
        result.index_bytes[variant] = search_bytes(sites[(variant, "http")])
    chapter = handbook.chapter_src_uris[len(handbook.chapter_src_uris) // 2]
    kinds = page_types(handbook)
    for variant in VARIANTS:
        site = sites[(variant, "http")]
        with serve(site) as base:
            for kind, src_uri in kinds.items():
                html = site / (page_url(src_uri) + "index.html")
                result.html_bytes[(variant, kind)] = html.stat().st_size if html.is_file() else 0
                result.weights[(variant, kind)] = measure_weight(browser, base + page_url(src_uri))
            result.weights[(variant, TIMED)] = measure_weight(browser, base + page_url(chapter))
            _time_searches(result, variant, "http", base + page_url(chapter), runs, browser)
        file_url = sites[(variant, "fileshare")].as_uri() + "/" + page_url(chapter, directory_urls=False)
        _time_searches(result, variant, "file", file_url, runs, browser)
        log(f"  {chapters} chapters: {variant} measured in Chromium")
    plain = sites[("plain", "http")]
    pagefind_page = pagefind.add_search_page(plain, page_url(chapter))
    with serve(plain) as base:
        weight = measure_weight(browser, base + pagefind_page, pagefind.READY, pagefind.MEASURE)
        result.weights[("Pagefind", TIMED)] = weight
        _time_searches(result, "Pagefind", "http", base + pagefind_page, runs, browser, pagefind.MEASURE,
                       pagefind.READY, pagefind.BOX)  # fmt: skip
    _time_searches(result, "Pagefind", "file", plain.as_uri() + "/" + pagefind_page, 1, browser, pagefind.MEASURE,
                   pagefind.READY, pagefind.BOX)  # fmt: skip
    log(f"  {chapters} chapters: Pagefind measured in Chromium")
    return result


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values):,.0f} ms"


def _mb(value: int) -> str:
    return f"{value / 1_000_000:.2f} MB"


def _sized(value: Size) -> str:
    return f"{_mb(value.raw)} ({_mb(value.gzip)} gzipped)"


def _growth(results: list[SizeResult]) -> list[str]:
    """How the build grows from the smallest size measured to the largest, ours and plain."""
    if len(results) < 2:
        return []
    small, large = results[0], results[-1]
    median = statistics.median
    times = {variant: median(large.build[variant]) / median(small.build[variant]) for variant in VARIANTS}
    scale = large.chapters / small.chapters
    return [
        "",
        f"Build time from {small.chapters:,} to {large.chapters:,} chapters ({scale:.0f}× the chapters): "
        f"ours {times['ours']:.1f}×, plain Material {times['plain']:.1f}×.",
    ]


def _step(result: SizeResult, step: str, build_seconds: float) -> str:
    seconds = statistics.median(result.steps[step])
    return f"{seconds:.1f} s ({seconds / build_seconds:.0%})"


def _timing(result: SizeResult, variant: str, protocol: str, metric: str) -> str:
    values = result.timings.get((variant, protocol, metric))
    return _ms(values) if values else "no result*"


def _typed(result: SizeResult, variant: str) -> str:
    """The median run's bytes fetched while typing, by raw size."""
    runs = sorted(result.typed.get(variant, []), key=lambda size: size.raw)
    return _sized(runs[(len(runs) - 1) // 2]) if runs else "no result*"


def _chapter_weight(result: SizeResult, variant: str) -> Weight:
    """The weight of the chapter page each search was timed on."""
    return result.weights[(variant, TIMED)]


def report(results: list[SizeResult], runs: int, command: str) -> str:
    """The figures as Markdown: ours beside plain Material and Pagefind, medians of ``runs`` runs."""
    lines = [
        f"Command: `{command}` (medians of {runs} run{'s' if runs != 1 else ''}; query \"{QUERY}\"). "
        "Pagefind indexes the plain build's pages (their article, not the menus); its search box is added "
        "to a copy of the same chapter page.",
        "",
        "**Build**",
        "",
        "| chapters | build: ours / plain (ratio) | of which: link check (share) | search index: the build's wait "
        "for it at the end (share) | search index: its work, beside MkDocs | Pagefind's indexing |",
        "|---:|---|---|---|---|---|",
    ]
    for result in results:
        ours, plain = statistics.median(result.build["ours"]), statistics.median(result.build["plain"])
        lines.append(
            f"| {result.chapters:,} | {ours:.1f} s / {plain:.1f} s ({ours / plain:.2f}×) | "
            f"{_step(result, 'link check', ours)} | {_step(result, 'search index wait', ours)} | "
            f"{statistics.median(result.steps['search index']):.1f} s | "
            f"{statistics.median(result.steps['Pagefind index']):.1f} s |"
        )
    lines += _growth(results)
    lines += [
        "",
        "**Search on a chapter page: bytes** (ours / plain Material / Pagefind)",
        "",
        "| chapters | search file every page loads (ours / plain) | page load, search ready, before typing "
        "| first query's files (typed at once) | files fetched while typing the query |",
        "|---:|---|---|---|---|",
    ]
    for result in results:
        weights = [_chapter_weight(result, variant) for variant in BASELINES]
        cells = [
            f"{result.chapters:,}",
            " / ".join(_sized(result.index_bytes[variant]) for variant in VARIANTS),
            " / ".join(_sized(weight.load) for weight in weights),
            " / ".join(_sized(weight.query) for weight in weights),
            " / ".join(_typed(result, variant) for variant in BASELINES),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        f"**Search on a chapter page: times** (ours / plain Material / Pagefind; typing at {KEYSTROKE_MS} ms a "
        "character)",
        "",
        "| chapters | http page ready (DOMContentLoaded) | http load → result | http type → result "
        "| http typing: last keystroke → result | file:// load → result | file:// type → result "
        "| file:// typing: last keystroke → result |",
        "|---:|---|---|---|---|---|---|---|",
    ]
    footnotes: list[str] = []
    for result in results:
        cells = [f"{result.chapters:,}"]
        for protocol in ("http", "file"):
            metrics = ("ready", "load", "type", "typing") if protocol == "http" else ("load", "type", "typing")
            for metric in metrics:
                cells.append(" / ".join(_timing(result, variant, protocol, metric) for variant in BASELINES))
        lines.append("| " + " | ".join(cells) + " |")
        for (variant, protocol), why in sorted(result.failures.items()):
            footnotes.append(f"\\* {result.chapters:,} chapters, {variant} over {protocol}: {why}")
    if footnotes:
        lines += ["", *footnotes]
    lines += [
        "",
        "**Page weight per page type over http** (the HTML; what one page load transfers with search ready; "
        "what the first query then fetches), ours / plain Material:",
        "",
        "| chapters | page type | HTML | page load | first query |",
        "|---:|---|---|---|---|",
    ]
    for result in results:
        for kind in sorted({kind for _variant, kind in result.html_bytes}):
            ours, plain = result.weights[("ours", kind)], result.weights[("plain", kind)]
            lines.append(
                f"| {result.chapters:,} | {kind} | {result.html_bytes[('ours', kind)] / 1000:,.0f} kB / "
                f"{result.html_bytes[('plain', kind)] / 1000:,.0f} kB | {_sized(ours.load)} / {_sized(plain.load)} | "
                f"{_sized(ours.query)} / {_sized(plain.query)} |"
            )
    return "\n".join(lines)


def run_benchmark(sizes: list[int], runs: int, work: Path | None, keep: bool, output: Path | None) -> str:
    """Benchmark each size and return the report; progress goes to stderr.

    ``work`` holds the generated handbooks and sites (default: a temporary folder, removed after);
    ``keep`` keeps them. With ``output``, the report is also written there after each size, so an
    interrupted run still leaves the sizes it finished.
    """
    # The figures depend only on the sizes and the runs, so those reproduce them.
    command = f"python -m handbook bench --sizes {','.join(map(str, sizes))} --runs {runs}"
    folder = work or Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    folder.mkdir(parents=True, exist_ok=True)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    from playwright.sync_api import sync_playwright

    results = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for size in sizes:
                    log(f"{size} chapters:")
                    results.append(bench_size(size, runs, folder, browser, log))
                    if output:  # so far, in case a later size is interrupted
                        output.write_text(report(results, runs, command) + "\n", encoding="utf-8")
                    if not keep:
                        for path in folder.glob(f"*-{size}"):
                            shutil.rmtree(path, ignore_errors=True)
            finally:
                browser.close()
    finally:
        if not keep and not work:
            shutil.rmtree(folder, ignore_errors=True)
    text = report(results, runs, command)
    if output:
        output.write_text(text + "\n", encoding="utf-8")
    return text
