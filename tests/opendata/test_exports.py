"""The results frameworks as JSON (valid against its schema), XLSX (read back,
the database's values) and IATI 2.03 XML (valid against the official schema
kept in docs/iati/), and what IATI cannot hold said, never written invalid."""

import io
import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import openpyxl
import pytest
from django.core.management import call_command
from lxml import etree

from accompaniment.models import ReportingPeriod
from accompaniment.services import periods_sync_all
from opendata.exports import results_export
from opendata.iati import iati_activities
from opendata.results_data import results_data
from opendata.services import export_settings_save
from roadmaps.models import Activity, Indicator, Milestone

DOCS = Path(__file__).resolve().parents[2] / "docs"
SCHEMA = json.loads((DOCS / "results-data.schema.json").read_text())


@pytest.fixture(scope="module")
def iati_schema():
    return etree.XMLSchema(
        etree.parse(str(DOCS / "iati/2.03/iati-activities-schema.xsd"))
    )


def _valid_iati(schema, content: bytes):
    document = etree.fromstring(content)
    assert schema.validate(document), schema.error_log


def test_the_demo_roadmap_as_json_follows_its_schema(demo_roadmap):
    data = results_data(
        convening=demo_roadmap.delegation.convening, roadmaps=[demo_roadmap]
    )
    jsonschema.validate(data, SCHEMA)
    [roadmap] = data["roadmaps"]
    assert roadmap["delegation"]["iso3"] == "BOL"
    assert roadmap["delegation"]["name"] == {"es": "Bolivia", "en": "Bolivia"}
    first = roadmap["pillars"][0]
    assert first["code"] == "1"
    assert set(first["standard_name"]) == {"es", "en"}
    codes = [o["code"] for p in roadmap["pillars"] for o in p["outcomes"]]
    assert codes[0] == "1.1"


def test_the_demo_and_the_large_roadmap_as_iati_validate(
    demo_roadmap, large_roadmap, iati_schema
):
    for roadmap in (demo_roadmap, large_roadmap):
        data = results_data(convening=roadmap.delegation.convening, roadmaps=[roadmap])
        exported = iati_activities(data)
        _valid_iati(iati_schema, exported.xml)
        document = etree.fromstring(exported.xml)
        indicators = Indicator.objects.filter(roadmap=roadmap, deleted_at__isnull=True)
        assert len(document.findall(".//indicator")) == indicators.count()
        identifier = document.findtext(".//iati-identifier")
        assert identifier.endswith(f"-{roadmap.delegation.code}")


def test_an_indicator_without_baseline_year_is_said_and_the_xml_stays_valid(
    demo_roadmap, iati_schema
):
    indicator = Indicator.objects.filter(roadmap=demo_roadmap).first()
    Indicator.objects.filter(pk=indicator.pk).update(baseline_year=None)
    data = results_data(
        convening=demo_roadmap.delegation.convening, roadmaps=[demo_roadmap]
    )
    exported = iati_activities(data)
    _valid_iati(iati_schema, exported.xml)
    code = next(
        i["code"]
        for p in data["roadmaps"][0]["pillars"]
        for o in p["outcomes"]
        for i in o["indicators"]
        + [x for out in o["outputs"] for x in out["indicators"]]
        if i["id"] == indicator.pk
    )
    assert any(
        f"indicator {code}: no baseline year" in problem
        for problem in exported.problems
    )


def test_a_period_with_neither_target_nor_actual_is_left_out_and_said(
    demo_roadmap, iati_schema
):
    periods_sync_all()
    period = ReportingPeriod.objects.filter(indicator__roadmap=demo_roadmap).first()
    ReportingPeriod.objects.filter(pk=period.pk).update(target_value=None)
    data = results_data(
        convening=demo_roadmap.delegation.convening, roadmaps=[demo_roadmap]
    )
    exported = iati_activities(data)
    _valid_iati(iati_schema, exported.xml)
    assert any("has neither target nor actual" in p for p in exported.problems)


def test_the_spreadsheet_reads_back_as_the_database_holds_it(demo_roadmap):
    export = results_export(
        convening=demo_roadmap.delegation.convening,
        roadmaps=[demo_roadmap],
        fmt="xlsx",
        subject="BOL",
    )
    book = openpyxl.load_workbook(io.BytesIO(export.content))
    assert book.sheetnames == [
        "Roadmaps",
        "Pillars",
        "Outcomes",
        "Outputs",
        "Indicators",
        "Periods",
        "Activities",
        "NAP path",
    ]

    def rows(name):
        sheet = book[name]
        header, *body = list(sheet.iter_rows(values_only=True))
        return [dict(zip(header, row, strict=True)) for row in body]

    def same(value, expected):
        if expected is None:
            return value in (None, "")
        if isinstance(expected, Decimal):
            return Decimal(str(value)) == expected
        return value == expected

    indicators = {i.pk: i for i in Indicator.objects.filter(roadmap=demo_roadmap)}
    read = rows("Indicators")
    assert len(read) == len([i for i in indicators.values() if not i.deleted_at])
    for row in read:
        indicator = indicators[row["id"]]
        for column, field in (
            ("statement", "statement"),
            ("baseline_value", "baseline_value"),
            ("baseline_year", "baseline_year"),
            ("target_value", "target_value"),
            ("target_year", "target_year"),
            ("measure", "measure"),
        ):
            assert same(row[column], getattr(indicator, field)), (column, row)
    activities = {a.pk: a for a in Activity.objects.filter(roadmap=demo_roadmap)}
    for row in rows("Activities"):
        activity = activities[row["id"]]
        assert same(row["cost"], activity.cost)
        assert row["funding_status"] == activity.funding_status
        assert row["currency"] == activity.currency
        assert row["statement"] == activity.statement


def test_internal_notes_leave_only_when_the_organizers_say_so(demo_roadmap):
    Milestone.objects.filter(roadmap=demo_roadmap).update(notes="=Internal: call Ana")
    convening = demo_roadmap.delegation.convening

    def exported():
        return json.loads(
            results_export(
                convening=convening, roadmaps=[demo_roadmap], fmt="json", subject="x"
            ).content
        )

    assert "notes" not in exported()["roadmaps"][0]["milestones"][0]
    export_settings_save(convening=convening, include_internal_notes=True)
    data = exported()
    assert data["internal_notes"] is True
    assert data["roadmaps"][0]["milestones"][0]["notes"] == "=Internal: call Ana"
    jsonschema.validate(data, SCHEMA)
    book = openpyxl.load_workbook(
        io.BytesIO(
            results_export(
                convening=convening, roadmaps=[demo_roadmap], fmt="xlsx", subject="x"
            ).content
        )
    )
    assert book["NAP path"]["J2"].value == "'=Internal: call Ana"  # formula-safe


def test_the_command_line_writes_each_format(demo_roadmap, tmp_path, capsys):
    for fmt in ("json", "xlsx", "iati"):
        target = tmp_path / f"out.{fmt}"
        call_command("export_results", "BOL", "--format", fmt, "--output", str(target))
        assert target.stat().st_size > 1000
    assert json.loads((tmp_path / "out.json").read_text())["roadmaps"][0]["id"] == (
        demo_roadmap.pk
    )
    assert b"<iati-activities" in (tmp_path / "out.iati").read_bytes()
