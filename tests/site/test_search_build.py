"""The real handbook's build indexes its pages for search while it renders them, and the index is
the one built at the end."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from handbook import PROJECT_ROOT
from handbook.site.build import mkdocs_env


def build_search(site: Path, in_background: bool) -> str:
    """MkDocs' output for a strict build of the real handbook, with the plugin's option set."""
    config = PROJECT_ROOT / f".search-test.{os.getpid()}.{in_background}.yml"
    option = "true" if in_background else "false"
    config.write_text(f"INHERIT: mkdocs.yml\nplugins:\n  handbook:\n    search_in_background: {option}\n", "utf-8")
    try:
        run = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)],
            cwd=PROJECT_ROOT, env=mkdocs_env(PROJECT_ROOT), capture_output=True, text=True, timeout=600,
        )  # fmt: skip
    finally:
        config.unlink()
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    return output


def files_of(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file()}  # fmt: skip


def test_page_by_page_and_at_the_end_give_the_same_index_and_the_build_never_falls_back(tmp_path: Path) -> None:
    """If the pages handed to the second process could not be indexed there (a new Material, front
    matter that cannot be sent), the build would still be right but would quietly build the index
    at the end again (search/background.py): the log would say so, and this says so at once."""
    background = build_search(tmp_path / "background", in_background=True)
    assert "Search index built:" in background
    assert "not page by page" not in background, background
    at_the_end = build_search(tmp_path / "end", in_background=False)
    assert "Search index built:" in at_the_end
    index = files_of(tmp_path / "background" / "search")
    assert len(index) > 50, "the shards: term files and a file per page's text"
    assert index == files_of(tmp_path / "end" / "search")
