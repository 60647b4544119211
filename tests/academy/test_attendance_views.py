import csv
import io
import re

import openpyxl
import pytest
from django.urls import reverse

from academy.enums import AttendanceStatus
from academy.models import Attendance, Participant
from tests import factories
from tests.factories import grow_delegations, session_at

HTMX = {"HTTP_HX_REQUEST": "true"}


def page_text(response):
    return " ".join(re.sub(r"<[^>]+>", "", response.content.decode()).split())


def _mark_url(session, participant):
    return reverse("academy:attendance_mark", args=[session.pk, participant.pk])


# Roll-call page
# ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["organizer", "facilitator"])
def test_roll_call_staff_see_every_participant_by_delegation(
    client, request, role, opening, bolivia_participant, ecuador_participant
):
    client.force_login(request.getfixturevalue(role))

    response = client.get(reverse("academy:roll_call", args=[opening.pk]))

    assert response.status_code == 200
    groups = response.context["groups"]
    assert [str(group.delegation.country.name) for group in groups] == [
        "Bolivia",
        "Ecuador",
    ]
    assert [[row.participant for row in group.rows] for group in groups] == [
        [bolivia_participant],
        [ecuador_participant],
    ]
    text = page_text(response)
    assert "Roll call: Opening plenary" in text
    assert "Tuesday 24 June 2025, 09:00–10:30 (America/Panama)" in text
    assert "0 of 2 participants marked" in text
    content = response.content.decode()
    assert f'hx-post="{_mark_url(opening, bolivia_participant)}"' in content
    assert f'action="{_mark_url(opening, bolivia_participant)}"' in content


@pytest.mark.parametrize(
    "role", ["bolivia_member", "other_organizer", "other_facilitator"]
)
def test_roll_call_refuses_participants_and_other_convenings(
    client, request, role, opening
):
    client.force_login(request.getfixturevalue(role))

    response = client.get(reverse("academy:roll_call", args=[opening.pk]))

    assert response.status_code == 404


def test_roll_call_anonymous_is_sent_to_sign_in(client, opening):
    url = reverse("academy:roll_call", args=[opening.pk])

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={url}"


def test_roll_call_shows_current_marks(
    client, organizer, facilitator, opening, bolivia_participant
):
    Attendance.objects.create(
        session=opening,
        participant=bolivia_participant,
        status=AttendanceStatus.LATE,
        marked_by=facilitator,
    )
    client.force_login(organizer)

    response = client.get(reverse("academy:roll_call", args=[opening.pk]))

    content = response.content.decode()
    assert (
        'class="btn btn-sm btn-warning"\n                  aria-pressed="true">Late'
        in content
    )
    assert "Late, marked at" in page_text(response)
    assert "Fabio Facil" in page_text(response)
    assert "1 of 1 participants marked" in page_text(response)


def test_roll_call_empty_state(client, organizer, opening):
    client.force_login(organizer)

    response = client.get(reverse("academy:roll_call", args=[opening.pk]))

    assert "No participants in this convening yet." in page_text(response)


@pytest.mark.parametrize(
    ("delegations", "members"), [(4, 2), (100, 3)], ids=["few", "many"]
)
def test_roll_call_query_count_is_constant(
    client,
    organizer,
    convening,
    opening,
    delegations,
    members,
    django_assert_max_num_queries,
):
    people = [
        person
        for delegation in grow_delegations(convening, delegations, members)
        for person in delegation.members.all()
    ]
    Attendance.objects.bulk_create(
        Attendance(
            session=opening, participant=person, status="present", marked_by=organizer
        )
        for person in people[::2]
    )
    client.force_login(organizer)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("academy:roll_call", args=[opening.pk]))

    assert response.context["participant_count"] == delegations * members
    assert len(response.context["groups"]) == delegations


# Marking (htmx and plain POST)
# ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["organizer", "facilitator"])
def test_attendance_mark_htmx_swaps_only_the_row(
    client, request, role, opening, bolivia_participant
):
    user = request.getfixturevalue(role)
    client.force_login(user)

    response = client.post(
        _mark_url(opening, bolivia_participant), {"status": "present"}, **HTMX
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert content.strip().startswith(f'<tr id="participant-{bolivia_participant.pk}">')
    assert "<html" not in content
    assert "Berta Bolivia" in content
    assert 'aria-pressed="true">Present' in content
    assert "Present, marked at" in page_text(response)
    # The count above the list follows, out of band.
    assert (
        '<p id="roll-call-count" class="mb-0" role="status" aria-live="polite" '
        'hx-swap-oob="true">1 of 1 participants marked.</p>'
    ) in content
    mark = Attendance.objects.get()
    assert (mark.session, mark.participant, mark.status, mark.marked_by) == (
        opening,
        bolivia_participant,
        "present",
        user,
    )


@pytest.mark.parametrize("role", ["organizer", "facilitator"])
def test_mark_everyone_marks_only_who_is_not_marked_yet(
    client, request, role, opening, bolivia_participant, ecuador_participant
):
    user = request.getfixturevalue(role)
    client.force_login(user)
    client.post(_mark_url(opening, ecuador_participant), {"status": "excused"})

    response = client.post(
        reverse("academy:attendance_mark_everyone", args=[opening.pk]), follow=True
    )

    assert response.redirect_chain == [
        (reverse("academy:roll_call", args=[opening.pk]), 302)
    ]
    assert "1 participant marked present. Correct anyone who is not." in page_text(
        response
    )
    assert "2 of 2 participants marked." in page_text(response)
    assert "Mark everyone not yet marked present" not in page_text(response)
    assert dict(Attendance.objects.values_list("participant_id", "status")) == {
        bolivia_participant.pk: "present",
        ecuador_participant.pk: "excused",
    }
    assert Attendance.objects.get(participant=bolivia_participant).marked_by == user


@pytest.mark.parametrize(
    "who", ["bolivia_member", "other_organizer", "other_facilitator"]
)
def test_mark_everyone_refused_to_participants_and_other_convenings(
    client, request, who, opening, bolivia_participant
):
    client.force_login(request.getfixturevalue(who))

    response = client.post(
        reverse("academy:attendance_mark_everyone", args=[opening.pk])
    )

    assert response.status_code == 404
    assert not Attendance.objects.exists()


def test_attendance_mark_htmx_corrects_an_earlier_mark(
    client, facilitator, opening, bolivia_participant
):
    client.force_login(facilitator)
    url = _mark_url(opening, bolivia_participant)

    client.post(url, {"status": "absent"}, **HTMX)
    client.post(url, {"status": "excused"}, **HTMX)

    assert list(Attendance.objects.values_list("status", flat=True)) == ["excused"]


def test_attendance_mark_without_javascript_redirects_to_the_row(
    client, organizer, opening, bolivia_participant
):
    client.force_login(organizer)

    response = client.post(_mark_url(opening, bolivia_participant), {"status": "late"})

    assert response.status_code == 302
    assert response.url == (
        f"/sessions/{opening.pk}/roll-call/#participant-{bolivia_participant.pk}"
    )
    followed = client.get(response.url)
    assert "Berta Bolivia: Late." in page_text(followed)
    assert Attendance.objects.get().status == "late"


@pytest.mark.parametrize(
    "role", ["bolivia_member", "other_organizer", "other_facilitator"]
)
@pytest.mark.parametrize("headers", [HTMX, {}], ids=["htmx", "plain"])
def test_attendance_mark_refuses_participants_and_other_convenings(
    client, request, role, headers, opening, bolivia_participant
):
    client.force_login(request.getfixturevalue(role))

    response = client.post(
        _mark_url(opening, bolivia_participant), {"status": "present"}, **headers
    )

    assert response.status_code == 404
    assert Attendance.objects.count() == 0


@pytest.mark.parametrize("headers", [HTMX, {}], ids=["htmx", "plain"])
def test_attendance_mark_anonymous_is_sent_to_sign_in(
    client, headers, opening, bolivia_participant
):
    response = client.post(
        _mark_url(opening, bolivia_participant), {"status": "present"}, **headers
    )

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert Attendance.objects.count() == 0


def test_attendance_mark_refuses_a_participant_of_another_convening(
    client, organizer, opening
):
    stranger = factories.ParticipantFactory()
    client.force_login(organizer)

    response = client.post(_mark_url(opening, stranger), {"status": "present"}, **HTMX)

    assert response.status_code == 404
    assert Attendance.objects.count() == 0


def test_attendance_mark_refuses_an_unknown_status(
    client, organizer, opening, bolivia_participant
):
    client.force_login(organizer)

    response = client.post(
        _mark_url(opening, bolivia_participant), {"status": "asleep"}, **HTMX
    )

    assert response.status_code == 400
    assert Attendance.objects.count() == 0


def test_attendance_mark_answers_only_post(
    client, organizer, opening, bolivia_participant
):
    client.force_login(organizer)

    response = client.get(_mark_url(opening, bolivia_participant))

    assert response.status_code == 405


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
