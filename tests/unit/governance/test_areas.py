"""Area settings: validated with file and line, placeholders visible, local pages overlay the core."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from handbook import PROJECT_ROOT
from handbook.governance.areas import (
    NOT_PROVIDED,
    Area,
    area_config_file,
    area_details_markdown,
    area_names,
    config_path_problems,
    fileshare_config_text,
    is_provided,
    load_area,
    local_files,
    local_only_pages,
    not_provided,
    settings_errors,
    with_local_section,
)

#: A valid body, for the tests that build an Area in Python.
BODY = {
    "name": "Testshire LSCB",
    "arrangements": "lscb",
    "partners": ["Testshire County Council"],
    "history": "Set up in 2006 (source 1).",
    "sources": [{"title": "Board minutes"}],
}

#: The bodies as one line of YAML each (flow style), so that the other settings keep their lines.
CORE_BODY = (
    '{name: Core Board, arrangements: lscb, partners: [Core Council], history: "Made in 2006 (source 1).", '
    "sources: [{title: Core minutes}]}"
)
AREA_BODY = (
    "{name: Testshire Safeguarding Children Partnership, arrangements: safeguarding partners, "
    "partners: [Testshire County Council, Testshire Police, NHS Testshire Integrated Care Board], "
    'history: "The partnership replaced the Testshire LSCB in 2019 (sources 1 and 2).", '
    'sources: [{title: The partnership\'s arrangements, url: "https://example.org/arrangements"}, '
    '{title: "Procedures, section 1", page: procedures/preface-and-introduction.md#section-1}]}'
)

CORE = """\
site_name: Handbook
docs_dir: docs
theme:
  name: material
  custom_dir: overrides
# The handbook plugin is not named here: these tests read the settings, they do not build.
#
markdown_extensions:
  - pymdownx.superfences:
      custom_fences:
        - format: !!python/name:pymdownx.superfences.fence_code_format
extra:
  generator: false
  area:
    name: Core
    body: CORE_BODY
    contacts:
      - label: Police
        number: "999"
        hours: 24 hours a day
    out_of_hours: Not yet provided by the LSCB
    threshold_document_url: Not yet provided by the LSCB
    administrator_email: Not yet provided by the LSCB
    designated_officer: {number: Not yet provided by the LSCB, hours: Not yet provided by the LSCB}
""".replace("CORE_BODY", CORE_BODY)

AREA = """\
# Testshire
INHERIT: ../mkdocs.yml
docs_dir: ../docs
# Paths are read from areas/: the core's,
# with ../ in front.
theme:
  custom_dir: ../overrides
site_name: Testshire handbook
extra:
  area:
    name: Testshire
    body: AREA_BODY
    contacts:
      - label: Children's social care
        number: 01234 567890
        hours: Monday to Friday, 9am to 5pm
      - label: Police
        number: "999"
        hours: Not yet provided by the LSCB
    out_of_hours: Not yet provided by the LSCB
    threshold_document_url: https://example.org/threshold.pdf
    administrator_email: lscb@example.org
    designated_officer: {number: 01234 567891, hours: Not yet provided by the LSCB}
""".replace("AREA_BODY", AREA_BODY)


def project(tmp_path: Path, area: str = AREA, core: str = CORE) -> Path:
    (tmp_path / "areas").mkdir(parents=True)
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(core, encoding="utf-8")
    (tmp_path / "areas" / "testshire.yml").write_text(area, encoding="utf-8")
    return tmp_path


def errors(tmp_path: Path, area: str) -> list[str]:
    root = project(tmp_path, area)
    settings, found = load_area(root / "areas" / "testshire.yml", root)
    assert (settings is None) == bool(found)
    return [str(error) for error in found]


def test_area_file_is_read_from_the_area_not_the_merged_core(tmp_path: Path) -> None:
    root = project(tmp_path)
    settings, found = load_area(root / "areas" / "testshire.yml", root)
    assert found == []
    assert settings.path == "areas/testshire.yml"
    assert settings.area.body.name == "Testshire Safeguarding Children Partnership"
    assert settings.area.body.arrangements == "safeguarding partners"
    assert [source.title for source in settings.area.body.sources] == [
        "The partnership's arrangements",
        "Procedures, section 1",
    ]
    assert settings.area.designated_officer.number == "01234 567891"
    assert [c.number for c in settings.area.contacts] == ["01234 567890", "999"]
    assert settings.local_docs is None, "no areas/testshire/docs folder yet"
    (root / "areas" / "testshire" / "docs").mkdir(parents=True)
    settings, _ = load_area(root / "areas" / "testshire.yml", root)
    assert settings.local_docs == root / "areas" / "testshire" / "docs"


def test_core_settings_found_through_inherit(tmp_path: Path) -> None:
    root = project(tmp_path)
    child = root / "mkdocs.fileshare.yml"
    child.write_text("INHERIT: mkdocs.yml\nextra:\n  polyfills: [shim.js]\n", encoding="utf-8")
    settings, found = load_area(child, root)
    assert found == [] and settings.path == "mkdocs.yml" and settings.area.name == "Core"
    assert settings.local_docs is None


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("        number: 01234 567890", "        number: ring the office"),
            'areas/testshire.yml:15: number "ring the office" is not a telephone number (digits and spaces, '
            f'e.g. "01234 567890"): correct it, or write "{NOT_PROVIDED}" until the LSCB supplies it',
        ),
        (
            ("    administrator_email: lscb@example.org\n", ""),
            'areas/testshire.yml:10: "administrator_email" is missing: add a line "administrator_email: '
            f"the LSCB administrator's email address, or {NOT_PROVIDED}\"",
        ),
        (
            ("https://example.org/threshold.pdf", "www.example.org/threshold.pdf"),
            'areas/testshire.yml:21: threshold_document_url "www.example.org/threshold.pdf" is not a web address '
            f'starting https://: correct it, or write "{NOT_PROVIDED}" until the LSCB supplies it',
        ),
        (
            ("    body:", "    bdoy:"),
            'areas/testshire.yml:12: unknown key "bdoy": remove it or correct it (did you mean "body"?)',
        ),
        (
            ("        hours: Monday to Friday, 9am to 5pm\n", ""),
            'areas/testshire.yml:14: "hours" is missing: add a line "hours: when the number is answered, '
            f'or {NOT_PROVIDED}"',
        ),
    ],
)
def test_bad_settings_name_the_area_file_and_line(tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    old, new = change
    assert old in AREA
    assert errors(tmp_path, AREA.replace(old, new)) == [expected]


def test_missing_logo_file_is_an_error(tmp_path: Path) -> None:
    text = AREA + "    logo: assets/testshire.svg\n"
    assert errors(tmp_path, text) == [
        'areas/testshire.yml:24: logo "assets/testshire.svg" is not a file in docs/ or areas/testshire/docs/'
    ]
    (tmp_path / "areas" / "testshire" / "docs" / "assets").mkdir(parents=True)
    (tmp_path / "areas" / "testshire" / "docs" / "assets" / "testshire.svg").write_text("<svg/>", encoding="utf-8")
    settings, found = load_area(tmp_path / "areas" / "testshire.yml", tmp_path)
    assert found == [] and settings.area.logo == "assets/testshire.svg"


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    text = AREA.replace("    name: Testshire", "    name: Testshire\n   oops: [")
    assert errors(tmp_path, text) == [
        "areas/testshire.yml:12: this is not valid YAML (expected <block end>, but found '<block mapping start>'); "
        "check indentation and that text containing ':' is in quotes"
    ]


def test_no_settings_anywhere_is_an_error(tmp_path: Path) -> None:
    root = project(tmp_path, core="site_name: Handbook\n")
    settings, found = load_area(root / "mkdocs.yml", root)
    assert settings is None
    assert [str(e) for e in found] == [
        'mkdocs.yml:1: no area settings: add an "extra:" block with "area:" settings (see areas/)'
    ]


def test_placeholders_are_listed_not_hidden(tmp_path: Path) -> None:
    root = project(tmp_path)
    settings, _ = load_area(root / "areas" / "testshire.yml", root)
    assert not_provided(settings.area) == ["Police: hours", "designated_officer: hours", "out_of_hours"]
    assert is_provided("01234 567890") and not is_provided(NOT_PROVIDED) and not is_provided("")


def test_area_details_show_placeholders_as_text_and_real_values_as_links() -> None:
    area = Area(
        name="Testshire",
        body=BODY,
        contacts=[{"label": "Police", "number": "999", "hours": "24 hours a day"}],
        designated_officer={"number": NOT_PROVIDED, "hours": NOT_PROVIDED},
        out_of_hours=NOT_PROVIDED,
        threshold_document_url="https://example.org/t.pdf",
        administrator_email=NOT_PROVIDED,
    )
    assert area_details_markdown(area).splitlines() == [
        "- **Published by:** Testshire LSCB",
        "- **Threshold document** (how to judge the level of need, and the response to each): "
        "[Testshire threshold document](https://example.org/t.pdf)",
        f"- **LSCB administrator:** {NOT_PROVIDED}",
        f"- **Out of hours:** {NOT_PROVIDED}",
    ]
    area = area.model_copy(update={"administrator_email": "a@example.org", "threshold_document_url": NOT_PROVIDED})
    details = area_details_markdown(area)
    assert "[a@example.org](mailto:a@example.org)" in details
    assert f"(how to judge the level of need, and the response to each): {NOT_PROVIDED}\n" in details


def test_local_pages_add_to_or_replace_the_core(tmp_path: Path) -> None:
    local = tmp_path / "areas" / "testshire" / "docs"
    for rel in ("local/index.md", "local/b.md", "local/a.md", "procedures/index.md", "assets/logo.svg"):
        (local / rel).parent.mkdir(parents=True, exist_ok=True)
        (local / rel).write_text("x", encoding="utf-8")
    files = local_files(local)
    assert sorted(files) == ["assets/logo.svg", "local/a.md", "local/b.md", "local/index.md", "procedures/index.md"]
    assert local_only_pages(files, {"index.md", "procedures/index.md"}) == [
        "local/index.md",
        "local/a.md",
        "local/b.md",
    ]
    assert local_files(None) == {}


def test_local_section_goes_after_the_quick_guide() -> None:
    nav = [{"Home": "index.md"}, {"Quick guide": ["quick-guide/index.md"]}, {"Procedures": ["procedures/index.md"]}]
    assert with_local_section(nav, "Testshire", ["local/index.md"]) == [
        {"Home": "index.md"},
        {"Quick guide": ["quick-guide/index.md"]},
        {"Testshire": ["local/index.md"]},
        {"Procedures": ["procedures/index.md"]},
    ]
    assert with_local_section(nav, "Testshire", []) == nav
    assert with_local_section([{"Home": "index.md"}], "T", ["a.md"]) == [{"Home": "index.md"}, {"T": ["a.md"]}]


class _AnyTag(yaml.SafeLoader):
    pass


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_AnyTag)


def test_real_areas_repoint_every_core_path() -> None:
    core = read_config(PROJECT_ROOT / "mkdocs.yml")
    assert area_names(PROJECT_ROOT) == ["cambridgeshire", "peterborough"]
    for area in area_names(PROJECT_ROOT):
        path = f"areas/{area}.yml"
        assert config_path_problems(read_config(PROJECT_ROOT / path), core, path) == []


def test_a_watched_folder_missing_from_an_area_is_reported() -> None:
    core = {"docs_dir": "docs", "watch": ["procedures", "data"], "theme": {"custom_dir": "overrides"}}
    area = {"docs_dir": "../docs", "watch": ["../procedures"], "theme": {"custom_dir": "../overrides"}}
    assert config_path_problems(area, core, "areas/x.yml") == [
        "areas/x.yml: watch must be ['../procedures', '../data'] (the core's setting, read from areas/), "
        "not ['../procedures']"
    ]


def test_real_areas_are_valid_and_distinct() -> None:
    names = set()
    for area in area_names(PROJECT_ROOT):
        settings, found = load_area(area_config_file(PROJECT_ROOT, area), PROJECT_ROOT)
        assert found == [], found
        assert settings.local_docs == PROJECT_ROOT / "areas" / area / "docs"
        assert area.capitalize() in settings.area.body.history.split(".")[0], "the history starts with the area"
        names.add(settings.area.body.history)
    assert len(names) == 2, "each area has its own history"
    core, found = load_area(PROJECT_ROOT / "mkdocs.yml", PROJECT_ROOT)
    assert found == [] and core.path == "mkdocs.yml"


def test_unknown_area_is_a_plain_error() -> None:
    with pytest.raises(
        FileNotFoundError, match=r'There is no area called "nowhere" .*Areas: cambridgeshire, peterborough\.'
    ):
        area_config_file(PROJECT_ROOT, "nowhere")


def test_fileshare_config_for_an_area_inherits_the_area() -> None:
    core = (PROJECT_ROOT / "mkdocs.fileshare.yml").read_text(encoding="utf-8")
    text = fileshare_config_text("peterborough", core)
    data = yaml.safe_load(text)
    assert data["INHERIT"] == "peterborough.yml"
    assert "site_dir" not in data
    assert data["plugins"]["offline"]["enabled"] is True
    assert data["extra"]["polyfills"] == yaml.safe_load(core)["extra"]["polyfills"]


def test_check_reports_area_settings_and_local_pages(tmp_path: Path) -> None:
    root = project(tmp_path, AREA.replace('number: "999"', "number: police"))
    local = root / "areas" / "testshire" / "docs" / "local" / "index.md"
    local.parent.mkdir(parents=True)
    local.write_text("---\ntitle: Local\n---\n\n# Local\n", encoding="utf-8")
    errors = [str(error) for error in settings_errors(root)]
    assert errors[0].startswith('areas/testshire.yml:18: number "police" is not a telephone number')
    assert 'areas/testshire/docs/local/index.md:1: "kind" is missing: add a line "kind: home' in " ".join(errors)
    assert settings_errors(PROJECT_ROOT) == []


# --- The publishing body: name, arrangements, partners and a cited history -------------------------

#: An area whose body is written as administrators write it (block style), so errors name each line.
BODY_AREA = AREA.replace(
    AREA.splitlines()[11] + "\n",
    """\
    body:
      name: Testshire Safeguarding Children Partnership
      arrangements: safeguarding partners
      partners:
        - Testshire County Council
        - Testshire Police
      history: >-
        Testshire had an LSCB (source 1). Its safeguarding partners replaced it in 2019 (sources 1
        and 2).
      sources:
        - title: Procedures, section 1
          page: procedures/preface-and-introduction.md#section-1
        - title: The partnership's arrangements
          url: https://example.org/arrangements
""",
)


def test_body_in_block_style_is_read_with_its_partners_and_sources(tmp_path: Path) -> None:
    assert BODY_AREA.splitlines()[11] == "    body:"
    root = project(tmp_path, BODY_AREA)
    settings, found = load_area(root / "areas" / "testshire.yml", root)
    assert found == []
    body = settings.area.body
    assert body.partners == ["Testshire County Council", "Testshire Police"]
    assert body.history.endswith("in 2019 (sources 1 and 2).")
    assert body.sources[0].page == "procedures/preface-and-introduction.md#section-1"
    assert body.the_name == "the Testshire Safeguarding Children Partnership"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("arrangements: safeguarding partners", "arrangements: safeguarding board"),
            "areas/testshire.yml:14: arrangements \"safeguarding board\" is not allowed (use one of: 'lscb' or "
            "'safeguarding partners')",
        ),
        (
            ("(sources 1\n        and 2)", "(sources 1\n        and 3)"),
            "areas/testshire.yml:12: history cites source 3, but only 2 source(s) are listed under sources: add it, "
            "or correct the number",
        ),
        (
            ("(sources 1\n        and 2)", "(source 1)"),
            'areas/testshire.yml:12: source 2 is listed but the history never cites it: cite it (e.g. "(source 2)") '
            "or remove it",
        ),
        (
            ("Testshire had an LSCB (source 1). Its", "Testshire had an LSCB.\n\n        Its"),
            "areas/testshire.yml:18: history must be one paragraph: remove the blank line (use >- and one block of "
            "text)",
        ),
        (
            (" (source 1). Its safeguarding partners replaced it in 2019 (sources 1\n        and 2).", "."),
            'areas/testshire.yml:18: history cites no source: say where each fact comes from, e.g. "... (source 1)."',
        ),
        (
            ("page: procedures/preface-and-introduction.md#section-1", "page: the preface"),
            'areas/testshire.yml:23: page "the preface" is not a page of this handbook: write its Markdown file, '
            'e.g. "procedures/preface-and-introduction.md#section-1", or use "url:" for a web page',
        ),
        (
            ("url: https://example.org/arrangements", "url: example.org/arrangements"),
            'areas/testshire.yml:25: url "example.org/arrangements" is not a web address starting https:// or http://',
        ),
        (
            ("          url: https://example.org/arrangements\n",
             "          url: https://example.org/arrangements\n          page: local/index.md\n"),
            "areas/testshire.yml:24: source \"The partnership's arrangements\" gives both a page and a url: keep the "
            "one the history cites",
        ),
        (
            (
                "      partners:\n        - Testshire County Council\n        - Testshire Police\n",
                "      partners: []\n",
            ),
            "areas/testshire.yml:15: partners is empty: list the safeguarding partners (for an LSCB, its board "
            "partners), one a line",
        ),
        (
            ("      name: Testshire Safeguarding Children Partnership\n", ""),
            'areas/testshire.yml:12: "name" is missing: add a line "name: the area\'s (or the body\'s) full name"',
        ),
    ],
)
def test_bad_body_settings_name_the_line(tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    old, new = change
    assert old in BODY_AREA
    assert errors(tmp_path, BODY_AREA.replace(old, new)) == [expected]


def test_the_old_lscb_name_setting_says_what_replaced_it(tmp_path: Path) -> None:
    old = AREA.replace(AREA.splitlines()[11], "    lscb_name: Testshire Local Safeguarding Children Board")
    assert errors(tmp_path, old) == [
        'areas/testshire.yml:12: lscb_name is now the "body:" block (name, arrangements, partners, history and '
        "sources): move the name to body: name: and see areas/README.md"
    ]


def test_a_missing_designated_officer_is_reported(tmp_path: Path) -> None:
    text = AREA.replace("    designated_officer: {number: 01234 567891, hours: Not yet provided by the LSCB}\n", "")
    assert errors(tmp_path / "missing", text) == [
        'areas/testshire.yml:10: "designated_officer" is missing: add a line "designated_officer: the designated '
        'officer (LADO): number and hours"'
    ]
    bad = AREA.replace("number: 01234 567891", "number: ask reception")
    found = errors(tmp_path / "bad", bad)
    assert found[0].startswith('areas/testshire.yml:23: number "ask reception" is not a telephone')
