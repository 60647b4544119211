"""Organizers edit and close their convening; its page shows who may manage it."""

import datetime

import pytest
from django.urls import reverse
from django_countries import countries

from tests import factories
from tests.cohort.convening_form import FORM

# Edit
# ------------------------------------------------------------------------------


def test_convening_update_organizer_changes_details(client, organizer, convening):
    client.force_login(organizer)

    response = client.post(
        reverse("cohort:convening_update", args=[convening.pk]),
        {**FORM, "name_en": "Academy Panama 2026", "languages": ["es"]},
    )

    assert response.status_code == 302
    convening.refresh_from_db()
    assert convening.name == "Academy Panama 2026"
    assert convening.languages == ["es"]
    assert convening.time_zone == "America/Lima"


def test_convening_update_refuses_dates_that_leave_sessions_outside(
    client, organizer, convening
):
    """24-26 June shortened to 24-24: the sessions of the 25th and 26th would be
    orphans no one can edit. Refused, naming them; nothing changes."""
    factories.session_at(convening, 24, 9, title="Opening")
    factories.session_at(convening, 25, 9, title="Gender budgeting")
    factories.session_at(convening, 26, 14, title="Closing")
    client.force_login(organizer)
    data = {
        **FORM,
        "name_en": convening.name_en,
        "start_date": "2025-06-24",
        "end_date": "2025-06-24",
        "time_zone": "America/Panama",
    }

    response = client.post(
        reverse("cohort:convening_update", args=[convening.pk]), data
    )

    assert response.status_code == 200
    assert (
        "2 sessions of the agenda fall outside the new dates: Gender budgeting "
        "(June 25, 2025, 09:00); Closing (June 26, 2025, 14:00). Move or delete "
        "them first, or keep the dates."
    ) in response.content.decode()
    convening.refresh_from_db()
    assert convening.end_date == datetime.date(2025, 6, 26)

    data["end_date"] = "2025-06-26"
    assert (
        client.post(
            reverse("cohort:convening_update", args=[convening.pk]), data
        ).status_code
        == 302
    )


def test_convening_update_form_is_filled_in(client, organizer, convening):
    client.force_login(organizer)

    response = client.get(reverse("cohort:convening_update", args=[convening.pk]))

    assert response.status_code == 200
    assert 'value="Academy Panama"' in response.content.decode()


@pytest.mark.parametrize(
    "who", ["other_organizer", "facilitator", "bolivia_member", "other_facilitator"]
)
def test_convening_update_refuses_who_does_not_organize_it(
    client, convening, who, request
):
    client.force_login(request.getfixturevalue(who))

    get = client.get(reverse("cohort:convening_update", args=[convening.pk]))
    post = client.post(reverse("cohort:convening_update", args=[convening.pk]), FORM)

    assert (get.status_code, post.status_code) == (404, 404)
    convening.refresh_from_db()
    assert convening.name == "Academy Panama"


def test_convening_update_anonymous_goes_to_login(client, convening):
    response = client.post(
        reverse("cohort:convening_update", args=[convening.pk]), FORM
    )

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


# Close
# ------------------------------------------------------------------------------


def test_convening_close_organizer_closes_and_page_says_closed(
    client, organizer, convening
):
    client.force_login(organizer)

    confirm = client.get(reverse("cohort:convening_close", args=[convening.pk]))
    response = client.post(reverse("cohort:convening_close", args=[convening.pk]))

    assert confirm.status_code == 200
    assert ">Mark as closed</button>" in confirm.content.decode()
    assert response.status_code == 302
    convening.refresh_from_db()
    assert convening.closed_at is not None
    page = client.get(convening.get_absolute_url()).content.decode()
    assert "This convening was closed on" in page
    assert ">Closed<" in page


def test_convening_close_keeps_the_first_closing_time(client, organizer, convening):
    client.force_login(organizer)
    client.post(reverse("cohort:convening_close", args=[convening.pk]))
    convening.refresh_from_db()
    first = convening.closed_at

    client.post(reverse("cohort:convening_close", args=[convening.pk]))

    convening.refresh_from_db()
    assert convening.closed_at == first


@pytest.mark.parametrize("who", ["other_organizer", "facilitator", "bolivia_member"])
def test_convening_close_refuses_who_does_not_organize_it(
    client, convening, who, request
):
    client.force_login(request.getfixturevalue(who))

    response = client.post(reverse("cohort:convening_close", args=[convening.pk]))

    assert response.status_code == 404
    convening.refresh_from_db()
    assert convening.closed_at is None


def test_convening_close_anonymous_goes_to_login(client, convening):
    response = client.post(reverse("cohort:convening_close", args=[convening.pk]))

    assert response.status_code == 302
    convening.refresh_from_db()
    assert convening.closed_at is None


# The convening page
# ------------------------------------------------------------------------------


def test_convening_detail_organizer_sees_management_buttons(
    client, organizer, convening
):
    client.force_login(organizer)

    page = client.get(convening.get_absolute_url()).content.decode()

    for label in [
        "Edit details",
        "Team and roles",
        "Mark as closed…",
        "Add delegation",
        "Add participant",
        "Import participants",
        "Export participants (CSV)",
        "Export participants (XLSX)",
    ]:
        assert f">{label}</a>" in page
    assert f'href="/convenings/{convening.pk}/participants/export.xlsx"' in page
    assert "No delegations yet — add the first one." in page


@pytest.mark.parametrize("who", ["facilitator", "bolivia_member"])
def test_convening_detail_others_see_no_management(client, convening, who, request):
    client.force_login(request.getfixturevalue(who))

    response = client.get(convening.get_absolute_url())

    assert response.status_code == 200
    assert "Convening management" not in response.content.decode()
    assert "Import participants" not in response.content.decode()


@pytest.mark.parametrize("delegations", [4, 100])
def test_convening_detail_delegation_list_query_count_is_constant(
    client, organizer, convening, delegations, django_assert_max_num_queries
):
    for code in [code for code, _name in countries][:delegations]:
        delegation = factories.DelegationFactory(convening=convening, country=code)
        factories.ParticipantFactory(delegation=delegation)
    client.force_login(organizer)

    # An organizer's page asks whether they may create convenings (to offer a
    # copy into a new edition): two queries, their own and their groups'
    # permissions.
    with django_assert_max_num_queries(13):
        response = client.get(convening.get_absolute_url())

    assert response.status_code == 200
    assert len(response.context["delegations"]) == delegations
