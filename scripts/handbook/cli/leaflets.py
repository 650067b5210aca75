"""The leaflet commands on the command line: ``new-leaflet``, ``import-docx``, ``publish-leaflet`` and
``retire-leaflet`` (``./run <command> --help`` lists each one's options).

When a command is run in a terminal and something it needs is missing, it asks for it; run from a
script, it says what to add instead. Every refusal ends with "Nothing was changed."
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path

from handbook import PROJECT_ROOT
from handbook.cli.command import Commands, SetUp
from handbook.leaflets.admin import (
    AdminError,
    LeafletDetails,
    import_docx,
    new_leaflet,
    parse_audience,
    publish_leaflet,
    retire_leaflet,
)
from handbook.leaflets.docx_import import ImportFailed
from handbook.leaflets.library import AUDIENCES, LEAFLETS_DIR


def _fail(message: str) -> int:
    print(f"{message}\nNothing was changed.", file=sys.stderr)
    return 1


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _ask(question: str) -> str:
    return input(f"{question}: ").strip()


def _ask_audience() -> str:
    choices = "\n".join(f"  {n}. {a}" for n, a in enumerate(AUDIENCES, start=1))
    answer = _ask(f"Who is the leaflet for?\n{choices}\nType a number or the words")
    if answer.isdigit() and 1 <= int(answer) <= len(AUDIENCES):
        return AUDIENCES[int(answer) - 1]
    return answer


def _details(args: argparse.Namespace, title_from_file: bool = False) -> LeafletDetails:
    """The leaflet's details from the options, asking for what is missing in a terminal."""
    details = LeafletDetails(
        title=args.title,
        audience=args.audience,
        owner=args.owner,
        summary=args.summary,
        topics=list(args.topic or []),
        language=args.language,
        review_due=args.review_due,
        slug=args.slug,
    )
    if not _interactive():
        return details
    if not details.title and not title_from_file:
        details.title = _ask("Title of the leaflet")
    if not details.audience:
        details.audience = _ask_audience()
    parse_audience(details.audience)  # a wrong answer is refused before any more questions
    if not details.owner:
        details.owner = _ask("Owner (the team or role responsible for it)")
    if not details.summary:
        details.summary = _ask("Summary, in one or two sentences (or press Enter to write it later)")
    if not details.topics:
        answer = _ask("Topics, separated by commas (or press Enter to add them later)")
        details.topics = [t.strip() for t in answer.split(",") if t.strip()]
    return details


def _run(action: Callable[[], int]) -> int:
    try:
        return action()
    except (AdminError, ImportFailed) as exc:
        return _fail(str(exc))


def cmd_new_leaflet(args: argparse.Namespace) -> int:
    def action() -> int:
        path = new_leaflet(PROJECT_ROOT, _details(args), dt.date.today())
        _created(path)
        return 0

    return _run(action)


def cmd_import_docx(args: argparse.Namespace) -> int:
    def action() -> int:
        docx = Path(os.environ.get("HANDBOOK_CALLER_DIR", ".")) / Path(args.file).expanduser()
        path, notes = import_docx(PROJECT_ROOT, docx, _details(args, title_from_file=True), dt.date.today())
        _created(path)
        if notes:
            print("Check these before you publish it:")
            for note in notes:
                print(f"  {note}")
        return 0

    return _run(action)


def _created(path: Path) -> None:
    rel = path.relative_to(PROJECT_ROOT).as_posix()
    print(f"Created {rel} as a draft: ./run serve shows it, the published handbook does not yet.")
    print(f'Next: write the leaflet, replacing every "TODO", then run ./run publish-leaflet {path.stem}')


def cmd_publish_leaflet(args: argparse.Namespace) -> int:
    def action() -> int:
        path = publish_leaflet(PROJECT_ROOT, args.slug, dt.date.today())
        print(f"Published {path.relative_to(PROJECT_ROOT).as_posix()}: it is in the library from the next build.")
        print("Next: ./run build (the build also makes its PDF).")
        return 0

    return _run(action)


def cmd_retire_leaflet(args: argparse.Namespace) -> int:
    def action() -> int:
        path = retire_leaflet(PROJECT_ROOT, args.slug, args.reason, dt.date.today())
        print(f"Retired {path.relative_to(PROJECT_ROOT).as_posix()}: from the next build it leaves the library,")
        print("its address shows a retirement notice, and the amendments log records the retirement.")
        return 0

    return _run(action)


def add_commands(commands: Commands) -> None:
    """Register the leaflet commands with the handbook's command line (they need no browser)."""

    def details_options(parser: argparse.ArgumentParser, title_help: str) -> None:
        parser.add_argument("--title", help=title_help)
        parser.add_argument("--audience", help="who it is for: " + " | ".join(AUDIENCES))
        parser.add_argument("--owner", help="the team or role responsible for it, e.g. 'LSCB administrator'")
        parser.add_argument("--summary", help="one or two sentences saying what it is about")
        parser.add_argument("--topic", action="append", help="a topic (repeat for more than one)")
        parser.add_argument("--language", default="en-GB", help="language code (default en-GB)")
        parser.add_argument("--review-due", help="review date, YYYY-MM-DD (default: one year from today)")
        parser.add_argument("--slug", help=f"file name and web address (default: from the title), in {LEAFLETS_DIR}/")

    slug_help = "the leaflet's file name without .md, e.g. early-help"
    p = commands.add(
        "new-leaflet",
        "create a draft leaflet (asks for the title, audience and owner)",
        cmd_new_leaflet,
        SetUp.PACKAGES,
    )
    details_options(p, "the leaflet's title")
    p = commands.add(
        "import-docx", "create a draft leaflet from the Word document FILE (.docx)", cmd_import_docx, SetUp.PACKAGES
    )
    p.add_argument("file", metavar="FILE", help="the .docx file")
    details_options(p, "the leaflet's title (default: the document's first Heading 1)")
    p = commands.add(
        "publish-leaflet",
        "publish the draft leaflet NAME: it joins the library, with a PDF",
        cmd_publish_leaflet,
        SetUp.PACKAGES,
    )
    p.add_argument("slug", metavar="NAME", help=slug_help)
    p = commands.add(
        "retire-leaflet",
        "retire the leaflet NAME: out of the library, a notice at its address",
        cmd_retire_leaflet,
        SetUp.PACKAGES,
    )
    p.add_argument("slug", metavar="NAME", help=slug_help)
    p.add_argument("--reason", help="why, for the amendments log and the notice, e.g. 'replaced by ...'")
