"""The real handbook's build indexes its pages for search while it renders them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from handbook import PROJECT_ROOT
from handbook.site.build import mkdocs_env


def test_the_build_indexes_page_by_page_and_never_falls_back(tmp_path: Path) -> None:
    """If the pages handed to the second process ever stopped matching Material's search_index.json
    (a new Material, a plugin that changes the documents), the build would still be right but
    would quietly build the index at the end again (search/background.py). This says so at once."""
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=PROJECT_ROOT, env=mkdocs_env(PROJECT_ROOT), capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    assert "Search index built:" in output
    assert "not page by page" not in output, output
