"""Pagefind as a baseline for the search benchmark: the same pages, indexed and searched by Pagefind.

Issue 15 asked whether Pagefind (a static search engine whose browser part fetches index chunks and
result fragments as a query needs them) should replace the handbook's own index. The benchmark
answers with figures: it indexes the plain Material build of each synthetic handbook with Pagefind
(``pagefind`` with ``pagefind_bin_extended``, its binary wheel, from PyPI, pinned in requirements.txt;
nothing downloaded at run time), adds Pagefind's own search box to a copy of the chapter page it measures, and times
and weighs a query there as it does for the handbook and plain Material.

Pagefind is measured over http only: its browser code fetches its files, which a browser refuses
from ``file://`` (Pagefind's issues 202 and 241); the benchmark tries, and reports what it saw.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

#: Where Pagefind writes its files in the site.
BUNDLE = "pagefind"
#: The copy of a chapter page with Pagefind's search box, beside the chapter's index.html.
PAGE = "pagefind.html"
#: Material's search form: its page script loads the search index only if a form has this name.
MATERIAL_FORM = 'name="search"'

#: Runs in the page: type the query into Pagefind's box, resolve with timings at the first result.
MEASURE = """
async ({query, waitReady}) => {
  const until = (test, limit) => new Promise((resolve, reject) => {
    const started = performance.now();
    const poll = () => {
      if (test()) return resolve(performance.now());
      if (performance.now() - started > limit) return reject(new Error("no Pagefind result within " + limit + " ms"));
      setTimeout(poll, 5);
    };
    poll();
  });
  const input = () => document.querySelector("#pagefind-bench input");
  await until(() => input() !== null, 30000);
  if (waitReady) await until(() => window.__pagefindReady === true, 30000);
  const start = performance.now();
  input().value = query;
  input().dispatchEvent(new Event("input", {bubbles: true}));
  const end = await until(() => document.querySelector(".pagefind-ui__result-link") !== null, 15000);
  const pageReady = performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd;
  return {fromNavigation: end, fromKeystroke: end - start, pageReady};
}
"""

#: Pagefind's search box, for the benchmark's typing script (search.py, ``_TYPING``).
BOX = {"input": "#pagefind-bench input", "event": "input", "results": "#pagefind-bench"}

#: Runs in the page: wait for Pagefind's box, and for its index entry file (what it loads before a query).
READY = """
async () => {
  const start = performance.now();
  const ready = () => document.querySelector("#pagefind-bench input") && window.__pagefindReady;
  while (!ready() && performance.now() - start < 30000) {
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}
"""


def index_site(site: Path) -> None:
    """Index ``site`` with Pagefind: the article of each page (not Material's menus), English."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", BUNDLE,
               "--root-selector", "article", "--force-language", "en", "--quiet"]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"Pagefind failed:\n{result.stdout}\n{result.stderr}")


def add_search_page(site: Path, chapter_dir: str) -> str:
    """A copy of the chapter page with Pagefind's search box; returns its path in the site.

    The box is Pagefind's own (``PagefindUI``) with no debounce, so that a keystroke is searched
    at once, as Material's is. ``__pagefindReady`` is set once Pagefind has loaded its entry file,
    as Material's "Initializing search" goes once its index is in. Material's own search is turned
    off in the copy (its form renamed, so Material's page script fetches no index): otherwise the
    page would also fetch plain Material's whole index and build it while Pagefind is timed."""
    folder = site / chapter_dir
    depth = chapter_dir.strip("/").count("/") + 1
    root = "../" * depth
    html = (folder / "index.html").read_text(encoding="utf-8")
    box = (
        f'<link rel="stylesheet" href="{root}{BUNDLE}/pagefind-ui.css">'
        '<div id="pagefind-bench"></div>'
        f'<script src="{root}{BUNDLE}/pagefind-ui.js"></script>'
        '<script>window.__pf = new PagefindUI({element: "#pagefind-bench", debounceTimeoutMs: 0, showImages: false});'
        f'import("{root}{BUNDLE}/pagefind.js").then(p => p.init()).then(() => {{ window.__pagefindReady = true; }});'
        "</script>"
    )
    if "</body>" not in html or MATERIAL_FORM not in html:
        raise RuntimeError(f"{folder / 'index.html'} has no </body> or no {MATERIAL_FORM}")
    html = html.replace(MATERIAL_FORM, MATERIAL_FORM.replace('"search"', '"search-off"'), 1)
    (folder / PAGE).write_text(html.replace("</body>", box + "</body>", 1), encoding="utf-8")
    return chapter_dir.strip("/") + "/" + PAGE
