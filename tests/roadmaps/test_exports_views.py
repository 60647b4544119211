"""Export pages: request, progress, download, retry — and who gets 404."""

import datetime

import pytest
from django.utils import timezone

from roadmaps.enums import ExportKind, ExportStatus
from roadmaps.models import Export
from tests import factories
from tests.roadmaps import exports_support
from tests.roadmaps.exports_support import pdf_words

HTMX = {"HTTP_HX_REQUEST": "true"}

# Fixtures shared by the export tests.
demo_roadmap = exports_support.demo_roadmap
exports_dir = exports_support.exports_dir
in_process_tasks = exports_support.in_process_tasks


@pytest.fixture
def ready_export(
    client,
    demo_roadmap,
    bolivia_member,
    exports_dir,
    in_process_tasks,
    django_capture_on_commit_callbacks,
):
    client.force_login(bolivia_member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/roadmaps/{demo_roadmap.pk}/exports/new/", {"language": "en"})
    client.logout()
    return Export.objects.get()


@pytest.fixture
def cohort_export(
    client,
    convening,
    demo_roadmap,
    facilitator,
    exports_dir,
    in_process_tasks,
    django_capture_on_commit_callbacks,
):
    client.force_login(facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/convenings/{convening.pk}/reports/new/", {"language": "es"})
    client.logout()
    return Export.objects.get(kind=ExportKind.COHORT)


def test_member_requests_a_roadmap_pdf_follows_it_and_downloads_it(
    client,
    demo_roadmap,
    bolivia_member,
    exports_dir,
    in_process_tasks,
    django_capture_on_commit_callbacks,
):
    client.force_login(bolivia_member)
    editor = client.get(f"/roadmaps/{demo_roadmap.pk}/")
    assert (
        f'action="/roadmaps/{demo_roadmap.pk}/exports/new/"' in editor.content.decode()
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/roadmaps/{demo_roadmap.pk}/exports/new/", {"language": "es"}
        )

    export = Export.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/exports/{export.pk}/"
    page = client.get(f"/exports/{export.pk}/").content.decode()
    assert "Download PDF" in page
    assert 'hx-trigger="load delay:' not in page  # finished: no more polling
    download = client.get(f"/exports/{export.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    # A file for one person: kept by no shared cache, nor by the browser.
    assert {"private", "no-store"} <= set(
        part.strip() for part in download["Cache-Control"].split(",")
    )
    today = timezone.localdate(timezone=demo_roadmap.delegation.convening.zone)
    assert download["Content-Disposition"] == (
        f'attachment; filename="roadmap-BOL-es-{today:%Y-%m-%d}.pdf"'
    )
    text = pdf_words(b"".join(download.streaming_content))
    assert "Bolivia" in text
    listing = client.get(f"/roadmaps/{demo_roadmap.pk}/exports/").content.decode()
    assert "Berta Bolivia" in listing
    assert "Español" in listing
    assert f"/exports/{export.pk}/download/" in listing


def test_status_fragment_polls_while_queued_and_offers_retry_when_failed(
    client, ready_export, bolivia_member
):
    client.force_login(bolivia_member)
    url = f"/exports/{ready_export.pk}/status/"
    Export.objects.filter(pk=ready_export.pk).update(status=ExportStatus.QUEUED)

    queued = client.get(url, **HTMX).content.decode()
    assert 'hx-trigger="load delay:' in queued
    assert "Queued" in queued

    Export.objects.filter(pk=ready_export.pk).update(
        status=ExportStatus.RENDERING,
        started_at=timezone.now() - datetime.timedelta(hours=1),
    )
    stalled = client.get(url, **HTMX).content.decode()
    assert 'hx-trigger="load delay:' not in stalled
    assert "The worker stopped." in stalled
    assert f'action="/exports/{ready_export.pk}/retry/"' in stalled


def test_retry_button_renders_a_failed_export_again(
    client, ready_export, bolivia_member, django_capture_on_commit_callbacks
):
    Export.objects.filter(pk=ready_export.pk).update(
        status=ExportStatus.FAILED, error="The export took too long and was stopped."
    )
    client.force_login(bolivia_member)
    assert (
        "The export took too long"
        in client.get(f"/exports/{ready_export.pk}/status/", **HTMX).content.decode()
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/exports/{ready_export.pk}/retry/")

    assert response.status_code == 302
    ready_export.refresh_from_db()
    assert (ready_export.status, ready_export.attempts) == (ExportStatus.READY, 2)


def test_facilitator_and_organizer_request_the_cohort_report(
    client, convening, cohort_export, organizer
):
    assert cohort_export.status == ExportStatus.READY
    client.force_login(organizer)
    page = client.get(f"/convenings/{convening.pk}/reports/").content.decode()
    assert "Cohort report" in page
    download = client.get(f"/exports/{cohort_export.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith(
        f'attachment; filename="cohort-{convening.pk}-es-'
    )


def test_facilitator_exports_any_roadmap_of_the_convening(
    client, demo_roadmap, facilitator, ready_export
):
    client.force_login(facilitator)
    assert client.get(f"/roadmaps/{demo_roadmap.pk}/exports/").status_code == 200
    assert client.get(f"/exports/{ready_export.pk}/download/").status_code == 200


def _roadmap_urls(roadmap, export):
    return [
        ("post", f"/roadmaps/{roadmap.pk}/exports/new/", {"language": "en"}),
        ("get", f"/roadmaps/{roadmap.pk}/exports/", None),
        ("get", f"/exports/{export.pk}/", None),
        ("get", f"/exports/{export.pk}/status/", None),
        ("get", f"/exports/{export.pk}/download/", None),
        ("post", f"/exports/{export.pk}/retry/", {}),
    ]


def _cohort_urls(convening, export):
    return [
        ("post", f"/convenings/{convening.pk}/reports/new/", {"language": "en"}),
        ("get", f"/convenings/{convening.pk}/reports/", None),
        ("get", f"/exports/{export.pk}/", None),
        ("get", f"/exports/{export.pk}/status/", None),
        ("get", f"/exports/{export.pk}/download/", None),
        ("post", f"/exports/{export.pk}/retry/", {}),
    ]


def _call(client, method, url, data, htmx=False):
    extra = HTMX if htmx else {}
    if method == "post":
        return client.post(url, data, **extra)
    return client.get(url, **extra)


@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize(
    "who", ["ecuador_member", "other_organizer", "other_facilitator"]
)
def test_roadmap_export_is_404_for_outsiders(
    request, client, demo_roadmap, ready_export, who, htmx
):
    client.force_login(request.getfixturevalue(who))
    before = Export.objects.count()

    for method, url, data in _roadmap_urls(demo_roadmap, ready_export):
        assert _call(client, method, url, data, htmx).status_code == 404, url

    assert Export.objects.count() == before


@pytest.mark.parametrize("who", ["bolivia_member", "ecuador_member", "other_organizer"])
def test_cohort_report_is_404_for_participants_and_other_staff(
    request, client, convening, cohort_export, who
):
    client.force_login(request.getfixturevalue(who))

    for method, url, data in _cohort_urls(convening, cohort_export):
        assert _call(client, method, url, data).status_code == 404, url

    assert Export.objects.count() == 1


def test_exports_send_anonymous_people_to_sign_in(
    client, convening, demo_roadmap, ready_export, cohort_export
):
    urls = _roadmap_urls(demo_roadmap, ready_export) + _cohort_urls(
        convening, cohort_export
    )
    for method, url, data in urls:
        response = _call(client, method, url, data)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next="), url
    assert Export.objects.count() == 2


def test_export_files_are_not_under_a_public_url(client, ready_export, settings):
    assert not ready_export.file.name.startswith(("http", "/"))
    assert client.get(f"/media/exports/{ready_export.file.name}").status_code == 404


@pytest.mark.parametrize("size", [2, 12])
def test_export_pages_keep_a_constant_number_of_queries(
    client,
    demo_roadmap,
    bolivia_member,
    facilitator,
    convening,
    size,
    django_assert_max_num_queries,
):
    for _ in range(size):
        Export.objects.create(
            kind=ExportKind.ROADMAP,
            convening=convening,
            roadmap=demo_roadmap,
            language="en",
            requested_by=factories.UserFactory(),
            filename="x.pdf",
        )
    client.force_login(facilitator)
    with django_assert_max_num_queries(12):
        assert client.get(f"/roadmaps/{demo_roadmap.pk}/exports/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(f"/convenings/{convening.pk}/reports/").status_code == 200
