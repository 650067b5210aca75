"""The Safeguarding Procedures Handbook's build pipeline.

One package per feature (core, content, site, rules, compare, charts, leaflets, governance,
search, bench, cli) of plain, unit-tested functions that import no MkDocs. ``adapter`` is the only
package that knows MkDocs and Material: one plugin, ``HandbookPlugin``, over the features. See the
README's "Architecture".
"""

from pathlib import Path

#: The repository root (this file is scripts/handbook/__init__.py).
PROJECT_ROOT = Path(__file__).resolve().parents[2]
