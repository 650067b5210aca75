"""Every timescale the handbook states in its own words has a citation beside it (handbook.rules.timescales)."""

from __future__ import annotations

import shutil
from pathlib import Path

from handbook import PROJECT_ROOT
from handbook.core.sources import load_pages
from handbook.rules.timescales import timescale_errors, timescale_key, yaml_findings
from tests.unit.leaflets.test_model import LEAFLET as EARLY_HELP

#: A valid leaflet (the leaflet model's own example), with a body of timescales.
LEAFLET = EARLY_HELP[: EARLY_HELP.index("# Early help")] + """# Early help

Someone will tell you what happens next within one working day.

A conference is held within 15 working days of the strategy discussion
([Working Together 2013, consultation draft](../working-together/2013/consultation-draft/index.md)).

Police protection lasts no more than 72 hours (Children Act 1989, section 46).
"""


def test_the_handbooks_own_words_cite_every_timescale() -> None:
    pages, errors = load_pages(PROJECT_ROOT)
    assert errors == []
    assert [str(error) for error in timescale_errors(pages, PROJECT_ROOT)] == []


def test_an_uncited_timescale_in_a_leaflet_is_found_with_its_line(tmp_path: Path) -> None:
    shutil.copy2(PROJECT_ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    leaflet = tmp_path / "docs" / "leaflets" / "worried.md"
    leaflet.parent.mkdir(parents=True)
    leaflet.write_text(LEAFLET, encoding="utf-8")
    pages, errors = load_pages(tmp_path)
    assert errors == []
    found = [str(error) for error in timescale_errors(pages, tmp_path)]
    line = LEAFLET.splitlines().index("Someone will tell you what happens next within one working day.") + 1
    assert found == [
        f"docs/leaflets/worried.md:{line}: timescale without a source: Someone will tell you what happens next "
        "within one working day. (link it to the paragraph of the guidance it comes from, or name the statute or "
        "publication beside it)"
    ]


CHART = """title: A chart
intro: A strategy discussion is held within 2 working days.
diagrams:
  - id: plan
    acc_descr: The first review is within 3 months of the conference.
    nodes:
      review:
        label: Review conference
        timescale: within 3 months of the initial conference
        link: working-together/2013/consultation-draft/index.md
        cite: Working Together to Safeguard Children 2013
      fgc:
        label: Family group conference
        detail: Usually within six weeks.
"""


def test_in_a_chart_a_summary_may_repeat_a_cited_step_but_nothing_else_is_uncited() -> None:
    found = [(error.line, error.message.split(" (")[0]) for error in yaml_findings(CHART, "flowcharts/x.yml", 0)]
    assert found == [
        (2, 'timescale without a source: "…A strategy discussion is held within 2 working days.…"'),
        (14, 'timescale without a source: "…Usually within six weeks.…"'),
    ]


def test_in_data_a_statement_is_cited_by_its_own_citations() -> None:
    data = """topics:
  - id: assessment
    editions:
      - edition: 2010
        short: Initial assessment within 10 working days.
        facts:
          - statement: An initial assessment is completed within ten working days.
            cite:
              - page: working-together/2010/chapter-5.md
  - id: other
    editions:
      - edition: 2013
        short: Within 10 working days too.
"""
    found = [error.line for error in yaml_findings(data, "data/concordance.yml", 2)]
    assert found == [13], "a summary counts only inside its own topic"


def test_timescales_compare_whatever_their_spelling() -> None:
    assert timescale_key("fifteen working days") == timescale_key("15 working day") == ("15", "working day")
    assert timescale_key("forty-five working days") == ("45", "working day")
    assert timescale_key("3 calendar months") == timescale_key("three months")
