"""Links: where a source page is published, and every relative link the handbook writes.

One module for the arithmetic, because a link that is right over http and wrong from a file share
(or the other way round) is the commonest way a static site breaks. Three kinds of link:

- ``markdown_link``: from one Markdown source to another (``../b.md#x``); MkDocs turns it into the
  built page's URL and checks it.
- ``site_href``, ``relative_href`` and ``relative_url``: between built pages or files, for HTML the
  handbook writes itself, where MkDocs does not rewrite links.
"""

from __future__ import annotations

import posixpath
from urllib.parse import urlsplit


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The site-relative URL of a page: ``a/index.md`` → ``a/``; ``a/b.md`` → ``a/b/`` (or ``a/b.html``)."""
    stem = src_uri[: -len(".md")] if src_uri.endswith(".md") else src_uri
    if stem == "index" or stem.endswith("/index"):
        folder = stem[: -len("index")]
        return folder if directory_urls else folder + "index.html"
    return stem + "/" if directory_urls else stem + ".html"


def markdown_link(from_src_uri: str, target: str) -> str:
    """A Markdown link from one source page to another (``target`` may carry ``#anchor``)."""
    path, _, anchor = target.partition("#")
    rel = posixpath.relpath(path, posixpath.dirname(from_src_uri) or ".")
    return rel + (f"#{anchor}" if anchor else "")


def site_href(from_src_uri: str, target: str, directory_urls: bool) -> str:
    """A link from one built page to another (``target`` is a source path, maybe with ``#anchor``)."""
    path, _, anchor = target.partition("#")
    here = page_url(from_src_uri, directory_urls)
    there = page_url(path, directory_urls)
    base = here if here.endswith("/") or not here else posixpath.dirname(here)
    rel = posixpath.relpath(there or ".", base or ".")
    if there.endswith("/") or not there:
        rel = rel.rstrip("/") + "/" if rel != "." else "./"
    return rel + (f"#{anchor}" if anchor else "")


def relative_href(target: str, page_url: str) -> str:
    """A link from the page at ``page_url`` (site-relative, e.g. ``leaflets/x/``) to the site file ``target``."""
    base = page_url if page_url.endswith("/") else posixpath.dirname(page_url) + "/"
    base = base.lstrip("/") or "."
    return posixpath.relpath(target, base.rstrip("/") or ".")


def published_href(href: str, src_uri: str) -> str:
    """A Markdown link as MkDocs publishes it, from the site root: ``../x/y.md#a`` → ``/x/y/#a``."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return href
    target = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), parts.path))
    published = page_url(target) if target.endswith(".md") else target
    return "/" + published + (f"#{parts.fragment}" if parts.fragment else "")


def relative_url(url: str, other: str) -> str:
    """``url`` relative to the built page ``other``, exactly as MkDocs' ``get_relative_url`` makes it
    (so links the handbook writes match those MkDocs writes). The last part of ``other`` is dropped
    if it has a dot (a file); going above the root has no effect."""
    dirname, _, basename = other.rpartition("/")
    if "." in basename:
        other = dirname
    other_parts = _norm_parts(other)
    dest_parts = _norm_parts(url)
    common = 0
    for a, b in zip(other_parts, dest_parts, strict=False):
        if a != b:
            break
        common += 1
    rel_parts = [".."] * (len(other_parts) - common) + dest_parts[common:]
    relurl = "/".join(rel_parts) or "."
    return relurl + "/" if url.endswith("/") else relurl


def _norm_parts(path: str) -> list[str]:
    if not path.startswith("/"):
        path = "/" + path
    path = posixpath.normpath(path)[1:]
    return path.split("/") if path else []
