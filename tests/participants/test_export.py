"""participants/exports.py and the export downloads: organizers only, formulae
neutralized."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from participants import exports
from tests import factories


@pytest.fixture
def cohort(convening, bolivia, ecuador):
    factories.ParticipantFactory(
        delegation=bolivia,
        user__full_name="Ana Pérez",
        user__email="ana@test.org",
        user__preferred_language="es",
        sector="civil_society",
        organization="Red de Mujeres",
        position="Coordinadora",
    )
    factories.ParticipantFactory(
        delegation=ecuador,
        user__full_name='=HYPERLINK("http://evil")',
        user__email="eve@test.org",
        user__preferred_language="en",
        sector="government",
        organization="+cmd",
        position="-2+3",
    )
    factories.ParticipantFactory(
        delegation=ecuador,
        user__full_name="Zoe Tab",
        user__email="zoe@test.org",
        organization="@SUM(A1)",
        position="\tindent",
    )
    # Another convening's participant is never exported here.
    factories.ParticipantFactory(user__email="elsewhere@test.org")
    return convening


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Ana = Pérez", "Ana = Pérez"),
        ("", ""),
        (None, ""),
    ],
)
def test_cell_neutralize_prefixes_formula_starts(value, expected):
    assert exports.cell_neutralize(value) == expected


def test_participants_csv_lists_the_convenings_participants_neutralized(cohort):
    with translation.override("en"):
        content = exports.participants_csv(convening=cohort)

    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows == [
        [
            "Full name",
            "E-mail",
            "Country",
            "Sector",
            "Organization",
            "Position",
            "Preferred language",
        ],
        [
            "Ana Pérez",
            "ana@test.org",
            "Bolivia",
            "Civil society",
            "Red de Mujeres",
            "Coordinadora",
            "es",
        ],
        [
            '\'=HYPERLINK("http://evil")',
            "eve@test.org",
            "Ecuador",
            "Government",
            "'+cmd",
            "'-2+3",
            "en",
        ],
        [
            "Zoe Tab",
            "zoe@test.org",
            "Ecuador",
            "Government",
            "'@SUM(A1)",
            "'\tindent",
            "en",
        ],
    ]


def test_participants_xlsx_has_no_formula_cells(cohort):
    with translation.override("en"):
        content = exports.participants_xlsx(convening=cohort)

    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[2][:6] == [
        '\'=HYPERLINK("http://evil")',
        "eve@test.org",
        "Ecuador",
        "Government",
        "'+cmd",
        "'-2+3",
    ]
    assert rows[3][4] == "'@SUM(A1)"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert len(rows) == 4


def test_participants_dataset_uses_one_query(cohort, django_assert_num_queries):
    with django_assert_num_queries(1):
        dataset = exports.participants_dataset(convening=cohort)

    assert dataset.height == 3


@pytest.mark.parametrize(
    ("kind", "content_type"),
    [
        ("csv", "text/csv; charset=utf-8"),
        (
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ],
)
def test_participant_export_organizer_downloads(
    client, organizer, cohort, kind, content_type
):
    client.force_login(organizer)

    response = client.get(
        reverse("participants:participant_export", args=[cohort.pk, kind])
    )

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        f'attachment; filename="participants-{cohort.pk}.{kind}"'
    )


def test_participant_export_round_trips_through_the_import(client, organizer, cohort):
    from participants import imports
    from tests.participants.fixtures.builders import upload

    client.force_login(organizer)
    content = client.get(
        reverse("participants:participant_export", args=[cohort.pk, "xlsx"])
    )
    target = factories.ConveningFactory()
    factories.DelegationFactory(convening=target, country="BO")
    factories.DelegationFactory(convening=target, country="EC")

    report = imports.import_validate(
        convening=target, upload=upload("p.xlsx", content.content)
    )

    assert report.ok
    assert [row.email for row in report.rows] == [
        "ana@test.org",
        "eve@test.org",
        "zoe@test.org",
    ]


def test_participant_export_unknown_format_is_not_found(client, organizer, cohort):
    client.force_login(organizer)

    response = client.get(f"/convenings/{cohort.pk}/participants/export.pdf")

    assert response.status_code == 404


@pytest.mark.parametrize(
    "who", ["other_organizer", "facilitator", "bolivia_member", "other_facilitator"]
)
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_participant_export_refuses_who_does_not_organize_the_convening(
    client, cohort, who, kind, request
):
    client.force_login(request.getfixturevalue(who))

    response = client.get(
        reverse("participants:participant_export", args=[cohort.pk, kind])
    )

    assert response.status_code == 404


def test_participant_export_anonymous_goes_to_login(client, cohort):
    response = client.get(
        reverse("participants:participant_export", args=[cohort.pk, "csv"])
    )

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
