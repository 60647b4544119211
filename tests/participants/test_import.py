"""participants/imports/: read and check an import: good files, and every bad
row with its reasons."""

import io
import re

import pytest

from tests import factories
from tests.participants.fixtures.builders import (
    csv_bytes,
    errors_by_row,
    person,
    validate,
    xlsx_bytes,
)

# Good files
# ------------------------------------------------------------------------------


def test_import_validate_reads_every_column(convening, bolivia):
    content = csv_bytes(
        [
            person(
                1,
                **{
                    "Full name": "Ana Pérez",
                    "E-mail": " Ana.Perez@Example.ORG ",
                    "Sector": "Civil society",
                    "Organization": "Red de Mujeres",
                    "Position": "Coordinadora",
                    "Preferred language": "EN",
                },
            )
        ]
    )

    report = validate(convening, "people.csv", content)

    assert report.ok
    [row] = report.rows
    assert (
        row.number,
        row.full_name,
        row.email,
        row.delegation,
        row.sector,
        row.organization,
        row.position,
        row.language,
    ) == (
        2,
        "Ana Pérez",
        "ana.perez@example.org",
        bolivia,
        "civil_society",
        "Red de Mujeres",
        "Coordinadora",
        "en",
    )


@pytest.mark.parametrize("value", ["BO", "bol", "Bolivia", "bolivia"])
def test_import_validate_accepts_country_codes_and_names(convening, bolivia, value):
    report = validate(convening, "p.csv", csv_bytes([person(1, country=value)]))

    assert report.ok
    assert report.rows[0].delegation == bolivia


@pytest.mark.parametrize("value", ["PE", "PER", "Peru", "Perú", "PERU"])
def test_import_validate_accepts_english_and_spanish_names(convening, peru, value):
    report = validate(convening, "p.csv", csv_bytes([person(1, country=value)]))

    assert report.ok
    assert report.rows[0].delegation == peru


@pytest.mark.parametrize(
    ("value", "sector"),
    [
        ("government", "government"),
        ("Gobierno", "government"),
        ("civil society", "civil_society"),
        ("Sociedad civil", "civil_society"),
        ("civil_society", "civil_society"),
    ],
)
def test_import_validate_accepts_sectors_in_english_and_spanish(
    convening, bolivia, value, sector
):
    report = validate(convening, "p.csv", csv_bytes([person(1, Sector=value)]))

    assert report.ok
    assert report.rows[0].sector == sector


def test_import_validate_empty_language_takes_the_convenings_first(convening, bolivia):
    convening.languages = ["en", "es"]
    convening.save()

    report = validate(
        convening, "p.csv", csv_bytes([person(1, **{"Preferred language": ""})])
    )

    assert report.ok
    assert report.rows[0].language == "en"


def test_import_validate_reads_spanish_headers_semicolons_and_windows_encoding(
    convening, bolivia
):
    header = [
        "Nombre completo",
        "Correo electrónico",
        "País",
        "Sector",
        "Organización",
        "Cargo",
        "Idioma",
    ]
    rows = [["María Ñandú", "maria@import.test", "Bolivia", "gobierno", "", "", "es"]]
    content = csv_bytes(rows, header=header, delimiter=";", encoding="cp1252")

    report = validate(convening, "personas.csv", content)

    assert report.ok
    assert report.rows[0].full_name == "María Ñandú"


def test_import_validate_optional_columns_may_be_absent(convening, bolivia):
    content = csv_bytes(
        [["Ana", "ana@import.test", "BO", "government"]],
        header=["full name", "email", "country", "sector"],
    )

    report = validate(convening, "p.csv", content)

    assert report.ok
    assert (report.rows[0].organization, report.rows[0].position) == ("", "")


def test_import_validate_reads_xlsx(convening, bolivia):
    report = validate(
        convening, "people.XLSX", xlsx_bytes([person(1), person(2, Sector="gobierno")])
    )

    assert report.ok
    assert [row.email for row in report.rows] == [
        "person1@import.test",
        "person2@import.test",
    ]


def test_import_preview_says_nothing_of_accounts_of_other_convenings(
    client, organizer, convening, bolivia
):
    """Whether an address has an account elsewhere is none of this convening's
    business: the preview reads the same for a known and an unknown address."""
    factories.ParticipantFactory(
        user__email="known@import.test", user__full_name="Secret Name"
    )
    client.force_login(organizer)
    url = f"/convenings/{convening.pk}/participants/import/"

    def preview(email):
        upload = io.BytesIO(csv_bytes([person(1, **{"E-mail": email})]))
        upload.name = "people.csv"
        page = client.post(url, {"file": upload}).content.decode()
        return page.replace(email, "ADDRESS").replace(email.lower(), "ADDRESS")

    known, unknown = preview("Known@import.test"), preview("nobody@import.test")

    assert "Secret Name" not in known
    assert "existing account" not in known
    # Equal but for the tokens of each answer (CSRF, the preview's own).
    tokens = re.compile(r'name="token" value="[^"]+"|[A-Za-z0-9]{64}')
    assert tokens.sub("", known) == tokens.sub("", unknown)


def test_import_validate_keeps_spreadsheet_row_numbers_across_blank_lines(
    convening, bolivia
):
    content = (
        csv_bytes([person(1)])
        + b"\r\n,,,,,,\r\n"
        + csv_bytes([person(2, **{"E-mail": "bad"})])[len(csv_bytes([])) :]
    )

    report = validate(convening, "p.csv", content)

    assert [row.number for row in report.rows] == [2, 5]
    assert list(errors_by_row(report)) == [5]


def test_import_validate_xlsx_row_numbers_skip_empty_rows(convening, bolivia):
    content = xlsx_bytes([person(1), [None] * 7, person(3, **{"E-mail": ""})])

    report = validate(convening, "p.xlsx", content)

    assert errors_by_row(report) == {4: ["The e-mail address is missing."]}


# Bad rows: every reason, every row
# ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"E-mail": ""}, "The e-mail address is missing."),
        (
            {"E-mail": "ana.example.org"},
            "“ana.example.org” is not a valid e-mail address.",
        ),
        ({"E-mail": "ana@"}, "“ana@” is not a valid e-mail address."),
        ({"Full name": ""}, "The full name is missing."),
        ({"Full name": "x" * 201}, "The full name is longer than 200 characters."),
        ({"Country": ""}, "The country or delegation code is missing."),
        ({"Country": "Narnia"}, "Unknown country or delegation code “Narnia”."),
        ({"Country": "XX"}, "Unknown country or delegation code “XX”."),
        ({"Country": "Chile"}, "Chile has no delegation in this convening."),
        ({"Country": "CHL"}, "Chile has no delegation in this convening."),
        ({"Sector": ""}, "The sector is missing (government or civil society)."),
        (
            {"Sector": "private"},
            "Unknown sector “private” (government or civil society).",
        ),
        ({"Preferred language": "fr"}, "Unknown language “fr” (es or en)."),
    ],
)
def test_import_validate_reports_a_bad_row_and_its_reason(
    convening, bolivia, changes, error
):
    content = csv_bytes([person(1), person(2, **changes)])

    report = validate(convening, "p.csv", content)

    assert not report.ok
    assert errors_by_row(report) == {3: [error]}


def test_import_validate_reports_a_duplicate_within_the_file(convening, bolivia):
    content = csv_bytes(
        [person(1), person(2), person(3, **{"E-mail": "PERSON1@import.test"})]
    )

    report = validate(convening, "p.csv", content)

    assert errors_by_row(report) == {
        4: ["The same e-mail address is already in row 2."]
    }


def test_import_validate_reports_an_existing_participant_of_the_convening(
    convening, bolivia, ecuador_member
):
    content = csv_bytes([person(1, **{"E-mail": "EC@test.org"})])

    report = validate(convening, "p.csv", content)

    assert errors_by_row(report) == {
        2: [
            "ec@test.org is already a participant of this convening "
            "(delegation of Ecuador)."
        ]
    }


def test_import_validate_reports_every_bad_row_with_all_its_reasons(convening, bolivia):
    content = csv_bytes(
        [
            person(1, **{"Full name": "", "E-mail": "nope"}),
            person(2),
            person(3, country="Atlantis", Sector="church"),
            person(4, **{"Preferred language": "de"}),
        ]
    )

    report = validate(convening, "p.csv", content)

    assert errors_by_row(report) == {
        2: ["The full name is missing.", "“nope” is not a valid e-mail address."],
        4: [
            "Unknown country or delegation code “Atlantis”.",
            "Unknown sector “church” (government or civil society).",
        ],
        5: ["Unknown language “de” (es or en)."],
    }


def test_import_validate_finds_bad_rows_with_three_queries(
    convening, bolivia, django_assert_max_num_queries
):
    rows = [person(number, country="XX") for number in range(500)]
    content = csv_bytes(rows)

    with django_assert_max_num_queries(3):
        report = validate(convening, "p.csv", content)

    assert len(report.bad_rows) == 500
