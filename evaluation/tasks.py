"""Celery entry points of the evaluation: thin, by primary key."""

import logging

from celery import shared_task

from common.mail import MAIL_TASK
from evaluation import certificate_issuing, emails

logger = logging.getLogger(__name__)


@shared_task(name="evaluation.survey_reminder_send", **MAIL_TASK)
def survey_reminder_send(self, *, reminder_id: int, base_url: str = "") -> int:
    """E-mail one survey reminder (``evaluation.emails.survey_reminder_send``);
    an unreachable mail server is tried again with growing pauses, and run
    in-process a failure is logged."""
    try:
        return emails.survey_reminder_send(reminder_id=reminder_id, base_url=base_url)
    except Exception:
        if not self.app.conf.task_always_eager:
            raise
        logger.exception("Survey reminder %s was not sent", reminder_id)
        return 0


@shared_task(bind=True, name="evaluation.certificates_issue", ignore_result=True)
def certificates_issue(self, *, batch_id: int, base_url: str = "") -> int | None:
    """Issue a batch of certificates (``evaluation.services.certificates``)."""
    batch = certificate_issuing.certificates_issue(batch_id=batch_id, base_url=base_url)
    if batch is None:
        return None
    logger.info("Certificate batch %s: %s of %s", batch_id, batch.done, batch.total)
    return batch.done
