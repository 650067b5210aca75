"""Working-day and month arithmetic for the deadline calculator.

The same arithmetic runs in the reader's browser (``calculator.js``); a test runs both on the same
dates and compares them, so the page and the printed table can never disagree with this module.

How a deadline is counted (the page says so to the reader):

* **Working days** are Monday to Friday, except bank holidays in England and Wales. The day of the
  event itself is not counted: "within one working day" of a referral received on a Friday is the
  following Monday (or Tuesday after a bank holiday Monday), whatever time of day it arrived.
* **Months** run to the same date: three months from 14 January is 14 April. When that month is
  shorter (three months from 30 November), it is the last day of the month (28 or 29 February).
  A month date is not moved to a working day, because that would give more time than the rule
  allows; the calculator says instead when it falls on a weekend or a bank holiday, and gives the
  working day before it.
* Only the years whose bank holidays are known can be counted. A date outside them is an error
  with a message, never a date that might be wrong.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Unit = Literal["working days", "months"]


class OutOfRange(ValueError):
    """The date, or the deadline counted from it, is outside the years whose bank holidays are known."""

    def __init__(self, kind: Literal["start", "due"], message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class Due:
    """A deadline: the date, the bank holidays skipped on the way, and (for a month rule whose date
    is not a working day) the last working day before it."""

    date: dt.date
    skipped: tuple[dt.date, ...] = ()
    working_day_before: dt.date | None = None


@dataclass(frozen=True)
class WorkingCalendar:
    """Weekends and the bank holidays of ``first_year`` to ``last_year`` (weekday holidays only:
    a Christmas Day on a Saturday is not a day off, its substitute day is)."""

    first_year: int
    last_year: int
    bank_holidays: dict[dt.date, str] = field(default_factory=dict)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.first_year, 1, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.last_year, 12, 31)

    def covers(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in self.bank_holidays

    def years_text(self) -> str:
        return f"{self.first_year} to {self.last_year}"

    def check_start(self, start: dt.date) -> None:
        if not self.covers(start):
            raise OutOfRange(
                "start",
                f"The calculator knows the bank holidays of {self.years_text()} only: "
                f"enter a date from 1 January {self.first_year} to 31 December {self.last_year}.",
            )

    def _past_the_end(self) -> OutOfRange:
        return OutOfRange(
            "due",
            f"This deadline falls after 31 December {self.last_year}, beyond the bank holidays the "
            "calculator knows: count it by hand.",
        )

    def add_working_days(self, start: dt.date, count: int) -> Due:
        """The ``count``-th working day after ``start`` (``start`` itself is not counted)."""
        self.check_start(start)
        day, counted, skipped = start, 0, []
        while counted < count:
            day += dt.timedelta(days=1)
            if not self.covers(day):
                raise self._past_the_end()
            if day in self.bank_holidays and day.weekday() < 5:
                skipped.append(day)
            elif self.is_working_day(day):
                counted += 1
        return Due(day, tuple(skipped))

    def add_months(self, start: dt.date, count: int) -> Due:
        """The same date ``count`` months later, or the last day of that month if it is shorter."""
        self.check_start(start)
        due = add_months(start, count)
        if not self.covers(due):
            raise self._past_the_end()
        before = None
        if not self.is_working_day(due):
            before = due - dt.timedelta(days=1)
            while not self.is_working_day(before):
                before -= dt.timedelta(days=1)
        return Due(due, (), before)

    def due(self, start: dt.date, count: int, unit: Unit) -> Due:
        if unit == "working days":
            return self.add_working_days(start, count)
        return self.add_months(start, count)


def add_months(start: dt.date, count: int) -> dt.date:
    """``start`` moved ``count`` calendar months on, kept within the month (31 January + 1 → 28/29 February)."""
    months = start.month - 1 + count
    year, month = start.year + months // 12, months % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
