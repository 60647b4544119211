import pytest
from django.urls import reverse

from academy.enums import NapStatus
from academy.models import Delegation, Participant
from accounts.models import User
from roadmaps.models import Roadmap
from tests import factories

# Add
# ------------------------------------------------------------------------------


def test_delegation_create_organizer_adds_delegation_with_roadmap(
    client, organizer, convening
):
    client.force_login(organizer)

    response = client.post(
        reverse("cohort:delegation_create", args=[convening.pk]),
        {"country": "CR", "nap_status": NapStatus.ADOPTED, "notes": "Arrives Monday"},
    )

    delegation = Delegation.objects.get(convening=convening, country="CR")
    assert response.status_code == 302
    assert response.url == f"/delegations/{delegation.pk}/"
    assert delegation.roadmap.nap_status == NapStatus.ADOPTED
    assert delegation.notes == "Arrives Monday"
    assert Roadmap.objects.filter(delegation=delegation).exists()


def test_delegation_create_with_its_focal_point_as_first_member(
    client, organizer, convening
):
    client.force_login(organizer)

    response = client.post(
        reverse("cohort:delegation_create", args=[convening.pk]),
        {
            "country": "CO",
            "nap_status": NapStatus.DRAFTING,
            "focal_point_name": "  Ana   Gómez ",
            "focal_point_email": "Ana.Gomez@Cancilleria.gov.co",
            "focal_point_sector": "government",
            "focal_point_language": "es",
        },
    )

    delegation = Delegation.objects.get(convening=convening, country="CO")
    assert response.status_code == 302
    assert delegation.focal_point.email == "ana.gomez@cancilleria.gov.co"
    assert delegation.focal_point.full_name == "Ana Gómez"
    member = Participant.objects.get(delegation=delegation)
    assert (member.user, member.sector) == (delegation.focal_point, "government")
    assert not member.user.has_usable_password()  # invited later, from the page
    page = client.get(delegation.get_absolute_url()).content.decode()
    assert "Ana Gómez" in page


def test_delegation_create_asks_for_the_focal_point_s_name_and_keeps_the_input(
    client, organizer, convening
):
    client.force_login(organizer)

    response = client.post(
        reverse("cohort:delegation_create", args=[convening.pk]),
        {
            "country": "CO",
            "nap_status": NapStatus.NONE,
            "focal_point_email": "ana.gomez@cancilleria.gov.co",
            "notes": "Kept",
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Give the focal point&#x27;s name." in page
    assert 'value="ana.gomez@cancilleria.gov.co"' in page
    assert not Delegation.objects.filter(country="CO").exists()


def test_delegation_create_refuses_a_focal_point_of_another_delegation(
    client, organizer, convening, bolivia_member
):
    client.force_login(organizer)

    response = client.post(
        reverse("cohort:delegation_create", args=[convening.pk]),
        {
            "country": "CO",
            "nap_status": NapStatus.NONE,
            "focal_point_name": "Berta",
            "focal_point_email": bolivia_member.email,
            "focal_point_sector": "government",
            "focal_point_language": "es",
        },
    )

    assert response.status_code == 200
    assert "already a member of the delegation of Bolivia" in (
        response.content.decode()
    )
    assert not Delegation.objects.filter(country="CO").exists()


def test_delegation_create_refuses_a_second_delegation_of_a_country(
    client, organizer, convening, bolivia
):
    client.force_login(organizer)

    response = client.post(
        reverse("cohort:delegation_create", args=[convening.pk]),
        {"country": "BO", "nap_status": NapStatus.NONE},
    )

    assert response.status_code == 200
    assert "This convening already has a delegation of Bolivia." in (
        response.content.decode()
    )
    assert Delegation.objects.filter(convening=convening).count() == 1


@pytest.mark.parametrize(
    "who", ["other_organizer", "facilitator", "bolivia_member", "other_facilitator"]
)
def test_delegation_create_refuses_who_does_not_organize_the_convening(
    client, convening, who, request
):
    client.force_login(request.getfixturevalue(who))
    url = reverse("cohort:delegation_create", args=[convening.pk])

    get = client.get(url)
    post = client.post(url, {"country": "CR", "nap_status": NapStatus.NONE})

    assert (get.status_code, post.status_code) == (404, 404)
    assert not Delegation.objects.filter(country="CR").exists()


def test_delegation_create_anonymous_goes_to_login(client, convening):
    response = client.post(
        reverse("cohort:delegation_create", args=[convening.pk]),
        {"country": "CR", "nap_status": NapStatus.NONE},
    )

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


# Edit
# ------------------------------------------------------------------------------


def test_delegation_update_organizer_sets_focal_point_among_members(
    client, organizer, bolivia, bolivia_member
):
    client.force_login(organizer)

    response = client.post(
        reverse("cohort:delegation_update", args=[bolivia.pk]),
        {
            "country": "BO",
            "nap_status": NapStatus.RENEWING,
            "focal_point": bolivia_member.pk,
            "notes": "Two more expected",
        },
    )

    assert response.status_code == 302
    bolivia.refresh_from_db()
    assert (bolivia.focal_point, bolivia.notes) == (bolivia_member, "Two more expected")
    # The NAP status follows the path, not this form: it says where to change it.
    assert bolivia.roadmap.nap_status == NapStatus.NONE
    page = client.get(bolivia.get_absolute_url()).content.decode()
    assert "No NAP yet" in page
    assert reverse("accompaniment:nap_path", args=[bolivia.pk]) in page


def test_delegation_update_refuses_a_focal_point_from_another_delegation(
    client, organizer, bolivia, ecuador_member
):
    client.force_login(organizer)

    response = client.post(
        reverse("cohort:delegation_update", args=[bolivia.pk]),
        {
            "country": "BO",
            "nap_status": NapStatus.NONE,
            "focal_point": ecuador_member.pk,
        },
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    bolivia.refresh_from_db()
    assert bolivia.focal_point is None


def test_delegation_update_refuses_the_country_of_another_delegation(
    client, organizer, bolivia, ecuador
):
    client.force_login(organizer)

    response = client.post(
        reverse("cohort:delegation_update", args=[bolivia.pk]),
        {"country": "EC", "nap_status": NapStatus.NONE},
    )

    assert response.status_code == 200
    assert "already has a delegation of Ecuador" in response.content.decode()
    bolivia.refresh_from_db()
    assert bolivia.country.code == "BO"


def test_delegation_update_form_lists_only_members_as_focal_point(
    client, organizer, bolivia, bolivia_member, ecuador_member
):
    client.force_login(organizer)

    response = client.get(reverse("cohort:delegation_update", args=[bolivia.pk]))

    choices = list(response.context["form"].fields["focal_point"].queryset)
    assert choices == [bolivia_member]


@pytest.mark.parametrize(
    "who", ["other_organizer", "facilitator", "bolivia_member", "ecuador_member"]
)
def test_delegation_update_refuses_who_does_not_organize_it(
    client, bolivia, who, request
):
    client.force_login(request.getfixturevalue(who))
    url = reverse("cohort:delegation_update", args=[bolivia.pk])

    get = client.get(url)
    post = client.post(url, {"country": "BO", "nap_status": NapStatus.ADOPTED})

    assert (get.status_code, post.status_code) == (404, 404)


def test_delegation_update_anonymous_goes_to_login(client, bolivia):
    response = client.get(reverse("cohort:delegation_update", args=[bolivia.pk]))

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


# Remove
# ------------------------------------------------------------------------------


def test_delegation_delete_asks_first_then_removes_members_not_accounts(
    client, organizer, convening, bolivia, bolivia_member
):
    client.force_login(organizer)
    url = reverse("cohort:delegation_delete", args=[bolivia.pk])

    confirm = client.get(url)
    response = client.post(url)

    assert confirm.status_code == 200
    assert "Its 1 member leaves the convening" in confirm.content.decode()
    assert response.status_code == 302
    assert response.url == convening.get_absolute_url()
    assert not Delegation.objects.filter(pk=bolivia.pk).exists()
    assert not Participant.objects.filter(user=bolivia_member).exists()
    assert User.objects.filter(pk=bolivia_member.pk).exists()
    assert not Roadmap.objects.filter(delegation_id=bolivia.pk).exists()


@pytest.mark.parametrize(
    "who", ["other_organizer", "facilitator", "bolivia_member", "other_facilitator"]
)
def test_delegation_delete_refuses_who_does_not_organize_it(
    client, bolivia, who, request
):
    client.force_login(request.getfixturevalue(who))

    response = client.post(reverse("cohort:delegation_delete", args=[bolivia.pk]))

    assert response.status_code == 404
    assert Delegation.objects.filter(pk=bolivia.pk).exists()


def test_delegation_delete_anonymous_goes_to_login(client, bolivia):
    response = client.post(reverse("cohort:delegation_delete", args=[bolivia.pk]))

    assert response.status_code == 302
    assert Delegation.objects.filter(pk=bolivia.pk).exists()


# The delegation page
# ------------------------------------------------------------------------------


def test_delegation_detail_lists_members_by_sector_with_actions_for_organizer(
    client, organizer, bolivia, bolivia_member
):
    civil = factories.ParticipantFactory(
        delegation=bolivia,
        user__full_name="Carmen Civil",
        sector="civil_society",
        organization="Red de Mujeres",
        position="Coordinator",
    )
    client.force_login(organizer)

    response = client.get(bolivia.get_absolute_url())

    page = response.content.decode()
    members = response.context["members"]
    assert [m.user.full_name for m in members["government"]] == ["Berta Bolivia"]
    assert [m.user.full_name for m in members["civil_society"]] == ["Carmen Civil"]
    assert "Red de Mujeres" in page and "Coordinator" in page
    assert "Edit delegation" in page and "Remove delegation" in page
    assert f'href="/participants/{civil.pk}/edit/"' in page
    assert f'href="/participants/{civil.pk}/remove/"' in page
    assert "bo@test.org" in page


def test_delegation_detail_facilitator_reads_without_actions(
    client, facilitator, bolivia, bolivia_member
):
    client.force_login(facilitator)

    response = client.get(bolivia.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    assert "Berta Bolivia" in page and "bo@test.org" in page
    assert "Edit delegation" not in page
    assert "/participants/" not in page


def test_delegation_detail_member_reads_without_actions(
    client, bolivia, bolivia_member
):
    client.force_login(bolivia_member)

    page = client.get(bolivia.get_absolute_url()).content.decode()

    assert "Berta Bolivia" in page
    assert "Edit delegation" not in page
    assert "Add member" not in page


@pytest.mark.parametrize("who", ["ecuador_member", "other_organizer"])
def test_delegation_detail_refuses_others(client, bolivia, who, request):
    client.force_login(request.getfixturevalue(who))

    assert client.get(bolivia.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("members", [3, 60])
def test_delegation_detail_query_count_is_constant(
    client, organizer, bolivia, members, django_assert_max_num_queries
):
    for number in range(members):
        factories.ParticipantFactory(
            delegation=bolivia,
            sector="government" if number % 2 else "civil_society",
        )
    client.force_login(organizer)

    # The attendance rates read how many sessions were held (one query).
    with django_assert_max_num_queries(12):
        response = client.get(bolivia.get_absolute_url())

    assert response.status_code == 200
    assert sum(len(people) for people in response.context["members"].values()) == (
        members
    )
