"""Build the site safely: build beside the live folder, check it, and only then swap it in.

A failed build must never replace the last good site (staff keep reading it while an
administrator fixes the error), so MkDocs writes into a staging folder first.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from . import PROJECT_ROOT
from .errors import ContentErrors
from .linkcheck import check_site
from .sources import load_pages


class BuildFailed(Exception):
    """The build did not produce a good site; the message says why, in plain English."""


#: Build configurations: the http site and the file-share edition.
CONFIGS = {"http": "mkdocs.yml", "fileshare": "mkdocs.fileshare.yml"}
DEFAULT_SITE_DIRS = {"http": "site", "fileshare": "site-fileshare"}


def validate(root: Path = PROJECT_ROOT) -> None:
    """Check every source page; raise with every problem found."""
    _pages, errors = load_pages(root)
    if errors:
        raise ContentErrors(errors)


def mkdocs_env(root: Path = PROJECT_ROOT) -> dict[str, str]:
    """Environment for running MkDocs: our package importable, no end-of-life banner in the output."""
    path = os.pathsep.join(filter(None, [str(root / "scripts"), os.environ.get("PYTHONPATH")]))
    return dict(os.environ, PYTHONPATH=path, NO_MKDOCS_2_WARNING="1", NO_COLOR="1")


def build(edition: str = "http", site_dir: Path | None = None, root: Path = PROJECT_ROOT) -> Path:
    """Build one edition of the site into ``site_dir``; leave the old site alone on any failure."""
    validate(root)
    config = root / CONFIGS[edition]
    target = (site_dir or root / DEFAULT_SITE_DIRS[edition]).resolve()
    staging = target.with_name(f".{target.name}.building")
    shutil.rmtree(staging, ignore_errors=True)
    env = mkdocs_env(root)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(staging)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(_mkdocs_failure(result.stdout + result.stderr))
    problems = check_site(staging, urlsplit(os.environ.get("HANDBOOK_SITE_URL") or "/").path or "/")
    if problems:
        shutil.rmtree(staging, ignore_errors=True)
        listed = "\n".join(str(problem) for problem in problems[:50])
        raise BuildFailed(f"The built site has {len(problems)} broken link(s) or outside request(s):\n{listed}")
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
