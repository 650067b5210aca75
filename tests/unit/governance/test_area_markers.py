"""The area's contacts, threshold link and feedback address, rendered in place of page markers.

The settings themselves are validated by ``handbook.governance.areas`` (tests/unit/governance/test_areas.py);
the marker syntax and check by ``handbook.core.markers`` (tests/unit/core/test_markers.py).
These tests give the renderers an already valid ``Area``.
"""

from __future__ import annotations

from handbook.governance.area_markers import (
    DESIGNATED_OFFICER,
    MISSING_EMAIL,
    MISSING_NUMBER,
    MISSING_THRESHOLD,
    feedback_mailto,
    render_approval,
    render_area_markers,
    render_contacts,
    render_designated_officer,
    render_feedback,
    render_history,
    render_publisher,
    render_threshold,
)
from handbook.governance.areas import NOT_PROVIDED, Area, Body

PARTNERSHIP = Body(
    name="Testshire Safeguarding Children Partnership",
    arrangements="safeguarding partners",
    partners=["Testshire County Council", "Testshire Police", "NHS Testshire Integrated Care Board"],
    history="The Testshire LSCB became the partnership in 2019 (sources 1 and 2).",
    sources=[
        {"title": "Procedures, section 1", "page": "procedures/preface-and-introduction.md#section-1"},
        {"title": "The partnership's arrangements", "url": "https://example.org/arrangements"},
    ],
)
BOARD = Body(
    name="Testshire Local Safeguarding Children Board",
    arrangements="lscb",
    partners=["Testshire County Council"],
    history="Set up in 2006 (source 1).",
    sources=[{"title": "Board minutes, April 2006"}],
)

# Ofcom reserves 01632 960000 to 960999 for drama: these numbers reach no one.
FILLED = Area(
    name="Testshire",
    body=BOARD,
    contacts=[
        {"label": "Children's social care", "number": "01632 960 001", "hours": "Monday to Friday, 9am to 5pm"},
        {"label": "LADO", "number": NOT_PROVIDED, "hours": NOT_PROVIDED},
    ],
    designated_officer={"number": "01632 960 003", "hours": "Monday to Friday"},
    out_of_hours="Emergency duty team: 01632 960002 (evenings and weekends)",
    threshold_document_url="https://example.org/threshold.pdf",
    administrator_email="lscb.admin@example.org",
)
EMPTY = Area.model_validate(
    {
        **FILLED.model_dump(),
        "contacts": [FILLED.contacts[1].model_dump()],
        "designated_officer": {"number": NOT_PROVIDED, "hours": NOT_PROVIDED},
        "out_of_hours": NOT_PROVIDED,
        "threshold_document_url": NOT_PROVIDED,
        "administrator_email": NOT_PROVIDED,
    }
)


def test_contacts_are_listed_in_order_with_tel_links_and_hours() -> None:
    html = render_contacts(FILLED)
    assert html.startswith('<ul class="hb-contacts">')
    assert html.index("Children&#x27;s social care") < html.index("LADO") < html.index("Out of hours")
    assert '<a href="tel:01632960001">01632 960 001</a>' in html
    assert "(Monday to Friday, 9am to 5pm)" in html
    assert "Emergency duty team: 01632 960002 (evenings and weekends)" in html


def test_a_missing_number_is_said_plainly_never_left_blank() -> None:
    html = render_contacts(FILLED)
    lado = next(line for line in html.splitlines() if "LADO" in line)
    assert MISSING_NUMBER in lado and "tel:" not in lado


def test_feedback_is_a_mailto_link_with_an_encoded_subject() -> None:
    html = render_feedback(FILLED, "Safeguarding Procedures Handbook")
    expected = "mailto:lscb.admin@example.org?subject=Feedback%20on%20the%20Safeguarding%20Procedures%20Handbook"
    assert f'href="{expected}"' in html
    assert ">lscb.admin@example.org</a>" in html
    assert feedback_mailto("a@example.org", "A & B") == "mailto:a@example.org?subject=A%20%26%20B"


def test_feedback_without_an_address_explains_what_to_do_instead() -> None:
    html = render_feedback(EMPTY, "Handbook")
    assert "mailto:" not in html
    assert "has not yet added" in html and MISSING_EMAIL[:40].replace("'", "&#x27;") in html


def test_threshold_link_names_the_lscb() -> None:
    html = render_threshold(FILLED)
    assert 'href="https://example.org/threshold.pdf"' in html and "Testshire Local Safeguarding Children Board" in html


def test_values_are_escaped() -> None:
    contacts = [{"label": "<script>alert(1)</script>", "number": "999", "hours": "24 hours"}]
    area = Area.model_validate({**FILLED.model_dump(), "contacts": contacts})
    html = render_contacts(area)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_markers_are_replaced_in_place_keeping_indentation() -> None:
    markdown = "# Title\n\n!!! note\n    Call:\n\n    <!-- area:contacts -->\n\nEnd\n<!-- area:feedback -->\n"
    result = render_area_markers(markdown, FILLED, "Handbook")
    assert "<!-- area:" not in result
    assert '\n    <ul class="hb-contacts">\n    <li>' in result
    assert "mailto:lscb.admin@example.org" in result


def test_markers_of_other_features_are_left_for_them() -> None:
    text = "<!-- area:contact -->\n<!-- glossary:a-z -->\n<!-- area:details -->\n"
    result = render_area_markers(text, EMPTY, "H")
    assert "<!-- area:contact -->" in result and "<!-- glossary:a-z -->" in result  # not this renderer's
    assert "<!-- area:details -->" not in result  # the area's settings in full, on local pages


def test_placeholders_are_said_plainly_never_linked() -> None:
    contacts = render_contacts(EMPTY)
    assert "tel:" not in contacts and NOT_PROVIDED not in contacts
    assert contacts.count(MISSING_NUMBER) == 3  # the LADO contact, the designated officer and out of hours
    threshold = render_threshold(EMPTY)
    assert "href" not in threshold and MISSING_THRESHOLD.split(".")[0] in threshold
    assert "mailto:" not in render_feedback(EMPTY, "Handbook")


# --- The designated officer and the publishing body ------------------------------------------------


def test_contacts_end_with_the_designated_officer_before_out_of_hours() -> None:
    html = render_contacts(FILLED)
    assert html.index("LADO</span>") < html.index(DESIGNATED_OFFICER) < html.index("Out of hours")
    assert '<a href="tel:01632960003">01632 960 003</a> <span class="hb-contacts__hours">(Monday to Friday)' in html


def test_designated_officer_on_its_own_or_said_missing() -> None:
    html = render_designated_officer(FILLED)
    assert html.startswith('<ul class="hb-contacts">') and html.count("<li>") == 1
    assert DESIGNATED_OFFICER in html and 'href="tel:01632960003"' in html
    missing = render_designated_officer(EMPTY)
    assert MISSING_NUMBER in missing and "tel:" not in missing and NOT_PROVIDED not in missing


def test_approval_notice_names_the_body_from_the_settings() -> None:
    board = render_approval(FILLED, "procedures/assessment.md")
    assert board.startswith("**Not yet approved for use.** This chapter was written for this handbook. ")
    assert "The Testshire Local Safeguarding Children Board must approve it locally" in board
    assert "one of the LSCB's functions ([Procedures, section 2.2](preface-and-introduction.md#section-2-2))" in board
    partnership = render_approval(FILLED.model_copy(update={"body": PARTNERSHIP}), "procedures/assessment.md")
    assert "The Testshire Safeguarding Children Partnership must approve it locally" in partnership
    assert "LSCB must approve" not in partnership
    assert "[Working Together 2018](../working-together/2018/index.md#safeguarding-partners)" in partnership


def test_publisher_sentence_differs_by_arrangements_and_links_from_the_page() -> None:
    board = render_publisher(FILLED, "leaflets/private-fostering.md")
    assert board.startswith("In Testshire, these procedures are published and approved by the Testshire Local")
    assert "(../procedures/preface-and-introduction.md#section-2-2)" in board
    partnership = render_publisher(FILLED.model_copy(update={"body": PARTNERSHIP}), "index.md")
    assert "by the Testshire Safeguarding Children Partnership, through which" in partnership
    assert "(working-together/2018/index.md#safeguarding-partners)" in partnership


def test_history_lists_partners_and_numbered_sources_with_links() -> None:
    area = FILLED.model_copy(update={"body": PARTNERSHIP})
    lines = render_history(area, "local/index.md").splitlines()
    assert lines[:5] == [
        "**Safeguarding partners:**",
        "",
        "- Testshire County Council",
        "- Testshire Police",
        "- NHS Testshire Integrated Care Board",
    ]
    assert "The Testshire LSCB became the partnership in 2019 (sources 1 and 2)." in lines
    assert lines[-2:] == [
        "1. [Procedures, section 1](../procedures/preface-and-introduction.md#section-1)",
        "2. [The partnership's arrangements](https://example.org/arrangements)",
    ]
    assert render_history(FILLED, "x.md").splitlines()[0] == "**Board partners:**"
    assert render_history(FILLED, "x.md").splitlines()[-1] == "1. Board minutes, April 2006"


def test_every_area_marker_is_rendered_with_links_from_the_page() -> None:
    names = ("approval", "publisher", "history", "designated-officer")
    markdown = "\n".join(f"<!-- area:{name} -->" for name in names)
    result = render_area_markers(markdown, FILLED, "H", "procedures/assessment.md")
    assert "<!-- area:" not in result
    assert "(preface-and-introduction.md#section-2-2)" in result
