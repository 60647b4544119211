"""Organizers create convenings, and set their time zone."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from academy.enums import Role
from academy.models import Convening, ConveningRole, Organization
from tests import factories
from tests.cohort.convening_form import FORM

# Create
# ------------------------------------------------------------------------------


def test_convening_create_staff_with_permission_becomes_organizer(client, creator):
    unops = factories.OrganizationFactory(name="UNOPS")
    client.force_login(creator)

    response = client.post(
        reverse("cohort:convening_create"),
        {**FORM, "co_organizers": [unops.pk], "new_organizations": "UN Women\n\n"},
    )

    convening = Convening.objects.get(name="Academy Lima")
    assert response.status_code == 302
    assert response.url == f"/convenings/{convening.pk}/"
    assert convening.city == "Lima"
    assert convening.languages == ["es", "en"]
    assert convening.start_date == datetime.date(2026, 3, 10)
    assert sorted(o.name for o in convening.co_organizers.all()) == [
        "UN Women",
        "UNOPS",
    ]
    assert list(
        ConveningRole.objects.filter(convening=convening).values_list("user", "role")
    ) == [(creator.pk, Role.ORGANIZER)]
    page = client.get(response.url).content.decode()
    assert "Academy Lima" in page
    assert "Convening management" in page


def test_convening_create_reuses_an_organization_typed_by_name(client, creator):
    factories.OrganizationFactory(name="UN Women")
    client.force_login(creator)

    client.post(
        reverse("cohort:convening_create"), {**FORM, "new_organizations": "un women"}
    )

    assert Organization.objects.filter(name__iexact="un women").count() == 1
    convening = Convening.objects.get(name="Academy Lima")
    assert [o.name for o in convening.co_organizers.all()] == ["UN Women"]


def test_an_organization_reads_in_the_pages_language(client, creator, settings):
    factories.OrganizationFactory(name_en="UN Women", name_es="ONU Mujeres")
    client.force_login(creator)
    # Typed in Spanish on a Spanish page: the curated organization, not a copy.
    client.post(
        reverse("cohort:convening_create"), {**FORM, "new_organizations": "onu mujeres"}
    )
    convening = Convening.objects.get(name="Academy Lima")

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    creator.preferred_language = ""
    creator.save(update_fields=["preferred_language"])
    spanish = client.get(convening.get_absolute_url()).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(convening.get_absolute_url()).content.decode()

    assert Organization.objects.count() == 1
    assert "Coorganizada por: ONU Mujeres" in spanish
    assert "UN Women" not in spanish
    assert "Co-organized by: UN Women" in english


def test_convening_create_refuses_end_before_start(client, creator):
    client.force_login(creator)

    response = client.post(
        reverse("cohort:convening_create"), {**FORM, "end_date": "2026-03-09"}
    )

    assert response.status_code == 200
    assert "The convening cannot end before it starts." in response.content.decode()
    assert not Convening.objects.filter(name="Academy Lima").exists()


def test_convening_create_needs_a_working_language(client, creator):
    client.force_login(creator)

    response = client.post(
        reverse("cohort:convening_create"), {**FORM, "languages": []}
    )

    assert response.status_code == 200
    assert not Convening.objects.filter(name="Academy Lima").exists()


def test_convening_create_form_shows_for_allowed_staff(client, creator):
    client.force_login(creator)

    response = client.get(reverse("cohort:convening_create"))

    assert response.status_code == 200
    assert "You will be an organizer of the new convening." in (
        response.content.decode()
    )


def test_convening_create_refuses_staff_without_permission(client, db):
    user = factories.UserFactory(is_staff=True)
    client.force_login(user)

    assert client.get(reverse("cohort:convening_create")).status_code == 404
    assert client.post(reverse("cohort:convening_create"), FORM).status_code == 404
    assert not Convening.objects.filter(name="Academy Lima").exists()


def test_convening_create_needs_the_permission_not_staff(client, db):
    """The right to create convenings is given in the app: no admin access needed."""
    user = factories.UserFactory(is_staff=False)
    user.user_permissions.add(Permission.objects.get(codename="add_convening"))
    client.force_login(user)

    response = client.post(reverse("cohort:convening_create"), FORM)

    assert response.status_code == 302
    assert Convening.objects.get(name_en="Academy Lima").roles.get().user == user


def test_convening_create_refuses_an_organizer(client, organizer):
    client.force_login(organizer)

    assert client.get(reverse("cohort:convening_create")).status_code == 404


def test_convening_create_anonymous_goes_to_login(client, db):
    response = client.get(reverse("cohort:convening_create"))

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


# Time zone
# ------------------------------------------------------------------------------


def _edit_data(convening, **changes):
    return {
        **FORM,
        "name_en": convening.name_en,
        "start_date": "2025-06-24",
        "end_date": "2025-06-26",
        "time_zone": convening.time_zone,
        **changes,
    }


def test_changing_the_time_zone_shows_what_happens_to_the_sessions_first(
    client, organizer, convening
):
    session = factories.session_at(convening, 24, 9, title="Opening")
    client.force_login(organizer)
    url = reverse("cohort:convening_update", args=[convening.pk])

    response = client.post(url, _edit_data(convening, time_zone="America/Mexico_City"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "see below what happens to the sessions, choose, and save again" in page
    assert (
        '<input type="hidden" name="zone_change_seen" value="America/Mexico_City">'
        in page
    )
    # Now 09:00 in Panama; 09:00 in Mexico City keeping the local time; 08:00
    # keeping the moment (Mexico City is an hour behind Panama in June).
    row = page[page.index(">Opening</th>") :].split("</tr>")[0]
    assert [cell.split(">")[-1].strip() for cell in row.split("</td>")[:3]] == [
        "06/24/2025 09:00",
        "06/24/2025 09:00",
        "06/24/2025 08:00",
    ]
    convening.refresh_from_db()
    session.refresh_from_db()
    assert convening.time_zone == "America/Panama"
    assert session.starts_at == factories.panama(24, 9)


@pytest.mark.parametrize(("choice", "local_hour"), [("local", 9), ("moments", 8)])
def test_a_confirmed_time_zone_change_keeps_what_the_organizer_chose(
    client, organizer, convening, choice, local_hour
):
    session = factories.session_at(convening, 24, 9, title="Opening")
    client.force_login(organizer)
    url = reverse("cohort:convening_update", args=[convening.pk])
    data = _edit_data(
        convening,
        time_zone="America/Mexico_City",
        zone_change_seen="America/Mexico_City",
        session_times=choice,
    )

    response = client.post(url, data)

    assert response.status_code == 302
    convening.refresh_from_db()
    session.refresh_from_db()
    assert convening.time_zone == "America/Mexico_City"
    local = session.starts_at.astimezone(convening.zone)
    assert (local.date(), local.hour) == (datetime.date(2025, 6, 24), local_hour)
    assert session.ends_at - session.starts_at == datetime.timedelta(hours=1)


def test_the_time_zone_defaults_to_the_host_country_s(client, creator):
    client.force_login(creator)

    response = client.post(
        reverse("cohort:convening_create"),
        {**FORM, "name_en": "Academy Bogotá", "country": "CO", "time_zone": ""},
    )

    assert response.status_code == 302
    assert Convening.objects.get(name_en="Academy Bogotá").time_zone == (
        "America/Bogota"
    )


def test_the_time_zones_are_grouped_by_region_with_their_offset(client, creator):
    client.force_login(creator)

    page = client.get(reverse("cohort:convening_create")).content.decode()

    assert '<optgroup label="America">' in page
    assert '<option value="America/Bogota">Bogota (UTC\u221205:00)</option>' in page
    assert "data-country-zones=" in page


def test_an_organization_typed_for_one_convening_is_not_offered_to_another(
    client, organizer, other_organizer, convening
):
    other = ConveningRole.objects.get(user=other_organizer).convening
    client.force_login(organizer)
    data = _edit_data(convening, new_organizations="Org secreta")
    data["time_zone"] = convening.time_zone
    assert (
        client.post(
            reverse("cohort:convening_update", args=[convening.pk]), data
        ).status_code
        == 302
    )
    secret = Organization.objects.get(name="Org secreta")
    assert secret.convening == convening

    client.force_login(other_organizer)
    form = client.get(reverse("cohort:convening_update", args=[other.pk]))

    assert "Org secreta" not in form.content.decode()
    assert secret not in form.context["form"].fields["co_organizers"].queryset
    # Chosen by its id anyway, it is refused; typed by name, it is a new one.
    data = {
        **FORM,
        "name_en": other.name_en,
        "start_date": other.start_date.isoformat(),
        "end_date": other.end_date.isoformat(),
        "time_zone": other.time_zone,
        "co_organizers": [secret.pk],
    }
    url = reverse("cohort:convening_update", args=[other.pk])
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "co_organizers" in refused.context["form"].errors
    del data["co_organizers"]
    assert (
        client.post(url, {**data, "new_organizations": "Org secreta"}).status_code
        == 302
    )
    other.refresh_from_db()
    assert [org.convening for org in other.co_organizers.all()] == [other]
