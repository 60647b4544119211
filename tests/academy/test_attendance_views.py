"""The roll call: staff see every participant and mark each, with htmx or a
plain form; nobody else can."""

import pytest
from django.urls import reverse

from academy.enums import AttendanceStatus
from academy.models import Attendance
from tests import factories
from tests.academy.pages import page_text
from tests.factories import grow_delegations

HTMX = {"HTTP_HX_REQUEST": "true"}


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
