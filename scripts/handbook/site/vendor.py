"""Third-party JavaScript the site serves from its own host.

Staff on locked-down machines have no internet, so nothing may come from a CDN. The files come from
the npm registry at set-up (pinned in package.json and package-lock.json), are never committed, and
are copied into the built site at these addresses.
"""

from __future__ import annotations

from pathlib import Path

#: Site path → path under the project root (inside node_modules/).
VENDOR_ASSETS: dict[str, str] = {
    "assets/vendor/mermaid/mermaid.min.js": "node_modules/mermaid/dist/mermaid.min.js",
    "assets/vendor/mermaid/LICENSE": "node_modules/mermaid/LICENSE",
    "assets/vendor/iframe-worker/shim.js": "node_modules/iframe-worker/shim/index.js",
    "assets/vendor/iframe-worker/LICENSE": "node_modules/iframe-worker/LICENSE",
}

#: Site path of Mermaid; pages with a chart load it (see overrides/main.html).
MERMAID_JS = "assets/vendor/mermaid/mermaid.min.js"


def vendor_sources(root: Path) -> dict[str, Path]:
    """Site path → absolute file, raising a clear error when set-up has not been run."""
    found = {site_path: root / source for site_path, source in VENDOR_ASSETS.items()}
    missing = [str(path.relative_to(root)) for path in found.values() if not path.is_file()]
    if missing:
        raise FileNotFoundError(
            "JavaScript the site serves itself is not installed ("
            + ", ".join(missing)
            + "). Run './run build' (or 'npm ci') to install it, then build again."
        )
    return found
