"""Where a source page is published, in the http build and in the file-share build."""

from __future__ import annotations


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The site-relative URL of a page: ``a/index.md`` → ``a/``; ``a/b.md`` → ``a/b/`` (or ``a/b.html``)."""
    stem = src_uri[: -len(".md")] if src_uri.endswith(".md") else src_uri
    if stem == "index" or stem.endswith("/index"):
        folder = stem[: -len("index")]
        return folder if directory_urls else folder + "index.html"
    return stem + "/" if directory_urls else stem + ".html"
