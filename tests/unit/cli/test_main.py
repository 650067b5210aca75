"""``python -m handbook``: help, refused arguments, set-up before the command, and the test command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import handbook.cli.main as cli
from handbook import PROJECT_ROOT
from handbook.cli import command
from handbook.cli.command import SetUp


def test_without_a_command_it_lists_them(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: ./run [-h] COMMAND ...")
    assert "--set-up" not in out  # ./run passes it; readers never type it


def test_help_shows_one_commands_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["help", "retire-leaflet"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: ./run retire-leaflet [-h] [--reason REASON] NAME\n")
    assert "Retire the leaflet NAME: out of the library, a notice at its address." in out


@pytest.mark.parametrize("command", ["search", "bench", "test"])
def test_commands_with_options_of_their_own_have_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main([command, "--help"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: ./run {command} [-h]")


def test_an_argument_a_command_does_not_take_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["check", "--quick"])
    assert exit_.value.code == 2
    assert "./run check: error: unrecognised arguments: --quick" in capsys.readouterr().err


def test_a_bad_benchmark_size_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["bench", "--sizes", "100,lots"])
    assert "'100,lots' is not a list of numbers such as 100,500" in capsys.readouterr().err


def test_search_without_a_built_site_says_how_to_build_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["search", "--site-dir", str(tmp_path), "s47"]) == 1
    assert capsys.readouterr().out == f"No built site in {tmp_path}: run ./run build first.\n"


def test_set_up_comes_first_and_a_failed_set_up_stops_the_command(monkeypatch: pytest.MonkeyPatch) -> None:
    installed: list[SetUp] = []
    monkeypatch.setattr(cli, "install", lambda set_up: installed.append(set_up) or 1)
    monkeypatch.setattr(cli, "cmd_ledger", lambda args: pytest.fail("the ledger ran without its set-up"))
    assert cli.main(["--set-up", "ledger"]) == 1
    assert installed == [SetUp.PDF]


def test_set_up_then_the_command(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(cli, "install", lambda set_up: calls.append(f"install {set_up.name}") or 0)
    monkeypatch.setattr(cli, "cmd_check", lambda args: calls.append("check") or 0)
    assert cli.main(["--set-up", "check"]) == 0
    assert calls == ["install PACKAGES", "check"]


def test_without_set_up_nothing_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests and scripts call the commands directly: they must not run bootstrap.sh."""
    monkeypatch.setattr(cli, "install", lambda set_up: pytest.fail("bootstrap.sh was run"))
    monkeypatch.setattr(cli, "cmd_build", lambda args: 0)
    assert cli.main(["build"]) == 0


def test_the_python_packages_alone_need_no_bootstrap(monkeypatch: pytest.MonkeyPatch) -> None:
    """./run installed them before starting Python."""
    monkeypatch.setattr(command.subprocess, "run", lambda *a, **k: pytest.fail("bootstrap.sh was run"))
    assert command.install(SetUp.PYTHON) == 0


def test_set_up_runs_bootstrap_with_its_option(monkeypatch: pytest.MonkeyPatch) -> None:
    runs: list[list[str]] = []
    monkeypatch.setattr(
        command.subprocess, "run", lambda argv, **k: runs.append(argv) or subprocess.CompletedProcess(argv, 3)
    )
    assert command.install(SetUp.BROWSER) == 3
    assert command.install(SetUp.PACKAGES) == 3
    assert runs == [[str(command.BOOTSTRAP), "--browser"], [str(command.BOOTSTRAP)]]


class FakeRun:
    """Stands in for the linters (subprocess.run) and pytest (os.execv), recording their command lines."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, ruff_code: int = 0) -> None:
        self.ruff: list[list[str]] = []
        self.pytest: list[list[str]] = []
        self.ruff_code = ruff_code
        monkeypatch.chdir(PROJECT_ROOT)  # the command changes directory; this puts it back afterwards
        monkeypatch.setattr(cli.subprocess, "run", self.run)
        monkeypatch.setattr(cli.os, "execv", self.execv)

    def run(self, argv: list[str], **_options: object) -> subprocess.CompletedProcess[str]:
        self.ruff.append(argv)
        return subprocess.CompletedProcess(argv, self.ruff_code)

    def execv(self, path: str, argv: list[str]) -> None:
        assert path == sys.executable
        self.pytest.append(argv)


PYTEST = [sys.executable, "-m", "pytest"]


def test_the_test_command_lints_then_runs_pytest_with_the_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeRun(monkeypatch)
    cli.main(["test", "-q", "-p", "no:cacheprovider", "--durations=25"])  # as .ci/run calls it
    eslint = str(PROJECT_ROOT / "node_modules" / ".bin" / "eslint")
    assert fake.ruff == [[sys.executable, "-m", "ruff", "check", "scripts", "tests"], [eslint]]
    assert fake.pytest == [[*PYTEST, "-q", "-p", "no:cacheprovider", "--durations=25"]]


def test_the_quick_loop_passes_quick_on_to_pytest(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeRun(monkeypatch)
    cli.main(["test", "tests/unit", "--quick", "-k", "ledger"])
    assert fake.pytest == [[*PYTEST, "--quick", "tests/unit", "-k", "ledger"]]


def test_after_a_double_dash_the_arguments_are_pytests_own(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeRun(monkeypatch)
    cli.main(["test", "--", "--help"])
    assert fake.pytest == [[*PYTEST, "--help"]]


def test_a_lint_error_stops_the_tests_with_ruffs_exit_code(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeRun(monkeypatch, ruff_code=1)
    assert cli.main(["test"]) == 1
    assert fake.pytest == []
