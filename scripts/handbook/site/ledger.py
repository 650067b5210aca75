"""The published-address ledger: a page address or paragraph anchor, once published, never breaks.

Trainers put links to a chapter or a single paragraph in their session notes and expect them to
work next year. ``data/published-anchors.yml`` lists every page address and every stable anchor
(``para-*`` numbered paragraphs, ``section-*`` numbered sections) ever published. The test suite
checks the built site against it: a page that moved needs a redirect (mkdocs-redirects,
``plugins.redirects.redirect_maps`` in mkdocs.yml), and an anchor must exist on the page the
address leads to. ``./run ledger`` adds newly published addresses; nothing is ever removed.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import yaml

LEDGER_FILE = "data/published-anchors.yml"
STABLE_ANCHOR = re.compile(r'\sid="((?:para|section)-[0-9]+(?:-[0-9]+)*)"')
REDIRECT = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')
#: Built files that are not pages of the handbook.
NOT_PAGES = ("404.html",)

HEADER = """\
# Every page address and stable anchor the handbook has published (http build, from the site root).
# A test fails if any of them stops working: add a redirect instead of removing an entry.
# Update with: ./run ledger   (it only ever adds)
"""


def _html_file(site: Path, url: str) -> Path:
    path = site / url.lstrip("/")
    return path / "index.html" if url.endswith("/") else path


def published_addresses(site: Path) -> dict[str, list[str]]:
    """Page address → stable anchors, for every real page (not redirects) in a built http site."""
    found: dict[str, list[str]] = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel in NOT_PAGES or rel.startswith("assets/"):
            continue
        html = path.read_text(encoding="utf-8")
        if REDIRECT.search(html):
            continue
        url = rel[: -len("index.html")] if rel.endswith("index.html") else rel
        found["/" + url] = sorted(set(STABLE_ANCHOR.findall(html)), key=_natural)
    return found


def _resolve(site: Path, url: str, hops: int = 5) -> tuple[str, str] | None:
    """Follow redirect stubs from ``url``; return (final address, its HTML), or None if missing."""
    for _ in range(hops):
        path = _html_file(site, url)
        if not path.is_file():
            return None
        html = path.read_text(encoding="utf-8")
        moved = REDIRECT.search(html)
        if not moved:
            return url, html
        url = urljoin(url, moved.group(1)).split("#")[0]
    return None


def ledger_problems(ledger: dict[str, list[str]], site: Path) -> list[str]:
    """Every published address or anchor that the built site no longer serves."""
    problems = []
    for url, anchors in sorted(ledger.items()):
        resolved = _resolve(site, url)
        if resolved is None:
            problems.append(
                f"{url} was published but is gone: restore the page or add a redirect to where it moved "
                "(plugins.redirects.redirect_maps in mkdocs.yml)"
            )
            continue
        final, html = resolved
        present = set(STABLE_ANCHOR.findall(html))
        for anchor in anchors:
            if anchor not in present:
                where = url if final == url else f"{url} (now {final})"
                problems.append(f"{where}#{anchor} was published but the page no longer has that anchor")
    return problems


def unrecorded(ledger: dict[str, list[str]], site: Path) -> list[str]:
    """Published addresses and anchors missing from the ledger (run ./run ledger to add them)."""
    missing = []
    for url, anchors in published_addresses(site).items():
        recorded = set(ledger.get(url, []))
        if url not in ledger:
            missing.append(url)
        missing.extend(f"{url}#{anchor}" for anchor in anchors if anchor not in recorded)
    return missing


def read_ledger(root: Path) -> dict[str, list[str]]:
    path = root / LEDGER_FILE
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(url): list(anchors or []) for url, anchors in data.items()}


def update_ledger(root: Path, site: Path) -> int:
    """Add what the built site publishes to the ledger; never remove anything. Returns entries added."""
    ledger = read_ledger(root)
    added = 0
    for url, anchors in published_addresses(site).items():
        known = set(ledger.get(url, []))
        if url not in ledger:
            added += 1
        new = [anchor for anchor in anchors if anchor not in known]
        added += len(new)
        ledger[url] = sorted(known | set(new), key=_natural)
    body = yaml.safe_dump(dict(sorted(ledger.items())), allow_unicode=True, sort_keys=False, width=100)
    (root / LEDGER_FILE).write_text(HEADER + body, encoding="utf-8")
    return added


def _natural(anchor: str) -> list[object]:
    """para-2 before para-10."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", anchor)]
