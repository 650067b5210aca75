"""The calculator page's generated parts: the form, how dates are counted, the table of timescales
by edition, and the data the browser script counts with. All of it is made from data/deadlines.yml
(``Deadlines``), data/editions.yml and the bank holidays, so the calculator, the printed table and
the tests read the same rules.

The table is the page's record of every rule: its rows carry the rule's id, and the browser script
copies the words and the source links of a row into its answer, so the links the reader follows
from an answer are the links MkDocs resolved and the build's link check read.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from html import escape
from pathlib import Path

from handbook.compare.citations import Source
from handbook.content.editions import Edition, Editions, long_date
from handbook.core.links import markdown_link
from handbook.deadlines.rules import Deadlines, Rule
from handbook.deadlines.workdays import WorkingCalendar

#: The page the calculator is on, and its markers.
PAGE = "tools/deadlines.md"
MARKERS = ("calculator", "method", "table")
#: The script the build writes (calculator.js with the data filled in), loaded by the calculator page only.
SCRIPT = "assets/javascripts/deadlines.js"
#: What calculator.js holds in place of the data until the build fills it in.
DATA_PLACEHOLDER = "/* HANDBOOK_DEADLINES_DATA */ null"

REPLACED_LABEL = "Replaced guidance"
NO_SCRIPT = (
    "The calculator needs JavaScript, which is switched off in this browser. "
    "The timescales it counts are in the table below."
)
OUTSIDE = "From outside the text this handbook holds: check it."
COLUMNS = ("What is due", "Timescale", "Counted from", "Source", "Where the handbook says it")


def marker(name: str) -> str:
    return f"<!-- deadlines: {name} -->"


def _e(text: str) -> str:
    return escape(text, quote=True)


def long_day(day: dt.date) -> str:
    """GOV.UK style with the weekday: Friday 4 December 2026."""
    return f"{day:%A} {long_date(day)}"


# --- edition wording ------------------------------------------------------------------------------


def _start(edition: Edition) -> tuple[dt.date, str]:
    if edition.in_effect:
        return edition.in_effect, f"came into effect on {long_date(edition.in_effect)}"
    return edition.published, f"was published on {long_date(edition.published)}"


def edition_status(edition: Edition, editions: Editions) -> str:
    """ "replaced by the 2023 edition, published on 15 December 2023" or "the current guidance"."""
    if edition.replaced_by is None:
        return "the current statutory guidance"
    successor = editions.get(edition.replaced_by)
    return f"replaced by the {successor.year} edition, published on {long_date(successor.published)}"


def edition_period(edition: Edition, editions: Editions) -> dict[str, str | None]:
    """When the edition applied, and what to tell a reader whose date is outside it."""
    start, started = _start(edition)
    period: dict[str, str | None] = {
        "from": start.isoformat(),
        "beforeText": f"This date is before the {edition.year} edition {started}.",
        "until": None,
        "afterText": None,
    }
    if edition.replaced_by is not None:
        successor = editions.get(edition.replaced_by)
        end, ended = _start(successor)
        period["until"] = end.isoformat()
        period["afterText"] = (
            f"On this date the {edition.year} edition had been replaced: the {successor.year} edition {ended}."
        )
    return period


# --- the form -------------------------------------------------------------------------------------


def calculator_html(deadlines: Deadlines, editions: Editions, calendar: WorkingCalendar) -> str:
    """The form (edition, event, date) and the place for the answer. It works with the keyboard
    alone; without JavaScript the page still has the table of timescales below it."""
    radios = []
    for year in sorted(deadlines.editions(), reverse=True):
        edition = editions.get(year)
        status = edition_status(edition, editions)
        if not deadlines.rules_for(year):
            status += ": the handbook gives none of its timescales"
        radios.append(
            '<div class="hb-deadlines__radio">'
            f'<input type="radio" name="edition" id="hb-deadlines-edition-{year}" value="{year}">'
            f'<label for="hb-deadlines-edition-{year}">Working Together {year} ({_e(status)})</label></div>'
        )
    options = "".join(f'<option value="{_e(event.id)}">{_e(event.label)}</option>' for event in deadlines.data.events)
    first, last = calendar.first_year, calendar.last_year
    date_fields = "".join(
        f'<div class="hb-deadlines__date-part"><label for="hb-deadlines-{part}">{label}</label>'
        f'<input type="text" id="hb-deadlines-{part}" name="{part}" inputmode="numeric" '
        f'maxlength="{width}" size="{width}" autocomplete="off" class="hb-deadlines__input--{width}"></div>'
        for part, label, width in (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4))
    )
    hint = f"For example, 4 12 2026. Any date from 1 January {first} to 31 December {last}."
    return f"""<form class="hb-deadlines" id="hb-deadlines-form" data-search-exclude="" novalidate>
<div class="hb-deadlines__error" id="hb-deadlines-error" role="alert" hidden></div>
<fieldset class="hb-deadlines__group" id="hb-deadlines-edition">
<legend>Which edition of Working Together are you working to?</legend>
{"".join(radios)}
</fieldset>
<div class="hb-deadlines__group">
<label for="hb-deadlines-event">What happened</label>
<select id="hb-deadlines-event" name="event">{options}</select>
</div>
<fieldset class="hb-deadlines__group" aria-describedby="hb-deadlines-date-hint">
<legend>When did it happen?</legend>
<p class="hb-deadlines__hint" id="hb-deadlines-date-hint">{hint}</p>
<div class="hb-deadlines__date">{date_fields}</div>
</fieldset>
<button type="submit" class="hb-deadlines__submit">Work out the dates</button>
</form>
<div class="hb-deadlines__results" id="hb-deadlines-results" aria-live="polite" data-search-exclude=""></div>
<noscript><p class="hb-deadlines__noscript" data-search-exclude="">{NO_SCRIPT}</p></noscript>
"""


# --- how dates are counted ------------------------------------------------------------------------


def method_markdown(calendar: WorkingCalendar, package_version: str) -> str:
    """How the calculator counts, with the years it knows and every bank holiday it skips."""
    by_year: dict[int, list[str]] = defaultdict(list)
    for day, name in sorted(calendar.bank_holidays.items()):
        by_year[day.year].append(f"{day.day} {day:%B} ({name})")
    years = "\n".join(f"- **{year}:** " + "; ".join(days) + "." for year, days in sorted(by_year.items()))
    return f"""- **Working days** are Monday to Friday, except bank holidays in England and Wales. The day
  the event happened is not counted: one working day after a referral received on a Friday is the
  next Monday, or the Tuesday when that Monday is a bank holiday.
- **Months** run to the same date: three months after 14 January is 14 April. When the month is
  shorter, the date is its last day: three months after 30 November is 28 February (29 February in
  a leap year). A date in months is not moved to a working day, because that would give more time
  than the timescale allows: the answer says when it falls on a weekend or a bank holiday, and which
  working day comes before it.
- **Years covered:** the calculator knows the bank holidays of {calendar.years_text()}, as listed by
  the *holidays* package (version {package_version}) when this handbook was built. For a date
  outside those years, or a deadline that would fall after them, it says so and gives no date. A
  bank holiday announced after the handbook was built is not included until it is built again.
- **Local practice may differ.** Your local arrangements may count differently (for example, from
  the time of day a referral arrives, or with local closure days). Check your local procedures, and
  the current guidance, before relying on a date.

<details class="hb-deadlines__holidays" data-search-exclude="" markdown>
<summary>The bank holidays the calculator skips</summary>

{years}

</details>
"""


# --- the table of timescales ----------------------------------------------------------------------


def _source_markdown(source: Source, src_uri: str) -> str:
    if source.hosted and source.target:
        return f"[{source.label}]({markdown_link(src_uri, source.target)})"
    return source.label


def _rule_row(rule: Rule, deadlines: Deadlines, src_uri: str) -> str:
    sources = "; ".join(_source_markdown(source, src_uri) for source in deadlines.sources[rule.id])
    stated = "; ".join(
        f"[{item.label}]({markdown_link(src_uri, item.target)})" for item in deadlines.stated_in[rule.id]
    )
    held = deadlines.held_here(rule)
    outside = "" if held else ' class="hb-deadlines__outside"'
    note = f' <span class="hb-deadlines__note">{rule.note}</span>' if rule.note else ""
    flag = "" if held else f' <span class="hb-deadlines__flag">{OUTSIDE}</span>'
    return f"""<tr id="rule-{rule.id}" data-rule="{rule.id}"{outside} markdown="1">
<td markdown="span">{rule.due}</td>
<td markdown="span">{rule.rule}{note}</td>
<td markdown="span">{deadlines.event(rule.event).label}</td>
<td markdown="span">{sources}{flag}</td>
<td markdown="span">{stated}</td>
</tr>"""


def table_markdown(deadlines: Deadlines, editions: Editions, src_uri: str = PAGE) -> str:
    """Every timescale, edition by edition (newest first), with its source; what is not given."""
    parts = []
    for year in sorted(deadlines.editions(), reverse=True):
        edition = editions.get(year)
        label = f" ({REPLACED_LABEL})" if edition.replaced_by is not None else " (current guidance)"
        parts.append(f"### Working Together {year}{label} {{#timescales-{year}}}\n")
        parts.append(f"*{edition.title}*: {edition_status(edition, editions)}.\n")
        rules = deadlines.rules_for(year)
        if rules:
            rows = "\n".join(_rule_row(rule, deadlines, src_uri) for rule in rules)
            head = "".join(f'<th scope="col">{name}</th>' for name in COLUMNS)
            parts.append(
                f"""<div class="hb-deadlines__table" data-search-exclude="" markdown="1">
<table aria-labelledby="timescales-{year}" markdown="1">
<thead><tr>{head}</tr></thead>
<tbody markdown="1">
{rows}
</tbody>
</table>
</div>
"""
            )
        missing = deadlines.not_given(year)
        if missing:
            cites = deadlines.not_given_sources[year]
            where = ""
            if cites:
                where = " (" + "; ".join(_source_markdown(source, src_uri) for source in cites) + ")"
            parts.append(
                f'<p class="hb-deadlines__not-given" data-edition="{year}" markdown="1">'
                f"{missing.statement}{where}</p>\n"
            )
    return "\n".join(parts)


# --- the data the browser counts with -------------------------------------------------------------


def script_data(deadlines: Deadlines, editions: Editions, calendar: WorkingCalendar) -> dict:
    """Everything calculator.js needs that is not on the page already (the words and links are)."""
    return {
        "years": {"first": calendar.first_year, "last": calendar.last_year},
        "bankHolidays": {day.isoformat(): name for day, name in sorted(calendar.bank_holidays.items())},
        "editions": {
            str(year): {
                "title": editions.get(year).title,
                "replaced": editions.get(year).replaced_by is not None,
                **edition_period(editions.get(year), editions),
            }
            for year in deadlines.editions()
        },
        "events": {event.id: event.label for event in deadlines.data.events},
        "rules": [
            {
                "id": rule.id,
                "edition": rule.edition,
                "event": rule.event,
                "count": rule.count,
                "unit": rule.unit,
                "from": rule.applies_from.isoformat() if rule.applies_from else None,
                "before": rule.applies_before.isoformat() if rule.applies_before else None,
            }
            for rule in deadlines.rules
        ],
    }


def calculator_template() -> str:
    """calculator.js as written, before the build fills in its data."""
    return (Path(__file__).parent / "calculator.js").read_text(encoding="utf-8")


def script_text(template: str, data: dict) -> str:
    """calculator.js with the data filled in (the one script the page loads for the calculator)."""
    if DATA_PLACEHOLDER not in template:
        raise ValueError(f"calculator.js has lost its data placeholder {DATA_PLACEHOLDER!r}")
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return template.replace(DATA_PLACEHOLDER, payload, 1)
