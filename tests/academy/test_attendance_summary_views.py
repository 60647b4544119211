"""The attendance summary and its exports (CSV, XLSX), for the staff only."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from academy.models import Attendance, Participant
from tests import factories
from tests.academy.pages import page_text
from tests.factories import grow_delegations, session_at

# Summary page and exports
# ------------------------------------------------------------------------------


@pytest.fixture
def marked(convening, opening, bolivia_participant, ecuador_participant, organizer):
    second = session_at(convening, 25, 9, title="Budget lab")
    for session, participant, status in [
        (opening, bolivia_participant, "present"),
        (second, bolivia_participant, "absent"),
        (opening, ecuador_participant, "late"),
    ]:
        Attendance.objects.create(
            session=session, participant=participant, status=status, marked_by=organizer
        )
    return second


@pytest.mark.parametrize("role", ["organizer", "facilitator"])
def test_attendance_summary_shows_rates_with_bars(
    client, request, role, convening, marked
):
    client.force_login(request.getfixturevalue(role))

    response = client.get(reverse("academy:attendance_summary", args=[convening.pk]))

    assert response.status_code == 200
    content = response.content.decode()
    text = page_text(response)
    assert '<progress class="bar" value="1" max="2"' in content
    assert "50% (1 of 2)" in text  # Bolivia and Berta
    # Elena was not marked in the budget lab: over the two sessions held.
    assert "50% (1 of 2 · 1 not marked yet)" in text  # Ecuador and Elena
    assert "50% (2 of 4 · 1 not marked yet)" in text  # the whole convening
    assert "0% (0 of 2 · 1 not marked yet)" in text  # the budget lab
    assert "over the sessions held so far (2 of 2)" in text  # the rule, stated
    summary = response.context["summary"]
    assert [rate.percent for _d, rate in summary.delegations] == [50, 50]
    assert [rate.percent for _s, rate in summary.sessions] == [100, 0]


@pytest.mark.parametrize(
    "role", ["bolivia_member", "other_organizer", "other_facilitator"]
)
def test_attendance_summary_and_exports_refuse_others(client, request, role, convening):
    client.force_login(request.getfixturevalue(role))

    for url in (
        reverse("academy:attendance_summary", args=[convening.pk]),
        reverse("academy:attendance_export", args=[convening.pk, "csv"]),
        reverse("academy:attendance_export", args=[convening.pk, "xlsx"]),
    ):
        assert client.get(url).status_code == 404


def test_attendance_summary_anonymous_is_sent_to_sign_in(client, convening):
    for url in (
        reverse("academy:attendance_summary", args=[convening.pk]),
        reverse("academy:attendance_export", args=[convening.pk, "csv"]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("delegations", "members"), [(4, 2), (100, 3)], ids=["few", "many"]
)
def test_attendance_summary_query_count_is_constant(
    client,
    organizer,
    convening,
    opening,
    delegations,
    members,
    django_assert_max_num_queries,
):
    grow_delegations(convening, delegations, members)
    client.force_login(organizer)

    with django_assert_max_num_queries(10):
        response = client.get(
            reverse("academy:attendance_summary", args=[convening.pk])
        )

    assert len(response.context["summary"].participants) == delegations * members


def test_attendance_export_csv(client, facilitator, convening, marked):
    client.force_login(facilitator)

    response = client.get(
        reverse("academy:attendance_export", args=[convening.pk, "csv"])
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="attendance-{convening.pk}-'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "Delegation",
        "Full name",
        "E-mail",
        "Sector",
        "Organization",
        "2025-06-24 09:00 Opening plenary",
        "2025-06-25 09:00 Budget lab",
        "Sessions held",
        "Attended",
        "Not marked yet",
        "Attendance rate (%)",
    ]
    assert rows[1] == [
        "Bolivia",
        "Berta Bolivia",
        Participant.objects.get(user__full_name="Berta Bolivia").user.email,
        "Government",
        "Ministry of Foreign Affairs",
        "Present",
        "Absent",
        "2",
        "1",
        "0",
        "50",
    ]
    assert rows[2][1] == "Elena Ecuador"


def test_attendance_export_xlsx_neutralizes_formulae(
    client, organizer, convening, opening, bolivia
):
    factories.ParticipantFactory(
        delegation=bolivia,
        user__full_name='=HYPERLINK("http://x")',
        organization="@SUM(1)",
    )
    client.force_login(organizer)

    response = client.get(
        reverse("academy:attendance_export", args=[convening.pk, "xlsx"])
    )

    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["B2"].value == '\'=HYPERLINK("http://x")'
    assert sheet["E2"].value == "'@SUM(1)"
    assert sheet["B2"].data_type == "s"


def test_attendance_csv_for_a_spanish_reader_uses_semicolons(
    client, organizer, convening, opening, bolivia_participant
):
    """Spanish Excel reads a comma-separated file as one column."""
    organizer.preferred_language = "es"
    organizer.save()
    client.force_login(organizer)

    response = client.get(
        reverse("academy:attendance_export", args=[convening.pk, "csv"])
    )

    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:4] == [
        "Delegación",
        "Nombre completo",
        "Correo electrónico",
        "Sector",
    ]
    assert rows[1][0] == "Bolivia"


def test_attendance_export_unknown_type_is_404(client, organizer, convening):
    client.force_login(organizer)

    response = client.get(f"/convenings/{convening.pk}/attendance/export.pdf")

    assert response.status_code == 404
