"""The review notice: the e-mail telling a delegation's members that their
roadmap's status changed, each in their own language (sent by the worker's task
``roadmaps.tasks.roadmap_status_notice_send``)."""

import logging

from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils import translation

from academy.models import Participant
from accounts.models import User
from roadmaps.enums import RoadmapStatus
from roadmaps.models import Roadmap

logger = logging.getLogger(__name__)


def roadmap_status_notice(*, roadmap: Roadmap, status: str, user, changed_by=None):
    """The notice for one member, in the member's preferred language."""
    with translation.override(user.preferred_language):
        context = {
            "roadmap": roadmap,
            "delegation": roadmap.delegation,
            "user": user,
            "status": RoadmapStatus(status).label,
            "changed_by": changed_by,
        }
        subject = render_to_string(
            "roadmaps/emails/status_changed_subject.txt", context
        ).strip()
        body = render_to_string("roadmaps/emails/status_changed.txt", context)
        language = translation.get_language()
    return EmailMultiAlternatives(
        subject, body, to=[user.email], headers={"Content-Language": language}
    )


def roadmap_status_notice_send(
    *, roadmap_id: int, status: str, changed_by_id: int | None = None
) -> int:
    """E-mail each member of the roadmap's delegation that its status became
    ``status``, over one connection. Returns the number of messages sent; 0 when
    the roadmap is gone.

    Raises the mail server's error (the caller may try again later: members
    already e-mailed before a connection drop would get the notice twice).
    """
    roadmap = (
        Roadmap.objects.select_related("delegation__convening")
        .filter(pk=roadmap_id)
        .first()
    )
    if roadmap is None:
        logger.info("Roadmap %s is gone: no status e-mail", roadmap_id)
        return 0
    changed_by = (
        User.objects.filter(pk=changed_by_id).first() if changed_by_id else None
    )
    members = (
        Participant.objects.filter(delegation=roadmap.delegation)
        .select_related("user")
        .order_by("pk")
    )
    messages = [
        roadmap_status_notice(
            roadmap=roadmap, status=status, user=member.user, changed_by=changed_by
        )
        for member in members
    ]
    if not messages:
        return 0
    with get_connection() as connection:
        sent = connection.send_messages(messages) or 0
    logger.info("Status e-mail of roadmap %s sent to %d member(s)", roadmap_id, sent)
    return sent
