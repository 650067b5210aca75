"""Check the built site: every internal link and anchor resolves, and nothing loads from another host.

MkDocs' own validation checks links written in Markdown; this checks the final HTML, which also has
links made by templates, the handbook plugin and generated pages, in both the http and the file-share builds.
"""

from __future__ import annotations

import html
import itertools
import os
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from handbook.core.second_process import Channel, SecondProcess, SecondProcessFailed

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


#: A ``<nav>`` element this long is the site's navigation (the menu), not a page's own list of
#: links: the handbook's own pages carry menus of about 10 kB, a 1,000-chapter one of 300 kB.
SITE_NAVIGATION_BYTES = 20_000


@dataclass
class SplitPage:
    """A built page with its site navigation taken out: the rest, and the navigation."""

    rest: str
    navigation: list[str]


def split_navigation(text: str) -> SplitPage:
    """Take each top-level ``<nav>`` element of ``SITE_NAVIGATION_BYTES`` or more out of a page.

    Every page carries the site's menu, so on a handbook of N pages the menus alone hold about
    N * N links: read page by page, the link check grew with the square of the handbook. The menu
    of pages in the same folder is the same apart from the page's own entry (its ``./`` link and
    its table of contents, which the page's own smaller ``<nav>`` repeats), so ``check_site``
    reads it on the first page of each folder and only cuts it out of the others. Finding it is
    a string search, not a parse.
    """
    rest: list[str] = []
    navigation: list[str] = []
    outside = 0
    position = text.find("<nav", 0)
    while position != -1:
        end = _nav_end(text, position)
        if end == -1:  # an unclosed <nav>: read it with the rest, as a browser would show it
            break
        if end - position >= SITE_NAVIGATION_BYTES:
            rest.append(text[outside:position])
            navigation.append(text[position:end])
            outside = end
        position = text.find("<nav", end)
    rest.append(text[outside:])
    return SplitPage("".join(rest), navigation)


def _nav_end(text: str, start: int) -> int:
    """Where the ``<nav>`` element opening at ``start`` ends (after its ``</nav>``), or -1."""
    depth = 0
    position = start
    while True:
        opening = text.find("<nav", position)
        closing = text.find("</nav>", position)
        if closing == -1:
            return -1
        if opening != -1 and opening < closing:
            depth += 1
            position = opening + 4
            continue
        depth -= 1
        position = closing + len("</nav>")
        if depth == 0:
            return position


class _Site:
    """The built site's files, listed once, and every link target resolved once.

    Each link is resolved by path arithmetic against this listing (no file-system call per link),
    and the result is kept for the next page in the same folder.
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


def menu_key(rel: str, menu: str) -> tuple[str, tuple[str, ...]]:
    """A menu, known by where its links lead rather than by the page it is on.

    ``a/b/index.html`` links to its sibling as ``../c/`` and to itself as ``./``; the sibling
    ``a/c/index.html`` writes ``../b/`` and ``./``. Said from the parent folder ``a`` (``b/`` and
    ``c/`` for both), the two menus are the same, so reading one covers both. Two menus with the
    same key give the same results, since links resolve against the folder alone: the key only
    ever says a link differently (``../x`` as ``x``), never two links the same way.
    """
    folder = posixpath.dirname(rel)
    hrefs = _menu_hrefs(menu)
    if hrefs is None:  # a link this reading cannot see: never take this menu as read before
        return rel, ()
    if not rel.endswith("/index.html"):
        return folder, tuple(hrefs)
    name = posixpath.basename(folder) + "/"
    return posixpath.dirname(folder), tuple(_from_parent(name, href) for href in hrefs)


def _menu_hrefs(menu: str) -> list[str] | None:
    """Every ``href`` attribute in a menu, but links to a part of the page itself; None if the menu
    has an ``href`` not written in double quotes (Material always quotes them), which only a full
    reading would see. A string search, not a parse: the menu of a large handbook is long."""
    parts = menu.split('href="')
    if menu.count("href=") != len(parts) - 1:
        return None
    hrefs = []
    for before, after in itertools.pairwise(parts):
        if before[-1:].isspace():
            value = after[: after.find('"')]
            if value and not value.startswith("#"):  # "#section": the page's own contents
                hrefs.append(value)
    return hrefs


def _from_parent(name: str, href: str) -> str:
    """``href`` written on the page in folder ``name`` (``b/``), as its parent folder would write it."""
    if href.startswith("/") or ":" in href:
        return href
    if href.startswith("../"):
        return href[3:]
    if href.startswith("./"):
        return name + href[2:]
    return name + href


#: A site of this many pages or more is read by two processes, this one and one more: reading the
#: pages is most of the check's time, and it splits cleanly (at 1,000 chapters, about 1.3 s in one
#: process and 0.8 s in two on 4 December 2026).
PARALLEL_PAGES = 300


def check_site(site: Path, base_path: str = "/", processes: int | None = None) -> list[LinkProblem]:
    """Every broken internal link or anchor, and every asset fetched from another host.

    ``base_path`` is the path the site is served under (the path of ``site_url``), for
    root-relative links. A site menu (``split_navigation``) is read on the first page that carries
    it in each folder (``menu_key``); on the other pages only the rest is read, so the check grows
    with the handbook rather than with its square. ``processes``: how many processes read the
    pages (by default two for a site of ``PARALLEL_PAGES`` or more on a machine with two cores).
    """
    listing = _Site(site.resolve(), base_path)
    pages = sorted(rel for rel in listing.files if rel.endswith(".html"))
    if processes is None:
        processes = 2 if len(pages) >= PARALLEL_PAGES and (os.cpu_count() or 1) > 1 else 1
    parts = [pages[number * len(pages) // processes : (number + 1) * len(pages) // processes]
             for number in range(processes)]  # fmt: skip
    parsed = read_pages(listing.root, pages) if processes == 1 else _read_in_parallel(listing.root, parts)
    problems: list[LinkProblem] = []
    for rel in pages:
        for _tag, url, fetched in parsed[rel].links:
            problems.extend(_check_link(listing, rel, url, fetched, parsed))
    return sorted(set(problems))


def _read_in_parallel(root: Path, parts: list[list[str]]) -> dict[str, PageLinks]:
    """``read_pages`` of each part, the first here and the others in other processes
    (core/second_process.py); a part whose process fails is read here."""
    others: list[tuple[SecondProcess | None, list[str]]] = []
    for part in parts[1:]:
        try:
            helper: SecondProcess | None = SecondProcess(_read_part)
            helper.send((root, part))
        except OSError:  # no second process could be started: this part is read here too
            helper = None
        others.append((helper, part))
    parsed = read_pages(root, parts[0])
    for helper, part in others:
        if helper is None:
            parsed.update(read_pages(root, part))
            continue
        try:
            parsed.update(helper.receive())
        except SecondProcessFailed:
            parsed.update(read_pages(root, part))
        finally:
            helper.stop()
    return parsed


def _read_part(channel: Channel) -> None:
    root, pages = channel.receive()
    channel.send(read_pages(root, pages))


def read_pages(root: Path, pages: list[str]) -> dict[str, PageLinks]:
    """The ids and links of each page (site-relative paths, in order), each folder's menus read once."""
    menus_read: set[tuple[str, tuple[str, ...]]] = set()  # (folder, where its links lead)
    parsed: dict[str, PageLinks] = {}
    for rel in pages:
        text = (root / rel).read_text(encoding="utf-8", errors="replace")
        split = split_navigation(text)
        menus = [menu_key(rel, menu) for menu in split.navigation]
        if split.navigation and all(key in menus_read for key in menus):
            text = split.rest  # this menu was read on another page of the folder: not again
        menus_read.update(menus)
        parsed[rel] = page_links(text)
    return parsed


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
