"""Every statement of duty in the handbook's own words has a citation, and "must" names a law
(handbook.rules.duties). Each kind of bad example is shown failing, with its file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handbook import PROJECT_ROOT
from handbook.core.sources import load_pages
from handbook.rules.duties import DUTY, duty_errors, masked, yaml_findings
from tests.unit.leaflets.test_model import LEAFLET as EARLY_HELP

HEAD = EARLY_HELP[: EARLY_HELP.index("# Early help")]
DRAFT = "../working-together/2013/consultation-draft/multi-agency-responsibilities.md#para-61"
ANNEX_A = "../working-together/2013/consultation-draft/annex-a-statutory-framework.md#children-act-1989"

#: One sentence of each kind, good and bad, in a leaflet the team wrote.
BODY = f"""# Early help

Children's social care should tell you what they decided.

The police have a duty to investigate allegations of crime.

Your school is required to have a safeguarding lead.

A social worker must see the child ([the 2012 draft]({DRAFT})).

The draft, which is guidance, says "a qualified social worker must see the child as soon as possible"
([the 2012 draft]({DRAFT})).

The local authority must make enquiries (Children Act 1989, section 47, quoted in [Annex A]({ANNEX_A})).

A lead professional should coordinate the services (Working Together to Safeguard Children 2018).

The core group should meet within 10 working days (Working Together to Safeguard Children 2018, chapter 1).

> All staff must have placed upon them the clear expectation that their primary responsibility is to the child.

## What you must know

Children's social care "should provide feedback" to the person who referred.
"""


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def found(root: Path) -> list[str]:
    pages, errors = load_pages(root)
    assert errors == []
    return [str(error) for error in duty_errors(pages, root)]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copy2(PROJECT_ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def line(text: str, words: str) -> int:
    return next(number for number, row in enumerate(text.splitlines(), start=1) if words in row)


def test_the_handbooks_own_words_cite_every_duty() -> None:
    pages, errors = load_pages(PROJECT_ROOT)
    assert errors == []
    assert [str(error) for error in duty_errors(pages, PROJECT_ROOT)] == []


def test_each_kind_of_uncited_duty_is_found_with_its_line_and_nothing_else_is(project: Path) -> None:
    """No source; "must" cited to guidance; a publication named without where in it. Quotations,
    block quotations, headings, a law for a "must" and a publication with its chapter all pass."""
    text = HEAD + BODY
    write(project, "docs/leaflets/early-help.md", text)
    messages = [message.split(" (")[0] for message in found(project)]
    rel = "docs/leaflets/early-help.md"
    assert messages == [
        f"{rel}:{line(text, 'should tell you')}: duty without a source: Children's social care should tell you "
        "what they decided.",
        f"{rel}:{line(text, 'have a duty')}: duty without a source: The police have a duty to investigate "
        "allegations of crime.",
        f"{rel}:{line(text, 'is required to')}: duty without a source: Your school is required to have a "
        "safeguarding lead.",
        f'{rel}:{line(text, "A social worker must")}: "must" without a law: A social worker must see the child',
        f"{rel}:{line(text, 'A lead professional')}: duty cited to a publication without its section: A lead "
        "professional should coordinate the services",
    ]


def test_the_must_message_says_what_must_means_and_how_to_fix_it(project: Path) -> None:
    write(project, "docs/leaflets/early-help.md", HEAD + f"# Early help\n\nYou must tell us ([draft]({DRAFT})).\n")
    (message,) = found(project)
    assert '"must" means a legal duty in this handbook' in message
    assert 'say "should" for guidance' in message


def test_the_quick_guide_and_procedure_chapters_are_checked_but_not_the_administrators_guide(project: Path) -> None:
    page = HEAD.replace("kind: leaflet", "kind: guide").split("leaflet:")[0] + "---\n\n# Guide\n\nYou should refer.\n"
    write(project, "docs/quick-guide/index.md", page)
    write(project, "docs/administrators-guide.md", page)
    write(project, "procedures/referrals.md", page.replace("kind: guide", "kind: procedure"))
    files = sorted(message.split(":")[0] for message in found(project))
    assert files == ["docs/quick-guide/index.md", "procedures/referrals.md"]


def test_a_mirrored_page_is_the_sources_words_not_ours(project: Path) -> None:
    mirror = HEAD.replace("source: Written for this handbook", "source: The LSCB's own procedures")
    write(project, "docs/leaflets/early-help.md", mirror + "# Early help\n\nYou should refer.\n")
    assert found(project) == []


CHART = """title: A chart
intro: Practitioners should refer concerns.
diagrams:
  - id: referral
    acc_descr: Everyone should share information.
    nodes:
      refer:
        label: Refer
        detail: A practitioner should refer a child who may be suffering significant harm.
        link: working-together/2013/consultation-draft/multi-agency-responsibilities.md#para-60
      police:
        label: Tell the police
        detail: The police must be told.
        link: working-together/2013/consultation-draft/multi-agency-responsibilities.md#para-61
      enquiries:
        label: Enquiries
        detail: The local authority must make enquiries.
        link: working-together/2013/consultation-draft/annex-a-statutory-framework.md#children-act-1989
      plan:
        label: Plan
        detail: The core group should meet.
"""


def test_in_a_chart_a_summary_may_stand_on_cited_steps_but_an_uncited_step_and_a_guidance_must_fail() -> None:
    errors = [(error.line, error.message.split(": ")[0]) for error in yaml_findings(CHART, "flowcharts/x.yml", 0)]
    assert errors == [(21, "duty without a source"), (13, '"must" without a law')]


DATA = """publications:
  - id: csw-act-2017
    title: Children and Social Work Act 2017
    hosted: false
topics:
  - id: partners
    title: What each organisation must do
    editions:
      - edition: 2018
        short: The partners must publish their arrangements.
        facts:
          - statement: The safeguarding partners must publish their arrangements.
            cite:
              - publication: csw-act-2017
          - statement: In the draft, a social worker must decide within one working day.
            cite:
              - page: working-together/2013/consultation-draft/multi-agency-responsibilities.md#para-61
                quote: a qualified social worker must make a decision
          - statement: Schools should have a designated lead.
        note: The summary does not say how far it must be followed.
"""


def test_in_data_a_must_needs_a_law_among_its_citations_and_a_title_states_nothing() -> None:
    errors = [(error.line, error.message.split(": ")[0]) for error in yaml_findings(DATA, "data/concordance.yml", 2)]
    assert errors == [
        (19, "duty without a source"),
        (20, "duty without a source"),
        (15, '"must" without a law'),
        (20, '"must" without a law'),
    ]


def test_quotations_are_blanked_but_keep_their_place() -> None:
    text = 'The draft says "the police must be notified" and ‘they should’ be told.'
    plain = masked(text)
    assert len(plain) == len(text) and not DUTY.search(plain)
    assert DUTY.search(masked("They should be told, as the draft said."))
