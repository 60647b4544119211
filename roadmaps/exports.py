"""PDF exports: requesting one, rendering it in a worker, and recovering.

An Export goes queued → rendering → ready (or failed). The page creates it and
the Celery task is queued only once the row is committed. A worker claims the
export before rendering, so a second delivery of the same task (Redis
redelivers an unacknowledged task, a person clicks Retry twice) renders nothing
twice:

* on PostgreSQL the worker holds a session-level advisory lock on the export
  for the whole render. If the lock is taken, another worker is rendering it.
  If the lock is free but the export says "rendering", its worker died (a
  SIGKILL closes the connection, and Postgres frees the lock): take it over.
* on SQLite (in-process mode, one process) a conditional UPDATE is enough.

Nothing is lost when the broker is down: the export stays queued with a note,
and ``exports_requeue_stale`` (the Retry button, ``manage.py requeue_exports``)
queues it again.
"""

import contextlib
import logging
import os
import time
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from kombu.exceptions import OperationalError

from roadmaps.enums import ExportKind, ExportStatus
from roadmaps.models import Export, exports_storage
from roadmaps.reports import report_build, report_filename, report_pdf

logger = logging.getLogger(__name__)

# First key of the two-key advisory lock: "NAPE" (NAP Export).
LOCK_NAMESPACE = 0x4E415045
QUEUE_UNAVAILABLE = _("The queue is unavailable right now; the export will be retried.")
WORKER_STOPPED = _("The worker stopped before the export was finished.")
TOO_LONG = _("The export took too long and was stopped.")
STORAGE_FAILED = _("The file could not be stored (%(reason)s).")
RENDER_FAILED = _("The report could not be rendered (%(reason)s).")


# Requesting


@transaction.atomic
def export_request(
    *,
    kind: str,
    language: str,
    user,
    roadmap=None,
    convening=None,
    queue: str | None = None,
) -> Export:
    """Create a queued Export of a roadmap or of a convening's cohort report.

    Side effects: after the transaction commits, queues the ``export_render``
    task (on ``queue``, or ``settings.EXPORTS_QUEUE``, or the default queue).
    If the broker cannot be reached the export stays queued with a note.
    """
    if kind == ExportKind.ROADMAP:
        convening = roadmap.delegation.convening
    export = Export.objects.create(
        kind=kind,
        convening=convening,
        roadmap=roadmap if kind == ExportKind.ROADMAP else None,
        language=language,
        requested_by=user,
        roadmap_version=roadmap.version if kind == ExportKind.ROADMAP else None,
    )
    export.filename = report_filename(
        kind=kind,
        language=language,
        convening=convening,
        roadmap=export.roadmap,
        day=timezone.localdate(export.requested_at, timezone=convening.zone),
    )
    export.save(update_fields=["filename"])
    _enqueue_on_commit(export.pk, queue)
    return export


def _enqueue_on_commit(export_id: int, queue: str | None) -> None:
    transaction.on_commit(lambda: export_enqueue(export_id=export_id, queue=queue))


def export_enqueue(*, export_id: int, queue: str | None = None) -> bool:
    """Send the render task; on a broker error leave the export queued, noted.

    Returns whether the task was sent. Not atomic: called after a commit.
    """
    from roadmaps.tasks import export_render

    queue = queue or getattr(settings, "EXPORTS_QUEUE", None)
    options = {"queue": queue} if queue else {}
    try:
        export_render.apply_async(kwargs={"export_id": export_id}, **options)
    except OperationalError:
        logger.warning("Export %s stays queued: the broker is unreachable", export_id)
        Export.objects.filter(pk=export_id, status=ExportStatus.QUEUED).update(
            error=_reason(QUEUE_UNAVAILABLE)
        )
        return False
    Export.objects.filter(pk=export_id, status=ExportStatus.QUEUED).exclude(
        error=""
    ).update(error="")
    return True


@transaction.atomic
def export_retry(*, export: Export, user, queue: str | None = None) -> Export:
    """Queue a failed export (or one whose worker stopped, or one still waiting
    for the queue) again.

    Side effects: the export becomes queued with no error; the render task is
    queued after the commit. A ready export or one rendering now is left alone.
    """
    export = Export.objects.select_for_update().get(pk=export.pk)
    if export.status == ExportStatus.READY or (
        export.status == ExportStatus.RENDERING and not export.is_stalled
    ):
        return export
    Export.objects.filter(pk=export.pk).update(
        status=ExportStatus.QUEUED, error="", finished_at=None
    )
    _enqueue_on_commit(export.pk, queue)
    export.refresh_from_db()
    return export


def exports_requeue_stale(
    *, older_than: timedelta | None = None, queue: str | None = None
) -> list[int]:
    """Queue again every export left behind: still queued after ``older_than``
    (``settings.EXPORT_STALE_AFTER``) or because the broker was down, and every
    export whose worker stopped mid-render. Returns their ids.

    Side effects: stalled renderings become queued; the render task is queued
    for each (a second delivery of an export being rendered does nothing).
    """
    older_than = settings.EXPORT_STALE_AFTER if older_than is None else older_than
    now = timezone.now()
    stalled_before = now - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    with transaction.atomic():
        stalled = list(
            Export.objects.select_for_update()
            .filter(status=ExportStatus.RENDERING, started_at__lt=stalled_before)
            .values_list("pk", flat=True)
        )
        Export.objects.filter(pk__in=stalled).update(status=ExportStatus.QUEUED)
        waiting = list(
            Export.objects.filter(status=ExportStatus.QUEUED)
            .filter(
                Q(requested_at__lte=now - older_than) | ~Q(error="") | Q(pk__in=stalled)
            )
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    for export_id in waiting:
        export_enqueue(export_id=export_id, queue=queue)
    return waiting


# Rendering (in the worker)


def export_run(*, export_id: int, worker: str = "") -> Export | None:
    """Claim the export, render it, store the file, record the figures.

    Returns the export when this call rendered it, None when there was nothing
    to do (gone, already ready or failed, or being rendered by another worker).
    Side effects: the export's status, timings and file; on failure its error
    (no half-written file is left in storage).
    """
    with _render_lock(export_id) as locked:
        if not locked:
            logger.info("Export %s is being rendered by another worker", export_id)
            return None
        export = _export_claim(export_id=export_id, worker=worker)
        if export is None:
            return None
        pause = getattr(settings, "EXPORT_RENDER_PAUSE_SECONDS", 0)
        if pause:
            time.sleep(pause)  # tests only: a window to kill the worker
        try:
            _export_render(export)
        except SoftTimeLimitExceeded:
            _export_fail(export, _reason(TOO_LONG))
        except OSError as error:
            _export_fail(
                export, _reason(STORAGE_FAILED, reason=error.strerror or str(error))
            )
        except Exception as error:
            logger.exception("Export %s failed", export_id)
            _export_fail(
                export, _reason(RENDER_FAILED, reason=error.__class__.__name__)
            )
        return export


@contextlib.contextmanager
def _render_lock(export_id: int):
    if connection.vendor != "postgresql":
        yield True
        return
    key = export_id & 0x7FFFFFFF
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_NAMESPACE, key])
        locked = cursor.fetchone()[0]
    try:
        yield locked
    finally:
        if locked:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_advisory_unlock(%s, %s)", [LOCK_NAMESPACE, key]
                )


def _export_claim(*, export_id: int, worker: str) -> Export | None:
    claimable = [ExportStatus.QUEUED]
    if connection.vendor == "postgresql":
        # We hold the export's lock: a "rendering" export is an orphan whose
        # worker died (its connection, and so its lock, went with it).
        claimable.append(ExportStatus.RENDERING)
    claimed = Export.objects.filter(pk=export_id, status__in=claimable).update(
        status=ExportStatus.RENDERING,
        attempts=F("attempts") + 1,
        started_at=timezone.now(),
        finished_at=None,
        error="",
        worker=worker[:200],
    )
    if not claimed:
        logger.info("Export %s has nothing left to do", export_id)
        return None
    return Export.objects.select_related("convening", "roadmap").get(pk=export_id)


def _export_render(export: Export) -> None:
    report = report_build(
        kind=export.kind,
        language=export.language,
        roadmap_id=export.roadmap_id,
        convening_id=export.convening_id,
    )
    rendered = report_pdf(report=report)
    name = _export_store(export, rendered.content)
    finished = timezone.now()
    Export.objects.filter(pk=export.pk).update(
        status=ExportStatus.READY,
        file=name,
        pages=rendered.pages,
        size_bytes=len(rendered.content),
        render_seconds=rendered.seconds,
        total_seconds=(finished - export.requested_at).total_seconds(),
        finished_at=finished,
        roadmap_version=report.roadmap_version or export.roadmap_version,
    )


def _export_store(export: Export, content: bytes) -> str:
    """Save the PDF under a name of its own; one file per export, whole or none."""
    storage = exports_storage()
    name = f"{export.kind}/{export.pk}/{export.filename}"
    # A worker killed after saving left the file behind: replace it.
    if storage.exists(name):
        storage.delete(name)
    try:
        saved = storage.save(name, ContentFile(content))
    except BaseException:
        with contextlib.suppress(Exception):
            if storage.exists(name):
                storage.delete(name)
        raise
    return saved


def _reason(message, **params) -> str:
    """Reasons are stored in English, the source language; pages translate the
    fixed ones back with ``{% translate export.error %}``."""
    with translation.override("en"):
        return str(message % params if params else message)


def _export_fail(export: Export, reason: str) -> None:
    Export.objects.filter(pk=export.pk).update(
        status=ExportStatus.FAILED,
        error=reason,
        finished_at=timezone.now(),
    )


def worker_name(hostname: str | None) -> str:
    """``hostname:pid`` of the process rendering, as shown to staff."""
    return f"{hostname or 'local'}:{os.getpid()}"
