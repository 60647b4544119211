"""An organizer, in a real browser: adds a delegation, imports its participants from a
spreadsheet, then marks attendance at a session with one click per person."""

import pytest

from academy.models import Attendance, Delegation, Participant
from tests import factories
from tests.e2e.conftest import sign_in
from tests.participants.fixtures.builders import csv_bytes, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_organizer_adds_delegation_imports_participants_and_marks_attendance(
    new_page, organizer, convening, tmp_path
):
    session = factories.SessionFactory(
        convening=convening, title="Gender budgeting lab"
    )
    spreadsheet = tmp_path / "colombia.csv"
    spreadsheet.write_bytes(
        csv_bytes(
            [
                person(1, "CO", **{"Full name": "Camila Restrepo"}),
                person(
                    2,
                    "COL",
                    **{"Full name": "Andrés Ospina", "Sector": "sociedad civil"},
                ),
            ]
        )
    )
    page = new_page()
    sign_in(page, organizer.email)

    page.goto(f"/convenings/{convening.pk}/")
    page.get_by_role("link", name="Add delegation").first.click()
    page.get_by_label("Country").select_option("CO")
    page.get_by_role("button", name="Add delegation").click()
    page.get_by_role("heading", name="Delegation of Colombia").wait_for()

    page.goto(f"/convenings/{convening.pk}/")
    page.get_by_role("link", name="Import participants").click()
    page.get_by_label("CSV or XLSX file").set_input_files(str(spreadsheet))
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("button", name="Import 2 participants").click()
    page.get_by_text("2 participants were imported.").wait_for()

    colombia = Delegation.objects.get(convening=convening, country="CO")
    assert sorted(m.user.full_name for m in colombia.members.all()) == [
        "Andrés Ospina",
        "Camila Restrepo",
    ]

    page.goto(f"/sessions/{session.pk}/roll-call/")
    page.evaluate("window.sameDocument = true")
    camila = Participant.objects.get(user__full_name="Camila Restrepo")
    andres = Participant.objects.get(user__full_name="Andrés Ospina")
    page.locator(f"#participant-{camila.pk}").get_by_role(
        "button", name="Present"
    ).click()
    page.locator(f"#participant-{camila.pk}").get_by_text(
        "Present, marked at"
    ).wait_for()
    page.locator(f"#participant-{andres.pk}").get_by_role(
        "button", name="Excused"
    ).click()
    page.locator(f"#participant-{andres.pk}").get_by_text(
        "Excused, marked at"
    ).wait_for()

    assert page.evaluate("window.sameDocument") is True  # no page reload
    assert dict(
        Attendance.objects.filter(session=session).values_list(
            "participant__user__full_name", "status"
        )
    ) == {"Camila Restrepo": "present", "Andrés Ospina": "excused"}
