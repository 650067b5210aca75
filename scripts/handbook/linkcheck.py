"""Check the built site: every internal link and anchor resolves, and nothing loads from another host.

MkDocs' own validation checks links written in Markdown; this checks the final HTML, which also has
links made by templates, hooks and generated pages, in both the http and the file-share builds.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

#: Attributes whose URL the browser fetches by itself (an offline page must not point these elsewhere).
_FETCHED = {("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src")}
#: Link relations that are metadata, not fetched by the browser.
_NOT_FETCHED_RELS = {"canonical", "alternate"}


@dataclass(frozen=True, order=True)
class LinkProblem:
    page: str
    target: str
    problem: str

    def __str__(self) -> str:
        return f"{self.page}: {self.target}: {self.problem}"


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, bool]] = []  # (tag, url, fetched by the browser)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.ids.add(values[name])
        for attr in ("href", "src"):
            url = values.get(attr)
            if url is None:
                continue
            fetched = (tag, attr) in _FETCHED and values.get("rel", "") not in _NOT_FETCHED_RELS
            self.links.append((tag, url, fetched))


def _parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parser


def _resolve(site: Path, page: Path, path_part: str, base_path: str) -> Path:
    if path_part.startswith("/"):
        # Root-relative (Material's 404 page): the site is served at base_path (from site_url).
        base, path_part = site, path_part[len(base_path) :] if path_part.startswith(base_path) else path_part
    else:
        base = page.parent
    target = (base / unquote(path_part.lstrip("/"))).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target


def check_site(site: Path, base_path: str = "/") -> list[LinkProblem]:
    """Every broken internal link or anchor, and every asset fetched from another host.

    ``base_path`` is the path the site is served under (the path of ``site_url``), for
    root-relative links.
    """
    site = site.resolve()
    pages = sorted(site.rglob("*.html"))
    parsed = {page: _parse(page) for page in pages}
    problems: list[LinkProblem] = []
    for page, parser in parsed.items():
        rel = page.relative_to(site).as_posix()
        for _tag, url, fetched in parser.links:
            problems.extend(_check_link(site, page, rel, url, fetched, parsed, base_path))
    return sorted(set(problems))


def _check_link(
    site: Path, page: Path, rel: str, url: str, fetched: bool, parsed: dict[Path, _PageParser], base_path: str
) -> Iterator[LinkProblem]:
    parts = urlsplit(url)
    if parts.scheme in ("mailto", "tel", "data", "javascript"):
        return
    if parts.scheme or url.startswith("//"):
        if fetched:
            yield LinkProblem(rel, url, "loaded from another host (offline readers cannot load it)")
        return
    if not parts.path:
        target = page
    else:
        target = _resolve(site, page, parts.path, base_path)
        if not target.exists():
            yield LinkProblem(rel, url, "no such file in the built site")
            return
    if parts.fragment and target.suffix == ".html":
        if target not in parsed:
            parsed[target] = _parse(target)
        if unquote(parts.fragment) not in parsed[target].ids:
            yield LinkProblem(rel, url, f"no element with id '{parts.fragment}' on that page")
