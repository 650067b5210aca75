"""Build the site safely: build beside the live folder, check it, and only then swap it in.

A failed build must never replace the last good site (staff keep reading it while an
administrator fixes the error), so MkDocs writes into a staging folder first.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from handbook import PROJECT_ROOT
from handbook.core.errors import ContentErrors, HandbookError
from handbook.core.settings import read_settings
from handbook.core.sources import Page, load_pages
from handbook.governance.areas import AREAS_DIR, area_config_file, edition_pages, fileshare_config_text
from handbook.rules.duties import duty_errors
from handbook.rules.procedure_check import markdown_errors, site_errors
from handbook.rules.timescales import timescale_errors
from handbook.site.linkcheck import check_site
from handbook.site.precompress import precompress
from handbook.site.server_files import write_server_files


class BuildFailed(HandbookError):
    """The build did not produce a good site; the message says why, in plain English."""


#: Build configurations: the http site and the file-share edition.
CONFIGS = {"http": "mkdocs.yml", "fileshare": "mkdocs.fileshare.yml"}
DEFAULT_SITE_DIRS = {"http": "site", "fileshare": "site-fileshare"}


def validate(root: Path = PROJECT_ROOT) -> list[Page]:
    """Check every source page, the procedure chapters' rules and that every timescale and every duty in
    our own words is cited; raise with every problem found, or return the pages."""
    pages, errors = load_pages(root)
    errors += markdown_errors(pages, root) + timescale_errors(pages, root) + duty_errors(pages, root)
    if errors:
        raise ContentErrors(errors)
    return pages


def mkdocs_env(root: Path = PROJECT_ROOT) -> dict[str, str]:
    """Environment for running MkDocs: our package importable, no end-of-life banner in the output."""
    path = os.pathsep.join(filter(None, [str(root / "scripts"), os.environ.get("PYTHONPATH")]))
    return dict(os.environ, PYTHONPATH=path, NO_MKDOCS_2_WARNING="1", NO_COLOR="1")


def default_site_dir(edition: str, area: str | None = None) -> str:
    """site/, site-fileshare/, or site-<area>/ and site-<area>-fileshare/ for an area's edition."""
    if area is None:
        return DEFAULT_SITE_DIRS[edition]
    return f"site-{area}" + ("-fileshare" if edition == "fileshare" else "")


@contextmanager
def config_file(edition: str, area: str | None = None, root: Path = PROJECT_ROOT) -> Iterator[Path]:
    """The MkDocs configuration for an edition; for an area's file-share edition, a generated one.

    An area file (areas/<area>.yml) INHERITs mkdocs.yml. Its file-share edition must inherit both
    the area and mkdocs.fileshare.yml, and INHERIT takes one parent, so the build writes a short
    file beside the area file for the length of the build (paths resolve from that folder).
    """
    if area is None:
        yield root / CONFIGS[edition]
        return
    area_file = area_config_file(root, area)
    if edition == "http":
        yield area_file
        return
    generated = root / AREAS_DIR / f".{area}.fileshare.{os.getpid()}.yml"
    core = (root / CONFIGS["fileshare"]).read_text(encoding="utf-8")
    generated.write_text(fileshare_config_text(area, core), encoding="utf-8")
    try:
        yield generated
    finally:
        generated.unlink(missing_ok=True)


def build(
    edition: str = "http",
    site_dir: Path | None = None,
    root: Path = PROJECT_ROOT,
    area: str | None = None,
    output: list[str] | None = None,
) -> Path:
    """Build one edition of the site into ``site_dir``; leave the old site alone on any failure.

    ``area`` builds that area's edition (areas/<area>.yml) instead of the core. ``output``, if
    given, receives MkDocs' output (the benchmark reads the search index's line from it).
    """
    target = (site_dir or root / default_site_dir(edition, area)).resolve()
    staging = target.with_name(f".{target.name}.building")
    shutil.rmtree(staging, ignore_errors=True)
    env = mkdocs_env(root)
    with config_file(edition, area, root) as config:
        # MkDocs starts at once, and the sources are validated while it builds: validation only reads
        # the sources, and the build is thrown away if they are not valid (the same errors, sooner).
        mkdocs = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(staging)],
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            pages = validate(root)
        except BaseException:
            mkdocs.kill()
            mkdocs.communicate()
            shutil.rmtree(staging, ignore_errors=True)
            raise
        said, _ = mkdocs.communicate()
    if output is not None:
        output.append(said)
    if mkdocs.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(_mkdocs_failure(said))
    problems = check_site(staging, read_settings().site_path)
    if problems:
        shutil.rmtree(staging, ignore_errors=True)
        listed = "\n".join(str(problem) for problem in problems[:50])
        raise BuildFailed(f"The built site has {len(problems)} broken link(s) or outside request(s):\n{listed}")
    rule_errors = site_errors(staging, edition_pages(root, pages, area)) if edition == "http" else []
    if rule_errors:  # the rules again on the pages as built: nothing the build adds may break them
        shutil.rmtree(staging, ignore_errors=True)
        raise ContentErrors(rule_errors)
    if edition == "http":  # for deploy/nginx.conf: inline scripts' hashes and redirects (site/_server/), .gz files
        try:
            write_server_files(staging)
        except HandbookError:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        precompress(staging)
    _swap(staging, target)
    return target


def _mkdocs_failure(output: str) -> str:
    """Keep MkDocs' warnings and errors (with their continuation lines), drop its progress lines."""
    kept: list[str] = []
    keep = False
    for line in output.splitlines():
        if line.startswith(("WARNING", "ERROR", "Error", "Config value", "Aborted")):
            keep = not line.startswith("Aborted")
        elif line.startswith(("INFO", "DEBUG")):
            keep = False
        if keep and line.strip():
            kept.append(line)
    body = "\n".join(kept[-60:]) or output.strip()[-4000:]
    return "The handbook was not built. MkDocs reported:\n" + body


def _swap(staging: Path, target: Path) -> None:
    """Replace ``target`` with ``staging`` with as short a gap as the file system allows."""
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
