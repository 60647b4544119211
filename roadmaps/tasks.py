"""Celery entry points of the roadmaps app: thin, by primary key."""

import logging

from celery import shared_task

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
