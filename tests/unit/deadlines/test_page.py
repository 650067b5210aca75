"""The calculator page's generated parts, made from the real data: form, method, table and script data."""

from __future__ import annotations

import json
import re
from functools import cache

from handbook import PROJECT_ROOT
from handbook.content.editions import load_editions
from handbook.core.sources import load_pages
from handbook.deadlines.bank_holidays import england_and_wales
from handbook.deadlines.page import (
    DATA_PLACEHOLDER,
    OUTSIDE,
    PAGE,
    calculator_html,
    calculator_template,
    method_markdown,
    script_data,
    script_text,
    table_markdown,
)
from handbook.deadlines.rules import Deadlines, load_deadlines
from handbook.deadlines.workdays import WorkingCalendar


@cache
def real() -> tuple[Deadlines, object, WorkingCalendar]:
    pages, errors = load_pages(PROJECT_ROOT)
    assert errors == []
    editions = load_editions(PROJECT_ROOT)
    deadlines = load_deadlines(PROJECT_ROOT, pages, editions)
    return deadlines, editions, england_and_wales(deadlines.data.years.first, deadlines.data.years.last)


def rows(table: str) -> dict[str, str]:
    return dict(re.findall(r'<tr id="rule-[^"]+" data-rule="([^"]+)"[^>]*>(.*?)</tr>', table, re.DOTALL))


def test_the_table_has_one_row_per_rule_under_its_edition_newest_first() -> None:
    deadlines, editions, _ = real()
    table = table_markdown(deadlines, editions)
    assert list(rows(table)) == [rule.id for year in (2018, 2015, 2013, 2010) for rule in deadlines.rules_for(year)]
    headings = re.findall(r"^### Working Together (\d{4})", table, re.MULTILINE)
    assert headings == ["2023", "2018", "2015", "2013", "2010"]
    assert "### Working Together 2018 (Replaced guidance)" in table and "2023 (current guidance)" in table


def test_a_row_from_outside_the_hosted_text_says_so_and_a_hosted_one_links_its_paragraph() -> None:
    deadlines, editions, _ = real()
    found = rows(table_markdown(deadlines, editions))
    assert OUTSIDE in found["assessment-2013"] and "(DFE-00030-2013)" in found["assessment-2013"]
    decision = found["decision-2013"]
    assert OUTSIDE not in decision
    assert "](../working-together/2013/consultation-draft/multi-agency-responsibilities.md#para-61)" in decision
    assert "](../procedures/responding-to-concerns-and-making-a-referral.md#section-6)" in decision


def test_every_edition_without_a_rule_says_why() -> None:
    deadlines, editions, _ = real()
    table = table_markdown(deadlines, editions)
    assert re.search(r'data-edition="2023"[^>]*>The 2023 edition is the current guidance', table)


def test_the_form_offers_every_edition_and_event_and_states_the_years() -> None:
    deadlines, editions, calendar = real()
    form = calculator_html(deadlines, editions, calendar)
    assert re.findall(r'name="edition" id="[^"]+" value="(\d{4})"', form) == ["2023", "2018", "2015", "2013", "2010"]
    assert re.findall(r'<option value="([^"]+)"', form) == [event.id for event in deadlines.data.events]
    assert "1 January 2010 to 31 December 2030" in form
    for part in ("day", "month", "year"):
        assert f'<label for="hb-deadlines-{part}">' in form and f'id="hb-deadlines-{part}"' in form


def test_the_method_names_the_years_and_every_bank_holiday_skipped() -> None:
    _, _, calendar = real()
    method = method_markdown(calendar, "9.99")
    assert "bank holidays of 2010 to 2030" in method and "version 9.99" in method
    assert "- **2026:** 1 January (New Year's Day); 3 April (Good Friday);" in method
    assert method.count("(substitute day)") == sum("(substitute day)" in n for n in calendar.bank_holidays.values())
    assert "Local practice may differ" in method


def test_the_script_data_holds_the_rules_the_holidays_and_the_editions_periods() -> None:
    deadlines, editions, calendar = real()
    data = script_data(deadlines, editions, calendar)
    assert [rule["id"] for rule in data["rules"]] == [rule.id for rule in deadlines.rules]
    assert len(data["bankHolidays"]) == len(calendar.bank_holidays)
    assert data["editions"]["2013"]["from"] == "2013-04-15"  # in effect, not published
    assert data["editions"]["2013"]["until"] == "2015-03-26"
    assert data["editions"]["2023"]["until"] is None and data["editions"]["2023"]["replaced"] is False
    before = next(rule for rule in data["rules"] if rule["id"] == "initial-assessment-2010-before-april")
    assert (before["before"], before["from"], before["count"]) == ("2010-04-01", None, 7)


def test_the_script_is_the_template_with_the_data_filled_in() -> None:
    deadlines, editions, calendar = real()
    template = calculator_template()
    assert DATA_PLACEHOLDER in template
    data = script_data(deadlines, editions, calendar)
    text = script_text(template, {**data, "note": "</script>"})
    assert DATA_PLACEHOLDER not in text and "</script>" not in text
    payload = text[text.index("var DATA = ") + len("var DATA = ") :].split(";\n", 1)[0]
    assert json.loads(payload)["rules"] == data["rules"]


def test_the_page_has_every_marker() -> None:
    text = (PROJECT_ROOT / "docs" / PAGE).read_text(encoding="utf-8")
    for name in ("calculator", "method", "table"):
        assert f"<!-- deadlines: {name} -->" in text
