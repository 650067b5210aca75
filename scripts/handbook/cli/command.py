"""The list of the handbook's commands, kept once: each command's name, one-line help and set-up.

``python -m handbook --help`` is generated from it, ``./run`` asks it what to install
(``--set-up``), and a test compares it with the README's command list, so a command cannot be
added without its help, its set-up or its line in the README.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
from collections.abc import Callable
from enum import Enum
from typing import Any

from handbook import PROJECT_ROOT

BOOTSTRAP = PROJECT_ROOT / "scripts" / "bootstrap.sh"


class SetUp(Enum):
    """What a command needs installed before it runs; each value is scripts/bootstrap.sh's option."""

    PYTHON = "--python"  # the Python packages only
    PACKAGES = ""  # the Python and JavaScript packages (Mermaid, iframe-worker, axe-core)
    PDF = "--pdf"  # and Debian's Chromium: the build prints the leaflets' PDFs with it
    BROWSER = "--browser"  # and Chromium, Java, poppler-utils and nginx: the browser, HTML, PDF and server tests
    SERVER = "--server"  # and Debian's nginx: the load check runs deploy/nginx.conf with it

    @property
    def options(self) -> list[str]:
        """scripts/bootstrap.sh's command-line options for this set-up (none for PACKAGES)."""
        return [self.value] if self.value else []


#: A command's set-up: fixed, or chosen from its arguments (``test --quick`` needs less than ``test``).
SetUpRule = SetUp | Callable[[argparse.Namespace], SetUp]
#: A command's implementation: the parsed arguments in, the exit code out.
Handler = Callable[[argparse.Namespace], int]


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """``--help`` as wide as the terminal (110 columns when there is none, as in a pipe), so each
    command's help stays on the line beside its name; descriptions and epilogues keep their lines."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=28, width=shutil.get_terminal_size((110, 24)).columns - 2)


class Commands:
    """The subcommands of ``python -m handbook``, in the order ``--help`` and the README list them."""

    def __init__(self, parser: argparse.ArgumentParser) -> None:
        self._sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
        #: Each command's own parser (for ``help COMMAND``).
        self.parsers: dict[str, argparse.ArgumentParser] = {}
        #: Each command's one-line help, as ``--help`` shows it and the README must repeat it.
        self.help_lines: dict[str, str] = {}

    def add(
        self,
        name: str,
        help_line: str,
        func: Handler,
        set_up: SetUpRule,
        *,
        passes_on: bool = False,
        **options: Any,
    ) -> argparse.ArgumentParser:
        """Register a command; ``passes_on``: it hands the arguments it does not know to another program.

        Its ``--help`` starts with the one-line help, as a sentence, unless ``description`` is given.
        """
        options.setdefault("description", help_line[0].upper() + help_line[1:] + ".")
        options.setdefault("formatter_class", HelpFormatter)
        parser = self._sub.add_parser(name, help=help_line, **options)
        parser.set_defaults(func=func, needs=set_up, passes_on=passes_on)
        self.parsers[name] = parser
        self.help_lines[name] = help_line
        return parser


def needs(args: argparse.Namespace) -> SetUp:
    """The set-up the parsed command needs."""
    rule: SetUpRule = args.needs
    return rule if isinstance(rule, SetUp) else rule(args)


def install(set_up: SetUp) -> int:
    """Run scripts/bootstrap.sh for ``set_up``; its exit code (0 when it is ready).

    Nothing is run for the Python packages alone: this code runs in them, so ``./run`` has installed
    them already (it cannot start Python before). bootstrap.sh skips every step whose lock file is
    unchanged, so this is fast once the machine is set up.
    """
    if set_up is SetUp.PYTHON:
        return 0
    return subprocess.run([str(BOOTSTRAP), *set_up.options], cwd=PROJECT_ROOT, check=False).returncode
