"""Exports without waste: a second request for the same roadmap content and
language joins the first (one render), an unchanged roadmap's ready report is
offered again, and one person's new exports are limited in a window."""

import io

import pytest
from django.urls import reverse

from roadmaps import services
from roadmaps.enums import ExportStatus
from roadmaps.models import Export, Pillar


@pytest.fixture
def request_pdf(client, bolivia_member, django_capture_on_commit_callbacks):
    client.force_login(bolivia_member)

    def ask(roadmap, language="es", run=False):
        with django_capture_on_commit_callbacks(execute=run):
            return client.post(
                reverse("roadmaps:roadmap_export_request", args=[roadmap.pk]),
                {"language": language},
                follow=True,
            )

    return ask


def test_two_clicks_make_one_export(request_pdf, demo_roadmap):
    first = request_pdf(demo_roadmap)
    second = request_pdf(demo_roadmap)

    assert Export.objects.count() == 1
    assert first.redirect_chain[-1] == second.redirect_chain[-1]


def test_an_unchanged_roadmap_s_ready_report_is_offered_again_not_rendered(
    request_pdf, demo_roadmap, exports_dir, in_process_tasks, bolivia_member
):
    request_pdf(demo_roadmap, run=True)
    export = Export.objects.get()
    assert export.status == ExportStatus.READY

    again = request_pdf(demo_roadmap, run=True)

    assert Export.objects.count() == 1
    assert "This report is ready: the roadmap has not changed since it was made." in (
        again.content.decode()
    )
    # Another language, or a change to the roadmap, makes a new report.
    request_pdf(demo_roadmap, language="en", run=True)
    pillar = Pillar.objects.filter(roadmap=demo_roadmap).first()
    services.item_update(
        user=bolivia_member,
        item=pillar,
        base_version=pillar.version,
        changes={"name": "Participation and leadership"},
    )
    request_pdf(demo_roadmap, run=True)
    assert Export.objects.count() == 3


def test_one_person_s_new_exports_are_limited_with_a_clear_message(
    request_pdf, demo_roadmap, bolivia_member, settings
):
    settings.EXPORTS_PER_PERSON = 2
    for language in ("es", "en"):
        request_pdf(demo_roadmap, language=language)
    services.item_update(
        user=bolivia_member,
        item=demo_roadmap,
        base_version=demo_roadmap.version,
        changes={"toc_if": "women lead"},
    )
    demo_roadmap.refresh_from_db()

    refused = request_pdf(demo_roadmap)

    assert "You asked for many reports in a short time." in refused.content.decode()
    assert Export.objects.count() == 2


def test_a_text_longer_than_the_limit_is_refused_in_place_and_kept(
    client, demo_roadmap, bolivia_member
):
    """A 2.6 MB text made a 521-page report: texts hold at most 20,000 characters."""
    client.force_login(bolivia_member)
    long_text = "Las mujeres participan. " * 1000  # 23,999 once trimmed

    response = client.post(
        f"/roadmaps/{demo_roadmap.pk}/text/theory-of-change/",
        {
            "toc_if": long_text,
            "toc_then": demo_roadmap.toc_then,
            "toc_because": demo_roadmap.toc_because,
            "version": demo_roadmap.version,
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Ensure this value has at most 20000 characters (it has 23999)." in page
    assert long_text.strip() in page  # what was typed is still there
    demo_roadmap.refresh_from_db()
    assert demo_roadmap.toc_if != long_text


def test_cleanup_keeps_the_newest_and_the_recently_downloaded(
    demo_roadmap, bolivia_member, exports_dir, django_capture_on_commit_callbacks
):
    import datetime

    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from django.utils import timezone

    from roadmaps.models import exports_storage

    old = timezone.now() - datetime.timedelta(days=40)

    def made(status, *, key="k1", language="es", downloaded=None, when=old):
        export = Export.objects.create(
            kind="roadmap",
            roadmap=demo_roadmap,
            convening=demo_roadmap.delegation.convening,
            language=language,
            status=status,
            requested_by=bolivia_member,
            requested_at=when,
            content_key=key,
            downloaded_at=downloaded,
        )
        if status == ExportStatus.READY:
            name = exports_storage().save(f"e{export.pk}.pdf", ContentFile(b"%PDF"))
            Export.objects.filter(pk=export.pk).update(file=name)
        return Export.objects.get(pk=export.pk)

    superseded = made(ExportStatus.READY, key="k0")
    recently_read = made(ExportStatus.READY, key="k0", downloaded=timezone.now())
    newest = made(ExportStatus.READY, key="k0", when=old + datetime.timedelta(hours=1))
    failed = made(ExportStatus.FAILED)
    fresh_failure = made(ExportStatus.FAILED, when=timezone.now())
    other_language = made(ExportStatus.READY, key="k0", language="en")

    call_command("exports_cleanup", "--dry-run", stdout=io.StringIO())
    assert Export.objects.count() == 6
    with django_capture_on_commit_callbacks(execute=True):
        call_command("exports_cleanup", stdout=io.StringIO())

    kept = set(Export.objects.values_list("pk", flat=True))
    assert kept == {recently_read.pk, newest.pk, fresh_failure.pk, other_language.pk}
    assert not exports_storage().exists(superseded.file.name)
    assert exports_storage().exists(newest.file.name)
    assert failed.pk not in kept
