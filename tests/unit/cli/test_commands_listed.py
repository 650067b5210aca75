"""The list of commands is kept once, in the command line (handbook.cli), and everything else follows it.

The README lists every command with the help ``./run help`` shows for it, ``./run help`` and
``./run --help`` show every command, each command's set-up is one scripts/bootstrap.sh offers, and
no page of the documentation names a command that does not exist. Adding a command without its line
in the README fails here.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from handbook import PROJECT_ROOT
from handbook.cli.command import BOOTSTRAP, SetUp, needs
from handbook.cli.main import build_parser

README = PROJECT_ROOT / "README.md"
#: A command in a README code block, with its comment: ``./run import-docx FILE   # what it does``.
LISTED = re.compile(r"^\./run (?P<name>[a-z][a-z-]*)\b[^#\n]*# (?P<help>.+)$", re.MULTILINE)
#: The set-up each command declares; ``test`` chooses from its arguments (see below).
SET_UP = {
    "serve": SetUp.PDF,
    "build": SetUp.PDF,
    "fileshare": SetUp.PDF,
    "check": SetUp.PACKAGES,
    "ledger": SetUp.PDF,
    "align": SetUp.PACKAGES,
    "new-leaflet": SetUp.PACKAGES,
    "import-docx": SetUp.PACKAGES,
    "publish-leaflet": SetUp.PACKAGES,
    "retire-leaflet": SetUp.PACKAGES,
    "search": SetUp.PACKAGES,
    "bench": SetUp.BROWSER,
    "load-check": SetUp.SERVER,
    "help": SetUp.PYTHON,
}


def readme_commands() -> list[tuple[str, str]]:
    """Each command of the README's "Two commands" section with its comment, in order.

    A command's first line there is its entry; later lines naming it are examples, with comments of
    their own.
    """
    section = README.read_text(encoding="utf-8").split("\n## Two commands\n", 1)[1].split("\n## ", 1)[0]
    entries: dict[str, str] = {}
    for match in LISTED.finditer(section):
        entries.setdefault(match["name"], match["help"].strip())
    return list(entries.items())


def listed_in_help(text: str) -> list[str]:
    """The command names in ``--help`` output: the lines indented under "commands:"."""
    return re.findall(r"^    ([a-z][a-z-]*)\b", text.split("\ncommands:\n", 1)[1], re.MULTILINE)


def test_the_readme_lists_every_command_with_its_help_in_order() -> None:
    _parser, commands = build_parser()
    assert readme_commands() == list(commands.help_lines.items())


def test_every_command_the_documentation_names_exists() -> None:
    _parser, commands = build_parser()
    pages = [README, *PROJECT_ROOT.glob("*/README.md"), *(PROJECT_ROOT / "docs").rglob("*.md")]
    named = {
        (page.relative_to(PROJECT_ROOT).as_posix(), name)
        for page in pages
        for name in re.findall(r"\./run ([a-z][a-z-]*)", page.read_text(encoding="utf-8"))
    }
    assert len(named) > len(commands.parsers)  # the pattern still finds the documentation's commands
    assert sorted(entry for entry in named if entry[1] not in commands.parsers) == []


@pytest.mark.parametrize("words", [["help"], ["--help"]])
def test_run_lists_every_command(words: list[str]) -> None:
    """Through the shim itself, as a reader types it (fast once the Python packages are installed)."""
    _parser, commands = build_parser()
    result = subprocess.run([str(PROJECT_ROOT / "run"), *words], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert listed_in_help(result.stdout) == list(commands.parsers)


def test_every_command_declares_its_set_up() -> None:
    _parser, commands = build_parser()
    declared = {name: parser.get_default("needs") for name, parser in commands.parsers.items() if name != "test"}
    assert declared == SET_UP


@pytest.mark.parametrize(
    ("words", "set_up"),
    [
        (["test"], SetUp.BROWSER),
        (["test", "-q", "-p", "no:cacheprovider", "--durations=25"], SetUp.BROWSER),  # .ci/run
        (["test", "--quick"], SetUp.PACKAGES),  # the quick loop: the unit tier only (ESLint needs node_modules)
        (["test", "tests/unit/cli", "-q", "--quick"], SetUp.PACKAGES),
    ],
)
def test_the_test_command_needs_a_browser_unless_quick(words: list[str], set_up: SetUp) -> None:
    parser, _commands = build_parser()
    args, _rest = parser.parse_known_args(words)
    assert needs(args) is set_up


def bootstrap_options() -> tuple[set[str], set[str]]:
    """The options bootstrap.sh documents (its usage lines) and the options its first check lets through."""
    text = BOOTSTRAP.read_text(encoding="utf-8")
    documented = set(re.findall(r"^#   scripts/bootstrap\.sh(?: (--[a-z]+))?\s", text, re.MULTILINE))
    patterns = re.search(r'^\s*(""(?:\|--[a-z]+)+)\) ;;', text, re.MULTILINE)
    assert patterns, "bootstrap.sh no longer checks its option"
    accepted = {"" if option == '""' else option for option in patterns[1].split("|")}
    return documented, accepted


def test_every_set_up_is_an_option_bootstrap_accepts() -> None:
    documented, accepted = bootstrap_options()
    assert documented == accepted
    assert {set_up.value for set_up in SetUp} == accepted


def test_bootstrap_refuses_an_option_it_does_not_know(tmp_path: Path) -> None:
    """So a misspelt set-up fails loudly rather than installing the default set; nothing is installed."""
    result = subprocess.run([str(BOOTSTRAP), "--pdfs"], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert result.returncode == 2
    assert result.stderr == (
        "Set-up failed: unknown option --pdfs (the options are at the top of scripts/bootstrap.sh)\n"
    )
