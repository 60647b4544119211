"""The e-mails about a roadmap, each to the people it concerns, in each one's
language, with a link to the place in the roadmap; nobody is told about their
own action. Sent by the worker's tasks in ``roadmaps.tasks``.

- A status change: submitted for review, the facilitators who accompany the
  delegation (all the convening's facilitators when none is assigned); any other
  status, the delegation's members.
- A comment: an answer, the people in its thread; a new thread, the other side
  (a member's, the facilitators; a facilitator's or organizer's, the members);
  and whoever it @mentions (roadmaps.mentions).
"""

import logging
from urllib.parse import urljoin

from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from academy.enums import Role
from academy.models import Participant
from accounts.models import User
from roadmaps.enums import RoadmapStatus
from roadmaps.mentions import mentionable, mentioned
from roadmaps.models import Comment, Roadmap

logger = logging.getLogger(__name__)


def _place(base_url: str, roadmap: Roadmap, anchor: str = "") -> str:
    """The absolute address of a place in the roadmap's editor."""
    path = reverse("roadmaps:roadmap_editor", kwargs={"pk": roadmap.pk})
    return (
        urljoin(base_url, path) + (f"#{anchor}" if anchor else "") if base_url else ""
    )


def _members(roadmap: Roadmap) -> list[User]:
    return [
        participant.user
        for participant in Participant.objects.filter(delegation=roadmap.delegation)
        .select_related("user")
        .order_by("pk")
    ]


def _facilitators(roadmap: Roadmap) -> list[User]:
    """The delegation's own facilitators, or the convening's when none is assigned."""
    assigned = list(roadmap.delegation.facilitators.order_by("pk"))
    if assigned:
        return assigned
    return list(
        User.objects.filter(
            roles__convening=roadmap.delegation.convening_id,
            roles__role=Role.FACILITATOR,
        )
        .distinct()
        .order_by("pk")
    )


def _message(*, user, template: str, context: dict) -> EmailMultiAlternatives:
    with translation.override(user.preferred_language):
        context = {**context, "user": user}
        subject = " ".join(
            render_to_string(f"roadmaps/emails/{template}_subject.txt", context).split()
        )
        body = render_to_string(f"roadmaps/emails/{template}.txt", context)
        language = translation.get_language()
    return EmailMultiAlternatives(
        subject, body, to=[user.email], headers={"Content-Language": language}
    )


def _send(messages: list) -> int:
    if not messages:
        return 0
    with get_connection() as connection:
        return connection.send_messages(messages) or 0


def _active_others(people, *, author_id) -> list[User]:
    seen, others = set(), []
    for person in people:
        if person.pk != author_id and person.is_active and person.pk not in seen:
            seen.add(person.pk)
            others.append(person)
    return others


def roadmap_status_notice(
    *, roadmap: Roadmap, status: str, user, changed_by=None, url=""
):
    """The notice for one person, in that person's preferred language."""
    return _message(
        user=user,
        template="status_changed",
        context={
            "roadmap": roadmap,
            "delegation": roadmap.delegation,
            "status": RoadmapStatus(status).label,
            "submitted": status == RoadmapStatus.IN_REVIEW,
            "changed_by": changed_by,
            "url": url,
        },
    )


def roadmap_status_notice_send(
    *,
    roadmap_id: int,
    status: str,
    changed_by_id: int | None = None,
    base_url: str = "",
) -> int:
    """E-mail the people concerned that the roadmap's status became ``status``,
    over one connection. Returns the number of messages sent; 0 when the roadmap
    is gone.

    Raises the mail server's error (the caller may try again later: people
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
    people = (
        _facilitators(roadmap)
        if status == RoadmapStatus.IN_REVIEW
        else _members(roadmap)
    )
    url = _place(base_url, roadmap)
    sent = _send(
        [
            roadmap_status_notice(
                roadmap=roadmap,
                status=status,
                user=person,
                changed_by=changed_by,
                url=url,
            )
            for person in _active_others(people, author_id=changed_by_id)
        ]
    )
    logger.info("Status e-mail of roadmap %s sent to %d person(s)", roadmap_id, sent)
    return sent


def comment_notice_recipients(comment: Comment) -> list[User]:
    """Who is told of ``comment`` (see the module's words), its author never."""
    roadmap = comment.roadmap
    thread = comment.parent or comment
    if comment.parent_id:
        people = [thread.author] + [
            reply.author
            for reply in Comment.objects.filter(parent=thread)
            .select_related("author")
            .order_by("pk")
        ]
    elif Participant.objects.filter(
        delegation=roadmap.delegation, user=comment.author_id
    ).exists():
        people = _facilitators(roadmap)
    else:
        people = _members(roadmap)
    if "@" in comment.body:
        people += mentioned(comment.body, mentionable(roadmap))
    return _active_others([p for p in people if p], author_id=comment.author_id)


def comment_notice_send(*, comment_id: int, base_url: str = "") -> int:
    """E-mail the people concerned by a new comment. Returns how many were sent;
    0 when the comment is gone. Raises the mail server's error."""
    comment = (
        Comment.objects.select_related(
            "roadmap__delegation__convening", "author", "parent"
        )
        .filter(pk=comment_id)
        .first()
    )
    if comment is None:
        return 0
    url = _place(base_url, comment.roadmap, f"comments-{comment.section}")
    context = {
        "comment": comment,
        "roadmap": comment.roadmap,
        "delegation": comment.roadmap.delegation,
        "url": url,
    }
    messages = []
    for person in comment_notice_recipients(comment):
        with translation.override(person.preferred_language):
            section = comment.get_section_display()
        messages.append(
            _message(
                user=person,
                template="comment_added",
                context={**context, "section": section},
            )
        )
    sent = _send(messages)
    logger.info("Comment %s e-mailed to %d person(s)", comment_id, sent)
    return sent
