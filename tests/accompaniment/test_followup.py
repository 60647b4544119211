"""The follow-up log: the staff who accompany a delegation record engagements
and action items; members read what is shared and move their own actions
along; nobody sees another delegation's follow-up; no save overwrites
another silently."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from accompaniment.models import ActionItem, Engagement
from accompaniment.services import (
    action_item_save,
    action_item_status_set,
    engagement_save,
)
from tests import factories

TODAY = datetime.date.today()


def mission(delegation, user, **fields):
    return engagement_save(
        delegation=delegation,
        user=user,
        kind="mission",
        starts_on=fields.pop("starts_on", TODAY - datetime.timedelta(days=10)),
        **fields,
    )


def test_facilitator_logs_a_mission_with_agreements_and_an_action(
    client, bolivia, assigned, bolivia_member
):
    client.force_login(assigned)
    member = bolivia.members.get(user=bolivia_member)

    response = client.post(
        f"/delegations/{bolivia.pk}/follow-up/engagements/new/",
        {
            "kind": "mission",
            "status": "held",
            "starts_on": "2025-09-01",
            "ends_on": "2025-09-03",
            "modality": "in_person",
            "place": "La Paz",
            "topics": ["gender_budgeting", "localization"],
            "facilitators": [assigned.pk],
            "participants": [member.pk],
            "summary": "Three days with the drafting team.",
            "agreements": "Cost the plan before the validation workshop.",
            "visibility": "delegation",
        },
    )

    engagement = Engagement.objects.get()
    assert response.status_code == 302
    assert engagement.topics == ["gender_budgeting", "localization"]
    assert list(engagement.participants.all()) == [member]
    response = client.post(
        f"/delegations/{bolivia.pk}/follow-up/actions/new/",
        {
            "title": "Send the costed plan",
            "engagement": engagement.pk,
            "owner_side": "delegation",
            "owner": bolivia_member.pk,
            "due_on": "2025-10-15",
            "status": "open",
            "visibility": "delegation",
        },
    )
    assert response.status_code == 302
    page = client.get(f"/delegations/{bolivia.pk}/follow-up/").content.decode()
    assert "In-country mission" in page and "La Paz" in page
    assert "Gender budgeting, Localization" in page
    assert "Send the costed plan" in page
    assert "Overdue" in page  # due in 2025, still open


def test_a_due_date_before_the_engagement_is_refused_on_the_field(
    client, bolivia, assigned
):
    engagement = mission(bolivia, assigned, starts_on=datetime.date(2025, 9, 1))
    client.force_login(assigned)

    response = client.post(
        f"/delegations/{bolivia.pk}/follow-up/actions/new/",
        {
            "title": "Backdated",
            "engagement": engagement.pk,
            "owner_side": "delegation",
            "due_on": "2025-08-01",
            "status": "open",
            "visibility": "delegation",
        },
    )

    assert response.status_code == 400
    assert "The due date is before the engagement it was agreed in" in (
        response.content.decode()
    )
    assert 'value="Backdated"' in response.content.decode()  # kept
    assert not ActionItem.objects.exists()


def test_bad_input_is_refused_with_a_clear_message(bolivia, assigned, ecuador_member):
    with pytest.raises(ValidationError) as ends_early:
        mission(bolivia, assigned, ends_on=TODAY - datetime.timedelta(days=20))
    with pytest.raises(ValidationError) as stranger:
        action_item_save(
            delegation=bolivia,
            user=assigned,
            title="x",
            owner_side="delegation",
            owner=ecuador_member,
        )
    with pytest.raises(ValidationError) as topic:
        mission(bolivia, assigned, topics=["astrology"])

    assert "cannot end before it starts" in str(ends_early.value)
    assert "one of its members" in str(stranger.value)
    assert "Academy's modules" in str(topic.value)
    assert not Engagement.objects.exists()


def test_members_read_only_what_is_shared_and_move_their_own_actions(
    client, bolivia, assigned, bolivia_member
):
    shared = mission(bolivia, assigned, summary="Shared visit.")
    mission(bolivia, assigned, summary="Internal note.", visibility="staff")
    theirs = action_item_save(
        delegation=bolivia,
        user=assigned,
        engagement=shared,
        title="Draft the decree",
        owner_side="delegation",
    )
    ours = action_item_save(
        delegation=bolivia,
        user=assigned,
        title="Send the template",
        owner_side="organizers",
    )
    client.force_login(bolivia_member)

    page = client.get(f"/delegations/{bolivia.pk}/follow-up/").content.decode()
    done = client.post(
        f"/actions/{theirs.pk}/status/", {"status": "done", "version": theirs.version}
    )
    refused = client.post(
        f"/actions/{ours.pk}/status/", {"status": "done", "version": ours.version}
    )

    assert "Shared visit." in page and "Internal note." not in page
    assert "Record an engagement" not in page
    assert done.status_code == 302
    assert ActionItem.objects.get(pk=theirs.pk).status == "done"
    assert refused.status_code == 404
    assert client.get(f"/engagements/{shared.pk}/").status_code == 404


def test_another_delegation_never_sees_the_follow_up(
    client, bolivia, assigned, ecuador_member
):
    engagement = mission(bolivia, assigned)
    item = action_item_save(
        delegation=bolivia, user=assigned, title="x", owner_side="delegation"
    )
    client.force_login(ecuador_member)

    assert client.get(f"/delegations/{bolivia.pk}/follow-up/").status_code == 404
    assert client.get(f"/engagements/{engagement.pk}/").status_code == 404
    assert (
        client.post(f"/actions/{item.pk}/status/", {"status": "done"}).status_code
        == 404
    )


def test_only_the_assigned_facilitator_records(client, bolivia, convening):
    unassigned = factories.RoleFactory(convening=convening, role="facilitator").user
    client.force_login(unassigned)

    assert client.get(f"/delegations/{bolivia.pk}/follow-up/").status_code == 200
    assert (
        client.get(f"/delegations/{bolivia.pk}/follow-up/engagements/new/").status_code
        == 404
    )


def test_a_save_based_on_an_old_version_is_refused_naming_who_saved(
    client, bolivia, assigned, organizer
):
    engagement = mission(bolivia, assigned, summary="First")
    client.force_login(organizer)
    form = {
        "kind": "mission",
        "status": "held",
        "starts_on": str(engagement.starts_on),
        "modality": "virtual",
        "visibility": "delegation",
        "version": engagement.version,
    }
    engagement_save(
        delegation=bolivia,
        user=assigned,
        engagement=engagement,
        base_version=engagement.version,
        kind="mission",
        starts_on=engagement.starts_on,
        summary="Changed by the facilitator",
    )

    response = client.post(
        f"/engagements/{engagement.pk}/", {**form, "summary": "Mine"}
    )

    assert response.status_code == 400
    assert f"{assigned.full_name} saved this entry" in response.content.decode()
    assert "Mine" in response.content.decode()  # still in the form
    assert Engagement.objects.get().summary == "Changed by the facilitator"


def test_two_status_changes_from_one_version_one_wins_the_other_is_told(
    client, bolivia, assigned, organizer
):
    item = action_item_save(
        delegation=bolivia, user=assigned, title="x", owner_side="delegation"
    )
    action_item_status_set(
        item=item, user=assigned, status="in_progress", base_version=item.version
    )
    client.force_login(organizer)

    response = client.post(
        f"/actions/{item.pk}/status/",
        {"status": "dropped", "version": item.version},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 409
    assert "saved this entry" in response.content.decode()
    assert ActionItem.objects.get().status == "in_progress"


def test_the_log_costs_the_same_queries_whatever_its_length(
    client, bolivia, assigned, django_assert_max_num_queries
):
    def fill(count):
        for _ in range(count):
            engagement = mission(bolivia, assigned)
            action_item_save(
                delegation=bolivia,
                user=assigned,
                engagement=engagement,
                title="agreed",
                owner_side="delegation",
            )
            action_item_save(
                delegation=bolivia,
                user=assigned,
                title="alone",
                owner_side="organizers",
            )

    client.force_login(assigned)
    fill(2)
    with django_assert_max_num_queries(20) as few:
        client.get(f"/delegations/{bolivia.pk}/follow-up/")
    fill(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(f"/delegations/{bolivia.pk}/follow-up/")
    assert page.content.decode().count('class="card mb-3"') == 12


def test_the_log_shows_the_roadmaps_nap_milestones_in_date_order(
    client, bolivia, assigned
):
    from roadmaps.models import Milestone

    Milestone.objects.create(
        roadmap=bolivia.roadmap,
        kind="validation",
        status="planned",
        planned_date=TODAY + datetime.timedelta(days=30),
        position=1,
    )
    mission(bolivia, assigned, summary="Mission before the validation.")
    client.force_login(assigned)

    page = client.get(f"/delegations/{bolivia.pk}/follow-up/").content.decode()

    assert "NAP milestone" in page
    # Newest first: the validation to come, then the mission held.
    assert page.index("Validation") < page.index("Mission before the validation.")
