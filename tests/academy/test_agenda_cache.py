"""The agenda is cached per convening (partials/agenda.html, the agenda page):
what a person sees must still be the agenda as stored, in their language, with
the actions their role allows."""

import pytest
from django.urls import reverse

from academy.models import Session
from tests import factories


def _get(client, url, language="en"):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def agenda_url(opening):
    return reverse("academy:agenda", args=[opening.convening_id])


def test_a_session_changed_anywhere_shows_on_the_next_load(
    client, bolivia_member, opening, agenda_url
):
    client.force_login(bolivia_member)
    assert "Opening plenary" in _get(client, agenda_url)
    assert "Opening plenary" in _get(client, "/")

    # Written around the services: the key reads the stored row.
    Session.objects.filter(pk=opening.pk).update(
        title_en="Welcome plenary", room="Room B"
    )

    for url in (agenda_url, "/"):
        page = _get(client, url)
        assert "Welcome plenary" in page and "Room B" in page
        assert "Opening plenary" not in page and "Room A" not in page


def test_a_new_facilitator_or_a_new_name_shows(
    client, bolivia_member, facilitator, convening, opening, agenda_url
):
    client.force_login(bolivia_member)
    assert "Fabio Facil" in _get(client, agenda_url)

    facilitator.full_name = "Fabio Facilitador"
    facilitator.save()
    assert "Fabio Facilitador" in _get(client, agenda_url)
    assert "Fabio Facilitador" in _get(client, "/")

    other = factories.UserFactory(full_name="Nora Nueva")
    factories.RoleFactory(convening=convening, user=other, role="facilitator")
    opening.facilitators.add(other)
    assert "Nora Nueva" in _get(client, agenda_url)
    assert "Nora Nueva" in _get(client, "/")


def test_each_role_gets_its_own_actions(
    client, organizer, facilitator, bolivia_member, opening, agenda_url
):
    edit = reverse("academy:session_update", args=[opening.pk])
    roll_call = reverse("academy:roll_call", args=[opening.pk])
    seen = {}
    for user in (organizer, bolivia_member, facilitator, organizer):
        client.force_login(user)
        seen[user.pk] = _get(client, agenda_url)
        client.logout()

    assert edit in seen[organizer.pk] and roll_call in seen[organizer.pk]
    assert edit not in seen[bolivia_member.pk]
    assert roll_call not in seen[bolivia_member.pk]
    assert roll_call in seen[facilitator.pk] and edit not in seen[facilitator.pk]


def test_each_language_gets_its_own_agenda(client, bolivia_member, opening, agenda_url):
    Session.objects.filter(pk=opening.pk).update(
        title_es="Plenaria de apertura", title_en="Opening plenary"
    )
    client.force_login(bolivia_member)

    english = _get(client, agenda_url, "en")
    bolivia_member.preferred_language = "es"
    bolivia_member.save()
    spanish = _get(client, agenda_url, "es")

    assert "Opening plenary" in english and "Plenaria de apertura" not in english
    assert "Plenaria de apertura" in spanish and "Opening plenary" not in spanish
