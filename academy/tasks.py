"""Celery entry points of the academy app: thin, by primary key."""

import logging

from celery import shared_task

from academy.emails import team_member_email_send as team_member_email
from common.mail import MAIL_TASK

logger = logging.getLogger(__name__)


@shared_task(name="academy.team_member_email_send", **MAIL_TASK)
def team_member_email_send(self, *, role_id: int, base_url: str) -> bool:
    """Tell a person they joined a convening's team (academy.emails). In-process
    (no broker) a failure is logged: the team page shows the person anyway, and
    they can use "Forgot your password?"."""
    try:
        return team_member_email(role_id=role_id, base_url=base_url)
    except Exception:
        if not self.app.conf.task_always_eager:
            raise
        logger.exception("Team e-mail for role %s was not sent", role_id)
        return False
