"""``python -m handbook COMMAND``: every command of the handbook, ``--help`` lists them.

``./run`` is a thin shim over this: it installs the Python packages (it cannot start Python before),
then runs ``python -m handbook --set-up COMMAND``, and ``--set-up`` installs whatever else the
command declares it needs (``command.py``) before running it.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import subprocess
import sys
from pathlib import Path

from handbook import PROJECT_ROOT
from handbook.charts.load import check_charts
from handbook.cli import bench, load_check, search
from handbook.cli.command import Commands, HelpFormatter, SetUp, install, needs
from handbook.cli.leaflets import add_commands as add_leaflet_commands
from handbook.core.errors import ContentErrors, HandbookError
from handbook.governance.areas import (
    area_config_file,
    area_names,
    edition_pages,
    load_area,
    not_provided,
    settings_errors,
)
from handbook.governance.glossary import load_glossary
from handbook.governance.review import REVIEW_JSON, format_report
from handbook.rules.procedure_check import markdown_errors
from handbook.site.build import build, mkdocs_env, validate
from handbook.site.ledger import LEDGER_FILE, ledger_problems, read_ledger, update_ledger
from handbook.site.linkcheck import check_site


def _report(exc: Exception) -> int:
    print(str(exc), file=sys.stderr)
    return 1


def print_governance_report(site: Path, area: str | None) -> None:
    """Print which pages are overdue or due for review, and which area settings are still missing."""
    print(format_report(json.loads((site / REVIEW_JSON).read_text(encoding="utf-8"))))
    print(f"The list of every page with its owner and dates is in {site / REVIEW_JSON}")
    config = area_config_file(PROJECT_ROOT, area) if area else PROJECT_ROOT / "mkdocs.yml"
    settings, _errors = load_area(config, PROJECT_ROOT)
    missing = not_provided(settings.area) if settings else []
    if missing:
        print(f"Area settings not yet provided by the LSCB ({settings.path}): " + "; ".join(missing))


def _build_edition(edition: str, args: argparse.Namespace) -> int:
    """``build`` (http) and ``fileshare``: the same safe build, then what readers and the LSCB need to know."""
    try:
        site = build(edition, Path(args.site_dir) if args.site_dir else None, area=args.area)
    except FileNotFoundError as exc:  # an area with no settings file
        return _report(exc)
    if edition == "fileshare":
        print(f"Built the file-share edition{_for(args.area)} into {site}")
        print(f"Copy that folder to the file share; readers open {site / 'index.html'}")
    else:
        print(f"Built the handbook{_for(args.area)} into {site}")
    print_governance_report(site, args.area)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    return _build_edition("http", args)


def cmd_fileshare(args: argparse.Namespace) -> int:
    return _build_edition("fileshare", args)


def _for(area: str | None) -> str:
    return f" for {area}" if area else ""


def cmd_check(args: argparse.Namespace) -> int:
    from handbook.compare.data import load_comparison
    from handbook.content.editions import load_editions
    from handbook.roles.view import load_role_view

    pages = validate(PROJECT_ROOT)  # every page's front matter, and the procedure chapters' rules
    load_comparison(PROJECT_ROOT)  # data/concordance.yml and data/alignments.yml
    load_role_view(PROJECT_ROOT, pages, load_editions(PROJECT_ROOT))  # data/roles.yml and the pages' role tags
    errors = settings_errors(PROJECT_ROOT)
    for area in area_names(PROJECT_ROOT):  # the rules on the areas' own procedure chapters too
        errors += markdown_errors(edition_pages(PROJECT_ROOT, [], area), PROJECT_ROOT)
    try:
        load_glossary(PROJECT_ROOT)
    except ContentErrors as exc:
        errors += exc.errors
    if errors:
        raise ContentErrors(errors)
    _charts, chart_problems = check_charts(PROJECT_ROOT)
    if chart_problems:
        return _report(ContentErrors(chart_problems))
    _check_deadlines()
    if args.site_dir:
        problems = check_site(Path(args.site_dir))
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            return 1
    print("All pages, the glossary and every area's settings are valid.")
    return 0


def _check_deadlines() -> None:
    """data/deadlines.yml against the pages, charts and editions (raises ContentErrors)."""
    from handbook.content.editions import load_editions
    from handbook.core.sources import load_pages
    from handbook.deadlines.rules import DEADLINES_FILE, load_deadlines

    if not (PROJECT_ROOT / DEADLINES_FILE).is_file():  # a handbook without the calculator (the build agrees)
        return
    pages, _errors = load_pages(PROJECT_ROOT)  # the pages' own errors are reported by validate() above
    load_deadlines(PROJECT_ROOT, pages, load_editions(PROJECT_ROOT))


def cmd_serve(args: argparse.Namespace) -> int:
    validate()
    try:
        config = str(area_config_file(PROJECT_ROOT, args.area) if args.area else PROJECT_ROOT / "mkdocs.yml")
    except FileNotFoundError as exc:
        return _report(exc)
    address = f"{args.host}:{args.port}"
    print(f"The handbook will be at http://{address}/ (press Ctrl+C to stop)", flush=True)
    command = [sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", address, "-f", config]
    # MkDocs takes this process's place, so Ctrl+C or a stop signal reaches the server itself: a
    # child process would outlive its parent and keep watching and rebuilding the handbook.
    os.chdir(PROJECT_ROOT)
    os.execve(sys.executable, command, mkdocs_env())
    return 0  # not reached


def cmd_ledger(args: argparse.Namespace) -> int:
    site = build("http", Path(args.site_dir) if args.site_dir else None)
    problems = ledger_problems(read_ledger(PROJECT_ROOT), site)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print("The ledger was not updated: fix the addresses above first.", file=sys.stderr)
        return 1
    added = update_ledger(PROJECT_ROOT, site)
    print(f"Recorded {added} new address(es) and anchor(s) in {LEDGER_FILE}")
    return 0


def cmd_align(args: argparse.Namespace) -> int:
    """Propose alignments between two texts; write them (unconfirmed) only if asked."""
    from handbook.compare.data import load_comparison
    from handbook.compare.propose import alignment_yaml, pages_for, propose, report, units

    try:
        hosted = load_comparison(PROJECT_ROOT).hosted
        old = [u for spec in args.old for path in pages_for(hosted, spec) for u in units(hosted, path, args.items)]
        new = [u for spec in args.new for path in pages_for(hosted, spec) for u in units(hosted, path, args.items)]
    except (ContentErrors, ValueError) as exc:
        return _report(exc)
    candidates = propose(old, new, args.threshold, args.top)
    print(report(candidates))
    if args.write:
        if not (args.title and args.topic):
            return _report(ValueError("--write needs --title and --topic as well"))
        block = alignment_yaml(candidates, new, args.write, args.title, args.topic)
        path = PROJECT_ROOT / "data" / "alignments.yml"
        with path.open("a", encoding="utf-8") as handle:
            handle.write("\n" + block)
        print(f"\nAdded {args.write!r} to data/alignments.yml, unconfirmed: check each row, then set confirmed: true")
    return 0


def cmd_test(args: argparse.Namespace) -> int:
    """Lint, then pytest with every other argument: ruff and ESLint first, as they take seconds and
    CI fails on them. ESLint lints what eslint.config.js does not ignore."""
    for lint in (
        [sys.executable, "-m", "ruff", "check", "scripts", "tests"],
        [str(PROJECT_ROOT / "node_modules" / ".bin" / "eslint")],
    ):
        result = subprocess.run(lint, cwd=PROJECT_ROOT, check=False)
        if result.returncode:
            return result.returncode
    pytest_args = (["--quick"] if args.quick else []) + args.rest  # --quick is pytest's (tests/conftest.py)
    if "--" in pytest_args:  # "./run test -- --help": what follows is pytest's own
        pytest_args.remove("--")
    # pytest takes this process's place, as for serve: its exit code is the command's, and Ctrl+C
    # reaches pytest alone.
    os.chdir(PROJECT_ROOT)
    os.execv(sys.executable, [sys.executable, "-m", "pytest", *pytest_args])
    return 0  # not reached


def _test_set_up(args: argparse.Namespace) -> SetUp:
    """The quick loop runs only the unit tier: the Python packages, and node_modules for ESLint."""
    return SetUp.PACKAGES if args.quick else SetUp.BROWSER


def cmd_help(parser: argparse.ArgumentParser, commands: Commands, args: argparse.Namespace) -> int:
    """``help``: the list of commands, or one command's options."""
    (commands.parsers[args.topic] if args.topic else parser).print_help()
    return 0


def build_parser() -> tuple[argparse.ArgumentParser, Commands]:
    """The command line, and its list of commands (which the README's list is tested against)."""
    parser = argparse.ArgumentParser(
        prog="./run",
        description="The handbook's commands. ./run COMMAND installs what the command needs, then runs it;\n"
        "./run COMMAND --help shows its options.",
        formatter_class=HelpFormatter,
    )
    parser.add_argument(
        "--set-up",
        action="store_true",
        help=argparse.SUPPRESS,  # ./run passes it: readers type ./run COMMAND
    )
    commands = Commands(parser)
    area_help = "build one area's edition (settings in areas/<AREA>.yml), e.g. cambridgeshire"

    p = commands.add(
        "serve", "build and serve the handbook at http://127.0.0.1:8000/ (live reload)", cmd_serve, SetUp.PDF
    )
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", default="8000")
    p.add_argument("--area", help="serve one area's edition (areas/<AREA>.yml)")

    p = commands.add(
        "test",
        "run every test: lint, unit, build, HTML, links, browser, accessibility",
        cmd_test,
        _test_set_up,
        passes_on=True,
        allow_abbrev=False,  # so no pytest option is taken for an abbreviation of --quick
        epilog="Every other argument is pytest's (./run test -- --help lists them),\n"
        "e.g. ./run test tests/unit -k ledger.",
    )
    p.add_argument(
        "--quick", action="store_true", help="lint and the unit tests only: no MkDocs build or Chromium"
    )

    p = commands.add(
        "build", "build the deployable site into site/ (replaced only if it succeeds)", cmd_build, SetUp.PDF
    )
    p.add_argument("--site-dir")
    p.add_argument("--area", help=area_help + "; into site-<AREA>/")
    p = commands.add(
        "fileshare", "build the file-share edition into site-fileshare/ (open from a folder)", cmd_fileshare, SetUp.PDF
    )
    p.add_argument("--site-dir")
    p.add_argument("--area", help=area_help + "; into site-<AREA>-fileshare/")

    p = commands.add(
        "check",
        "check pages, chapter rules, charts, comparisons, roles, deadlines, glossary, areas (no build)",
        cmd_check,
        SetUp.PACKAGES,
    )
    p.add_argument("--site-dir", help="also check the links of this built site")
    p = commands.add("ledger", "record newly published page addresses and paragraph anchors", cmd_ledger, SetUp.PDF)
    p.add_argument("--site-dir")

    p = commands.add(
        "align",
        "propose which paragraphs of two editions correspond",
        cmd_align,
        SetUp.PACKAGES,
    )
    p.add_argument(
        "--old", nargs="+", required=True, help="older text: page paths, an edition (2010) or 2013:consultation-draft"
    )
    p.add_argument("--new", nargs="+", required=True, help="newer text, as for --old")
    p.add_argument("--items", action="store_true", help="also offer the list items of numbered paragraphs")
    p.add_argument("--threshold", type=float, default=0.3, help="lowest similarity shown (0 to 1, default 0.3)")
    p.add_argument("--top", type=int, default=3, help="candidates shown for each older passage (default 3)")
    p.add_argument(
        "--write", metavar="ID", help="append the best matches to data/alignments.yml as an unconfirmed alignment"
    )
    p.add_argument("--title", help="title of the alignment written with --write")
    p.add_argument("--topic", help="concordance topic of the alignment written with --write")

    add_leaflet_commands(commands)

    p = commands.add(
        "search",
        "what the search box shows for QUERY on site/ (--suite: hit rates)",
        search.run,
        SetUp.PACKAGES,
        epilog=search.__doc__.split("\n\n", 1)[1],
    )
    search.add_arguments(p)
    p = commands.add(
        "bench", "search benchmark: synthetic handbooks, ours and plain Material (slow)", bench.run, SetUp.BROWSER
    )
    bench.add_arguments(p)
    p = commands.add(
        "load-check",
        "deploy/nginx.conf serving site/: 50 readers for 20 s (requests per second, errors)",
        load_check.run,
        SetUp.SERVER,
        epilog=load_check.__doc__.split("\n\n", 1)[1],
    )
    load_check.add_arguments(p)

    p = commands.add(
        "help",
        "list the commands, or show one command's options (help COMMAND)",
        functools.partial(cmd_help, parser, commands),
        SetUp.PYTHON,
    )
    p.add_argument("topic", nargs="?", metavar="COMMAND", choices=list(commands.parsers), help="the command")
    return parser, commands


def main(argv: list[str] | None = None) -> int:
    """Run one command; without one, list them. Returns the exit code."""
    parser, commands = build_parser()
    args, rest = parser.parse_known_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    if rest and not args.passes_on:
        commands.parsers[args.command].error("unrecognised arguments: " + " ".join(rest))
    args.rest = rest
    if args.set_up and (code := install(needs(args))):
        return code
    try:
        return args.func(args)
    except HandbookError as exc:  # every error written for the reader: its message, no traceback
        return _report(exc)
