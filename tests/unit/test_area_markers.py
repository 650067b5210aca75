"""The area's contacts, threshold link and feedback address, rendered in place of page markers."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.area_markers import (
    MISSING_EMAIL,
    MISSING_NUMBER,
    MISSING_THRESHOLD,
    NO_CONTACTS,
    AreaSettings,
    area_settings,
    feedback_mailto,
    marker_errors,
    marker_errors_in_files,
    render_area_markers,
    render_contacts,
    render_feedback,
    render_threshold,
)
from handbook.errors import ContentErrors

# Ofcom reserves 01632 960000 to 960999 for drama: these numbers reach no one.
FILLED = {
    "area": {
        "name": "Testshire",
        "lscb_name": "Testshire LSCB",
        "contacts": [
            {"label": "Children's social care", "number": "01632 960 001", "hours": "Monday to Friday, 9am to 5pm"},
            {"label": "LADO", "number": None, "hours": None},
        ],
        "out_of_hours": {"label": "Emergency duty team", "number": "01632 960002", "hours": "evenings and weekends"},
        "threshold_document_url": "https://example.org/threshold.pdf",
        "administrator_email": "lscb.admin@example.org",
        "logo": "assets/logo.svg",  # another engineer's setting: ignored here, not an error
    }
}


def test_contacts_are_listed_in_order_with_tel_links_and_hours() -> None:
    html = render_contacts(area_settings(FILLED))
    assert html.startswith('<ul class="hb-contacts">')
    assert html.index("Children&#x27;s social care") < html.index("LADO") < html.index("Emergency duty team")
    assert '<a href="tel:01632960001">01632 960 001</a>' in html
    assert "(Monday to Friday, 9am to 5pm)" in html
    assert '<a href="tel:01632960002">01632 960002</a>' in html


def test_a_missing_number_is_said_plainly_never_left_blank() -> None:
    html = render_contacts(area_settings(FILLED))
    lado = next(line for line in html.splitlines() if "LADO" in line)
    assert MISSING_NUMBER in lado and "tel:" not in lado


def test_no_area_block_at_all_says_the_lscb_has_not_added_contacts() -> None:
    area = area_settings({"generator": False})
    expected = NO_CONTACTS.replace("'", "&#x27;")
    assert render_contacts(area) == f'<p class="hb-contacts hb-contacts--missing">{expected}</p>'
    assert MISSING_THRESHOLD.split(".")[0] in render_threshold(area)


def test_out_of_hours_may_be_given_as_just_a_number() -> None:
    area = area_settings({"area": {"out_of_hours": "01632 960003"}})
    assert area.all_contacts()[0].label == "Out of hours"
    assert 'href="tel:01632960003"' in render_contacts(area)


def test_feedback_is_a_mailto_link_with_an_encoded_subject() -> None:
    html = render_feedback(area_settings(FILLED), "Safeguarding Procedures Handbook")
    expected = "mailto:lscb.admin@example.org?subject=Feedback%20on%20the%20Safeguarding%20Procedures%20Handbook"
    assert f'href="{expected}"' in html
    assert ">lscb.admin@example.org</a>" in html
    assert feedback_mailto("a@example.org", "A & B") == "mailto:a@example.org?subject=A%20%26%20B"


def test_feedback_without_an_address_explains_what_to_do_instead() -> None:
    html = render_feedback(AreaSettings(), "Handbook")
    assert "mailto:" not in html
    assert "has not yet added" in html and MISSING_EMAIL[:40].replace("'", "&#x27;") in html


def test_threshold_link_names_the_lscb() -> None:
    html = render_threshold(area_settings(FILLED))
    assert 'href="https://example.org/threshold.pdf"' in html and "Testshire LSCB" in html


def test_values_are_escaped() -> None:
    area = area_settings({"area": {"contacts": [{"label": "<script>alert(1)</script>", "number": "999"}]}})
    html = render_contacts(area)
    assert "<script>" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"contacts": [{"label": "X", "number": "TBC"}]}, 'extra.area.contacts.0.number: "TBC" is not a phone number'),
        ({"administrator_email": "admin"}, 'extra.area.administrator_email: "admin" is not an email address'),
        ({"threshold_document_url": "www.example.org"}, 'extra.area.threshold_document_url: "www.example.org"'),
        ({"contacts": "01632 960000"}, "extra.area.contacts"),
    ],
)
def test_a_wrong_setting_is_a_plain_error_with_its_line(settings: dict, message: str) -> None:
    config_text = "site_name: X\nextra:\n  area:\n    contacts:\n      - label: X\n        number: TBC\n"
    with pytest.raises(ContentErrors) as caught:
        area_settings({"area": settings}, "mkdocs.yml", config_text)
    report = caught.value.report()
    assert message in report
    assert report.splitlines()[1].startswith("mkdocs.yml:")


def test_error_line_points_at_the_setting_in_the_config_file() -> None:
    config_text = "site_name: X\nplugins:\n  - search\nextra:\n  area:\n    contacts:\n      - label: X\n"
    config_text += "        number: TBC\n"
    with pytest.raises(ContentErrors) as caught:
        area_settings({"area": {"contacts": [{"label": "X", "number": "TBC"}]}}, "mkdocs.yml", config_text)
    assert caught.value.errors[0].line == 8


def test_short_national_numbers_are_allowed() -> None:
    contacts = [{"label": "Police", "number": 999}, {"label": "Non-emergency", "number": "101"}]
    area = area_settings({"area": {"contacts": contacts}})
    assert [contact.number for contact in area.contacts] == ["999", "101"]


def test_markers_are_replaced_in_place_keeping_indentation() -> None:
    markdown = "# Title\n\n!!! note\n    Call:\n\n    <!-- area:contacts -->\n\nEnd\n<!-- area:feedback -->\n"
    result = render_area_markers(markdown, area_settings(FILLED), "Handbook")
    assert "<!-- area:" not in result
    assert '\n    <ul class="hb-contacts">\n    <li>' in result
    assert "mailto:lscb.admin@example.org" in result


def test_unknown_markers_are_reported_with_file_and_line() -> None:
    text = "---\ntitle: X\n---\n\nText\n<!-- area:contact -->\n<!-- area:contacts -->\n"
    errors = marker_errors(text, "docs/x.md")
    assert [(error.path, error.line) for error in errors] == [("docs/x.md", 6)]
    assert "<!-- area:contacts -->" in errors[0].message  # says what to write instead
    assert render_area_markers(text, AreaSettings(), "H").count("<!-- area:contact -->") == 1


def test_marker_errors_in_files_names_files_from_the_project_root(tmp_path: Path) -> None:
    page = tmp_path / "docs" / "page.md"
    page.parent.mkdir()
    page.write_text("x\n<!-- area:phone -->\n", encoding="utf-8")
    errors = marker_errors_in_files([page], tmp_path)
    assert len(errors) == 1
    assert str(errors[0]).startswith("docs/page.md:2: unknown marker")
