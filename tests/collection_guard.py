"""Fail a test run that would silently leave test files out.

pytest skips folders named ``build``, ``dist``, ``venv`` and dot-folders (``norecursedirs``), so a
test file placed in one never runs and nobody notices: ``tests/build/`` went uncollected that way
for weeks. When a run covers the whole of ``testpaths``, this plugin compares the test files on disk
(``test_*.py``) with the modules pytest collected and stops the run, naming each one left out.

It has no imports from the handbook, so a test can copy it as the ``conftest.py`` of a scratch
project and show that it fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest

_collected: set[Path] = set()


def pytest_collectstart(collector: pytest.Collector) -> None:
    if isinstance(collector, pytest.Module):
        _collected.add(Path(collector.path).resolve())


def _test_folders(config: pytest.Config) -> list[Path] | None:
    """The folders this run was asked to cover in full, or None for a run of a part of them."""
    folders = [(config.rootpath / name).resolve() for name in config.getini("testpaths")]
    asked = [Path(arg.split("::")[0]).resolve() for arg in config.args]
    if not asked or sorted(asked) == sorted(folders) or asked == [config.rootpath.resolve()]:
        return folders
    return None


def uncollected(folders: list[Path], collected: set[Path]) -> list[Path]:
    """Test files under ``folders`` that were not collected."""
    on_disk = {path.resolve() for folder in folders for path in folder.rglob("test_*.py")}
    return sorted(on_disk - collected)


def pytest_collection_finish(session: pytest.Session) -> None:
    folders = _test_folders(session.config)
    if folders is None:
        return
    missing = uncollected(folders, _collected)
    if missing:
        names = "\n".join(f"  {path.relative_to(session.config.rootpath)}" for path in missing)
        pytest.exit(
            f"{len(missing)} test file(s) were not collected, so their tests would never run:\n{names}\n"
            "pytest skips folders named build, dist, venv and folders whose names start with a dot: "
            "rename the folder (tests/site/ rather than tests/build/).",
            returncode=pytest.ExitCode.USAGE_ERROR,
        )
