"""Where the handbook's content lives and how it is loaded and validated.

Pages come from ``docs/`` (hand-written site pages) and ``procedures/`` (LSCB procedure chapters,
published under ``/procedures/``). Both are validated by the same content model, all errors at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from handbook.core.errors import ContentError
from handbook.core.frontmatter import FrontMatter, parse_front_matter
from handbook.core.model import PageMeta, page_errors

#: Source folders that become part of the site, with the URL prefix each is published under.
CONTENT_DIRS: dict[str, str] = {"docs": "", "procedures": "procedures/"}
#: The folder MkDocs reads by itself (docs_dir); the handbook plugin adds pages from the others.
MKDOCS_DOCS_DIR = "docs"


@dataclass
class Page:
    """A validated source page."""

    path: str  # relative to the project root, e.g. "procedures/referrals.md"
    src_uri: str  # relative to the site, e.g. "procedures/referrals.md"
    meta: PageMeta
    front: FrontMatter

    @property
    def read_by_mkdocs(self) -> bool:
        """True for pages in docs/, which MkDocs finds itself; False for pages the plugin must add."""
        return self.path.startswith(MKDOCS_DOCS_DIR + "/")


def content_files(root: Path) -> list[tuple[Path, str]]:
    """Every Markdown source under the content folders, with the site path (src_uri) it gets."""
    found = []
    for folder, prefix in CONTENT_DIRS.items():
        base = root / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*.md")):
            relative = path.relative_to(base).as_posix()
            found.append((path, prefix + relative))
    return found


def load_page(path: Path, root: Path, src_uri: str) -> tuple[Page | None, list[ContentError]]:
    """Read one page and validate its front matter."""
    rel = path.relative_to(root).as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [ContentError(rel, 1, f"the file is not UTF-8 text ({exc.reason}): save it as UTF-8")]
    checked = checked_front_matter(text, rel)
    if isinstance(checked, list):
        return None, checked
    front, meta = checked
    return Page(path=rel, src_uri=src_uri, meta=meta, front=front), []


def checked_front_matter(text: str, path: str) -> tuple[FrontMatter, PageMeta] | list[ContentError]:
    """A page's front matter, parsed and checked against the content model; or every problem in it.

    For pages on disk (``load_page``) and for pages the build makes or overlays (the Compare
    pages, an area's own pages), so every page is checked the same way."""
    front = parse_front_matter(text, path)
    if isinstance(front, ContentError):
        return [front]
    meta, errors = page_errors(front, path)
    if meta is None or errors:
        return errors  # validate_located reports why whenever it returns no model
    return front, meta


def load_pages(root: Path) -> tuple[list[Page], list[ContentError]]:
    """Load and validate every page; return the good pages and every error in every file."""
    pages: list[Page] = []
    errors: list[ContentError] = []
    seen: dict[str, str] = {}
    for path, src_uri in content_files(root):
        rel = path.relative_to(root).as_posix()
        if src_uri in seen:
            errors.append(
                ContentError(rel, 1, f"this page would be published at the same address as {seen[src_uri]}: rename one")
            )
            continue
        seen[src_uri] = rel
        page, page_errs = load_page(path, root, src_uri)
        errors.extend(page_errs)
        if page is not None:
            pages.append(page)
    return pages, errors


def project_root(docs_dir: str | Path) -> Path:
    """The project root of a build: the folder that holds docs/.

    Every feature asks this one function, because the config file's folder is not the root in an
    area build (areas/<area>.yml INHERITs ../mkdocs.yml).
    """
    return Path(docs_dir).resolve().parent
