"""The collection guard (tests/collection_guard.py) stops a run that would leave test files out.

Each test runs pytest on a scratch project whose conftest.py is the guard itself, so what is shown
is the guard as the real suite loads it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

GUARD = Path(__file__).parents[1] / "collection_guard.py"
PASSING = "def test_passes():\n    assert 1 + 1 == 2\n"


def scratch_suite(root: Path, files: list[str]) -> Path:
    """A project with ``testpaths = ["tests"]``, the guard as its conftest, and these test files."""
    (root / "pyproject.toml").write_text('[tool.pytest.ini_options]\ntestpaths = ["tests"]\n', encoding="utf-8")
    (root / "tests").mkdir()
    (root / "tests" / "conftest.py").write_text(GUARD.read_text(encoding="utf-8"), encoding="utf-8")
    for name in files:
        path = root / "tests" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PASSING, encoding="utf-8")
    return root


def run_pytest(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("hidden", ["build/test_site.py", ".hidden/test_x.py", "venv/test_y.py", "dist/test_z.py"])
def test_a_file_pytest_would_skip_stops_the_run_naming_it(tmp_path: Path, hidden: str) -> None:
    root = scratch_suite(tmp_path, ["test_unit.py", hidden])
    result = run_pytest(root)
    assert result.returncode == pytest.ExitCode.USAGE_ERROR, result.stdout + result.stderr
    output = result.stdout + result.stderr
    assert "1 test file(s) were not collected" in output
    assert f"tests/{hidden}" in output


def test_a_suite_whose_files_are_all_collected_runs(tmp_path: Path) -> None:
    root = scratch_suite(tmp_path, ["test_unit.py", "site/test_site.py"])
    result = run_pytest(root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout


def test_a_run_of_part_of_the_suite_is_not_stopped(tmp_path: Path) -> None:
    """Running one folder or file on purpose is fine: only a run of the whole suite is checked."""
    root = scratch_suite(tmp_path, ["test_unit.py", "build/test_site.py"])
    result = run_pytest(root, "tests/test_unit.py")
    assert result.returncode == 0, result.stdout + result.stderr
