import pytest

from academy.models import Attendance
from participants.invitations import invitation_accept, invitation_send
from roadmaps.demo import demo_roadmap_fill
from roadmaps.services import roadmap_initialize
from tests import factories


@pytest.mark.parametrize("who", ["organizer", "facilitator"])
def test_dashboard_convening_staff_see_each_delegation(
    client, request, who, convening, bolivia, ecuador, bolivia_member, organizer
):
    member = bolivia_member.memberships.get()
    factories.ParticipantFactory(delegation=bolivia, sector="civil_society")
    invitation = invitation_send(
        participant=member, sent_by=organizer, base_url="http://testserver"
    )
    invitation_accept(invitation=invitation, password="a-long-pass-4821")
    session = factories.SessionFactory(convening=convening)
    Attendance.objects.create(session=session, participant=member, status="present")
    demo_roadmap_fill(roadmap=bolivia.roadmap)
    client.force_login(request.getfixturevalue(who))

    response = client.get(f"/convenings/{convening.pk}/dashboard/")

    assert response.status_code == 200
    rows = {row.delegation.code: row for row in response.context["dashboard"].rows}
    assert sorted(rows) == ["BOL", "ECU"]
    bolivia_row = rows["BOL"]
    assert (
        bolivia_row.delegation.government_count,
        bolivia_row.delegation.civil_society_count,
    ) == (1, 1)
    assert (bolivia_row.invited, bolivia_row.accepted) == (1, 1)
    # Two members, one session held, one marked present: half of the marks due.
    assert bolivia_row.attendance.percent == 50
    assert bolivia_row.attendance.unmarked == 1
    assert 0 < bolivia_row.score < 100
    assert rows["ECU"].score == 0
    assert rows["ECU"].delegation.member_count == 0
    assert "1 accepted of 1 invited" in response.content.decode()


@pytest.mark.parametrize(
    "who", ["bolivia_member", "other_organizer", "other_facilitator"]
)
def test_dashboard_refused_to_participants_and_other_convenings(
    client, request, who, convening
):
    client.force_login(request.getfixturevalue(who))

    assert client.get(f"/convenings/{convening.pk}/dashboard/").status_code == 404


def test_dashboard_anonymous_is_sent_to_sign_in(client, convening):
    response = client.get(f"/convenings/{convening.pk}/dashboard/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("delegations", [4, 30])
def test_dashboard_query_count_is_constant(
    client, organizer, convening, delegations, django_assert_max_num_queries
):
    for country in factories.COUNTRIES[:delegations]:
        delegation = factories.DelegationFactory(convening=convening, country=country)
        factories.ParticipantFactory.create_batch(2, delegation=delegation)
    client.force_login(organizer)

    with django_assert_max_num_queries(18):
        response = client.get(f"/convenings/{convening.pk}/dashboard/")

    assert len(response.context["dashboard"].rows) == delegations


def test_dashboard_queries_do_not_grow_with_the_cohort_or_its_roadmaps(
    client, organizer, convening, django_assert_max_num_queries
):
    client.force_login(organizer)
    counts = []
    made = 0
    for size in (4, 30):
        for country in factories.COUNTRIES[made:size]:
            delegation = factories.DelegationFactory(
                convening=convening, country=country
            )
            factories.ParticipantFactory.create_batch(2, delegation=delegation)
            demo_roadmap_fill(roadmap=roadmap_initialize(roadmap=delegation.roadmap))
        made = size

        with django_assert_max_num_queries(18) as captured:
            response = client.get(f"/convenings/{convening.pk}/dashboard/")

        counts.append(len(captured))
        rows = response.context["dashboard"].rows
        assert len(rows) == size
        assert len({row.score for row in rows}) == 1 and 0 < rows[0].score < 100
    assert counts[0] == counts[1]


def test_dashboard_rows_follow_each_change_of_their_figures(
    client, convening, bolivia, bolivia_member, organizer
):
    """Rows come from the cache when their figures are unchanged, and show the
    new figures as soon as anything they show changes."""
    from academy.services import attendance_mark

    member = bolivia_member.memberships.get()
    session = factories.SessionFactory(convening=convening)
    client.force_login(organizer)
    url = f"/convenings/{convening.pk}/dashboard/"
    assert "1 not marked yet" in client.get(url).content.decode()

    attendance_mark(
        session=session, participant=member, status="present", marked_by=organizer
    )
    page = client.get(url).content.decode()
    assert "100%</span>" in page
    assert "(1 of 1)" in page

    attendance_mark(
        session=session, participant=member, status="absent", marked_by=organizer
    )
    page = client.get(url).content.decode()
    assert ">0%</span>" in page
    assert "(0 of 1)" in page
    # The same figures in the other language: a row of its own.
    organizer.preferred_language = "es"
    organizer.save()
    assert "(0 de 1)" in client.get(url).content.decode()
