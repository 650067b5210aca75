"""Search benchmark: synthetic handbooks of N chapters, the handbook's build against plain Material.

Run with ``python -m handbook bench`` (``--sizes 100,500 --runs 1`` for a quick look). For each size
it generates a synthetic handbook (``synthetic.py``), builds it with the handbook's full pipeline and
with a plain ``mkdocs build`` of the same pages (Material's defaults), and measures in one run:

* build time of each, and their ratio;
* the size of the search files a page loads (Material's ``search_index.json``, plus the handbook's
  prebuilt ``handbook_index.json``);
* page weight per page type: the HTML, and every byte one page load transfers (page, styles,
  scripts, search files), in headless Chromium over http;
* time to the first search result in headless Chromium, over http and from ``file://``:
  ``load → result`` (the reader types as soon as the page is ready; the clock starts with the
  navigation) and ``type → result`` (search is ready; the clock starts at the keystroke).

Every figure is the median of ``--runs`` runs; the machine is shared, so the baseline is measured in
the same run. The benchmark is not a test: it prints (and with ``--output`` writes) a Markdown report.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from handbook import PROJECT_ROOT
from handbook.bench.synthetic import SyntheticHandbook, generate
from handbook.core.chromium import CHROMIUM, CHROMIUM_ARGS
from handbook.core.links import page_url
from handbook.core.sources import load_pages
from handbook.search.index import IndexSettings, build_index
from handbook.search.synonyms import Synonyms, glossary_pairs
from handbook.site.build import build, mkdocs_env
from handbook.site.linkcheck import check_site
from handbook.site.local_server import is_own, serve

#: What the reader types: common words, so that every size has many matches.
QUERY = "child protection"
VARIANTS = ("ours", "plain")
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
  return {fromNavigation: end, fromKeystroke: end - start};
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


def build_ours(handbook: SyntheticHandbook, edition: str, site: Path) -> None:
    """The handbook's full pipeline: validation, the handbook plugin, prebuilt search index, link check, safe swap."""
    build(edition, site, root=handbook.root)


def search_bytes(site: Path) -> Size:
    """The search files a page load fetches over http, as stored and as a server would gzip them."""
    return Size.of(path.read_bytes() for path in (site / "search").glob("*.json"))


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
    """Time to build the search index again from the built site's documents (the search feature's main step)."""
    data = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    settings = IndexSettings.from_material(data["config"])
    synonyms = Synonyms(glossary_pairs(PROJECT_ROOT), settings.pattern)
    return _timed(lambda: build_index(data["docs"], settings, synonyms).compact())


@dataclass
class SizeResult:
    chapters: int
    build: dict[str, list[float]] = field(default_factory=dict)
    #: Two steps of the handbook's build, timed again on their own: the link check, the search index.
    steps: dict[str, list[float]] = field(default_factory=dict)
    index_bytes: dict[str, Size] = field(default_factory=dict)
    html_bytes: dict[tuple[str, str], int] = field(default_factory=dict)
    load_bytes: dict[tuple[str, str], Size] = field(default_factory=dict)
    timings: dict[tuple[str, str, str], list[float]] = field(default_factory=dict)


def measure_search(browser: object, url: str, wait_ready: bool) -> dict[str, float]:
    """Open ``url`` in a fresh context and time the first search result."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.route("**/*", lambda route: route.continue_() if is_own(route.request.url, url) else route.abort())
        page.goto(url, wait_until="domcontentloaded")
        return page.evaluate(_MEASURE, {"query": QUERY, "waitReady": wait_ready})
    finally:
        context.close()


def measure_weight(browser: object, url: str) -> Size:
    """Bytes transferred by one page load over http, search files included (search ready)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    total = Size()
    try:
        page = context.new_page()
        bodies: list[bytes] = []

        def on_response(response: object) -> None:
            with contextlib.suppress(Exception):  # redirects and aborted requests have no body
                bodies.append(response.body())

        page.on("response", on_response)
        page.route("**/*", lambda route: route.continue_() if is_own(route.request.url, url) else route.abort())
        page.goto(url, wait_until="load")
        page.evaluate(_MEASURE, {"query": QUERY, "waitReady": True})
        page.wait_for_load_state("networkidle")
        total = Size.of(bodies)
    finally:
        context.close()
    return total


def bench_size(chapters: int, runs: int, work: Path, browser: object, log: Callable[[str], None]) -> SizeResult:
    result = SizeResult(chapters)
    handbook = generate(PROJECT_ROOT, work / f"handbook-{chapters}", chapters)
    pairs = [(variant, edition) for variant in VARIANTS for edition in EDITIONS]
    sites = {(variant, edition): work / f"site-{variant}-{edition}-{chapters}" for variant, edition in pairs}
    builders = {"ours": build_ours, "plain": build_plain}
    for run in range(runs):
        for variant in VARIANTS:
            seconds = _timed(lambda variant=variant: builders[variant](handbook, "http", sites[(variant, "http")]))
            result.build.setdefault(variant, []).append(seconds)
            log(f"  {chapters} chapters, run {run + 1}: {variant} build {seconds:.1f} s")
        ours = sites[("ours", "http")]
        result.steps.setdefault("link check", []).append(_timed(lambda ours=ours: check_site(ours)))
        result.steps.setdefault("search index", []).append(search_index_seconds(ours))
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
                result.load_bytes[(variant, kind)] = measure_weight(browser, base + page_url(src_uri))
            for _run in range(runs):
                for metric, ready in (("load", False), ("type", True)):
                    timing = measure_search(browser, base + page_url(chapter), ready)
                    value = timing["fromNavigation"] if metric == "load" else timing["fromKeystroke"]
                    result.timings.setdefault((variant, "http", metric), []).append(value)
        file_base = sites[(variant, "fileshare")].as_uri() + "/"
        for _run in range(runs):
            for metric, ready in (("load", False), ("type", True)):
                timing = measure_search(browser, file_base + page_url(chapter, directory_urls=False), ready)
                value = timing["fromNavigation"] if metric == "load" else timing["fromKeystroke"]
                result.timings.setdefault((variant, "file", metric), []).append(value)
        log(f"  {chapters} chapters: {variant} measured in Chromium")
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


def report(results: list[SizeResult], runs: int, command: str) -> str:
    """The figures as Markdown: ours beside plain Material, medians of ``runs`` runs."""
    lines = [
        f"Command: `{command}` (medians of {runs} run{'s' if runs != 1 else ''}; query \"{QUERY}\").",
        "",
        "| chapters | build: ours / plain (ratio) | of which: link check, search index (share) "
        "| search files: ours / plain "
        "| http load → result: ours / plain | http type → result: ours / plain "
        "| file:// load → result: ours / plain | file:// type → result: ours / plain |",
        "|---:|---|---|---|---|---|---|---|",
    ]
    for result in results:
        ours, plain = statistics.median(result.build["ours"]), statistics.median(result.build["plain"])
        cells = [
            f"{result.chapters:,}",
            f"{ours:.1f} s / {plain:.1f} s ({ours / plain:.2f}×)",
            ", ".join(_step(result, step, ours) for step in ("link check", "search index")),
            f"{_sized(result.index_bytes['ours'])} / {_sized(result.index_bytes['plain'])}",
        ]
        for protocol in ("http", "file"):
            for metric in ("load", "type"):
                ours_ms, plain_ms = (_ms(result.timings[(variant, protocol, metric)]) for variant in VARIANTS)
                cells.append(f"{ours_ms} / {plain_ms}")
        lines.append("| " + " | ".join(cells) + " |")
    lines += _growth(results)
    lines += ["", "Page weight per page type over http (the HTML; and everything one page load transfers, search"]
    lines += ["files included):", ""]
    lines += ["| chapters | page type | HTML: ours / plain | page load: ours / plain |", "|---:|---|---|---|"]
    for result in results:
        for kind in sorted({kind for _variant, kind in result.html_bytes}):
            lines.append(
                f"| {result.chapters:,} | {kind} | {result.html_bytes[('ours', kind)] / 1000:,.0f} kB / "
                f"{result.html_bytes[('plain', kind)] / 1000:,.0f} kB | {_sized(result.load_bytes[('ours', kind)])} / "
                f"{_sized(result.load_bytes[('plain', kind)])} |"
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
