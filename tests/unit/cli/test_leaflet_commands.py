"""The administrators' leaflet commands: what each writes, and that bad input changes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import handbook.cli.leaflets as commands
from handbook.cli.main import main
from handbook.leaflets.admin import LeafletDetails, new_leaflet
from handbook.leaflets.library import load_leaflets

TODAY = dt.date.today()
NEXT_YEAR = (
    TODAY.replace(year=TODAY.year + 1)
    if not (TODAY.month == 2 and TODAY.day == 29)
    else TODAY.replace(year=TODAY.year + 1, day=28)
)

CURRENT = """---
title: Private fostering
kind: leaflet
status: information
owner: LSCB administrator
last_reviewed: 2026-11-22
review_due: 2099-11-22
source: Written for this handbook
leaflet:
  summary: What private fostering is.
  audience: parents and carers
  topics:
  - private fostering
  language: en-GB
  version: '1.0'
  published: 2026-11-22
  status: current
---

# Private fostering

Keep this body exactly as it is.
"""


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with one current leaflet; the commands work on it, not on the real handbook."""
    folder = tmp_path / "docs" / "leaflets"
    folder.mkdir(parents=True)
    (folder / "private-fostering.md").write_text(CURRENT, encoding="utf-8")
    monkeypatch.setattr(commands, "PROJECT_ROOT", tmp_path)
    monkeypatch.setattr(commands, "_interactive", lambda: False)
    monkeypatch.delenv("HANDBOOK_CALLER_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


NEW = ["new-leaflet", "--title", "Neglect: a guide", "--audience", "professionals", "--owner", "LSCB administrator"]


def test_new_leaflet_writes_a_valid_draft_from_the_template(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, *NEW, "--summary", "How to spot neglect.", "--topic", "neglect")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Created docs/leaflets/neglect-a-guide.md as a draft: ./run serve shows it, the published handbook does "
        "not yet.",
        'Next: write the leaflet, replacing every "TODO", then run ./run publish-leaflet neglect-a-guide',
    ]
    text = (root / "docs/leaflets/neglect-a-guide.md").read_text(encoding="utf-8")
    assert text.startswith(
        "---\n"
        "title: 'Neglect: a guide'\n"
        "kind: leaflet\n"
        "status: information\n"
        "owner: LSCB administrator\n"
        f"last_reviewed: {TODAY}\n"
        f"review_due: {NEXT_YEAR}\n"
        "source: Written for this handbook\n"
        "leaflet:\n"
        "  summary: How to spot neglect.\n"
        "  audience: professionals\n"
        "  topics:\n"
        "  - neglect\n"
        "  language: en-GB\n"
        "  version: '1.0'\n"
        f"  published: {TODAY}\n"
        "  status: draft\n"
        "---\n\n"
        "# Neglect: a guide\n\n"
        "TODO: in one or two short paragraphs"
    )
    assert "<!-- area:contacts -->" in text
    leaflets, errors = load_leaflets(root)
    assert errors == []
    assert {leaf.slug: leaf.status for leaf in leaflets} == {"neglect-a-guide": "draft", "private-fostering": "current"}


def test_new_leaflet_asks_for_what_is_missing_in_a_terminal(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter(["Bullying", "3", "Schools team", "What to do about bullying.", "bullying, schools"])
    questions: list[str] = []
    monkeypatch.setattr(commands, "_interactive", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: questions.append(prompt) or next(answers))
    code, _, err = run(capsys, "new-leaflet")
    assert (code, err) == (0, "")
    assert [q.splitlines()[0] for q in questions] == [
        "Title of the leaflet: ",
        "Who is the leaflet for?",
        "Owner (the team or role responsible for it): ",
        "Summary, in one or two sentences (or press Enter to write it later): ",
        "Topics, separated by commas (or press Enter to add them later): ",
    ]
    (leaf,) = [leaf for leaf in load_leaflets(root)[0] if leaf.slug == "bullying"]
    assert (leaf.title, leaf.meta.audience, leaf.owner) == ("Bullying", "children and young people", "Schools team")
    assert leaf.meta.topics == ["bullying", "schools"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["new-leaflet", "--audience", "professionals", "--owner", "LSCB administrator"],
            'a leaflet needs a title: give one with --title "..."',
        ),
        (
            ["new-leaflet", "--title", "   ", "--audience", "professionals", "--owner", "LSCB administrator"],
            'a leaflet needs a title: give one with --title "..."',
        ),
        (
            [*NEW[:3], "--audience", "parents", "--owner", "LSCB administrator"],
            '"parents" is not one of the audiences: use "professionals", "parents and carers", '
            '"children and young people"',
        ),
        (
            NEW[:5],
            'a leaflet needs an owner (the team or role responsible for it): give one with --owner "..."',
        ),
        (
            ["new-leaflet", "--title", "Private fostering", "--audience", "parents and carers", "--owner", "Me"],
            "a leaflet with the web address leaflets/private-fostering/ already exists "
            "(docs/leaflets/private-fostering.md): choose a different title, or give a different address with "
            "--slug",
        ),
        (
            [*NEW, "--slug", "Early Help"],
            '"Early Help" cannot be a leaflet\'s web address: use lower-case letters, digits and hyphens, '
            'e.g. --slug early-help (and not "index")',
        ),
        (
            [*NEW, "--review-due", "2020-01-31"],
            f"the review date 31 January 2020 is not in the future: a new leaflet must be due for review after "
            f"today ({TODAY.day} {TODAY:%B %Y})",
        ),
        (
            [*NEW, "--review-due", str(TODAY)],
            f"the review date {TODAY.day} {TODAY:%B %Y} is not in the future: a new leaflet must be due for review "
            f"after today ({TODAY.day} {TODAY:%B %Y})",
        ),
        (
            [*NEW, "--review-due", "next year"],
            'the review date "next year" is not a date: use YYYY-MM-DD',
        ),
        (
            [*NEW, "--language", "English"],
            'the leaflet would not be valid:\ndocs/leaflets/neglect-a-guide.md:14: language "English" is not a '
            "language code: use a code such as en-GB (English), cy (Welsh) or pl (Polish)",
        ),
    ],
    ids=[
        "no-title",
        "blank-title",
        "unknown-audience",
        "no-owner",
        "duplicate-slug",
        "bad-slug",
        "review-date-in-the-past",
        "review-date-today",
        "review-date-not-a-date",
        "bad-language",
    ],
)
def test_new_leaflet_bad_input_changes_nothing(
    root: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    before = snapshot(root)
    code, out, err = run(capsys, *argv)
    assert (code, out) == (1, "")
    assert err == f"{message}\nNothing was changed.\n"
    assert snapshot(root) == before


def test_unknown_audience_is_refused_before_other_questions(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter(["Bullying", "teachers"])
    monkeypatch.setattr(commands, "_interactive", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    before = snapshot(root)
    code, _, err = run(capsys, "new-leaflet")
    assert code == 1
    assert err.startswith('"teachers" is not one of the audiences')
    assert snapshot(root) == before


def test_publish_refuses_template_text_then_publishes(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, *NEW, "--summary", "How to spot neglect.", "--topic", "neglect")
    path = root / "docs/leaflets/neglect-a-guide.md"
    before = snapshot(root)
    code, _, err = run(capsys, "publish-leaflet", "neglect-a-guide")
    assert code == 1
    assert err == (
        'docs/leaflets/neglect-a-guide.md still has "TODO" text from its template on line(s) 22, 26, 38: write '
        "those parts first\nNothing was changed.\n"
    )
    assert snapshot(root) == before

    body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
    written = "\n".join(
        line for line in body.splitlines() if "TODO" not in line and not line.startswith(("a legal", "the name"))
    )
    path.write_text(path.read_text(encoding="utf-8").replace(body, written + "\nNeglect is...\n"), encoding="utf-8")
    code, out, err = run(capsys, "publish-leaflet", "neglect-a-guide")
    assert (code, err) == (0, "")
    assert out.startswith("Published docs/leaflets/neglect-a-guide.md: it is in the library from the next build.")
    (leaf,) = [leaf for leaf in load_leaflets(root)[0] if leaf.slug == "neglect-a-guide"]
    assert leaf.status == "current"
    assert leaf.meta.published == TODAY
    assert [(c.date, c.summary) for c in leaf.changes] == [(TODAY, "First published.")]
    assert load_leaflets(root)[1] == []


def test_publish_only_drafts(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(root)
    code, _, err = run(capsys, "publish-leaflet", "private-fostering")
    assert code == 1
    assert err == '"private-fostering" is not a draft (its status is "current"): only drafts can be published\n' + (
        "Nothing was changed.\n"
    )
    assert snapshot(root) == before


def test_retire_leaflet(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "retire-leaflet", "private-fostering", "--reason", "Replaced by the area's own.")
    assert (code, err) == (0, "")
    assert out.startswith("Retired docs/leaflets/private-fostering.md: from the next build it leaves the library,")
    text = (root / "docs/leaflets/private-fostering.md").read_text(encoding="utf-8")
    assert f"  status: retired\n  retired_on: {TODAY}\n---\n" not in text  # changes come after the leaflet block
    assert f"  status: retired\n  retired_on: {TODAY}\nchanges:\n- date: {TODAY}\n" in text
    assert "  summary: 'Leaflet retired: Replaced by the area''s own.'\n" in text
    assert text.endswith("# Private fostering\n\nKeep this body exactly as it is.\n"), "the body is not touched"
    (leaf,) = load_leaflets(root)[0]
    assert (leaf.status, leaf.meta.retired_on, leaf.retirement_reason) == (
        "retired",
        TODAY,
        "Replaced by the area's own.",
    )


@pytest.mark.parametrize(
    ("prepare", "argv", "message"),
    [
        (
            None,
            ["retire-leaflet", "no-such"],
            'there is no leaflet "no-such" in docs/leaflets/ (the leaflets are: private-fostering)',
        ),
        (
            "retire",
            ["retire-leaflet", "private-fostering"],
            f'"private-fostering" was already retired on {TODAY.day} {TODAY:%B %Y}',
        ),
        (
            "draft",
            ["retire-leaflet", "neglect-a-guide"],
            '"neglect-a-guide" is a draft and was never published: '
            "delete docs/leaflets/neglect-a-guide.md instead of retiring it",
        ),
        (
            "broken",
            ["retire-leaflet", "private-fostering"],
            "fix this first:\ndocs/leaflets/private-fostering.md:11: "
            "audience \"parents\" is not allowed (use one of: 'professionals', 'parents and carers' or 'children and "
            "young people')",
        ),
    ],
    ids=["unknown-slug", "already-retired", "draft", "invalid-leaflet"],
)
def test_retire_refusals_change_nothing(
    root: Path, capsys: pytest.CaptureFixture[str], prepare: str | None, argv: list[str], message: str
) -> None:
    if prepare == "retire":
        run(capsys, "retire-leaflet", "private-fostering")
    elif prepare == "draft":
        new_leaflet(root, LeafletDetails(title="Neglect: a guide", audience="professionals", owner="Me"), TODAY)
    elif prepare == "broken":
        path = root / "docs/leaflets/private-fostering.md"
        path.write_text(CURRENT.replace("parents and carers", "parents"), encoding="utf-8")
    before = snapshot(root)
    code, _, err = run(capsys, *argv)
    assert code == 1
    assert err == f"{message}\nNothing was changed.\n"
    assert snapshot(root) == before
