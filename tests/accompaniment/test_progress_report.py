"""The progress reports through the export pipeline, and the tracking data as
JSON (valid against its schema in docs/) and XLSX (read back, the same
figures): only what is shared with the delegation, only approved figures."""

import datetime
import io
import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import openpyxl
import pytest
from django.utils import timezone

from accompaniment.models import DisaggregationCategory, ReportingPeriod
from accompaniment.services import (
    MILESTONE_TRACKED_FIELDS,
    categories_ensure,
    engagement_save,
    indicator_update_review,
    indicator_update_save,
    milestone_track,
    periods_sync,
)
from roadmaps.enums import ExportKind
from roadmaps.models import Export, Indicator
from roadmaps.reports import report_build, report_pdf
from tests.roadmaps.exports_support import pdf_words

SCHEMA = json.loads(
    (
        Path(__file__).resolve().parents[2] / "docs" / "tracking-data.schema.json"
    ).read_text()
)
TODAY = timezone.localdate()


@pytest.fixture
def tracked(demo_roadmap, bolivia_member, facilitator, organizer):
    """The demo roadmap with its path moved on, an approved and a draft update,
    a shared call and an internal note."""
    bolivia = demo_roadmap.delegation
    bolivia.facilitators.add(facilitator)
    milestone_track(
        user=organizer,
        roadmap=demo_roadmap,
        kind="adoption",
        fields={
            **dict.fromkeys(MILESTONE_TRACKED_FIELDS),
            "status": "achieved",
            "achieved_date": TODAY,
            "legal_instrument": "Decreto Supremo N.º 4321",
            "evidence_url": "",
            "notes": "",
        },
        base_version=None,
    )
    mediators = Indicator.objects.get(
        roadmap=demo_roadmap, statement__startswith="Número de mujeres"
    )
    periods_sync(roadmap=demo_roadmap, indicators=[mediators])
    categories_ensure(roadmap=demo_roadmap)
    young = DisaggregationCategory.objects.get(roadmap=demo_roadmap, code="age_18_29")
    period = ReportingPeriod.objects.filter(
        indicator=mediators, starts_on__lte=TODAY
    ).first()
    approved = indicator_update_save(
        period=period,
        user=bolivia_member,
        fields={"value": Decimal("18"), "as_of": period.starts_on},
        category_values={young.pk: Decimal("8")},
        submit=True,
    )
    indicator_update_review(update=approved, user=facilitator, approve=True)
    indicator_update_save(  # a draft: never in a report nor in the data
        period=period,
        user=bolivia_member,
        fields={"value": Decimal("999"), "as_of": period.starts_on},
    )
    engagement_save(
        delegation=bolivia,
        user=facilitator,
        kind="call",
        starts_on=TODAY - datetime.timedelta(days=3),
        summary="Call on the costing template.",
        visibility="delegation",
    )
    engagement_save(
        delegation=bolivia,
        user=facilitator,
        kind="technical_note",
        starts_on=TODAY - datetime.timedelta(days=2),
        summary="Internal: the minister may leave.",
        visibility="staff",
    )
    return demo_roadmap, period


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["Progress report", "Adoption", "Decreto Supremo N.º 4321", "18"]),
        ("es", ["Informe de avance", "Adopción", "Logrado", "Valor real"]),
    ],
)
def test_the_progress_report_holds_the_path_the_indicators_and_the_shared_follow_up(
    tracked, language, words
):
    roadmap, _period = tracked

    report = report_build(
        kind=ExportKind.PROGRESS, language=language, roadmap_id=roadmap.pk
    )
    text = pdf_words(report_pdf(report=report).content)

    for word in words:
        assert word in text
    assert "Call on the costing template." in text
    assert "the minister may leave" not in text
    assert "999" not in text


def test_a_member_asks_for_the_progress_report_and_downloads_it(
    client,
    tracked,
    bolivia_member,
    ecuador_member,
    exports_dir,
    in_process_tasks,
    django_capture_on_commit_callbacks,
):
    roadmap, _period = tracked
    client.force_login(bolivia_member)
    table = client.get(f"/delegations/{roadmap.delegation_id}/indicators/")
    action = f"/delegations/{roadmap.delegation_id}/progress-report/"
    assert f'action="{action}"' in table.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(action, {"language": "es"})

    export = Export.objects.get(kind=ExportKind.PROGRESS)
    assert response["Location"] == f"/exports/{export.pk}/"
    download = client.get(f"/exports/{export.pk}/download/")
    assert download["Content-Disposition"].startswith(
        'attachment; filename="progress-BOL-es-'
    )
    assert "Informe de avance" in pdf_words(b"".join(download.streaming_content))
    client.force_login(ecuador_member)
    assert client.get(f"/exports/{export.pk}/download/").status_code == 404
    assert client.post(action, {"language": "es"}).status_code == 404


def test_the_cohort_progress_report_for_the_staff(
    client,
    tracked,
    facilitator,
    bolivia_member,
    exports_dir,
    in_process_tasks,
    django_capture_on_commit_callbacks,
):
    roadmap, _period = tracked
    convening = roadmap.delegation.convening
    client.force_login(facilitator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/convenings/{convening.pk}/progress-report/", {"language": "en"})

    export = Export.objects.get(kind=ExportKind.COHORT_PROGRESS)
    text = pdf_words(
        b"".join(client.get(f"/exports/{export.pk}/download/").streaming_content)
    )
    assert "Cohort progress report" in text and "Bolivia" in text
    assert "Adopted" in text  # the NAP status, read off the path
    client.force_login(bolivia_member)
    assert (
        client.post(
            f"/convenings/{convening.pk}/progress-report/", {"language": "en"}
        ).status_code
        == 404
    )


def test_the_json_follows_its_schema_and_holds_only_approved_figures(
    client, tracked, bolivia_member
):
    roadmap, period = tracked
    client.force_login(bolivia_member)

    response = client.get(
        f"/delegations/{roadmap.delegation_id}/indicators/tracking.json"
    )

    data = json.loads(response.content)
    jsonschema.validate(data, SCHEMA)
    indicator = next(
        i
        for result in data["result"]
        for i in result["indicator"]
        if i["title"].startswith("Número de mujeres")
    )
    assert (indicator["measure"], indicator["ascending"]) == ("1", "1")
    assert indicator["baseline"] == {"year": 2024, "value": "12"}
    reported = next(
        p
        for p in indicator["period"]
        if p["period-start"] == period.starts_on.isoformat()
    )
    assert reported["actual"] == [
        {"value": "18", "dimension": []},
        {"value": "8", "dimension": [{"name": "age_band", "value": "18–29"}]},
    ]
    assert "999" not in response.content.decode()


def test_the_xlsx_reads_back_as_the_database_holds_it(client, tracked, bolivia_member):
    roadmap, period = tracked
    client.force_login(bolivia_member)

    response = client.get(
        f"/delegations/{roadmap.delegation_id}/indicators/tracking.xlsx"
    )

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert header[:3] == ("result-ref", "result-type", "result-title")
    actuals = [
        dict(zip(header, row, strict=True))
        for row in body
        if row[header.index("period-start")] == period.starts_on.isoformat()
        and row[header.index("actual-value")] is not None
    ]
    assert [(a["actual-value"], a["dimension-value"]) for a in actuals] == [
        (18, None),
        (8, "18–29"),
    ]
    indicator = Indicator.objects.get(pk=period.indicator_id)
    assert actuals[0]["baseline-value"] == float(indicator.baseline_value)
    assert actuals[0]["target-value"] in {None, float(period.target_value or 0)}


def test_a_formula_in_a_statement_does_not_run_in_the_spreadsheet(
    client, tracked, bolivia_member
):
    roadmap, period = tracked
    Indicator.objects.filter(pk=period.indicator_id).update(
        statement='=HYPERLINK("http://evil.example","click")'
    )
    client.force_login(bolivia_member)

    response = client.get(
        f"/delegations/{roadmap.delegation_id}/indicators/tracking.xlsx"
    )

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    titles = {row[4] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert '\'=HYPERLINK("http://evil.example","click")' in titles


def test_another_delegation_gets_none_of_the_data(client, tracked, ecuador_member):
    roadmap, _period = tracked
    client.force_login(ecuador_member)

    for fmt in ("json", "xlsx"):
        url = f"/delegations/{roadmap.delegation_id}/indicators/tracking.{fmt}"
        assert client.get(url).status_code == 404
