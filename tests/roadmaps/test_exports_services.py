"""Exports in-process: request, claim once, store whole or nothing, recover."""

import datetime
import errno
import os

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.utils import timezone

from roadmaps.enums import ExportKind, ExportStatus
from roadmaps.export_rendering import export_run
from roadmaps.exports import (
    export_request,
    export_retry,
    exports_requeue_stale,
)
from roadmaps.models import Export
from tests.roadmaps import exports_support
from tests.roadmaps.exports_support import pdf_words

# Fixtures shared by the export tests.
demo_roadmap = exports_support.demo_roadmap
exports_dir = exports_support.exports_dir
in_process_tasks = exports_support.in_process_tasks


class FullDiskStorage(FileSystemStorage):
    """Writes half the file, then fails as a full disk does."""

    def _save(self, name, content):
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(content.read()[:100])
        raise OSError(errno.ENOSPC, "No space left on device")


class SlowStorage(FileSystemStorage):
    """Stands for a render that overran the soft time limit."""

    def _save(self, name, content):
        raise SoftTimeLimitExceeded()


def stored_files(folder):
    return sorted(p.name for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def requested(demo_roadmap, bolivia_member, django_capture_on_commit_callbacks):
    def request(**options):
        with django_capture_on_commit_callbacks(execute=True):
            export = export_request(
                kind=ExportKind.ROADMAP,
                roadmap=demo_roadmap,
                language="en",
                user=bolivia_member,
                **options,
            )
        return Export.objects.get(pk=export.pk)

    return request


def _storage(settings, backend, folder):
    settings.STORAGES = {
        **settings.STORAGES,
        "exports": {"BACKEND": backend, "OPTIONS": {"location": str(folder)}},
    }


def test_export_request_renders_and_stores_the_pdf_once(
    requested, exports_dir, in_process_tasks, bolivia_member
):
    export = requested()

    assert export.status == ExportStatus.READY
    assert export.attempts == 1
    assert export.requested_by == bolivia_member
    assert export.roadmap_version == export.roadmap.version
    assert export.pages >= 5
    assert export.worker.endswith(f":{os.getpid()}")
    assert export.render_seconds > 0
    assert export.total_seconds >= export.render_seconds
    assert export.started_at <= export.finished_at
    today = timezone.localdate(timezone=export.convening.zone)
    assert export.filename == f"roadmap-BOL-en-{today:%Y-%m-%d}.pdf"
    assert stored_files(exports_dir) == [export.filename]
    with export.file_open() as handle:
        content = handle.read()
    assert export.size_bytes == len(content)
    assert "Roadmap of Bolivia" in pdf_words(content)


def test_export_second_delivery_does_nothing(requested, exports_dir, in_process_tasks):
    export = requested()

    assert export_run(export_id=export.pk, worker="other:1") is None

    again = Export.objects.get(pk=export.pk)
    assert (again.status, again.attempts, again.worker) == (
        ExportStatus.READY,
        1,
        export.worker,
    )
    assert stored_files(exports_dir) == [export.filename]


def test_export_storage_error_fails_with_reason_and_retry_works(
    requested, settings, tmp_path, in_process_tasks, django_capture_on_commit_callbacks
):
    folder = tmp_path / "full"
    _storage(settings, "tests.roadmaps.test_exports_services.FullDiskStorage", folder)

    export = requested()

    assert export.status == ExportStatus.FAILED
    assert export.error == "The file could not be stored (No space left on device)."
    assert export.file.name == ""
    assert stored_files(folder) == []  # no half-written file left

    _storage(settings, "django.core.files.storage.FileSystemStorage", folder)
    with django_capture_on_commit_callbacks(execute=True):
        export_retry(export=export, user=None)

    export.refresh_from_db()
    assert (export.status, export.attempts, export.error) == (
        ExportStatus.READY,
        2,
        "",
    )
    assert stored_files(folder) == [export.filename]


def test_export_over_the_soft_time_limit_fails_as_too_long(
    requested, settings, tmp_path, in_process_tasks
):
    _storage(settings, "tests.roadmaps.test_exports_services.SlowStorage", tmp_path)

    export = requested()

    assert export.status == ExportStatus.FAILED
    assert export.error == "The export took too long and was stopped."


@pytest.fixture
def broker_down(monkeypatch):
    """The broker cannot be reached (nothing listens on port 9)."""
    from config.celery import app
    from tests.conftest import _reset_celery_connections

    down = "redis://127.0.0.1:9/0"
    # Celery reads CELERY_BROKER_URL from the environment before its settings.
    monkeypatch.setenv("CELERY_BROKER_URL", down)
    saved = {
        key: app.conf.get(key)
        for key in ("broker_url", "task_always_eager", "broker_connection_timeout")
    }
    app.conf.update(
        broker_url=down,
        task_always_eager=False,
        broker_connection_timeout=1,
    )
    _reset_celery_connections(app)
    yield
    app.conf.update(saved)
    _reset_celery_connections(app)


def test_export_stays_queued_when_the_broker_is_down_and_is_requeued_later(
    requested, exports_dir, broker_down, django_capture_on_commit_callbacks
):
    export = requested()

    assert export.status == ExportStatus.QUEUED
    assert (
        export.error
        == "The queue is unavailable right now; the export will be retried."
    )
    assert export.is_waiting_too_long is True

    from config.celery import app

    app.conf.task_always_eager = True  # the broker is back (in-process here)
    assert exports_requeue_stale() == [export.pk]

    export.refresh_from_db()
    assert (export.status, export.error) == (ExportStatus.READY, "")


def test_export_left_rendering_past_the_time_limit_is_shown_failed_and_requeued(
    requested, exports_dir, in_process_tasks, settings
):
    export = requested()
    Export.objects.filter(pk=export.pk).update(
        status=ExportStatus.RENDERING,
        started_at=timezone.now()
        - datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 61),
    )
    export.refresh_from_db()
    assert export.shown_status == ExportStatus.FAILED
    assert export.is_stalled is True

    call_command("requeue_exports")

    export.refresh_from_db()
    assert (export.status, export.attempts) == (ExportStatus.READY, 2)
    assert stored_files(exports_dir) == [export.filename]


def test_requeue_leaves_recent_queued_and_ready_exports_alone(
    requested, exports_dir, in_process_tasks
):
    ready = requested()
    queued = Export.objects.create(
        kind=ExportKind.ROADMAP,
        convening=ready.convening,
        roadmap=ready.roadmap,
        language="es",
        filename="roadmap-BOL-es-2025-06-26.pdf",
    )

    assert exports_requeue_stale() == []
    assert exports_requeue_stale(older_than=datetime.timedelta(0)) == [queued.pk]
    queued.refresh_from_db()
    assert queued.status == ExportStatus.READY
