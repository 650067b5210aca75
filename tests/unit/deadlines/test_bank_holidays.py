"""The bank holidays the calculator skips: England and Wales, weekday days off, GOV.UK's words."""

from __future__ import annotations

import datetime as dt

import holidays

from handbook.deadlines.bank_holidays import england_and_wales

D = dt.date


def test_the_special_bank_holidays_are_there() -> None:
    days = england_and_wales(2010, 2030).bank_holidays
    for day in (
        D(2011, 4, 29),  # the royal wedding
        D(2012, 6, 5),  # the Diamond Jubilee
        D(2020, 5, 8),  # the May bank holiday moved for VE Day's 75th anniversary
        D(2022, 6, 3),  # the Platinum Jubilee
        D(2022, 9, 19),  # the State Funeral of Queen Elizabeth II
        D(2023, 5, 8),  # the coronation
    ):
        assert day in days, day
    assert D(2020, 5, 4) not in days  # the first Monday of May 2020 was a working day


def test_only_weekday_days_off_are_kept_with_substitute_days_named_as_govuk_does() -> None:
    days = england_and_wales(2026, 2026).bank_holidays
    assert D(2026, 12, 26) not in days  # Boxing Day 2026 is a Saturday
    assert days[D(2026, 12, 28)] == "Boxing Day (substitute day)"
    assert all(day.weekday() < 5 for day in days)
    assert len(days) == 8  # England and Wales have eight bank holidays in an ordinary year


def test_england_and_wales_have_the_same_bank_holidays() -> None:
    years = range(2010, 2031)
    england = holidays.country_holidays("GB", subdiv="ENG", years=years)
    wales = holidays.country_holidays("GB", subdiv="WLS", years=years)
    assert set(england) == set(wales)
    scotland = holidays.country_holidays("GB", subdiv="SCT", years=years)
    assert set(england) != set(scotland)  # the subdivision matters (2 January is a Scottish holiday)


def test_only_the_years_asked_for() -> None:
    cal = england_and_wales(2015, 2016)
    assert {day.year for day in cal.bank_holidays} == {2015, 2016}
    assert (cal.first_year, cal.last_year) == (2015, 2016)
