"""Exports in both languages (one PDF or a ZIP), rendered once per version of
the roadmap and of the report templates, pre-rendered on submission, and on a
thread of the web process when there is no broker."""

import io
import time
import zipfile

import pytest
from pypdf import PdfReader

from academy.models import Participant
from roadmaps import exports
from roadmaps.enums import ExportStatus
from roadmaps.models import Export, Roadmap
from roadmaps.services import roadmap_status_change
from tests.roadmaps import exports_support
from tests.roadmaps.exports_support import pdf_words

demo_roadmap = exports_support.demo_roadmap
exports_dir = exports_support.exports_dir
in_process_tasks = exports_support.in_process_tasks


@pytest.fixture
def request_export(
    client,
    demo_roadmap,
    bolivia_member,
    exports_dir,
    in_process_tasks,
    django_capture_on_commit_callbacks,
):
    client.force_login(bolivia_member)

    def ask(**data):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"/roadmaps/{demo_roadmap.pk}/exports/new/", {"language": "en", **data}
            )
        assert response.status_code == 302
        return Export.objects.get(pk=response["Location"].split("/")[2])

    return ask


def test_both_languages_in_one_pdf(client, request_export):
    export = request_export(language="es,en", bundle="pdf")

    download = client.get(f"/exports/{export.pk}/download/")

    assert download["Content-Type"] == "application/pdf"
    assert export.filename.startswith("roadmap-BOL-es-en-")
    text = pdf_words(b"".join(download.streaming_content))
    assert "Resumen ejecutivo" in text and "Executive summary" in text


def test_both_languages_as_two_pdfs_in_a_zip(client, request_export):
    export = request_export(language="es,en", bundle="zip")

    download = client.get(f"/exports/{export.pk}/download/")

    assert download["Content-Type"] == "application/zip"
    assert export.filename.endswith(".zip")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    names = sorted(archive.namelist())
    assert [name[:15] for name in names] == ["roadmap-BOL-en-", "roadmap-BOL-es-"]
    spanish = PdfReader(io.BytesIO(archive.read(names[1])))
    assert str(spanish.trailer["/Root"]["/Lang"]) == "es"
    assert "Resumen ejecutivo" in pdf_words(archive.read(names[1]))
    assert "Executive summary" in pdf_words(archive.read(names[0]))


def test_one_language_is_always_one_pdf(request_export):
    export = request_export(language="en", bundle="zip")

    assert (export.bundle, export.filename[-4:]) == ("pdf", ".pdf")


def test_an_unchanged_roadmap_is_offered_again_and_the_history_says_so(
    client, request_export, demo_roadmap
):
    first = request_export()

    again = request_export()

    assert again.pk == first.pk
    assert (again.reuse_count, again.status) == (1, ExportStatus.READY)
    assert Export.objects.count() == 1
    page = client.get(f"/roadmaps/{demo_roadmap.pk}/exports/").content.decode()
    assert "Reused once: the roadmap had not changed" in page
    detail = client.get(f"/exports/{first.pk}/").content.decode()
    assert "offered again" in detail


def test_new_report_templates_make_a_new_file(request_export, monkeypatch):
    first = request_export()
    monkeypatch.setattr(exports, "REPORT_TEMPLATES_VERSION", "next-release")

    again = request_export()

    assert again.pk != first.pk
    assert again.status == ExportStatus.READY


def test_a_change_to_the_members_listed_makes_a_new_file(request_export, bolivia):
    first = request_export()
    Participant.objects.filter(delegation=bolivia).update(position="Ministra")

    assert request_export().pk != first.pk


def test_the_export_page_never_says_preparing_and_ready_at_once(client, request_export):
    export = request_export()

    page = client.get(f"/exports/{export.pk}/").content.decode()

    assert "Ready" in page
    assert "being prepared" not in page


def test_a_submission_is_rendered_before_the_facilitator_asks(
    client,
    demo_roadmap,
    bolivia_member,
    facilitator,
    exports_dir,
    in_process_tasks,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.EXPORTS_PRERENDER_ON_SUBMIT = True
    convening = demo_roadmap.delegation.convening
    convening.languages = ["es", "en"]
    convening.save()
    Roadmap.objects.filter(pk=demo_roadmap.pk).update(status="draft")

    with django_capture_on_commit_callbacks(execute=True):
        roadmap_status_change(
            user=bolivia_member, roadmap=demo_roadmap, transition="submit"
        )

    ready = Export.objects.filter(status=ExportStatus.READY)
    assert sorted(ready.values_list("language", flat=True)) == ["en", "es"]
    client.force_login(facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/roadmaps/{demo_roadmap.pk}/exports/new/", {"language": "es"})
    assert Export.objects.count() == 2  # the facilitator's click reused one


@pytest.mark.django_db(transaction=True)
def test_without_a_broker_the_request_answers_at_once_and_a_thread_renders(
    client, exports_dir, settings
):
    from roadmaps.demo import demo_roadmap_fill
    from tests import factories

    settings.EXPORTS_IN_THREADS = True
    delegation = factories.DelegationFactory(country="BO")
    member = factories.ParticipantFactory(delegation=delegation)
    demo_roadmap_fill(roadmap=delegation.roadmap)
    client.force_login(member.user)

    response = client.post(
        f"/roadmaps/{delegation.roadmap.pk}/exports/new/", {"language": "en"}
    )

    export = Export.objects.get()
    assert response.status_code == 302
    progress = client.get(f"/exports/{export.pk}/").content.decode()
    assert 'hx-trigger="load delay:250ms"' in progress or "Ready" in progress
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        export.refresh_from_db()
        if export.status in {ExportStatus.READY, ExportStatus.FAILED}:
            break
        time.sleep(0.2)
    assert export.status == ExportStatus.READY
    assert export.worker.startswith("web:")
