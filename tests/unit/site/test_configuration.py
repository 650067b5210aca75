"""The pinned stack and the settings the handbook depends on stay as decided."""

from __future__ import annotations

import json
import re

import yaml

from handbook import PROJECT_ROOT


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing its !!python/name and !ENV tags."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def config(name: str = "mkdocs.yml") -> dict:
    return yaml.load((PROJECT_ROOT / name).read_text(encoding="utf-8"), Loader=_AnyTagLoader)


def test_python_packages_are_pinned() -> None:
    lines = [
        line.split("#")[0].strip()
        for line in (PROJECT_ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    ]
    requirements = [line for line in lines if line]
    assert all(re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[0-9][^\s]*", line) for line in requirements), requirements
    pins = {line.split("==")[0].lower(): line.split("==")[1] for line in requirements}
    assert pins["mkdocs"] == "1.6.1"
    assert pins["mkdocs-material"] == "9.8.1"
    for name in ("pymdown-extensions", "markdown", "lunr", "playwright", "pytest"):
        assert name in pins


def test_javascript_is_pinned_exactly() -> None:
    package = json.loads((PROJECT_ROOT / "package.json").read_text(encoding="utf-8"))
    versions = {**package["dependencies"], **package["devDependencies"]}
    assert versions["mermaid"].startswith("11.")
    assert versions["axe-core"].startswith("4.14.")
    assert all(re.fullmatch(r"[0-9]+\.[0-9]+\.[0-9]+", version) for version in versions.values()), versions
    lock = json.loads((PROJECT_ROOT / "package-lock.json").read_text(encoding="utf-8"))
    for name, version in versions.items():
        assert lock["packages"][f"node_modules/{name}"]["version"] == version


def test_offline_and_strict_settings() -> None:
    main = config()
    assert main["strict"] is True
    assert main["theme"]["font"] is False
    assert main["extra"]["generator"] is False
    assert set(main["validation"]) >= {"omitted_files", "absolute_links", "unrecognized_links", "anchors"}
    assert "navigation.instant" not in main["theme"]["features"], "it stops Mermaid rendering from file://"
    fileshare = config("mkdocs.fileshare.yml")
    assert fileshare["INHERIT"] == "mkdocs.yml"
    assert fileshare["plugins"]["offline"]["enabled"] is True
    assert any("iframe-worker" in url and not url.startswith("http") for url in fileshare["extra"]["polyfills"])


def test_site_is_never_committed() -> None:
    ignored = (PROJECT_ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "/site/" in ignored and "/site-fileshare/" in ignored and "/node_modules" in ignored


def test_stylesheets_are_well_formed() -> None:
    """An unclosed rule silently drops every rule after it (a merge once lost the glossary's styles)."""
    for sheet in sorted((PROJECT_ROOT / "docs" / "assets" / "stylesheets").glob("*.css")):
        text = re.sub(r"/\*.*?\*/", "", sheet.read_text(encoding="utf-8"), flags=re.S)
        text = re.sub(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'', '""', text)
        depth = 0
        for line_no, line in enumerate(text.splitlines(), start=1):
            depth += line.count("{") - line.count("}")
            assert depth >= 0, f"{sheet.name}:{line_no}: a '}}' closes nothing"
        assert depth == 0, f"{sheet.name}: {depth} rule(s) never closed"
