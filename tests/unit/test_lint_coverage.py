"""ruff checks every Python file of the project: its exclusions are for the built sites only.

Until 4 December 2026 ``extend-exclude`` listed ``site``, which ruff matches against any folder of
that name, so scripts/handbook/site/ and tests/site/ were never linted (28 problems had built up).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from handbook import PROJECT_ROOT


def test_ruff_reads_every_python_file_in_scripts_and_tests() -> None:
    listed = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--show-files", "scripts", "tests"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    linted = {Path(line).resolve() for line in listed if line.endswith(".py")}
    sources = {path.resolve() for folder in ("scripts", "tests") for path in (PROJECT_ROOT / folder).rglob("*.py")}
    assert sources - linted == set(), "ruff leaves these files out: check extend-exclude in pyproject.toml"
    assert PROJECT_ROOT / "scripts" / "handbook" / "site" / "build.py" in linted
