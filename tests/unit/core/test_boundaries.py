"""The package map holds: only the adapter knows MkDocs and Material, and no feature depends on it.

A move to another generator (README "Architecture") replaces scripts/handbook/adapter/ only. These
tests read every module's imports, so a new ``import mkdocs`` in a feature fails here, named.
"""

from __future__ import annotations

import ast
from pathlib import Path

from handbook import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "scripts" / "handbook"
FEATURES = (
    "core", "content", "site", "rules", "compare", "roles", "charts", "deadlines", "leaflets", "governance", "search",
    "bench", "cli",
)  # fmt: skip
ENGINE = ("mkdocs", "material")


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every import in a Python file, relative imports made absolute."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((node.lineno, ("." * node.level) + (node.module or "")))
    return found


def modules(*packages: str) -> list[Path]:
    return sorted(path for package in packages for path in (PACKAGE / package).rglob("*.py"))


def test_every_module_is_in_a_feature_package() -> None:
    loose = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert loose == ["__init__.py", "__main__.py", "project.py"]
    folders = sorted(path.name for path in PACKAGE.iterdir() if path.is_dir() and path.name != "__pycache__")
    assert folders == sorted((*FEATURES, "adapter"))


def test_nothing_outside_the_adapter_imports_mkdocs_or_material() -> None:
    offending = [
        f"{path.relative_to(PROJECT_ROOT)}:{line}: imports {name}"
        for path in [*modules(*FEATURES), PACKAGE / "project.py", PACKAGE / "__init__.py"]
        for line, name in imports(path)
        if name.split(".")[0] in ENGINE
    ]
    assert offending == []


def test_no_feature_imports_the_adapter() -> None:
    offending = [
        f"{path.relative_to(PROJECT_ROOT)}:{line}: imports {name}"
        for path in [*modules(*FEATURES), PACKAGE / "project.py"]
        for line, name in imports(path)
        if name.startswith("handbook.adapter")
    ]
    assert offending == []


def test_core_depends_on_no_feature() -> None:
    offending = [
        f"{path.relative_to(PROJECT_ROOT)}:{line}: imports {name}"
        for path in modules("core")
        for line, name in imports(path)
        if name.startswith("handbook.") and not name.startswith("handbook.core")
    ]
    assert offending == []


def test_the_checker_sees_an_engine_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("import os\nfrom mkdocs.utils import get_relative_url\n", encoding="utf-8")
    assert [name for _line, name in imports(module) if name.split(".")[0] in ENGINE] == ["mkdocs.utils"]
