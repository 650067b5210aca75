"""``python -m handbook load-check``: deploy/nginx.conf serving a built site, under a bounded load.

It starts Debian's nginx on a free loopback port with deploy/nginx.conf (handbook.site.nginx), lets
``--readers`` readers ask for every page, script, stylesheet and search file of the site for
``--seconds`` (handbook.site.load_check), and prints the requests per second and the errors. It
exits with 1 if any request failed or was answered with anything but 200.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from handbook import PROJECT_ROOT
from handbook.core.errors import HandbookError
from handbook.site.server_files import SERVER_DIR


class NotBuilt(HandbookError):
    """There is no built http site (with its server files) to serve."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site-dir", type=Path, help="the built site (default: site/, made by ./run build)")
    parser.add_argument("--readers", type=int, default=50, help="readers at once (default 50)")
    parser.add_argument("--seconds", type=float, default=20.0, help="how long they read (default 20)")
    parser.add_argument("--workers", type=int, default=2, help="nginx worker processes (default 2)")


def run(args: argparse.Namespace) -> int:
    from handbook.site.load_check import load_check, site_paths
    from handbook.site.nginx import nginx

    site = (args.site_dir or PROJECT_ROOT / "site").resolve()
    if not (site / SERVER_DIR).is_dir():
        raise NotBuilt(f"{site} is not a built http site (it has no {SERVER_DIR}/ folder): run ./run build first.")
    with nginx(site, workers=args.workers) as base:
        result = load_check(base, site_paths(site), args.readers, args.seconds)
    print(result.report(base) + f"\n(nginx {args.workers} worker processes, deploy/nginx.conf, site {site})")
    return 1 if result.errors else 0
