"""The PDF reports: what they say, in which language, at a fixed query cost."""

import datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from academy.enums import AttendanceStatus
from academy.models import Attendance
from roadmaps.enums import ExportKind, ExportStatus
from roadmaps.exports import export_request
from roadmaps.models import Export
from roadmaps.reports import (
    cohort_report,
    cohort_report_context,
    report_pdf,
    roadmap_report,
    roadmap_report_context,
)
from tests import factories
from tests.roadmaps import exports_support
from tests.roadmaps.exports_support import pdf_text, pdf_words

OUTCOME = (
    "Aumenta la participación significativa de las mujeres en los espacios de "
    "decisión sobre paz y seguridad."
)

# Fixtures shared by the export tests.
demo_roadmap = exports_support.demo_roadmap
exports_dir = exports_support.exports_dir
in_process_tasks = exports_support.in_process_tasks
large_roadmap = exports_support.large_roadmap
listener = exports_support.listener


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "en",
            [
                "Roadmap of Bolivia",
                "Results framework",
                "Número de mujeres mediadoras certificadas (personas) 12 (2024) "
                "60 (2028)",
                "Total USD 93,000.00 45,000.00 18,000.00 30,000.00",
            ],
        ),
        (
            "es",
            [
                "Número de mujeres mediadoras certificadas (personas) 12 (2024) "
                "60 (2028)",
                # Spanish groups thousands with a (no-break) space.
                "USD 93 000,00 45 000,00 18 000,00 30 000,00",
            ],
        ),
    ],
)
def test_roadmap_report_holds_country_outcomes_indicators_and_budget(
    demo_roadmap, language, words
):
    report = roadmap_report(roadmap_id=demo_roadmap.pk, language=language)
    rendered = report_pdf(report=report)

    text = pdf_words(rendered.content)
    assert "Bolivia" in text
    assert OUTCOME in text
    for expected in words:
        assert expected in text
    assert rendered.refused_urls == []
    assert report.filename == (
        f"roadmap-BOL-{language}-{timezone.localdate(timezone=demo_roadmap.delegation.convening.zone):%Y-%m-%d}.pdf"
    )


def test_roadmap_report_is_tagged_with_title_author_language_and_page_numbers(
    demo_roadmap,
):
    from io import BytesIO

    from pypdf import PdfReader

    rendered = report_pdf(
        report=roadmap_report(roadmap_id=demo_roadmap.pk, language="es")
    )

    reader = PdfReader(BytesIO(rendered.content))
    assert reader.metadata.author == "NAP Academy"
    assert "Bolivia" in reader.metadata.title
    assert reader.trailer["/Root"]["/Lang"] == "es"
    assert bool(reader.trailer["/Root"]["/MarkInfo"]["/Marked"]) is True
    pages = len(reader.pages)
    assert pages == rendered.pages >= 5
    last = reader.pages[-1].extract_text()
    assert f"{pages}" in last.split()[-1] or f" {pages}" in last
    # The table of contents gives each chapter's page.
    contents = " ".join(reader.pages[1].extract_text().split())
    assert "10. " in contents
    assert ". 2" in contents or ". 3" in contents


def test_roadmap_report_dates_follow_language_and_convening_time_zone(demo_roadmap):
    convening = demo_roadmap.delegation.convening
    convening.start_date = datetime.date(2025, 6, 24)
    convening.end_date = datetime.date(2025, 6, 26)
    convening.save()

    spanish = pdf_words(
        report_pdf(
            report=roadmap_report(roadmap_id=demo_roadmap.pk, language="es")
        ).content
    )
    english = pdf_words(
        report_pdf(
            report=roadmap_report(roadmap_id=demo_roadmap.pk, language="en")
        ).content
    )

    assert "24 de junio de 2025" in spanish
    assert "June 24, 2025" in english


@pytest.mark.parametrize("size", ["demo", "large"])
def test_roadmap_report_context_queries_are_constant(db, request, size):
    # ``db`` by name: a database reached only through getfixturevalue is not
    # seen by pytest-django, which then runs the test last and on a connection
    # of its own that is left open (the test database cannot be dropped).
    roadmap = request.getfixturevalue(f"{size}_roadmap")

    with CaptureQueriesContext(connection) as queries:
        context = roadmap_report_context(roadmap_id=roadmap.pk)
        report_pdf  # rendering itself reads nothing more:
        from django.template.loader import render_to_string

        render_to_string(
            "roadmaps/reports/roadmap.html",
            {**context, "language": "en", "author": "NAP Academy"},
        )

    # The roadmap, its tree, its members, the convening's co-organizers.
    assert len(queries) == 11
    if size == "large":
        assert len(context["tree"].activities) == 4 * 3 * 3 * 4
        assert len(context["indicators"]) == 4 * 3 + 4 * 3 * 3


@pytest.mark.parametrize("delegations", [2, 8])
def test_cohort_report_context_queries_are_constant(convening, delegations):
    countries = ["BO", "CR", "EC", "PA", "CO", "GT", "HN", "MX"][:delegations]
    for country in countries:
        delegation = factories.DelegationFactory(convening=convening, country=country)
        factories.ParticipantFactory(delegation=delegation)
    factories.SessionFactory(convening=convening)

    with CaptureQueriesContext(connection) as queries:
        context = cohort_report_context(convening_id=convening.pk)
        from django.template.loader import render_to_string

        render_to_string(
            "roadmaps/reports/cohort.html",
            {**context, "language": "en", "author": "NAP Academy"},
        )

    # Counts and summaries, the per-pillar figures for the comparison by pillar
    # (counted by the database: roadmaps.pillar_summaries), the indicators
    # that measure a reference indicator (one query), the attendance rates
    # (the members, the sessions held so far, and the marks' counts when they
    # are not in the cache yet).
    assert len(queries) == 20
    assert context["delegation_count"] == delegations


def test_cohort_report_holds_delegations_attendance_scores_budgets_and_agenda(
    convening, demo_roadmap, ecuador, bolivia_member, facilitator
):
    session = factories.SessionFactory(
        convening=convening, title="Costing the activities"
    )
    participant = bolivia_member.memberships.get()
    Attendance.objects.create(
        session=session, participant=participant, status=AttendanceStatus.PRESENT
    )

    rendered = report_pdf(
        report=cohort_report(convening_id=convening.pk, language="en")
    )

    text = pdf_words(rendered.content)
    assert "Cohort report" in text
    assert "Bolivia (BOL) Drafting 1 1 0 100%" in text
    assert "Ecuador (ECU) No NAP yet 0 0 0 —" in text
    assert "Bolivia USD 93,000.00 45,000.00 18,000.00 30,000.00" in text
    assert "Costing the activities" in text
    assert "Fabio Facil" in text
    assert "Academy Panama" in text


def test_report_prints_hostile_texts_as_text_and_fetches_nothing(
    bolivia, listener, exports_dir, in_process_tasks, django_capture_on_commit_callbacks
):
    from roadmaps.models import Pillar
    from roadmaps.services import roadmap_initialize
    from tests.factories.roadmaps import outcome

    port, hits = listener
    roadmap = roadmap_initialize(roadmap=bolivia.roadmap)
    image = f'<img src="http://127.0.0.1:{port}/x">'
    css = f'<style>body {{ background: url("http://127.0.0.1:{port}/css") }}</style>'
    attachment = '<link rel="attachment" href="file:///etc/passwd">'
    script = "<script>alert(1)</script>"
    roadmap.context_analysis = f"{image} {css}"
    roadmap.toc_if = attachment
    roadmap.toc_then = script
    roadmap.save()
    pillar = Pillar.objects.filter(roadmap=roadmap).first()
    outcome(
        roadmap,
        pillar,
        f'{image} <div style="background: url(http://127.0.0.1:{port}/y)">',
    )

    with django_capture_on_commit_callbacks(execute=True):
        export = export_request(
            kind=ExportKind.ROADMAP, roadmap=roadmap, language="en", user=None
        )

    export.refresh_from_db()
    assert export.status == ExportStatus.READY
    with export.file_open() as handle:
        content = handle.read()
    # Long texts wrap anywhere: compare them without spaces.
    squeezed = "".join(pdf_text(content).split())
    assert hits == []
    for hostile in (image, css, attachment, script):
        assert "".join(hostile.split()) in squeezed
    assert b"root:x:0:0" not in content


def test_export_commands_write_the_roadmap_and_cohort_reports(demo_roadmap, tmp_path):
    roadmap_file = tmp_path / "roadmap.pdf"
    cohort_file = tmp_path / "cohort.pdf"

    call_command(
        "export_roadmap", "bol", "--language", "en", "--output", str(roadmap_file)
    )
    call_command(
        "export_cohort",
        "--language",
        "en",
        "--output",
        str(cohort_file),
        "--convening",
        str(demo_roadmap.delegation.convening_id),
    )

    assert "Roadmap of Bolivia" in pdf_words(roadmap_file.read_bytes())
    assert "Cohort report" in pdf_words(cohort_file.read_bytes())
    assert Export.objects.count() == 0  # the command line renders, nothing queued


def test_export_roadmap_command_refuses_an_unknown_delegation(convening, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No delegation XYZ"):
        call_command("export_roadmap", "XYZ", "--output", str(tmp_path / "x.pdf"))
    assert not Path(tmp_path / "x.pdf").exists()
