"""Celery entry points of the follow-up."""

import logging

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from accompaniment.reminders import reminders_send
from accompaniment.services import periods_sync_all

logger = logging.getLogger(__name__)


@shared_task(name="accompaniment.reminders_send_daily", ignore_result=True)
def reminders_send_daily() -> int:
    """The day's reminders (run by Celery beat, CELERY_BEAT_SCHEDULE); safe to
    run twice: each reminder goes out once. The reporting periods are brought in
    line with the plans first, so a period nobody has opened is reminded too."""
    periods_sync_all()
    sent = reminders_send(today=timezone.localdate(), base_url=settings.SITE_URL)
    logger.info("Follow-up reminders sent: %s", sent)
    return sent
