"""The import pages: upload, preview, confirm; organizers only."""

import pytest
from django.urls import reverse

from academy.models import Participant
from accounts.models import User
from tests import factories
from tests.participants.fixtures.builders import (
    HEADER,
    PDF,
    PNG,
    csv_bytes,
    person,
    upload,
    xlsx_bytes,
)


def post_file(client, convening, name, content, existing="refuse"):
    return client.post(
        reverse("participants:participant_import", args=[convening.pk]),
        {"file": upload(name, content), "existing": existing},
    )


def confirm(client, convening, response):
    return client.post(
        reverse("participants:participant_import_confirm", args=[convening.pk]),
        {"token": response.context["token"]},
    )


def counts():
    return User.objects.count(), Participant.objects.count()


def test_import_page_states_the_limits(client, organizer, convening):
    client.force_login(organizer)

    response = client.get(
        reverse("participants:participant_import", args=[convening.pk])
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "At most 2 MB and 5,000 participants." in page
    assert "A CSV or XLSX file of at most 2 MB and 5,000 participants" in page
    assert 'accept=".csv,.xlsx"' in page


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_import_preview_then_confirm_imports_1000_rows(
    client, organizer, convening, bolivia, ecuador, kind
):
    rows = [
        person(number, country="BOL" if number % 2 else "EC") for number in range(1000)
    ]
    content = csv_bytes(rows) if kind == "csv" else xlsx_bytes(rows)
    client.force_login(organizer)

    preview = post_file(client, convening, f"people.{kind}", content)

    page = preview.content.decode()
    assert preview.status_code == 200
    assert "Check before importing" in page
    assert "Import 1000 participants" in page
    assert "person999@import.test" in page
    assert Participant.objects.count() == 0

    done = confirm(client, convening, preview)

    assert done.status_code == 302
    assert done.url == convening.get_absolute_url()
    assert Participant.objects.filter(convening=convening).count() == 1000
    assert ecuador.members.count() == 500
    page = client.get(done.url).content.decode()
    assert "1000 participants were imported." in page


def test_import_bad_rows_are_all_listed_and_nothing_is_imported(
    client, organizer, convening, bolivia, ecuador_member
):
    before = counts()
    content = csv_bytes(
        [
            person(1),
            person(2, **{"E-mail": ""}),
            person(3, **{"E-mail": "ec@test.org"}),
            person(4, **{"E-mail": "person1@import.test"}),
            person(5, country="Narnia"),
            person(6, Sector="business"),
            person(7, **{"Preferred language": "pt"}),
            person(8, **{"Full name": "", "E-mail": "not-an-email"}),
        ]
    )
    client.force_login(organizer)

    response = post_file(client, convening, "p.csv", content)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was imported." in page
    assert "7 rows have problems." in page
    bad = [(row.number, row.errors) for row in response.context["report"].bad_rows]
    assert [number for number, _errors in bad] == [3, 4, 5, 6, 7, 8, 9]
    for text in [
        "The e-mail address is missing.",
        "ec@test.org is already a participant of this convening",
        "The same e-mail address is already in row 2.",
        "Unknown country or delegation code “Narnia”.",
        "Unknown sector “business” (government or civil society).",
        "Unknown language “pt” (es or en).",
        "The full name is missing.",
        "“not-an-email” is not a valid e-mail address.",
    ]:
        assert text in page
    assert "token" not in response.context
    assert counts() == before


def test_import_refuses_an_oversized_file_with_a_message(
    client, organizer, convening, bolivia
):
    before = counts()
    client.force_login(organizer)

    response = post_file(
        client, convening, "big.csv", csv_bytes([person(1)]) + b"x" * (2 * 1024 * 1024)
    )

    assert response.status_code == 200
    assert "The file is larger than 2 MB." in response.content.decode()
    assert counts() == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("scan.csv", PDF, "This is not a CSV file."),
        ("photo.csv", PNG, "This is not a CSV file."),
        ("photo.xlsx", PNG, "This is not an XLSX file."),
        ("scan.pdf", PDF, "Only CSV or XLSX files (.csv, .xlsx) can be imported."),
    ],
)
def test_import_refuses_a_wrong_type_with_a_message(
    client, organizer, convening, bolivia, name, content, message
):
    before = counts()
    client.force_login(organizer)

    response = post_file(client, convening, name, content)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert counts() == before


def test_import_confirm_checks_again_against_the_database(
    client, organizer, convening, bolivia
):
    client.force_login(organizer)
    preview = post_file(client, convening, "p.csv", csv_bytes([person(1), person(2)]))
    factories.ParticipantFactory(delegation=bolivia, user__email="person2@import.test")
    before = counts()

    response = confirm(client, convening, preview)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was imported." in page
    assert "person2@import.test is already a participant of this convening" in page
    assert counts() == before


def test_import_confirm_refuses_a_stale_token(client, organizer, convening, bolivia):
    client.force_login(organizer)
    post_file(client, convening, "p.csv", csv_bytes([person(1)]))

    response = client.post(
        reverse("participants:participant_import_confirm", args=[convening.pk]),
        {"token": "old"},
    )

    assert response.status_code == 302
    assert response.url == reverse(
        "participants:participant_import", args=[convening.pk]
    )
    assert Participant.objects.count() == 0


def test_import_confirm_twice_imports_once(client, organizer, convening, bolivia):
    client.force_login(organizer)
    preview = post_file(client, convening, "p.csv", csv_bytes([person(1)]))

    confirm(client, convening, preview)
    again = confirm(client, convening, preview)

    assert again.status_code == 302
    assert again.url == reverse("participants:participant_import", args=[convening.pk])
    assert Participant.objects.count() == 1


def test_import_confirm_without_a_preview_redirects(
    client, organizer, convening, bolivia
):
    client.force_login(organizer)

    response = client.post(
        reverse("participants:participant_import_confirm", args=[convening.pk]),
        {"token": "x"},
    )

    assert response.status_code == 302
    assert Participant.objects.count() == 0


def test_import_preview_of_one_convening_cannot_be_confirmed_in_another(
    client, organizer, convening, bolivia
):
    other = factories.ConveningFactory()
    factories.RoleFactory(convening=other, user=organizer)
    factories.DelegationFactory(convening=other, country="BO")
    client.force_login(organizer)
    preview = post_file(client, convening, "p.csv", csv_bytes([person(1)]))

    response = client.post(
        reverse("participants:participant_import_confirm", args=[other.pk]),
        {"token": preview.context["token"]},
    )

    assert response.status_code == 302
    assert Participant.objects.count() == 0


@pytest.mark.parametrize(
    "who", ["other_organizer", "facilitator", "bolivia_member", "other_facilitator"]
)
def test_import_refuses_who_does_not_organize_the_convening(
    client, convening, bolivia, who, request
):
    client.force_login(request.getfixturevalue(who))

    page = client.get(reverse("participants:participant_import", args=[convening.pk]))
    upload_response = post_file(client, convening, "p.csv", csv_bytes([person(1)]))
    confirm_response = client.post(
        reverse("participants:participant_import_confirm", args=[convening.pk]),
        {"token": "x"},
    )

    assert (
        page.status_code,
        upload_response.status_code,
        confirm_response.status_code,
    ) == (404, 404, 404)
    assert Participant.objects.filter(user__email="person1@import.test").count() == 0


def test_import_anonymous_goes_to_login(client, convening, bolivia):
    response = post_file(client, convening, "p.csv", csv_bytes([person(1)]))

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert Participant.objects.count() == 0


def test_import_htmx_request_from_another_organizer_is_refused(
    client, other_organizer, convening
):
    client.force_login(other_organizer)

    response = client.get(
        reverse("participants:participant_import", args=[convening.pk]),
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 404


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("language", ["es", "en"])
def test_the_downloaded_template_imports_as_it_is(
    client, organizer, convening, bolivia, kind, language
):
    """The template's headers and example row are read back by the import."""
    client.force_login(organizer)

    template = client.get(
        reverse("participants:participant_import_template", args=[convening.pk, kind])
        + f"?language={language}"
    )
    assert template.status_code == 200
    assert template["Content-Disposition"] == (
        f'attachment; filename="participants-template-{language}.{kind}"'
    )
    content = (
        b"".join(template.streaming_content)
        if template.streaming
        else (template.content)
    )
    if kind == "csv":
        header = content.decode("utf-8-sig").splitlines()[0]
        assert header.startswith(
            "nombre completo;" if language == "es" else "full name,"
        )

    preview = post_file(client, convening, f"template.{kind}", content)

    assert preview.context["report"].ok, preview.context["report"].file_errors
    [row] = preview.context["report"].rows
    assert (row.email, row.delegation, row.sector) == (
        "ana.perez@example.org",
        bolivia,
        "government",
    )


def test_the_preview_names_the_columns_it_ignores(
    client, organizer, convening, bolivia
):
    client.force_login(organizer)
    content = csv_bytes([[*person(1), "+507 600 0000"]], header=[*HEADER, "Teléfono"])

    preview = post_file(client, convening, "people.csv", content)

    assert "This column of the file is not imported: Teléfono." in (
        preview.content.decode()
    )


@pytest.mark.parametrize("existing", ["skip", "update"])
def test_a_second_import_skips_or_updates_who_is_already_here(
    client, organizer, convening, bolivia, ecuador, existing
):
    """The master list again, with two people already imported (one moved to
    Ecuador with a new position) and one new: the preview says which row does
    what, the confirmation does it, and ignored columns are listed."""
    client.force_login(organizer)
    first = post_file(
        client, convening, "p.csv", csv_bytes([person(1), person(2)]), "skip"
    )
    confirm(client, convening, first)
    moved = person(2, country="EC", Position="Vice-minister")
    content = csv_bytes([person(1), moved, person(3)])

    preview = post_file(client, convening, "p.csv", content, existing)

    report = preview.context["report"]
    page = preview.content.decode()
    actions = [row.action for row in report.rows]
    if existing == "skip":
        assert actions == ["skip", "skip", "add"]
        assert "0 to update, 2 already here and left as they are" in page
    else:
        # Person 1 has nothing new: left as they are.
        assert actions == ["skip", "update", "add"]
        assert "1 to add, 1 to update, 1 already here" in page
        assert "Vice-minister" in page and "<del>Bolivia</del> → Ecuador" in page
    done = confirm(client, convening, preview)
    assert done.status_code == 302
    assert Participant.objects.filter(convening=convening).count() == 3
    two = Participant.objects.get(user__email="person2@import.test")
    if existing == "update":
        assert (two.delegation, two.position) == (ecuador, "Vice-minister")
    else:
        assert two.delegation == bolivia
    message = client.get(done["Location"]).content.decode()
    assert "1 participant was imported." in message
