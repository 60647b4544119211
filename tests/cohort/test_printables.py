"""What is printed for the event (issue 20, item 8): the agenda day by day in
either or both languages, and name badges eight to a sheet, each in its
holder's language; through the export pipeline, for the convening's staff,
user-written text escaped."""

import io
import math

from django.urls import reverse
from pypdf import PdfReader

from academy.models import ConveningRole, Participant
from roadmaps.enums import ExportKind
from roadmaps.models import Export
from roadmaps.reports import report_build, report_pdf
from tests import factories
from tests.factories import session_at
from tests.roadmaps.exports_support import pdf_words

NASTY = "<script>alert(1)</script> Budgets & costs"
# Short enough for one line of a badge (a line may break after a slash).
NASTY_NAME = "<i>Ana</i> & Co"


def test_the_agenda_in_both_languages_day_by_day(convening, facilitator):
    opening = session_at(convening, 24, 9, title_en="Opening plenary")
    opening.title_es = "Plenaria de apertura"
    opening.save()
    opening.facilitators.set([facilitator])
    session_at(convening, 25, 14, title_en=NASTY, room="Room B")

    report = report_build(
        kind=ExportKind.AGENDA, language="es,en", convening_id=convening.pk
    )
    assert "&lt;script&gt;" in report.html and "<script>" not in report.html
    words = pdf_words(report_pdf(report=report).content)
    for expected in (
        "Opening plenary",
        "Plenaria de apertura",
        "09:00–10:00",
        "Fabio Facil",
        "Room B",
        NASTY,
        "Tuesday, June 24, 2025",
        "martes, 24 de junio de 2025",
    ):
        assert expected in words, expected
    # In the English part, the opening comes first.
    assert words.index("Opening plenary") < words.rindex(NASTY)


def test_badges_eight_to_a_sheet_each_in_its_holders_language(
    convening, bolivia, ecuador, organizer
):
    factories.ParticipantFactory(
        delegation=bolivia,
        user__full_name="Berta Bolivia",
        user__preferred_language="es",
        organization="Cancillería",
        position="Directora",
        sector="government",
    )
    factories.ParticipantFactory(
        delegation=ecuador,
        user__full_name=NASTY_NAME,
        user__preferred_language="en",
        sector="civil_society",
    )
    factories.ParticipantFactory.create_batch(9, delegation=ecuador)
    people = Participant.objects.count() + ConveningRole.objects.count()

    report = report_build(
        kind=ExportKind.BADGES, language="en", convening_id=convening.pk
    )
    assert "&lt;i&gt;Ana&lt;/i&gt; &amp; Co" in report.html
    content = report_pdf(report=report).content
    assert len(PdfReader(io.BytesIO(content)).pages) == math.ceil(people / 8)
    words = pdf_words(content)
    assert "Berta Bolivia" in words and "Directora, Cancillería" in words
    assert "Bolivia · Gobierno" in words  # her language
    assert "Ecuador · Civil society" in words  # theirs
    assert NASTY_NAME in words
    assert "Organizer" in words and organizer.full_name in words


def test_staff_request_them_and_members_cannot(
    client, convening, organizer, bolivia_member, in_process_tasks
):
    client.force_login(bolivia_member)
    assert (
        client.get(reverse("cohort:printables", args=[convening.pk])).status_code == 404
    )
    client.force_login(organizer)
    page = client.get(reverse("cohort:printables", args=[convening.pk]))
    assert "Make the badges" in page.content.decode()
    for name, kind in (
        ("cohort:agenda_export_request", "agenda"),
        ("cohort:badges_export_request", "badges"),
    ):
        response = client.post(reverse(name, args=[convening.pk]), {"language": "es"})
        export = Export.objects.get(kind=kind)
        assert response["Location"] == export.get_absolute_url()
