"""Organizers write names and titles in both languages; each viewer reads theirs."""

import pytest

from tests import factories


@pytest.fixture
def bilingual(convening):
    convening.name_es = "Academia Panamá"
    convening.name_en = "Panama Academy"
    convening.save()
    factories.SessionFactory(
        convening=convening, title_es="Teoría del cambio", title_en="Theory of change"
    )
    return convening


@pytest.mark.parametrize(
    ("language", "name", "title"),
    [
        ("en", "Panama Academy", "Theory of change"),
        ("es", "Academia Panamá", "Teoría del cambio"),
    ],
)
def test_convening_page_shows_names_in_the_viewers_language(
    client, bilingual, bolivia_member, language, name, title
):
    bolivia_member.preferred_language = language
    bolivia_member.save()
    client.force_login(bolivia_member)

    content = client.get(bilingual.get_absolute_url()).content.decode()

    assert f'<h1 class="page-title">\n  {name}' in content
    assert title in content
    other = "Academia Panamá" if language == "en" else "Panama Academy"
    assert other not in content


def test_text_given_in_one_language_shows_in_the_other(
    client, convening, bolivia_member
):
    convening.name_es = "Solo en español"
    convening.name_en = ""
    convening.save()
    factories.SessionFactory(convening=convening, title_es="Sesión única", title_en="")
    client.force_login(bolivia_member)  # reads English

    content = client.get(f"/convenings/{convening.pk}/agenda/").content.decode()

    assert "Solo en español" in content
    assert "Sesión única" in content


def test_convening_form_saves_both_names(client, organizer, convening):
    client.force_login(organizer)

    client.post(
        f"/convenings/{convening.pk}/edit/",
        {
            "name_es": "Academia de Lima",
            "name_en": "Lima Academy",
            "edition": 3,
            "city_es": "Lima",
            "country": "PE",
            "start_date": "2026-05-04",
            "end_date": "2026-05-06",
            "time_zone": "America/Lima",
            "languages": ["es", "en"],
        },
    )

    convening.refresh_from_db()
    assert (convening.name_es, convening.name_en) == (
        "Academia de Lima",
        "Lima Academy",
    )


def test_convening_form_needs_a_name_in_one_language(client, organizer, convening):
    client.force_login(organizer)

    response = client.post(
        f"/convenings/{convening.pk}/edit/",
        {
            "name_es": "",
            "name_en": "",
            "edition": 3,
            "city_es": "Lima",
            "country": "PE",
            "start_date": "2026-05-04",
            "end_date": "2026-05-06",
            "time_zone": "America/Lima",
            "languages": ["es"],
        },
    )

    assert response.status_code == 200
    assert (
        "Give the convening a name in Spanish or in English."
        in response.content.decode()
    )
