"""Print-ready PDFs of the leaflets, made by the build with Debian's Chromium (headless printing).

Why Chromium, not WeasyPrint: the project already installs Debian's Chromium and drives it with the
pinned Playwright for its browser tests, so PDFs need nothing new; WeasyPrint would add Pango and
other system libraries. Chromium also writes tagged (accessible) PDFs, takes the document title from
``<title>`` and the language from ``<html lang>``, and prints page numbers in a footer.

Each leaflet is printed from a small stand-alone HTML document (``print_document``): the leaflet's
rendered content with a print stylesheet, a masthead with the LSCB's name, and an "About this
leaflet" panel with the version, the dates, "Correct as printed on <date>" and the web address.
One browser is started for all the leaflets.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from handbook.content.editions import long_date
from handbook.core.chromium import CHROMIUM, CHROMIUM_ARGS
from handbook.core.errors import HandbookError

PRINT_CSS = Path(__file__).with_name("print.css")
#: Printed PDFs kept between builds (git-ignored), so an unchanged leaflet is not printed again.
PDF_CACHE = ".generated/leaflet-pdfs"
DEFAULT_LSCB_NAME = "Local Safeguarding Children Board"


class PdfFailed(HandbookError):
    """The PDFs could not be made; the message says why and what to do."""


@dataclass(frozen=True)
class PrintJob:
    """Everything needed to print one leaflet."""

    title: str
    language: str
    lscb_name: str
    audience: str
    summary: str
    version: str
    published: dt.date
    review_due: dt.date
    printed_on: dt.date
    #: The leaflet's address on the web (None when the handbook's address is not configured).
    web_address: str | None
    #: Where to find the leaflet when there is no web address (e.g. "leaflets/early-help/").
    site_path: str
    retired: bool
    #: The leaflet's rendered content (HTML) and the page it came from, for its links and images.
    content_html: str
    page_url: str
    #: The folder of the built page (so the content's relative image addresses work) and the output.
    page_dir: Path
    output: Path


def web_address(site_url: str | None, site_path: str) -> str | None:
    """The full address of a site path, if the handbook's address (``site_url``) is known."""
    if not site_url:
        return None
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", site_path)


def web_path(path: str) -> str:
    """A built page's path as the http site serves it: ``a/b.html`` → ``a/b/``, ``a/index.html`` → ``a/``."""
    if path.endswith("index.html"):
        return path[: -len("index.html")]
    if path.endswith(".html"):
        return path[: -len(".html")] + "/"
    return path


_HREF = re.compile(r'(<a\b[^>]*?)\shref="([^"]*)"')


def print_links(content_html: str, page_url: str, site_url: str | None) -> str:
    """Links for paper: in-page anchors kept, other handbook links made absolute (when the handbook's
    address is known) or turned into plain text (a relative link means nothing on paper)."""

    def fix(match: re.Match[str]) -> str:
        start, href = match.group(1), html.unescape(match.group(2))
        parts = urlsplit(href)
        if parts.scheme or href.startswith(("#", "//")):
            return match.group(0)
        site_path = urljoin("/" + page_url.lstrip("/"), href).lstrip("/")
        address = web_address(site_url, web_path(site_path.split("#")[0]))
        if address is None:
            return start
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        return f'{start} href="{html.escape(address + fragment, quote=True)}"'

    return _HREF.sub(fix, content_html)


def print_document(job: PrintJob, site_url: str | None, css: str | None = None) -> str:
    """The stand-alone HTML document Chromium prints for one leaflet."""
    css = PRINT_CSS.read_text(encoding="utf-8") if css is None else css
    e = html.escape
    content = print_links(job.content_html, job.page_url, site_url)
    rows = [
        ("For", job.audience),
        ("Version", job.version),
        ("Published", long_date(job.published)),
        ("Review due", long_date(job.review_due)),
        ("Correct as printed on", long_date(job.printed_on)),
    ]
    if job.retired:  # no current version to point to: point to the library instead
        rows = rows[-1:]
        library = urljoin(job.web_address, "../") if job.web_address else None
        where = _online(library, "in the handbook, under Leaflets")
        closing = f"This leaflet has been retired. Find the current leaflets online, {where}."
    else:
        where = _online(job.web_address, f"in the handbook, under Leaflets ({e(job.site_path)})")
        closing = f"Printed copies can go out of date: read the current version online, {where}."
    facts = "\n".join(f"<div><dt>{e(k)}</dt><dd>{e(v)}</dd></div>" for k, v in rows)
    if not job.retired:  # the summary goes straight after the leaflet's title
        lead = f'\n<p class="lead">{e(job.summary)}</p>'
        end = content.find("</h1>")
        content = content[: end + 5] + lead + content[end + 5 :] if end >= 0 else lead + content
    return f"""<!DOCTYPE html>
<html lang="{e(job.language, quote=True)}">
<head>
<meta charset="utf-8">
<title>{e(job.title)}</title>
<meta name="author" content="{e(job.lscb_name, quote=True)}">
<style>
{css}
</style>
</head>
<body>
<header class="masthead">
<p class="masthead__org">{e(job.lscb_name)}</p>
<p class="masthead__kind">Leaflet for {e(job.audience.lower())}</p>
</header>
<main>
{content}
</main>
<aside class="about" aria-labelledby="about-title">
<h2 id="about-title">About this leaflet</h2>
<dl>
{facts}
</dl>
<p>Published by the {e(job.lscb_name)}. {closing}</p>
</aside>
</body>
</html>
"""


def _online(address: str | None, otherwise: str) -> str:
    if not address:
        return otherwise
    return f'<a href="{html.escape(address, quote=True)}">{html.escape(address)}</a>'


def footer_template(job: PrintJob) -> str:
    """Chromium's page footer: the publishing body, the version, the print date and the page number.

    The body's name has a line of its own: a partnership's full name is long, and on one line with
    the rest the footer wrapped into the page number (the print date split across two lines)."""
    e = html.escape
    return (
        "<div style=\"font-family: 'Liberation Sans', Arial, sans-serif; font-size: 8pt; color: #333; "
        'width: 100%; margin: 0 16mm; display: flex; justify-content: space-between; align-items: flex-end;">'
        f"<span>{e(job.lscb_name)}<br>Version {e(job.version)} · Correct as printed on {e(long_date(job.printed_on))}"
        "</span>"
        '<span style="white-space: nowrap;">Page <span class="pageNumber"></span> of <span class="totalPages"></span>'
        "</span></div>"
    )


def render_pdfs(
    jobs: Iterable[PrintJob], site_url: str | None, cache_dir: Path | None = None, chromium: str = CHROMIUM
) -> dict[Path, int]:
    """Print every job to its PDF; return each PDF's size in bytes.

    A PDF whose inputs (the print document, its footer and its images) are unchanged is copied from
    ``cache_dir`` instead of being printed again, so rebuilding the site on the same day costs
    nothing; otherwise one browser prints every leaflet that changed."""
    css = PRINT_CSS.read_text(encoding="utf-8")
    to_print: list[tuple[PrintJob, str, str, Path | None]] = []
    for job in jobs:
        document, footer = print_document(job, site_url, css), footer_template(job)
        cached = cache_dir / f"{job.output.stem}-{_cache_key(job, document, footer)}.pdf" if cache_dir else None
        job.output.parent.mkdir(parents=True, exist_ok=True)
        if cached is not None and cached.is_file():
            shutil.copyfile(cached, job.output)
        else:
            to_print.append((job, document, footer, cached))
    if to_print:
        _print_all(to_print, chromium)
    return {job.output: job.output.stat().st_size for job in jobs}


_IMG_SRC = re.compile(r'<img\b[^>]*?\ssrc="([^"]+)"')


def _cache_key(job: PrintJob, document: str, footer: str) -> str:
    digest = hashlib.sha256(f"{document}\0{footer}".encode())
    for src in sorted(set(_IMG_SRC.findall(job.content_html))):
        image = (job.page_dir / html.unescape(src).split("#")[0]).resolve()
        digest.update(src.encode() + (hashlib.sha256(image.read_bytes()).digest() if image.is_file() else b"-"))
    return digest.hexdigest()[:20]


def _print_all(to_print: list[tuple[PrintJob, str, str, Path | None]], chromium: str) -> None:
    if not Path(chromium).exists():
        raise PdfFailed(
            f"The leaflet PDFs are made with Chromium, which is not installed at {chromium}: "
            "run scripts/bootstrap.sh --pdf (or apt-get install chromium), then build again."
        )
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page()
                for job, document, footer, cached in to_print:
                    _print_one(page, job, document, footer)
                    if cached is not None:
                        _store(job.output, cached)
            finally:
                browser.close()
    except PlaywrightError as exc:
        raise PdfFailed(f"Chromium could not print the leaflets: {exc}") from exc


def _store(pdf: Path, cached: Path) -> None:
    """Keep one cached PDF per leaflet: the newest."""
    cached.parent.mkdir(parents=True, exist_ok=True)
    for old in cached.parent.glob(f"{pdf.stem}-*.pdf"):
        if re.fullmatch(rf"{re.escape(pdf.stem)}-[0-9a-f]{{20}}\.pdf", old.name):
            old.unlink(missing_ok=True)
    partial = cached.with_suffix(".partial")
    shutil.copyfile(pdf, partial)
    partial.replace(cached)


def _print_one(page: object, job: PrintJob, document: str, footer: str) -> None:
    """Write the print document beside the built page (so images resolve), print it, remove it."""
    source = job.page_dir / f".print-{job.output.stem}.html"
    source.write_text(document, encoding="utf-8")
    try:
        page.goto(source.as_uri(), wait_until="load")  # type: ignore[attr-defined]
        page.pdf(  # type: ignore[attr-defined]
            path=str(job.output),
            format="A4",
            print_background=True,
            tagged=True,
            outline=True,
            display_header_footer=True,
            header_template="<span></span>",
            footer_template=footer,
            margin={"top": "14mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
        )
    finally:
        source.unlink(missing_ok=True)
