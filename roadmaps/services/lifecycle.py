"""A roadmap's life: created with its delegation, set up with the standard
pillars and where its NAP stands, and its review status (with the notice to
the members)."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from academy.enums import NapStatus
from academy.models import Delegation
from roadmaps.enums import RoadmapStatus, StandardPillar, StatusTransition
from roadmaps.models import (
    REVISION_FIELD_NAMES,
    Coordination,
    Milestone,
    Pillar,
    Roadmap,
)
from roadmaps.nap_path import starting_path
from roadmaps.services.items import (
    history_record_write,
    item_create,
    position_next,
)
from roadmaps.services.revisions import roadmap_revision_bump

logger = logging.getLogger(__name__)


@transaction.atomic
def roadmap_create(
    *, delegation: Delegation, nap_status: str = NapStatus.NONE
) -> Roadmap:
    """Give a new delegation its roadmap, with the four standard pillars and the
    milestones that say where its NAP stands (``nap_status``, read off them from
    then on: roadmaps.nap_path).

    Side effects: the pillars, coordination and milestone rows, with history
    records (roadmap_initialize, item_create).
    """
    roadmap = roadmap_initialize(roadmap=Roadmap.objects.create(delegation=delegation))
    for fields in starting_path(nap_status):
        item_create(user=None, roadmap=roadmap, model=Milestone, fields=fields)
    return roadmap


@transaction.atomic
def roadmap_initialize(*, roadmap: Roadmap, user=None) -> Roadmap:
    """Give a roadmap the four standard pillars and its coordination (idempotent).

    Side effects: creates missing Pillar rows and the Coordination row, with
    history records.
    """
    # Lock the roadmap so two first visits do not both create the pillars.
    Roadmap.objects.select_for_update().filter(pk=roadmap.pk).first()
    existing = set(
        Pillar.objects.filter(roadmap=roadmap).values_list("standard", flat=True)
    )
    position = position_next(Pillar, roadmap=roadmap)
    for standard in StandardPillar:
        if standard in existing:
            continue
        pillar = Pillar(roadmap=roadmap, standard=standard, position=position)
        pillar._history_user = user
        pillar.save()
        position += 1
    if not Coordination.objects.filter(roadmap=roadmap).exists():
        coordination = Coordination(roadmap=roadmap)
        coordination._history_user = user
        coordination.save()
    roadmap_revision_bump(roadmap_id=roadmap.pk, kinds=["pillar", "coordination"])
    roadmap.refresh_from_db(fields=REVISION_FIELD_NAMES)
    return roadmap


def roadmap_needs_initialize(*, roadmap: Roadmap) -> bool:
    """Whether the roadmap lacks its pillars or its coordination. A roadmap
    whose pillars and coordination have been counted (roadmap_initialize counts
    both) has them: rows are deleted softly, never removed."""
    if roadmap.structure_revision and roadmap.coordination_revision:
        return False
    return not (
        Pillar.objects.filter(roadmap=roadmap).exists()
        and Coordination.objects.filter(roadmap=roadmap).exists()
    )


TRANSITIONS = {
    # transition: (from statuses, to status, permission needed)
    StatusTransition.SUBMIT: (
        {RoadmapStatus.DRAFT, RoadmapStatus.CHANGES_REQUESTED},
        RoadmapStatus.IN_REVIEW,
        "roadmaps.submit_roadmap",
    ),
    StatusTransition.REQUEST_CHANGES: (
        {RoadmapStatus.IN_REVIEW},
        RoadmapStatus.CHANGES_REQUESTED,
        "roadmaps.review_roadmap",
    ),
    StatusTransition.FINALIZE: (
        {RoadmapStatus.IN_REVIEW},
        RoadmapStatus.FINAL,
        "roadmaps.review_roadmap",
    ),
    StatusTransition.REOPEN: (
        {RoadmapStatus.FINAL},
        RoadmapStatus.DRAFT,
        "roadmaps.review_roadmap",
    ),
}


@transaction.atomic
def roadmap_status_change(
    *, user, roadmap: Roadmap, transition: str, base_url: str = ""
) -> Roadmap:
    """Move a roadmap through review: draft → in review → changes requested or
    final; a facilitator reopens a final roadmap.

    Raises ValidationError when the transition does not start from the current
    status. Side effects: a history record; after commit, a roadmap submitted
    for review is queued for rendering in the convening's working languages
    (``EXPORTS_PRERENDER_ON_SUBMIT``), and an e-mail to the
    people concerned, each in their own language, linking to the roadmap at
    ``base_url`` (roadmaps.notices).
    """
    sources, target, _permission = TRANSITIONS[StatusTransition(transition)]
    updated = Roadmap.objects.filter(pk=roadmap.pk, status__in=sources).update(
        status=target, updated_at=timezone.now()
    )
    if not updated:
        raise ValidationError(_("This roadmap cannot change to that status now."))
    saved = Roadmap.objects.select_related("delegation__convening").get(pk=roadmap.pk)
    history_record_write(saved, user=user, reason=f"status:{target}")
    if target == RoadmapStatus.IN_REVIEW and settings.EXPORTS_PRERENDER_ON_SUBMIT:
        transaction.on_commit(lambda: _prerender(saved.pk))
    transaction.on_commit(
        lambda: roadmap_status_notify(
            roadmap_id=saved.pk, changed_by=user, base_url=base_url
        )
    )
    return saved


def _prerender(roadmap_id: int) -> None:
    from kombu.exceptions import OperationalError

    from roadmaps.exports import ExportsTooFrequent, exports_prerender

    try:
        exports_prerender(roadmap_id=roadmap_id)
    except (OperationalError, ExportsTooFrequent):  # the click will render it
        logger.warning("Roadmap %s was not pre-rendered", roadmap_id)


def roadmap_status_notify(
    *, roadmap_id: int, changed_by=None, base_url: str = ""
) -> bool:
    """Queue the e-mail telling the people concerned, each in their language,
    that the roadmap's status changed (called once the change is
    committed; the worker sends it, or this process when no broker is set).
    Returns whether it was queued: not when the roadmap is gone or the broker
    cannot be reached (then the notice is logged as lost)."""
    from kombu.exceptions import OperationalError

    from roadmaps.tasks import roadmap_status_notice_send

    status = Roadmap.objects.filter(pk=roadmap_id).values_list("status", flat=True)
    if not status:
        logger.info("roadmap %s is gone; no status e-mail", roadmap_id)
        return False
    try:
        roadmap_status_notice_send.apply_async(
            kwargs={
                "roadmap_id": roadmap_id,
                "status": status[0],
                "changed_by_id": getattr(changed_by, "pk", None),
                "base_url": base_url,
            }
        )
    except OperationalError:
        logger.warning("Status e-mail of roadmap %s lost: no broker", roadmap_id)
        return False
    return True
