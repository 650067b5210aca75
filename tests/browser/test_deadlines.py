"""The deadline calculator in Chromium, over http and from a file share: dates typed in as a reader
types them, with the mouse and with the keyboard alone, give the dates handbook.deadlines gives;
mistakes get a message; axe finds nothing with an answer or a problem shown, in both schemes; and on
paper the answer and the table print without the form.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page

from handbook import PROJECT_ROOT
from handbook.content.editions import load_editions
from handbook.core.sources import load_pages
from handbook.deadlines.bank_holidays import england_and_wales
from handbook.deadlines.page import OUTSIDE, PAGE, long_day
from handbook.deadlines.rules import Deadlines, load_deadlines
from handbook.deadlines.workdays import WorkingCalendar

from .conftest import Visit, describe_violations, run_axe, url_for

pytestmark = pytest.mark.browser


@cache
def real() -> tuple[Deadlines, WorkingCalendar]:
    pages, _ = load_pages(PROJECT_ROOT)
    deadlines = load_deadlines(PROJECT_ROOT, pages, load_editions(PROJECT_ROOT))
    years = deadlines.data.years
    return deadlines, england_and_wales(years.first, years.last)


@pytest.fixture(params=["http", "file"])
def base(request: pytest.FixtureRequest) -> str:
    return request.getfixturevalue("http_base" if request.param == "http" else "file_base")


def open_calculator(visit, base: str, scheme: str = "light") -> Visit:
    record = visit(url_for(base, PAGE), base, scheme)
    record.page.wait_for_selector("#hb-deadlines-form[data-hb-deadlines=ready]", state="attached")
    return record


def enter(page: Page, edition: int | None, event: str | None, day: str, month: str, year: str) -> None:
    if edition is not None:
        page.check(f"#hb-deadlines-edition-{edition}")
    if event is not None:
        page.select_option("#hb-deadlines-event", event)
    page.fill("#hb-deadlines-day", day)
    page.fill("#hb-deadlines-month", month)
    page.fill("#hb-deadlines-year", year)
    page.click("#hb-deadlines-form button[type=submit]")


def answers(page: Page) -> dict[str, list[str]]:
    """Rule id → the answer row's cells, as the reader sees them."""
    page.wait_for_selector("#hb-deadlines-answer", state="attached")
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('#hb-deadlines-results tr[data-answer]')]
             .map(row => [row.dataset.answer, [...row.cells].map(cell => cell.innerText.trim())]))"""
    )


def expected_due(rule_id: str, start: dt.date) -> str:
    deadlines, calendar = real()
    rule = next(rule for rule in deadlines.rules if rule.id == rule_id)
    return long_day(calendar.due(start, rule.count, rule.unit).date)


def test_a_referral_before_christmas_gives_the_dates_python_gives(visit, base: str) -> None:
    record = open_calculator(visit, base)
    page = record.page
    enter(page, 2018, "referral", "24", "12", "2026")
    shown = answers(page)
    start = dt.date(2026, 12, 24)
    assert list(shown) == ["decision-2018", "assessment-2018"]
    assert shown["decision-2018"][1].startswith(expected_due("decision-2018", start))
    assert shown["decision-2018"][1].startswith("Tuesday 29 December 2026")  # Christmas and the substitute day
    assert "Skips Friday 25 December 2026: Christmas Day." in shown["decision-2018"][1]
    assert shown["assessment-2018"][1].startswith(expected_due("assessment-2018", start))
    assert "(DFE-00195-2018)" in shown["assessment-2018"][3] and OUTSIDE in shown["assessment-2018"][3]
    results = page.inner_text("#hb-deadlines-results")
    assert "Replaced guidance" in results and "2023 edition was published on 15 December 2023" in results
    assert page.evaluate("document.activeElement.id") == "hb-deadlines-answer"
    assert record.errors == [] and record.foreign_requests() == []


def test_a_source_link_in_an_answer_opens_the_paragraph(visit, base: str) -> None:
    page = open_calculator(visit, base).page
    enter(page, 2013, "referral", "4", "12", "2026")
    assert answers(page)["decision-2013"][1].startswith("Monday 7 December 2026")
    link = page.locator('#hb-deadlines-results tr[data-answer="decision-2013"] td a').first
    assert "consultation draft" in link.inner_text()
    href = link.get_attribute("href")
    target = urljoin(page.url, href)
    assert target.split("#")[1] == "para-61"
    link.click()
    page.wait_for_load_state("load")
    assert page.url == target and page.locator("#para-61").count() == 1


def test_months_from_the_end_of_november_end_on_29_february_in_a_leap_year(visit, base: str) -> None:
    page = open_calculator(visit, base).page
    enter(page, 2015, "initial-conference", "30", "11", "2027")
    shown = answers(page)
    assert shown["first-review-2015"][1].startswith("Tuesday 29 February 2028")
    assert shown["core-group-2015"][1].startswith(expected_due("core-group-2015", dt.date(2027, 11, 30)))


def test_a_month_date_on_a_weekend_names_the_working_day_before(visit, http_base: str) -> None:
    page = open_calculator(visit, http_base).page
    enter(page, 2018, "review-conference", "14", "8", "2026")
    (cells,) = answers(page).values()
    assert cells[1].startswith("Sunday 14 February 2027")
    assert "the working day before it is Friday 12 February 2027" in cells[1]


def test_the_2010_initial_assessment_changes_on_1_april_2010(visit, http_base: str) -> None:
    page = open_calculator(visit, http_base).page
    enter(page, 2010, "referral", "31", "3", "2010")
    assert list(answers(page)) == ["initial-assessment-2010-before-april"]
    enter(page, None, None, "1", "4", "2010")
    page.wait_for_function("document.querySelector('#hb-deadlines-results tr[data-answer]').dataset.answer"
                           " === 'initial-assessment-2010'")  # fmt: skip
    shown = answers(page)
    assert shown["initial-assessment-2010"][1].startswith(expected_due("initial-assessment-2010", dt.date(2010, 4, 1)))
    assert "core assessment" in page.inner_text("#hb-deadlines-results")  # what the summary does not give


def test_the_current_edition_says_the_handbook_gives_none_of_its_timescales(visit, http_base: str) -> None:
    page = open_calculator(visit, http_base).page
    enter(page, 2023, None, "4", "12", "2026")
    page.wait_for_selector("#hb-deadlines-answer", state="attached")
    results = page.inner_text("#hb-deadlines-results")
    assert "The 2023 edition is the current guidance" in results and "Due by" not in results


@pytest.mark.parametrize(
    ("edition", "date", "message", "field"),
    [
        (None, ("4", "12", "2026"), "Choose the edition of Working Together", "hb-deadlines-edition-2023"),
        (2018, ("29", "2", "2027"), "February 2027 has 28 days: check the day.", "hb-deadlines-day"),
        (2018, ("4", "13", "2026"), "The month must be a number from 1 to 12.", "hb-deadlines-month"),
        (2018, ("4", "12", "26"), "Enter the year in full", "hb-deadlines-year"),
        (2018, ("", "12", "2026"), "Enter the day as a number", "hb-deadlines-day"),
        (2018, ("4", "1", "2031"), "knows the bank holidays of 2010 to 2030 only", "hb-deadlines-year"),
    ],
)
def test_a_mistake_gets_a_message_and_no_dates(visit, http_base: str, edition, date, message, field) -> None:
    page = open_calculator(visit, http_base).page
    enter(page, edition, None, *date)
    error = page.locator("#hb-deadlines-error")
    error.wait_for(state="visible")
    assert message in error.inner_text()
    assert page.locator("#hb-deadlines-results tr").count() == 0
    assert page.get_attribute(f"#{field}", "aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == "hb-deadlines-error"


def test_a_deadline_past_the_years_covered_is_refused_not_guessed(visit, http_base: str) -> None:
    page = open_calculator(visit, http_base).page
    enter(page, 2018, "referral", "20", "12", "2030")
    shown = answers(page)
    assert shown["decision-2018"][1].startswith("Monday 23 December 2030")
    assert shown["assessment-2018"][1].startswith("This deadline falls after 31 December 2030")


def test_the_calculator_works_with_the_keyboard_alone(visit, base: str) -> None:
    page = open_calculator(visit, base).page
    page.focus("#hb-deadlines-edition-2023")
    keys = page.keyboard
    keys.press("ArrowDown")  # to 2018, which is chosen
    assert page.is_checked("#hb-deadlines-edition-2018")
    keys.press("Tab")
    assert page.evaluate("document.activeElement.id") == "hb-deadlines-event"
    keys.press("ArrowDown")  # from the referral to the strategy discussion
    assert page.input_value("#hb-deadlines-event") == "strategy-discussion"
    for text in ("4", "12", "2026"):
        keys.press("Tab")
        keys.type(text)
    keys.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    keys.press("Enter")
    shown = answers(page)
    assert shown["initial-conference-2018"][1].startswith(expected_due("initial-conference-2018", dt.date(2026, 12, 4)))
    assert page.evaluate("document.activeElement.id") == "hb-deadlines-answer"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_with_an_answer_or_a_problem_shown(visit, http_base: str, scheme: str) -> None:
    page = open_calculator(visit, http_base, scheme).page
    enter(page, 2013, "referral", "4", "12", "2026")
    answers(page)
    violations = run_axe(page)
    assert violations == [], describe_violations(violations)
    enter(page, 2013, None, "31", "2", "2026")
    page.locator("#hb-deadlines-error").wait_for(state="visible")
    violations = run_axe(page)
    assert violations == [], describe_violations(violations)


def test_on_paper_the_answer_and_the_table_print_without_the_form(visit, base: str) -> None:
    page = open_calculator(visit, base).page
    enter(page, 2018, "strategy-discussion", "4", "12", "2026")
    answers(page)
    page.emulate_media(media="print")
    assert not page.is_visible("#hb-deadlines-form")
    assert page.is_visible("#hb-deadlines-answer")
    assert page.is_visible('tr[data-rule="initial-conference-2018"]')
    assert page.is_visible(".hb-print-stamp")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
