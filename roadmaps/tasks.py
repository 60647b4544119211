"""Celery entry points of the roadmaps app: thin, by primary key."""

import logging

from celery import shared_task

from common.mail import MAIL_TASK
from roadmaps import notices
from roadmaps.export_rendering import export_run, worker_name

logger = logging.getLogger(__name__)


@shared_task(bind=True, name="roadmaps.export_render", ignore_result=True)
def export_render(self, *, export_id: int) -> int | None:
    """Render one Export's PDF (see ``roadmaps.export_rendering.export_run``).

    Late acks, reject-on-worker-lost and the time limits are set for every task
    in settings (``CELERY_TASK_*``): a worker killed mid-render hands the task
    back to the queue, and the next delivery takes the export over.
    """
    export = export_run(export_id=export_id, worker=worker_name(self.request.hostname))
    if export is None:
        return None
    logger.info("Export %s rendered by %s", export_id, export.worker)
    return export.pk


@shared_task(name="roadmaps.roadmap_status_notice_send", **MAIL_TASK)
def roadmap_status_notice_send(
    self,
    *,
    roadmap_id: int,
    status: str,
    changed_by_id: int | None = None,
    base_url: str = "",
) -> int:
    """E-mail the people concerned that the roadmap became ``status`` (see
    ``roadmaps.notices.roadmap_status_notice_send``); an unreachable mail server
    is tried again with growing pauses.

    In-process (no broker) the request is waiting: a failure is logged, and the
    status change stands.
    """
    try:
        return notices.roadmap_status_notice_send(
            roadmap_id=roadmap_id,
            status=status,
            changed_by_id=changed_by_id,
            base_url=base_url,
        )
    except Exception:
        if not self.app.conf.task_always_eager:
            raise
        logger.exception("Status e-mail of roadmap %s was not sent", roadmap_id)
        return 0


@shared_task(name="roadmaps.comment_notice_send", **MAIL_TASK)
def comment_notice_send(self, *, comment_id: int, base_url: str = "") -> int:
    """E-mail the people concerned by a new comment (see
    ``roadmaps.notices.comment_notice_send``); as the status notice, retried
    while the mail server is unreachable, logged when run in-process."""
    try:
        return notices.comment_notice_send(comment_id=comment_id, base_url=base_url)
    except Exception:
        if not self.app.conf.task_always_eager:
            raise
        logger.exception("E-mail of comment %s was not sent", comment_id)
        return 0
