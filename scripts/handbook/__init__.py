"""The Safeguarding Procedures Handbook's build pipeline.

Plain, unit-tested functions live here; the MkDocs hooks in ``mkdocs_hooks.py`` are thin wrappers
over them, so the logic survives a move from MkDocs/Material to another generator.
"""

from pathlib import Path

#: The repository root (this file is scripts/handbook/__init__.py).
PROJECT_ROOT = Path(__file__).resolve().parents[2]
