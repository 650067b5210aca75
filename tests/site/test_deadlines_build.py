"""The deadline calculator in a real build: bad timescale data, or a calculator page without its data,
stops the build with the file and line and leaves the last good site in place."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.core.errors import HandbookError
from handbook.site.build import build

from .test_safe_build import site_fingerprint
from .tiny_handbook import line_with

#: The smallest timescale data the tiny handbook can hold, with one mistake (a count in words).
BAD = """owner: LSCB administrator
last_reviewed: 2026-12-03
review_due: 2027-12-03
years: {first: 2020, last: 2030}
events:
  - id: referral
    label: Children's social care received the referral
rules:
  - id: decision-2013
    edition: 2013
    event: referral
    due: A decision on the response
    rule: within one working day of receiving the referral
    count: one
    unit: working days
    stated_in: [flowcharts/referral.md]
    cite:
      - publication: wt2013
"""


def test_bad_timescale_data_stops_the_build_with_its_line(tiny_project: Path) -> None:
    site = build("http", root=tiny_project)
    good = site_fingerprint(site)
    data = tiny_project / "data" / "deadlines.yml"
    data.write_text(BAD, encoding="utf-8")
    with pytest.raises(HandbookError) as caught:
        build("http", root=tiny_project)
    assert f'data/deadlines.yml:{line_with(data, "count: one")}: count "one" is not valid' in str(caught.value)
    assert site_fingerprint(site) == good


def test_a_calculator_page_without_its_data_stops_the_build(tiny_project: Path) -> None:
    page = tiny_project / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<!-- deadlines: table -->\n", encoding="utf-8")
    with pytest.raises(HandbookError) as caught:
        build("http", root=tiny_project)
    line = line_with(page, "<!-- deadlines: table -->")
    assert f"docs/index.md:{line}: this page shows the deadline calculator, but there is no data/deadlines.yml" in str(
        caught.value
    )
