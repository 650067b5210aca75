"""Check the built site: every internal link and anchor resolves, and nothing loads from another host.

MkDocs' own validation checks links written in Markdown; this checks the final HTML, which also has
links made by templates, hooks and generated pages, in both the http and the file-share builds.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
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


#: Text the browser does not read as markup: comments, and the insides of scripts and styles.
_QUOTED_TAG_BODY = r"(?:[^>\"']|\"[^\"]*\"|'[^']*')*"
_NOT_MARKUP = re.compile(rf"<!--.*?-->|(<(script|style)\b{_QUOTED_TAG_BODY}>).*?</\2\s*>", re.S | re.I)
#: A start tag, with quoted attribute values that may hold ">".
_START_TAG = re.compile(rf"<([a-zA-Z][a-zA-Z0-9-]*)({_QUOTED_TAG_BODY})>")
_ATTRIBUTE = re.compile(r"([^\s=/>\"']+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"']+)))?")


@dataclass
class PageLinks:
    """A built page's ids (what its anchors can point to) and its links."""

    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str, bool]] = field(default_factory=list)  # (tag, url, fetched by the browser)

    def add_tag(self, tag: str, values: dict[str, str]) -> None:
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.ids.add(values[name])
        for attr in ("href", "src"):
            url = values.get(attr)
            if url is None:
                continue
            fetched = (tag, attr) in _FETCHED and values.get("rel", "") not in _NOT_FETCHED_RELS
            self.links.append((tag, url, fetched))


def page_links(text: str) -> PageLinks:
    """Every start tag's ids and links, read with regular expressions.

    Python's HTMLParser took most of the link check's time on a large handbook (every page carries
    the whole navigation); these expressions find the same tags and attributes (a test checks both
    agree on every page of the built handbook), several times faster. Like a browser, they skip
    comments and what is inside scripts and styles, and decode character references in values.
    """
    found = PageLinks()
    text = _NOT_MARKUP.sub(lambda match: match.group(1) or "", text)
    for tag_match in _START_TAG.finditer(text):
        values: dict[str, str] = {}
        for name, double, single, bare in _ATTRIBUTE.findall(tag_match.group(2)):
            values.setdefault(name.lower(), html.unescape(double or single or bare))
        found.add_tag(tag_match.group(1).lower(), values)
    return found


def _parse(path: Path) -> PageLinks:
    return page_links(path.read_text(encoding="utf-8", errors="replace"))


class _Site:
    """The built site's files, listed once, and every link target resolved once.

    Every page carries the navigation, so a site of N pages has about N * N links: each is resolved
    by path arithmetic against this listing (no file-system call per link), and the result is kept
    for the next page in the same folder.
    """

    def __init__(self, root: Path, base_path: str) -> None:
        self.root = root
        self.base_path = base_path
        self.files: set[str] = set()
        self.dirs: set[str] = {"."}
        for path in root.rglob("*"):
            (self.dirs if path.is_dir() else self.files).add(path.relative_to(root).as_posix())
        self._targets: dict[tuple[str, str], str | None] = {}

    def resolve(self, page_dir: str, path_part: str) -> str | None:
        """The file a link leads to (relative to the site), or None if the site has no such file."""
        key = (page_dir, path_part)
        if key not in self._targets:
            self._targets[key] = self._resolve(page_dir, path_part)
        return self._targets[key]

    def _resolve(self, page_dir: str, path_part: str) -> str | None:
        if path_part.startswith("/"):
            # Root-relative (Material's 404 page): the site is served at base_path (from site_url).
            base = "."
            if path_part.startswith(self.base_path):
                path_part = path_part[len(self.base_path) :]
        else:
            base = page_dir
        target = posixpath.normpath(posixpath.join(base, unquote(path_part.lstrip("/"))))
        if target.startswith(".."):
            return None
        if target in self.dirs:
            target = posixpath.join(target, "index.html") if target != "." else "index.html"
        return target if target in self.files else None


def check_site(site: Path, base_path: str = "/") -> list[LinkProblem]:
    """Every broken internal link or anchor, and every asset fetched from another host.

    ``base_path`` is the path the site is served under (the path of ``site_url``), for
    root-relative links.
    """
    listing = _Site(site.resolve(), base_path)
    parsed = {rel: _parse(listing.root / rel) for rel in sorted(listing.files) if rel.endswith(".html")}
    problems: list[LinkProblem] = []
    for rel, parser in parsed.items():
        for _tag, url, fetched in parser.links:
            problems.extend(_check_link(listing, rel, url, fetched, parsed))
    return sorted(set(problems))


def _check_link(
    listing: _Site, rel: str, url: str, fetched: bool, parsed: dict[str, PageLinks]
) -> Iterator[LinkProblem]:
    parts = urlsplit(url)
    if parts.scheme in ("mailto", "tel", "data", "javascript"):
        return
    if parts.scheme or url.startswith("//"):
        if fetched:
            yield LinkProblem(rel, url, "loaded from another host (offline readers cannot load it)")
        return
    if not parts.path:
        target: str | None = rel
    else:
        target = listing.resolve(posixpath.dirname(rel) or ".", parts.path)
        if target is None:
            yield LinkProblem(rel, url, "no such file in the built site")
            return
    if parts.fragment and target.endswith(".html"):
        if target not in parsed:
            parsed[target] = _parse(listing.root / target)
        if unquote(parts.fragment) not in parsed[target].ids:
            yield LinkProblem(rel, url, f"no element with id '{parts.fragment}' on that page")
