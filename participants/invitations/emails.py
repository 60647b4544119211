"""The invitation e-mail: its message, in the recipient's language, and its
delivery, recorded on the invitation (the worker's task calls
``invitation_email_deliver``)."""

import logging
from urllib.parse import urljoin

from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from common.mail import MAIL_SERVER_UNREACHABLE
from participants import tokens
from participants.models import Invitation

logger = logging.getLogger(__name__)

EMAIL_TEMPLATES = "participants/invitations/emails/"


def invitation_email(
    *, invitation: Invitation, base_url: str
) -> EmailMultiAlternatives:
    """The invitation message, in the recipient's preferred language."""
    participant = invitation.participant
    user = participant.user
    token = tokens.token_make(key=invitation.key)
    context = {
        "invitation": invitation,
        "user": user,
        "participant": participant,
        "delegation": participant.delegation,
        "convening": participant.delegation.convening,
        "sent_by": invitation.sent_by,
        "accept_url": urljoin(
            base_url, reverse("participants:invitation_accept", kwargs={"token": token})
        ),
        "request_url": urljoin(
            base_url, reverse("participants:invitation_request_new")
        ),
    }
    with translation.override(user.preferred_language):
        subject = " ".join(
            render_to_string(
                EMAIL_TEMPLATES + "invitation_subject.txt", context
            ).split()
        )
        text = render_to_string(EMAIL_TEMPLATES + "invitation.txt", context)
        html = render_to_string(EMAIL_TEMPLATES + "invitation.html", context)
    message = EmailMultiAlternatives(subject, text, to=[user.email])
    message.attach_alternative(html, "text/html")
    return message


def invitation_email_deliver(
    *, invitation_id: int, base_url: str, last_attempt: bool = True
) -> bool:
    """Send one invitation's e-mail and record how it went.

    Returns False, sending nothing, when the invitation is gone, accepted,
    replaced, or its e-mail was already sent or given up (a task delivered twice
    sends one e-mail). Side effects: one more attempt counted on the invitation;
    ``email_sent_at`` when the mail server takes the message; ``email_failed_at``
    with the server's reason (the organizer sees "Not delivered") when it refuses
    the message, or cannot be reached and this is the ``last_attempt``. An
    unreachable server on an earlier attempt raises its error, for the caller to
    try again later.
    """
    invitation = (
        Invitation.objects.filter(
            pk=invitation_id,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            email_sent_at__isnull=True,
            email_failed_at__isnull=True,
        )
        .select_related(
            "participant__user", "participant__delegation__convening", "sent_by"
        )
        .first()
    )
    if invitation is None:
        logger.info("Invitation %s is gone or settled: no e-mail", invitation_id)
        return False
    unsettled = Invitation.objects.filter(pk=invitation_id)
    unsettled.update(email_attempts=F("email_attempts") + 1)
    try:
        message = invitation_email(invitation=invitation, base_url=base_url)
        with get_connection() as connection:
            connection.send_messages([message])
    except MAIL_SERVER_UNREACHABLE as error:
        if not last_attempt:
            logger.warning("Invitation %s: mail server unreachable", invitation_id)
            unsettled.update(email_error=failure_reason(error))
            raise
        logger.exception("Invitation %s was not sent: giving up", invitation_id)
        invitation_email_failed(
            invitation_id=invitation_id, reason=failure_reason(error)
        )
        return False
    except Exception as error:
        logger.exception("Invitation %s was refused", invitation_id)
        invitation_email_failed(
            invitation_id=invitation_id, reason=failure_reason(error)
        )
        return False
    unsettled.update(email_sent_at=timezone.now(), email_error="")
    logger.info("Invitation %s sent", invitation_id)
    return True


def invitation_email_failed(*, invitation_id: int, reason: str) -> None:
    """Record that the invitation's e-mail will not arrive, and why.

    Side effects: the organizer sees the invitation as "Not delivered", with the
    reason, and can send it again.
    """
    Invitation.objects.filter(pk=invitation_id).update(
        email_failed_at=timezone.now(), email_error=reason
    )


def failure_reason(error: Exception) -> str:
    """What went wrong, short enough to show an organizer."""
    text = f"{type(error).__name__}: {error}"
    return text if len(text) <= 200 else text[:199] + "…"
