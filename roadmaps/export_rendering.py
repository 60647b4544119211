"""Rendering an export, in the worker: claim it, render it, store the file.

A worker claims the export before rendering, so a second delivery of the same
task (Redis redelivers an unacknowledged task, a person clicks Retry twice)
renders nothing twice:

* on PostgreSQL the worker holds a session-level advisory lock on the export
  for the whole render. If the lock is taken, another worker is rendering it.
  If the lock is free but the export says "rendering", its worker died (a
  SIGKILL closes the connection, and Postgres frees the lock): take it over.
* on SQLite (in-process mode, one process) a conditional UPDATE is enough.
"""

import contextlib
import io
import logging
import os
import zipfile

from celery.exceptions import SoftTimeLimitExceeded
from django.core.files.base import ContentFile
from django.db import connection
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from roadmaps.enums import ExportBundle, ExportStatus
from roadmaps.models import Export, exports_storage
from roadmaps.reports import report_build, report_pdf

logger = logging.getLogger(__name__)

# First key of the two-key advisory lock: "NAPE" (NAP Export).
LOCK_NAMESPACE = 0x4E415045
WORKER_STOPPED = _("The worker stopped before the export was finished.")
TOO_LONG = _("The export took too long and was stopped.")
STORAGE_FAILED = _("The file could not be stored (%(reason)s).")
RENDER_FAILED = _("The report could not be rendered (%(reason)s).")


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
        try:
            _export_render(export)
        except SoftTimeLimitExceeded:
            _export_fail(export, failure_reason(TOO_LONG))
        except OSError as error:
            _export_fail(
                export,
                failure_reason(STORAGE_FAILED, reason=error.strerror or str(error)),
            )
        except Exception as error:
            logger.exception("Export %s failed", export_id)
            _export_fail(
                export, failure_reason(RENDER_FAILED, reason=error.__class__.__name__)
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
    if export.bundle == ExportBundle.ZIP:
        # One PDF per language, each named as its own export would be.
        reports = [_report(export, language) for language in export.languages]
        pdfs = [report_pdf(report=report) for report in reports]
        content = _zipped(
            [
                (report.filename, pdf.content)
                for report, pdf in zip(reports, pdfs, strict=True)
            ]
        )
        pages = sum(pdf.pages for pdf in pdfs)
        seconds = sum(pdf.seconds for pdf in pdfs)
        report = reports[0]
    else:
        report = _report(export, export.language)
        rendered = report_pdf(report=report)
        content, pages, seconds = rendered.content, rendered.pages, rendered.seconds
    name = _export_store(export, content)
    finished = timezone.now()
    Export.objects.filter(pk=export.pk).update(
        status=ExportStatus.READY,
        file=name,
        pages=pages,
        size_bytes=len(content),
        render_seconds=seconds,
        total_seconds=(finished - export.requested_at).total_seconds(),
        finished_at=finished,
        roadmap_version=report.roadmap_version or export.roadmap_version,
    )


def _report(export: Export, language: str):
    return report_build(
        kind=export.kind,
        language=language,
        roadmap_id=export.roadmap_id,
        convening_id=export.convening_id,
    )


def _zipped(files: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for filename, content in files:
            archive.writestr(filename, content)
    return buffer.getvalue()


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


def failure_reason(message, **params) -> str:
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
