"""PDF exports: requesting one and recovering (the worker's part is in
roadmaps.export_rendering).

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

import hashlib
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from django.conf import settings
from django.db import connections, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from kombu.exceptions import OperationalError

from academy.models import ConveningLogo, Participant
from common.ratelimit import rate_limit_hit
from roadmaps.enums import ROADMAP_KINDS, ExportBundle, ExportKind, ExportStatus
from roadmaps.export_rendering import export_run, failure_reason, worker_name
from roadmaps.models import REVISION_FIELD_NAMES, Export, Roadmap
from roadmaps.reports import (
    REPORT_TEMPLATES_VERSION,
    report_filename,
    report_languages,
)

logger = logging.getLogger(__name__)

QUEUE_UNAVAILABLE = _("The queue is unavailable right now; the export will be retried.")


# Requesting


class ExportsTooFrequent(Exception):
    """A person asked for more new exports than EXPORTS_PER_PERSON allows in
    EXPORTS_WINDOW_MINUTES."""


def roadmap_content_key(roadmap: Roadmap) -> str:
    """Everything a roadmap's report shows that can change, as numbers the
    services change with it: its version (texts, NAP status), its review status
    and the revision counters of its rows; then what the report shows around
    the roadmap (the convening's details and logos, the delegation's members)
    and how reports look (``REPORT_TEMPLATES_VERSION``). The same key means the
    same file."""
    parts = [str(roadmap.version), roadmap.status]
    parts += [str(getattr(roadmap, name)) for name in REVISION_FIELD_NAMES]
    return ".".join(parts) + ":" + _surroundings_digest(roadmap)


def _surroundings_digest(roadmap: Roadmap) -> str:
    """What the report shows around the roadmap, in two queries: the convening
    (name, place, dates: its updated_at) and its logos, and the members listed."""
    convening = roadmap.delegation.convening
    digest = hashlib.blake2b(digest_size=6)
    digest.update(REPORT_TEMPLATES_VERSION.encode())
    digest.update(convening.updated_at.isoformat().encode())
    logos = ConveningLogo.objects.filter(convening=convening).values_list(
        "pk", "position", "name_es", "name_en"
    )
    members = (
        Participant.objects.filter(delegation_id=roadmap.delegation_id)
        .order_by("pk")
        .values_list("pk", "user__full_name", "organization", "position", "sector")
    )
    for row in [*logos, None, *members]:
        digest.update(repr(row).encode())
    return digest.hexdigest()


def _same_export(*, kind, language, bundle, roadmap, convening, content_key):
    """An export that already answers this request: of a roadmap, the one of the
    same content, language and bundle being prepared or ready (with its file);
    of a cohort, the one of the same language being prepared."""
    alive = Q(status__in=[ExportStatus.QUEUED, ExportStatus.RENDERING])
    same = {"kind": kind, "language": language, "bundle": bundle}
    if kind == ExportKind.ROADMAP:
        found = Export.objects.filter(
            **same, roadmap=roadmap, content_key=content_key
        ).filter(alive | Q(status=ExportStatus.READY, file__gt=""))
    elif kind in ROADMAP_KINDS:
        found = Export.objects.filter(**same, roadmap=roadmap).filter(alive)
    else:
        found = Export.objects.filter(**same, convening=convening).filter(alive)
    return found.exclude(status=ExportStatus.RENDERING, started_at__lt=_stall_limit())


def _stall_limit():
    return timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)


@transaction.atomic
def export_request(
    *,
    kind: str,
    language: str,
    user,
    roadmap=None,
    convening=None,
    bundle: str = ExportBundle.PDF,
    queue: str | None = None,
) -> Export:
    """The Export that answers a request for a roadmap's report or a convening's
    cohort report: one already being prepared for the same content and language
    (a second click joins it), one ready for an unchanged roadmap (offered again,
    never rendered twice: its ``reuse_count`` goes up), or a new queued one.
    ``language`` is "es", "en" or "es,en" (both); a report in both languages
    is one PDF or, with ``bundle="zip"``, two PDFs in a ZIP file.

    Raises ExportsTooFrequent when the person asked for more new exports than
    allowed in the window. Side effects of a new export: after the transaction
    commits, queues the ``export_render`` task (on ``queue``, or
    ``settings.EXPORTS_QUEUE``, or the default queue); if the broker cannot be
    reached the export stays queued with a note.
    """
    content_key = ""
    if kind in ROADMAP_KINDS:
        convening = roadmap.delegation.convening
        # Requests for one roadmap take turns: two clicks make one export.
        roadmap = Roadmap.objects.select_for_update().get(pk=roadmap.pk)
    if kind == ExportKind.ROADMAP:
        content_key = roadmap_content_key(roadmap)
    else:
        type(convening).objects.select_for_update().filter(pk=convening.pk).first()
    if len(report_languages(language)) < 2:
        bundle = ExportBundle.PDF  # one language is one PDF
    same = (
        _same_export(
            kind=kind,
            language=language,
            bundle=bundle,
            roadmap=roadmap,
            convening=convening,
            content_key=content_key,
        )
        .order_by("-requested_at")
        .first()
    )
    if same is not None:
        if same.status == ExportStatus.READY:
            Export.objects.filter(pk=same.pk).update(
                reuse_count=F("reuse_count") + 1, last_reused_at=timezone.now()
            )
            same.refresh_from_db(fields=["reuse_count", "last_reused_at"])
        return same
    # Counted per person; the command line (no user) is not limited.
    if user is not None and rate_limit_hit(
        key=f"exports:{user.pk}",
        limit=settings.EXPORTS_PER_PERSON,
        window_seconds=settings.EXPORTS_WINDOW_MINUTES * 60,
    ):
        raise ExportsTooFrequent
    export = Export.objects.create(
        content_key=content_key,
        kind=kind,
        convening=convening,
        roadmap=roadmap if kind in ROADMAP_KINDS else None,
        language=language,
        bundle=bundle,
        requested_by=user,
        roadmap_version=roadmap.version if kind == ExportKind.ROADMAP else None,
    )
    export.filename = report_filename(
        kind=kind,
        language=language,
        convening=convening,
        roadmap=export.roadmap,
        day=timezone.localdate(export.requested_at, timezone=convening.zone),
        extension=bundle,
    )
    export.save(update_fields=["filename"])
    _enqueue_on_commit(export.pk, queue)
    return export


def _enqueue_on_commit(export_id: int, queue: str | None) -> None:
    transaction.on_commit(lambda: export_enqueue(export_id=export_id, queue=queue))


def export_enqueue(*, export_id: int, queue: str | None = None) -> bool:
    """Send the render task; on a broker error leave the export queued, noted.
    Without a broker (``EXPORTS_IN_THREADS``), render it on a thread of this
    process instead, so the request that asked answers at once.

    Returns whether the task was sent. Not atomic: called after a commit.
    """
    from roadmaps.tasks import export_render

    if settings.EXPORTS_IN_THREADS:
        _render_threads().submit(_render_on_thread, export_id)
        return True

    queue = queue or settings.EXPORTS_QUEUE
    options = {"queue": queue} if queue else {}
    try:
        export_render.apply_async(kwargs={"export_id": export_id}, **options)
    except OperationalError:
        logger.warning("Export %s stays queued: the broker is unreachable", export_id)
        Export.objects.filter(pk=export_id, status=ExportStatus.QUEUED).update(
            error=failure_reason(QUEUE_UNAVAILABLE)
        )
        return False
    Export.objects.filter(pk=export_id, status=ExportStatus.QUEUED).exclude(
        error=""
    ).update(error="")
    return True


_threads = None
_threads_lock = threading.Lock()


def _render_threads() -> ThreadPoolExecutor:
    """One rendering at a time per web process: a PDF takes a core and up to
    a few hundred MB; more would slow the pages being served."""
    global _threads
    with _threads_lock:
        if _threads is None:
            _threads = ThreadPoolExecutor(max_workers=1, thread_name_prefix="export")
        return _threads


def _render_on_thread(export_id: int) -> None:
    try:
        export_run(export_id=export_id, worker=worker_name("web"))
    except Exception:
        logger.exception("Export %s failed on its thread", export_id)
    finally:
        connections.close_all()  # this thread's own connections


def exports_prerender(*, roadmap_id: int) -> list[Export]:
    """Request the roadmap's report in each working language of its convening
    (a roadmap just submitted for review), so that the facilitator's click
    finds it ready. Requests of nobody: not counted against anyone's limit.
    Not atomic: called after the submission is committed."""
    roadmap = Roadmap.objects.select_related("delegation__convening").get(pk=roadmap_id)
    return [
        export_request(
            kind=ExportKind.ROADMAP, language=language, user=None, roadmap=roadmap
        )
        for language in roadmap.delegation.convening.languages
    ]


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


# Retention


# What makes two exports the same report (the newest of each is kept).
REPORT_FIELDS = (
    "kind",
    "roadmap_id",
    "convening_id",
    "language",
    "bundle",
    "content_key",
)


def export_downloaded(*, export: Export) -> None:
    """Note that the export's file was just downloaded (kept by the cleanup)."""
    Export.objects.filter(pk=export.pk).update(downloaded_at=timezone.now())


def exports_cleanup(*, days: int, dry_run: bool = False) -> list[Export]:
    """Delete the exports nobody needs any more, with their files: failed ones
    older than ``days``, and ready ones older than ``days`` that are not the
    newest of their report (same roadmap content, or same cohort, and
    language) and were not downloaded in the last ``days``. Queued and
    rendering ones are never touched. Returns what was (or, with ``dry_run``,
    would be) deleted. For cron: idempotent, run it as often as you like.
    """
    limit = timezone.now() - timedelta(days=days)
    # The newest ready export of each report: the last one of its key.
    newest = {
        row[:-1]: row[-1]
        for row in Export.objects.filter(status=ExportStatus.READY)
        .order_by("requested_at", "pk")
        .values_list(*REPORT_FIELDS, "pk")
    }
    doomed = [
        export
        for export in Export.objects.filter(
            Q(status=ExportStatus.FAILED) | Q(status=ExportStatus.READY),
            requested_at__lt=limit,
        ).exclude(downloaded_at__gte=limit)
        if export.status == ExportStatus.FAILED
        or newest[tuple(getattr(export, name) for name in REPORT_FIELDS)] != export.pk
    ]
    if not dry_run:
        for export in doomed:
            export.delete()  # its file follows once committed (common/files.py)
    return doomed
