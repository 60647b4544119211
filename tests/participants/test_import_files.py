"""participants/imports/: files refused whole, formula-like cells kept as
text, and applying an import, all or nothing."""

import pytest

from academy.models import Participant
from accounts.models import User
from participants import imports
from tests import factories
from tests.participants.fixtures.builders import (
    PDF,
    PNG,
    csv_bytes,
    errors_by_row,
    person,
    validate,
    xlsx_bytes,
)

# Bad files
# ------------------------------------------------------------------------------


def test_import_validate_refuses_a_file_over_2_mb(convening, bolivia):
    content = csv_bytes([person(1)]) + b"x" * (2 * 1024 * 1024)

    report = validate(convening, "big.csv", content)

    assert report.file_errors == [
        "The file is larger than 2 MB. Split it into smaller files."
    ]
    assert report.rows == []


def test_import_validate_refuses_more_than_5000_rows(convening, bolivia):
    content = csv_bytes([person(number) for number in range(5001)])

    report = validate(convening, "many.csv", content)

    assert report.file_errors == [
        "The file has more than 5,000 participants. Split it into smaller files."
    ]


def test_import_validate_accepts_exactly_5000_rows(convening, bolivia):
    content = csv_bytes([person(number) for number in range(5000)])

    report = validate(convening, "many.csv", content)

    assert report.ok
    assert len(report.rows) == 5000


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("scan.csv", PDF, "This is not a CSV file. Save it as CSV or XLSX."),
        ("photo.csv", PNG, "This is not a CSV file. Save it as CSV or XLSX."),
        ("photo.xlsx", PNG, "This is not an XLSX file. Save it as CSV or XLSX."),
        (
            "text.xlsx",
            b"a,b\n1,2\n",
            "This is not an XLSX file. Save it as CSV or XLSX.",
        ),
        (
            "zip.xlsx",
            b"PK\x03\x04broken",
            "This is not an XLSX file. Save it as CSV or XLSX.",
        ),
        (
            "people.pdf",
            PDF,
            "Only CSV or XLSX files (.csv, .xlsx) can be imported.",
        ),
        (
            "people.xls",
            b"\xd0\xcf\x11\xe0",
            "Only CSV or XLSX files (.csv, .xlsx) can be imported.",
        ),
        (
            "binary.csv",
            b"name\x00\x01\x02",
            "This is not a CSV file. Save it as CSV or XLSX.",
        ),
    ],
)
def test_import_validate_refuses_a_wrong_type(convening, bolivia, name, content, error):
    report = validate(convening, name, content)

    assert report.file_errors == [error]


def test_import_validate_refuses_an_xlsx_renamed_csv(convening, bolivia):
    report = validate(convening, "p.csv", xlsx_bytes([person(1)]))

    assert report.file_errors == ["This is not a CSV file. Save it as CSV or XLSX."]


def test_import_validate_refuses_missing_columns(convening, bolivia):
    content = csv_bytes([["Ana", "BO"]], header=["Name", "Country"])

    report = validate(convening, "p.csv", content)

    assert report.file_errors == [
        "The header row (row 1) lacks the column(s): e-mail, sector."
    ]


def test_import_validate_refuses_a_file_without_rows(convening, bolivia):
    report = validate(convening, "p.csv", csv_bytes([]))

    assert report.file_errors == ["The file has no participants below the header row."]


def test_import_validate_refuses_an_empty_file(convening, bolivia):
    report = validate(convening, "p.csv", b"")

    assert report.file_errors == ["The file is empty."]


# Formula-like cells
# ------------------------------------------------------------------------------


def test_import_apply_keeps_formula_like_cells_as_text(convening, bolivia):
    rows = [
        person(1, **{"Full name": '=HYPERLINK("http://x")', "Organization": "+1"}),
        person(2, **{"Organization": "-2+3", "Position": "@SUM(A1)"}),
    ]
    report = validate(convening, "p.csv", csv_bytes(rows))

    applied = imports.import_apply(convening=convening, raw_rows=report.payload())

    assert applied.imported == 2
    first = Participant.objects.get(user__email="person1@import.test")
    second = Participant.objects.get(user__email="person2@import.test")
    assert first.user.full_name == '=HYPERLINK("http://x")'
    assert first.organization == "+1"
    assert (second.organization, second.position) == ("-2+3", "@SUM(A1)")


def test_import_validate_reads_an_xlsx_formula_as_its_text(convening, bolivia):
    content = xlsx_bytes([person(1, Organization="=1+1", Position="@cmd")])

    report = validate(convening, "p.xlsx", content)

    assert report.ok
    assert (report.rows[0].organization, report.rows[0].position) == ("=1+1", "@cmd")


# Apply
# ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_import_apply_1000_rows_with_a_bounded_number_of_queries(
    convening, bolivia, ecuador, kind, django_assert_max_num_queries
):
    known = factories.UserFactory(email="person7@import.test", full_name="Known")
    rows = [
        person(number, country="BO" if number % 2 else "Ecuador")
        for number in range(1000)
    ]
    content = csv_bytes(rows) if kind == "csv" else xlsx_bytes(rows)
    report = validate(convening, f"people.{kind}", content)
    assert report.ok

    # A few reads, then inserts in batches: SQLite caps a query at 999
    # parameters (about 90 rows), PostgreSQL takes 500 rows at a time. One
    # query per row would be over 2,000.
    with django_assert_max_num_queries(30):
        applied = imports.import_apply(convening=convening, raw_rows=report.payload())

    assert (applied.imported, applied.accounts_created) == (1000, 999)
    assert Participant.objects.filter(convening=convening).count() == 1000
    assert bolivia.members.count() == 500
    assert Participant.objects.get(user=known).delegation == bolivia
    known.refresh_from_db()
    assert known.full_name == "Known"
    new = User.objects.get(email="person8@import.test")
    assert (new.full_name, new.preferred_language) == ("Person 8", "es")
    assert not new.has_usable_password()


def test_import_apply_checks_again_and_imports_nothing_when_a_row_went_bad(
    convening, bolivia
):
    report = validate(convening, "p.csv", csv_bytes([person(1), person(2)]))
    assert report.ok
    factories.ParticipantFactory(delegation=bolivia, user__email="person2@import.test")
    users, participants = User.objects.count(), Participant.objects.count()

    applied = imports.import_apply(convening=convening, raw_rows=report.payload())

    assert applied.imported == 0
    assert list(errors_by_row(applied)) == [3]
    assert (User.objects.count(), Participant.objects.count()) == (
        users,
        participants,
    )
