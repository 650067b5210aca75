"""One command per job: ``python -m handbook build|fileshare|serve|check``.

``./run`` (the README's commands) installs what is needed and then calls these.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from . import PROJECT_ROOT
from .build import BuildFailed, build, mkdocs_env, validate
from .charts import check_charts
from .errors import ContentErrors
from .ledger import LEDGER_FILE, ledger_problems, read_ledger, update_ledger
from .linkcheck import check_site


def _report(exc: Exception) -> int:
    print(str(exc), file=sys.stderr)
    return 1


def cmd_build(args: argparse.Namespace) -> int:
    try:
        site = build("http", Path(args.site_dir) if args.site_dir else None)
    except (ContentErrors, BuildFailed) as exc:
        return _report(exc)
    print(f"Built the handbook into {site}")
    return 0


def cmd_fileshare(args: argparse.Namespace) -> int:
    try:
        site = build("fileshare", Path(args.site_dir) if args.site_dir else None)
    except (ContentErrors, BuildFailed) as exc:
        return _report(exc)
    print(f"Built the file-share edition into {site}")
    print(f"Copy that folder to the file share; readers open {site / 'index.html'}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    try:
        validate()
    except ContentErrors as exc:
        return _report(exc)
    _charts, chart_problems = check_charts(PROJECT_ROOT)
    if chart_problems:
        return _report(ContentErrors(chart_problems))
    if args.site_dir:
        problems = check_site(Path(args.site_dir))
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            return 1
    print("All pages are valid.")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        validate()
    except ContentErrors as exc:
        return _report(exc)
    address = f"{args.host}:{args.port}"
    print(f"The handbook will be at http://{address}/ (press Ctrl+C to stop)", flush=True)
    config = str(PROJECT_ROOT / "mkdocs.yml")
    command = [sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", address, "-f", config]
    return subprocess.call(command, cwd=PROJECT_ROOT, env=mkdocs_env())


def cmd_ledger(args: argparse.Namespace) -> int:
    try:
        site = build("http", Path(args.site_dir) if args.site_dir else None)
    except (ContentErrors, BuildFailed) as exc:
        return _report(exc)
    problems = ledger_problems(read_ledger(PROJECT_ROOT), site)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print("The ledger was not updated: fix the addresses above first.", file=sys.stderr)
        return 1
    added = update_ledger(PROJECT_ROOT, site)
    print(f"Recorded {added} new address(es) and anchor(s) in {LEDGER_FILE}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="handbook", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build", help="build the http site into site/ (only replaced if the build succeeds)")
    p.add_argument("--site-dir")
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("fileshare", help="build the file-share edition (opens from file://) into site-fileshare/")
    p.add_argument("--site-dir")
    p.set_defaults(func=cmd_fileshare)
    p = sub.add_parser("serve", help="check the pages, then serve the handbook with live reload")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", default="8000")
    p.set_defaults(func=cmd_serve)
    p = sub.add_parser("check", help="validate pages' front matter and flowcharts (and a built site's links)")
    p.add_argument("--site-dir")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("ledger", help="build, then record newly published addresses and anchors")
    p.add_argument("--site-dir")
    p.set_defaults(func=cmd_ledger)
    args = parser.parse_args(argv)
    return args.func(args)
