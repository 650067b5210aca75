"""Working days and months: weekends, bank holidays, month ends, 29 February and the years covered.

Known answers are checked against the calendar (each weekday is asserted, so a wrong expectation
fails too), and the working-day count is compared with a second, deliberately different count over
every start date of several years.
"""

from __future__ import annotations

import bisect
import datetime as dt
from functools import cache

import pytest

from handbook.deadlines.bank_holidays import england_and_wales
from handbook.deadlines.workdays import OutOfRange, WorkingCalendar, add_months

D = dt.date


@cache
def calendar() -> WorkingCalendar:
    return england_and_wales(2010, 2030)


def weekday(day: dt.date) -> str:
    return f"{day:%A}"


# --- weekends ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (D(2026, 11, 27), D(2026, 11, 30)),  # Friday → Monday
        (D(2026, 11, 28), D(2026, 11, 30)),  # Saturday → Monday (the weekend is not counted)
        (D(2026, 11, 29), D(2026, 11, 30)),  # Sunday → Monday
        (D(2026, 11, 30), D(2026, 12, 1)),  # Monday → Tuesday
    ],
)
def test_one_working_day_skips_the_weekend(start: dt.date, expected: dt.date) -> None:
    due = calendar().add_working_days(start, 1)
    assert due.date == expected
    assert weekday(expected) in ("Monday", "Tuesday") and due.skipped == ()


def test_ten_working_days_are_two_weeks_without_bank_holidays() -> None:
    start = D(2026, 10, 7)  # a Wednesday in a month without bank holidays
    assert weekday(start) == "Wednesday"
    assert calendar().add_working_days(start, 10).date == D(2026, 10, 21)


def test_45_working_days_are_nine_weeks_without_bank_holidays() -> None:
    start = D(2026, 1, 5)  # Monday; the next bank holiday is Good Friday, 3 April 2026
    assert weekday(start) == "Monday"
    assert calendar().add_working_days(start, 45).date == start + dt.timedelta(weeks=9)


# --- bank holidays ----------------------------------------------------------------------------------


def test_christmas_and_the_substitute_boxing_day_are_skipped() -> None:
    """25 December 2026 is a Friday; Boxing Day is a Saturday, so its substitute day is Monday 28."""
    due = calendar().add_working_days(D(2026, 12, 24), 1)
    assert due.date == D(2026, 12, 29)
    assert due.skipped == (D(2026, 12, 25), D(2026, 12, 28))


def test_easter_is_skipped() -> None:
    """Good Friday 26 March 2027 and Easter Monday 29 March 2027."""
    due = calendar().add_working_days(D(2027, 3, 25), 1)
    assert (weekday(D(2027, 3, 25)), due.date) == ("Thursday", D(2027, 3, 30))
    assert due.skipped == (D(2027, 3, 26), D(2027, 3, 29))


def test_one_off_bank_holidays_are_skipped() -> None:
    """The Platinum Jubilee (Thursday 2 and Friday 3 June 2022) and the State Funeral (19 September 2022)."""
    assert calendar().add_working_days(D(2022, 6, 1), 1).date == D(2022, 6, 6)
    assert calendar().add_working_days(D(2022, 9, 16), 1).date == D(2022, 9, 20)


def test_a_referral_on_a_bank_holiday_counts_from_the_next_working_day() -> None:
    due = calendar().add_working_days(D(2026, 5, 25), 1)  # Spring bank holiday (Monday)
    assert due.date == D(2026, 5, 26)


def _independent_count(start: dt.date, count: int, working: list[dt.date]) -> dt.date:
    """Another way to count: in the list of every working day, the ``count``-th after ``start``."""
    return working[bisect.bisect_right(working, start) + count - 1]


@pytest.mark.parametrize("count", [1, 5, 10, 15, 45])
def test_every_start_date_agrees_with_an_independent_count(count: int) -> None:
    cal = calendar()
    every_day = [D(2019, 1, 1) + dt.timedelta(days=n) for n in range(6 * 366)]
    working = [day for day in every_day if day.isoweekday() <= 5 and day not in cal.bank_holidays]
    for start in every_day[: 5 * 365]:
        assert cal.add_working_days(start, count).date == _independent_count(start, count, working), start


# --- months, month ends and 29 February ---------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2026, 1, 14), 3, D(2026, 4, 14)),
        (D(2026, 1, 31), 1, D(2026, 2, 28)),  # no 31 February: the last day of the month
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2027, 11, 30), 3, D(2028, 2, 29)),  # 2028 is a leap year
        (D(2026, 3, 31), 3, D(2026, 6, 30)),
        (D(2026, 8, 31), 6, D(2027, 2, 28)),
        (D(2028, 2, 29), 6, D(2028, 8, 29)),  # from 29 February
        (D(2028, 2, 29), 12, D(2029, 2, 28)),  # 29 February to a year without one
        (D(2026, 9, 15), 6, D(2027, 3, 15)),  # across the end of a year
    ],
)
def test_months_run_to_the_same_date_or_the_end_of_a_shorter_month(
    start: dt.date, months: int, expected: dt.date
) -> None:
    assert add_months(start, months) == expected


def test_working_days_across_29_february() -> None:
    """Tuesday 29 February 2028 is a working day like any other."""
    assert weekday(D(2028, 2, 29)) == "Tuesday"
    assert calendar().add_working_days(D(2028, 2, 28), 1).date == D(2028, 2, 29)
    assert calendar().add_working_days(D(2028, 2, 29), 1).date == D(2028, 3, 1)
    assert calendar().add_working_days(D(2027, 2, 26), 1).date == D(2027, 3, 1)  # no 29 February in 2027


def test_a_month_date_on_a_weekend_is_kept_and_the_working_day_before_given() -> None:
    due = calendar().add_months(D(2026, 9, 28), 3)  # Monday 28 September → Monday 28 December (substitute day)
    assert due.date == D(2026, 12, 28)
    assert due.working_day_before == D(2026, 12, 24)  # Friday 25 is Christmas Day, the weekend before it
    saturday = calendar().add_months(D(2026, 8, 14), 6)
    assert (weekday(saturday.date), saturday.working_day_before) == ("Sunday", D(2027, 2, 12))


def test_a_month_date_on_a_working_day_needs_no_other_date() -> None:
    assert calendar().add_months(D(2026, 1, 14), 3).working_day_before is None


# --- the years covered ----------------------------------------------------------------------------


def test_a_date_before_the_years_covered_is_refused() -> None:
    with pytest.raises(OutOfRange) as raised:
        calendar().add_working_days(D(2009, 12, 31), 1)
    assert raised.value.kind == "start"
    assert "2010 to 2030" in str(raised.value)


def test_a_deadline_after_the_years_covered_is_refused_not_guessed() -> None:
    with pytest.raises(OutOfRange) as raised:
        calendar().add_working_days(D(2030, 12, 20), 45)
    assert raised.value.kind == "due" and "31 December 2030" in str(raised.value)
    with pytest.raises(OutOfRange) as months:
        calendar().add_months(D(2030, 10, 31), 3)
    assert months.value.kind == "due"
    assert calendar().add_working_days(D(2030, 12, 30), 1).date == D(2030, 12, 31)  # the last day still works


def test_the_calendar_says_which_years_it_covers() -> None:
    cal = WorkingCalendar(2020, 2021, {})
    assert (cal.years_text(), cal.covers(D(2021, 12, 31)), cal.covers(D(2022, 1, 1))) == ("2020 to 2021", True, False)
