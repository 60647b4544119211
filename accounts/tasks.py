"""Celery entry points of the accounts app: thin, by primary key."""

import logging

from celery import shared_task

from accounts.emails import password_reset_email_send as password_reset_email
from common.mail import MAIL_TASK

logger = logging.getLogger(__name__)


@shared_task(name="accounts.password_reset_email_send", **MAIL_TASK)
def password_reset_email_send(
    self, *, user_id: int, domain: str, site_name: str, protocol: str
) -> bool:
    """E-mail a password reset link (see ``accounts.emails``); ``domain``,
    ``site_name`` and ``protocol`` are those the person used, for the link.

    In-process (no broker) the request is waiting: a failure is logged, and the
    page says what it always says.
    """
    try:
        return password_reset_email(
            user_id=user_id, domain=domain, site_name=site_name, protocol=protocol
        )
    except Exception:
        if not self.app.conf.task_always_eager:
            raise
        logger.exception("Password reset e-mail to user %s was not sent", user_id)
        return False
