"""Read an MkDocs configuration file (mkdocs.yml, an area's file) as plain data, without MkDocs.

Several parts of the handbook need a setting from the configuration before or outside a build: the
Markdown extensions (the procedure check renders chapters with them), the paths an area file must
repeat, the benchmark's plain configuration. They read it here, one way: ``!ENV`` values are None
(no setting read here depends on the environment) and ``!!python/name:`` tags are resolved, as
MkDocs resolves them. ``INHERIT`` is not followed.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import Any

import yaml


class _ConfigLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Reads an MkDocs configuration: ``!ENV`` values as None, Python names resolved.

    With libyaml where PyYAML has it (its wheels do): a build reads mkdocs.yml several times, and a
    handbook of 1,000 chapters has a navigation of 1,000 entries, a quarter of a second each time in
    pure Python."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: None)
_ConfigLoader.add_multi_constructor(
    "tag:yaml.org,2002:python/name:",
    lambda loader, suffix, node: getattr(import_module(suffix.rpartition(".")[0]), suffix.rpartition(".")[2]),
)


def parse_config(text: str) -> dict[str, Any]:
    """The settings in a configuration file's text."""
    return yaml.load(text, Loader=_ConfigLoader) or {}


def read_config(path: Path) -> dict[str, Any]:
    """The settings in the configuration file at ``path``."""
    return parse_config(path.read_text(encoding="utf-8"))
