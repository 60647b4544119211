import pytest
from django.urls import reverse

from tests import factories


def test_home_anonymous_sees_what_the_app_is_for(client, db):
    response = client.get("/")

    assert response.status_code == 200
    assert b"Sign in" in response.content
    assert b"results-oriented roadmap" in response.content


def test_home_organizer_sees_convening_and_its_delegations(
    client, organizer, convening, bolivia, ecuador, bolivia_member
):
    client.force_login(organizer)

    response = client.get("/")

    assert response.status_code == 200
    assert [c.name for c in response.context["organized"]] == ["Academy Panama"]
    rows = response.context["organized"][0].delegation_rows
    assert [(d.country.code, d.member_count) for d in rows] == [("BO", 1), ("EC", 0)]
    assert b"Bolivia" in response.content and b"Ecuador" in response.content


def test_home_facilitator_sees_delegations_to_review(
    client, facilitator, bolivia, ecuador
):
    client.force_login(facilitator)

    response = client.get("/")

    assert [d.country.code for d in response.context["facilitated"]] == ["BO", "EC"]
    assert response.context["organized"] == []


def test_home_participant_sees_own_delegation_members_and_agenda(
    client, convening, bolivia_member, bolivia, ecuador_member
):
    factories.ParticipantFactory(
        delegation=bolivia, user__full_name="Bruno Colleague", sector="civil_society"
    )
    factories.SessionFactory(convening=convening, title="Gender budgeting lab")
    client.force_login(bolivia_member)

    response = client.get("/")

    content = response.content.decode()
    assert "Delegation of Bolivia" in content
    assert "Bruno Colleague" in content
    assert "Gender budgeting lab" in content
    assert "Elena Ecuador" not in content
    assert response.context["organized"] == []
    assert response.context["facilitated"] == []


def test_home_participant_sees_agenda_in_convening_time_zone(
    client, convening, bolivia_member
):
    # 14:00 UTC is 09:00 in Panama (UTC-5).
    factories.SessionFactory(
        convening=convening,
        starts_at="2025-06-24T14:00:00Z",
        ends_at="2025-06-24T15:30:00Z",
    )
    client.force_login(bolivia_member)

    response = client.get("/")

    assert "09:00–10:30" in response.content.decode()


@pytest.mark.parametrize("delegations", [4, 30])
def test_home_organizer_query_count_is_constant(
    client, organizer, convening, delegations, django_assert_max_num_queries
):
    for country in factories.COUNTRIES[:delegations]:
        delegation = factories.DelegationFactory(convening=convening, country=country)
        factories.ParticipantFactory.create_batch(3, delegation=delegation)
    client.force_login(organizer)

    # 13: one of them reads the person's model permissions (may they create
    # convenings?), whatever the cohort's size.
    with django_assert_max_num_queries(13):
        response = client.get(reverse("cohort:home"))

    assert len(response.context["organized"][0].delegation_rows) == delegations


def test_home_participant_is_one_click_from_the_roadmap(
    client, bolivia, bolivia_member
):
    client.force_login(bolivia_member)

    content = client.get("/").content.decode()

    assert f'href="/roadmaps/{bolivia.roadmap.pk}/">Open our roadmap</a>' in content


def test_home_new_convening_only_for_staff_allowed_to_add_one(client, organizer):
    from django.contrib.auth.models import Permission

    client.force_login(organizer)
    assert "New convening" not in client.get("/").content.decode()

    organizer.is_staff = True
    organizer.save()
    organizer.user_permissions.add(Permission.objects.get(codename="add_convening"))
    client.force_login(organizer)

    assert (
        'href="/convenings/new/">New convening</a>' in client.get("/").content.decode()
    )


def test_home_separates_current_coming_and_past_convenings(client, db):
    import datetime

    from django.utils import timezone

    from academy.enums import Role

    organizer = factories.UserFactory(email="timeline@test.org")
    today = timezone.localdate()
    for name, start, end in (
        (
            "Third edition",
            today + datetime.timedelta(days=30),
            today + datetime.timedelta(days=32),
        ),
        (
            "Second edition",
            today - datetime.timedelta(days=1),
            today + datetime.timedelta(days=1),
        ),
        (
            "First edition",
            today - datetime.timedelta(days=400),
            today - datetime.timedelta(days=398),
        ),
        (
            "Pilot",
            today - datetime.timedelta(days=800),
            today - datetime.timedelta(days=798),
        ),
    ):
        convening = factories.ConveningFactory(
            name=name, start_date=start, end_date=end, time_zone="UTC"
        )
        factories.RoleFactory(convening=convening, user=organizer, role=Role.ORGANIZER)
    client.force_login(organizer)
    html = client.get("/").content.decode()
    order = [
        html.index(text)
        for text in (
            "Happening now",
            "Second edition",
            "Coming",
            "Third edition",
            "Past (2)",
            "First edition",
            "Pilot",
        )
    ]
    assert order == sorted(order)
