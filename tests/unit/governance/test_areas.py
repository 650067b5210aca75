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
    lscb_name: The Board
    contacts:
      - label: Police
        number: "999"
        hours: 24 hours a day
    out_of_hours: Not yet provided by the LSCB
    threshold_document_url: Not yet provided by the LSCB
    administrator_email: Not yet provided by the LSCB
"""

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
    lscb_name: Testshire Local Safeguarding Children Board
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
"""


def project(tmp_path: Path, area: str = AREA, core: str = CORE) -> Path:
    (tmp_path / "areas").mkdir()
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
    assert settings.area.lscb_name == "Testshire Local Safeguarding Children Board"
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
            ("    lscb_name:", "    lscb_nmae:"),
            'areas/testshire.yml:12: unknown key "lscb_nmae": remove it or correct it (did you mean "lscb_name"?)',
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
        'areas/testshire.yml:23: logo "assets/testshire.svg" is not a file in docs/ or areas/testshire/docs/'
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
    assert not_provided(settings.area) == ["Police: hours", "out_of_hours"]
    assert is_provided("01234 567890") and not is_provided(NOT_PROVIDED) and not is_provided("")


def test_area_details_show_placeholders_as_text_and_real_values_as_links() -> None:
    area = Area(
        name="Testshire",
        lscb_name="Testshire LSCB",
        contacts=[{"label": "Police", "number": "999", "hours": "24 hours a day"}],
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
        assert area.capitalize() in settings.area.lscb_name
        names.add(settings.area.lscb_name)
    assert len(names) == 2
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
