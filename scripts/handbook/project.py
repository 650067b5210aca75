"""The handbook as one build reads it: every page, the editions and the glossary, loaded once.

Several features need the same data (the Compare pages, the charts, the banners and search all read
the pages' front matter and data/editions.yml). Loading it once per build, here, means one set of
errors for an administrator and one reading of the files. Nothing here imports MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from handbook.content.editions import Editions, load_editions
from handbook.core.errors import ContentErrors
from handbook.core.settings import Settings
from handbook.core.sources import Page, load_pages
from handbook.governance.glossary import Glossary, load_glossary


@dataclass(frozen=True)
class Handbook:
    """What every feature of a build starts from."""

    root: Path
    settings: Settings  # today, the build date, the site's address, Chromium: read once
    pages: dict[str, Page]  # by the address MkDocs knows it by (src_uri)
    editions: Editions
    glossary: Glossary


def load_handbook(root: Path, settings: Settings) -> Handbook:
    """Read the pages, data/editions.yml and data/glossary.yml; raise ContentErrors listing every
    problem in all three at once, so an administrator fixes them in one go."""
    pages, errors = load_pages(root)
    editions = glossary = None
    try:
        editions = load_editions(root)
    except ContentErrors as exc:
        errors += exc.errors
    try:
        glossary = load_glossary(root)
    except ContentErrors as exc:
        errors += exc.errors
    if errors or editions is None or glossary is None:
        raise ContentErrors(errors)
    return Handbook(root, settings, {page.src_uri: page for page in pages}, editions, glossary)
