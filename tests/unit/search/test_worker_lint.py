"""ESLint (eslint.config.js) passes on the handbook's JavaScript, and would report a real mistake.

ESLint runs as ./run test runs it (node_modules/.bin/eslint, no arguments: every file the config
does not ignore), with JSON output so the test can tell which files it linted.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from handbook import PROJECT_ROOT
from handbook.adapter.material_search_worker import PRELUDE

ESLINT = PROJECT_ROOT / "node_modules" / ".bin" / "eslint"
#: Files the lint must cover: the search worker's prelude, the site's own scripts, the worker's test runner.
MUST_LINT = {
    path.resolve()
    for path in (
        PRELUDE,
        *(PROJECT_ROOT / "docs" / "assets" / "javascripts").glob("*.js"),
        PROJECT_ROOT / "tests" / "search" / "run_worker.js",
    )
}


def _eslint(*args: str, stdin: str | None = None) -> list[dict]:
    """ESLint's report (one entry per file linted); fails the test if ESLint itself cannot run."""
    if not ESLINT.exists():
        pytest.fail(f"ESLint is not installed ({ESLINT.relative_to(PROJECT_ROOT)}): run scripts/bootstrap.sh")
    result = subprocess.run(
        [str(ESLINT), "--format", "json", *args],
        cwd=PROJECT_ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode in (0, 1), f"ESLint could not run (exit {result.returncode}):\n{result.stderr}"
    return json.loads(result.stdout)


def _problems(report: list[dict]) -> list[str]:
    return [
        f"{Path(entry['filePath']).relative_to(PROJECT_ROOT)}:{message.get('line')}:{message.get('column')}: "
        f"{message['message']} ({message.get('ruleId')})"
        for entry in report
        for message in entry["messages"]
    ]


def test_the_handbooks_javascript_passes_eslint() -> None:
    report = _eslint()
    linted = {Path(entry["filePath"]).resolve() for entry in report}
    missing = sorted(str(path.relative_to(PROJECT_ROOT)) for path in MUST_LINT - linted)
    assert not missing, f"ESLint did not lint {missing}: check the ignores in eslint.config.js"
    problems = _problems(report)
    assert not problems, "ESLint reports problems (run node_modules/.bin/eslint):\n" + "\n".join(problems)


def test_the_lint_reports_an_undefined_variable_in_the_worker() -> None:
    """The worker's own settings catch a misspelt name: lint its text with one line added."""
    text = PRELUDE.read_text(encoding="utf-8").rstrip("\n") + "\nself.lunr = lunrr;\n"
    report = _eslint("--stdin", "--stdin-filename", str(PRELUDE), stdin=text)
    messages = [message for entry in report for message in entry["messages"]]
    assert [(message["ruleId"], message["line"]) for message in messages] == [("no-undef", text.count("\n"))]
    assert "'lunrr' is not defined" in messages[0]["message"]
