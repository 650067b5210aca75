"""The page's script counts as handbook.deadlines does: the same deadlines, skipped bank holidays,
working days before a month date, refusals and their messages, and the same rules chosen.

The script the build writes (calculator.js with the real data) is run in Node.js on several
thousand cases: every start date of 2026 to 2028 for each rule's count and unit, the edges of the
years covered, and the 1 April 2010 change of the 2010 initial assessment.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from handbook.deadlines.page import calculator_template, long_day, script_data, script_text
from handbook.deadlines.workdays import OutOfRange

from .test_page import real

pytestmark = pytest.mark.slow  # Node.js: the site tier

RUNNER = Path(__file__).with_name("run_calculator.js")


def run(script: Path, cases: list[dict]) -> list:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed to run the calculator's script: install nodejs (see README)")
    result = subprocess.run(
        [node, str(RUNNER), str(script)], input=json.dumps(cases), capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def script(tmp_path_factory: pytest.TempPathFactory) -> Path:
    deadlines, editions, calendar = real()
    path = tmp_path_factory.mktemp("deadlines") / "deadlines.js"
    path.write_text(script_text(calculator_template(), script_data(deadlines, editions, calendar)), encoding="utf-8")
    return path


def python_answer(start: dt.date, count: int, unit: str) -> dict:
    _, _, calendar = real()
    try:
        due = calendar.due(start, count, unit)  # type: ignore[arg-type]
    except OutOfRange as refused:
        return {"ok": False, "kind": refused.kind, "message": str(refused)}
    return {
        "ok": True,
        "due": due.date.isoformat(),
        "skipped": [day.isoformat() for day in due.skipped],
        "before": due.working_day_before.isoformat() if due.working_day_before else None,
        "dueText": long_day(due.date),
    }


def test_the_script_gives_the_same_deadlines_as_python(script: Path) -> None:
    deadlines, _, _ = real()
    kinds = sorted({(rule.count, rule.unit) for rule in deadlines.rules})
    starts = [dt.date(2026, 1, 1) + dt.timedelta(days=n) for n in range(3 * 366)]
    edges = [dt.date(2009, 12, 31), dt.date(2010, 1, 1), dt.date(2030, 6, 28), dt.date(2030, 12, 1),
             dt.date(2030, 12, 31), dt.date(2031, 1, 1), dt.date(2012, 2, 29), dt.date(2030, 8, 31)]  # fmt: skip
    cases = [
        {"start": day.isoformat(), "count": count, "unit": unit} for day in starts + edges for count, unit in kinds
    ]
    got = run(script, cases)
    expected = [python_answer(dt.date.fromisoformat(case["start"]), case["count"], case["unit"]) for case in cases]
    mismatches = [
        (case, mine, theirs) for case, mine, theirs in zip(cases, expected, got, strict=True) if mine != theirs
    ]
    assert mismatches == [], mismatches[:3]
    assert {answer["kind"] for answer in expected if not answer["ok"]} == {"start", "due"}  # both refusals were tried
    assert any(answer.get("skipped") for answer in expected) and any(answer.get("before") for answer in expected)


def test_the_script_chooses_the_rules_python_chooses(script: Path) -> None:
    deadlines, _, _ = real()
    days = [dt.date(2010, 3, 31), dt.date(2010, 4, 1), dt.date(2026, 12, 4)]
    cases = [
        {"edition": edition, "event": event.id, "on": day.isoformat()}
        for edition in deadlines.editions()
        for event in deadlines.data.events
        for day in days
    ]
    got = run(script, cases)
    expected = [
        [rule.id for rule in deadlines.rules_for(case["edition"])
         if rule.event == case["event"] and rule.applies_to(dt.date.fromisoformat(case["on"]))]
        for case in cases
    ]  # fmt: skip
    assert got == expected
    before, after = (
        cases.index({"edition": 2010, "event": "referral", "on": day}) for day in ("2010-03-31", "2010-04-01")
    )
    assert (got[before], got[after]) == (["initial-assessment-2010-before-april"], ["initial-assessment-2010"])
