"""The e-mail that tells a person who already uses their account that they were
added to a delegation of another convening: reusing an account is fine, doing it
behind the person's back is not. Written in the person's language, sent by the
worker (participants/tasks.py)."""

import logging
from urllib.parse import urljoin

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from academy.models import Participant

logger = logging.getLogger(__name__)


def membership_added_email_send(*, participant_id: int, base_url: str) -> bool:
    """Returns False, sending nothing, when the membership is gone meanwhile.
    Raises the mail server's error."""
    participant = (
        Participant.objects.filter(pk=participant_id)
        .select_related("user", "delegation__convening")
        .first()
    )
    if participant is None:
        logger.info("Membership %s is gone: no e-mail", participant_id)
        return False
    user = participant.user
    context = {
        "user": user,
        "delegation": participant.delegation,
        "convening": participant.delegation.convening,
        "sign_in_url": urljoin(base_url, reverse("login")),
    }
    with translation.override(user.preferred_language):
        subject = " ".join(
            render_to_string(
                "participants/emails/membership_added_subject.txt", context
            ).split()
        )
        body = render_to_string("participants/emails/membership_added.txt", context)
    EmailMultiAlternatives(subject, body, to=[user.email]).send()
    return True
