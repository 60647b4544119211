"""Comments on a roadmap's sections, and resolving them."""

import logging

from django.db import transaction
from django.utils import timezone

from roadmaps.models import Comment, Roadmap
from roadmaps.selectors import roadmap_item_by_key
from roadmaps.services.revisions import roadmap_revision_bump

logger = logging.getLogger(__name__)


@transaction.atomic
def comment_create(
    *,
    user,
    roadmap: Roadmap,
    section: str,
    body: str,
    parent: Comment | None = None,
    about: str = "",
    base_url: str = "",
) -> Comment:
    """Comment on a section, or on one of its items (``about``: "indicator-12";
    anything not a living item of that section is ignored), or answer a thread
    (``parent``).

    Raises ValidationError for an empty comment. Side effects: after commit, an
    e-mail to the people concerned (roadmaps.notices), linking to the comments
    at ``base_url``.
    """
    if parent is not None:
        # Answers join the thread of the first comment and its section.
        parent = parent.parent or parent
        section = parent.section
    comment = Comment(
        roadmap=roadmap,
        section=section,
        item_key="" if parent else _item_of_section(roadmap, section, about),
        body=body.strip(),
        parent=parent,
        author=user,
    )
    comment.full_clean()
    comment.save()
    roadmap_revision_bump(roadmap_id=roadmap.pk, kinds=["comment"])
    transaction.on_commit(
        lambda: comment_notify(comment_id=comment.pk, base_url=base_url)
    )
    return comment


def _item_of_section(roadmap: Roadmap, section: str, key: str) -> str:
    item = roadmap_item_by_key(roadmap=roadmap, key=key)
    return key if item is not None and item.section == section else ""


def comment_notify(*, comment_id: int, base_url: str = "") -> bool:
    """Queue the comment's e-mails; False (logged) when the broker is down."""
    from kombu.exceptions import OperationalError

    from roadmaps.tasks import comment_notice_send

    try:
        comment_notice_send.apply_async(
            kwargs={"comment_id": comment_id, "base_url": base_url}
        )
    except OperationalError:
        logger.warning("E-mail of comment %s lost: no broker", comment_id)
        return False
    return True


@transaction.atomic
def comment_resolve(*, user, comment: Comment, resolved: bool = True) -> Comment:
    """Mark a thread resolved (or open it again)."""
    thread = comment.parent or comment
    thread.resolved_at = timezone.now() if resolved else None
    thread.resolved_by = user if resolved else None
    thread.save(update_fields=["resolved_at", "resolved_by"])
    roadmap_revision_bump(roadmap_id=thread.roadmap_id, kinds=["comment"])
    return thread
