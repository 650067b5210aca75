"""HandbookPlugin: named once, loads the handbook once, calls the features in one order."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from handbook import PROJECT_ROOT
from handbook.adapter import plugin as plugin_module
from handbook.adapter.feature import Feature
from handbook.adapter.plugin import FEATURES, HandbookPlugin
from tests.unit.site.test_configuration import config


def read(name: str) -> dict:
    return config(name) or {}


def test_features_run_in_the_documented_order() -> None:
    """The order plugin.py's docstring explains: pages first (banners under the title), area markers
    before any feature adds text, governance last (it reads every page the others added)."""
    assert [feature.__name__ for feature in FEATURES] == [
        "PagesFeature",
        "ContactsAndPrintFeature",
        "LeafletsFeature",
        "CompareFeature",
        "RolesFeature",
        "ChartsFeature",
        "DeadlinesFeature",
        "SearchFeature",
        "GovernanceFeature",
    ]


def test_every_event_reaches_every_feature_in_that_order(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, str]] = []

    def recording(name: str) -> type[Feature]:
        class Recording(Feature):
            def on_config(self, config):  # type: ignore[no-untyped-def]
                calls.append(("config", name))

            def on_page_markdown(self, markdown, page, config, files):  # type: ignore[no-untyped-def]
                calls.append(("markdown", name))
                return markdown + name

            def on_post_build(self, config):  # type: ignore[no-untyped-def]
                calls.append(("post_build", name))

            def after_search_documents(self, config):  # type: ignore[no-untyped-def]
                calls.append(("search_documents", name))

        return Recording

    monkeypatch.setattr(plugin_module, "FEATURES", (recording("a"), recording("b")))
    monkeypatch.setattr(plugin_module, "load_handbook", lambda root, settings: "the handbook")
    plugin = HandbookPlugin()

    class Config(dict):
        docs_dir = str(PROJECT_ROOT / "docs")

    plugin.on_config(Config())
    assert plugin.on_page_markdown("x", None, None, None) == "xab"  # each feature gets the last one's output
    for method in plugin.on_post_build.methods:  # MkDocs registers each at its own priority
        method(None)
    assert calls == [
        ("config", "a"), ("config", "b"),
        ("markdown", "a"), ("markdown", "b"),
        ("post_build", "a"), ("post_build", "b"),
        ("search_documents", "a"), ("search_documents", "b"),
    ]
    assert [feature.handbook for feature in plugin.features] == ["the handbook", "the handbook"]


def test_the_search_index_is_built_between_materials_search_and_offline() -> None:
    """Material's search plugin writes search_index.json at priority 0, offline copies it at -100."""
    priorities = [getattr(method, "mkdocs_priority", 0) for method in HandbookPlugin.on_post_build.methods]
    assert priorities == [0, -50]


def test_mkdocs_yml_names_the_plugin_once_and_last() -> None:
    plugins = read("mkdocs.yml")["plugins"]
    assert list(plugins)[-1] == "handbook"
    assert "hooks" not in read("mkdocs.yml")


@pytest.mark.parametrize("config", ["mkdocs.fileshare.yml", "areas/cambridgeshire.yml", "areas/peterborough.yml"])
def test_other_configurations_inherit_it_and_list_no_hooks(config: str) -> None:
    settings = read(config)
    assert "hooks" not in settings
    assert "handbook" not in (settings.get("plugins") or {})  # inherited from mkdocs.yml, not copied


def test_the_plugin_is_registered_as_a_package_entry_point() -> None:
    text = (PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '[project.entry-points."mkdocs.plugins"]\nhandbook = "handbook.adapter.plugin:HandbookPlugin"' in text


def test_the_adapter_keeps_no_state_in_modules() -> None:
    """State lives on the plugin and its features: a module-level list or dict would outlive a
    build in ``mkdocs serve``."""
    offending = []
    for path in sorted((PROJECT_ROOT / "scripts" / "handbook" / "adapter").glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
            if isinstance(value, ast.List | ast.Dict | ast.Set | ast.Call) and not _is_constant_call(value):
                offending.append(f"{path.name}:{node.lineno}")
    assert offending == []


def _is_constant_call(value: ast.expr) -> bool:
    """Compiled patterns, loggers, Paths and the CombinedEvent descriptor are not state."""
    if not isinstance(value, ast.Call):
        return False
    name = ast.unparse(value.func)
    return name in {"re.compile", "logging.getLogger", "Path", "CombinedEvent"}


def test_a_module_list_would_be_caught(tmp_path: Path) -> None:
    tree = ast.parse("_pages: dict = {}\nFEATURES = (1, 2)\n")
    kinds = [type(node.value).__name__ for node in tree.body]
    assert kinds == ["Dict", "Tuple"]
