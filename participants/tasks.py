"""Celery entry points of the participants app: thin, by primary key."""

import logging

from celery import shared_task

from common.mail import MAIL_TASK
from participants.invitations.emails import invitation_email_deliver
from participants.membership_emails import (
    membership_added_email_send as membership_added,
)

logger = logging.getLogger(__name__)


@shared_task(name="participants.invitation_email_send", **MAIL_TASK)
def invitation_email_send(self, *, invitation_id: int, base_url: str) -> bool:
    """E-mail one invitation (see ``invitation_email_deliver``); ``base_url`` is
    the site's address the organizer used, for the links in the message."""
    # In-process (no broker) the request is waiting: the first failure is final.
    in_process = self.app.conf.task_always_eager
    return invitation_email_deliver(
        invitation_id=invitation_id,
        base_url=base_url,
        last_attempt=in_process or self.request.retries >= self.max_retries,
    )


@shared_task(name="participants.membership_added_email_send", **MAIL_TASK)
def membership_added_email_send(self, *, participant_id: int, base_url: str) -> bool:
    """Tell a person who already uses their account that they joined a delegation
    (participants.membership_emails). In-process, a failure is logged."""
    try:
        return membership_added(participant_id=participant_id, base_url=base_url)
    except Exception:
        if not self.app.conf.task_always_eager:
            raise
        logger.exception("Membership e-mail %s was not sent", participant_id)
        return False
