"""Recording the follow-up: engagements, action items, and the stages of the
NAP path (the roadmap's milestones, saved through the roadmap's services).

Every save is versioned: the form carries the version it was based on, and a
save based on a version someone else has replaced meanwhile is refused (with
who saved and when), never applied over their work. Each save leaves a
history record with its author (django-simple-history).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.formats import date_format
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from academy.enums import Module, Role
from academy.models import ConveningRole, Delegation, Participant
from accompaniment.enums import ActionStatus, OwnerSide
from accompaniment.models import (
    ActionItem,
    Attachment,
    Engagement,
    FollowUpSettings,
    attachments_storage,
)
from common.documents import document_check
from roadmaps import services as roadmap_services
from roadmaps.models import Milestone, Roadmap
from roadmaps.selectors import roadmap_item_keys

ENGAGEMENT_FIELDS = (
    "kind",
    "status",
    "starts_on",
    "ends_on",
    "modality",
    "place",
    "topics",
    "summary",
    "agreements",
    "visibility",
    "roadmap_items",
)
ACTION_FIELDS = ("title", "owner_side", "owner", "due_on", "status", "visibility")


def version_bump(obj, user) -> None:
    """Save ``obj`` as a new version, its history record by ``user``."""
    obj.version += 1
    obj._history_user = user
    obj.save()


def version_check(entry, base_version: int | None) -> None:
    """Refuse a save based on a replaced version, naming who replaced it."""
    if base_version is None or entry.version == base_version:
        return
    last = entry.history.order_by("-history_id").select_related("history_user").first()
    who = last.history_user.full_name if last and last.history_user else _("someone")
    raise ValidationError(
        _(
            "%(name)s saved this entry on %(date)s while you were editing it. "
            "Your changes are still in the form: compare them with the entry as "
            "it is now (open it again in another tab) and save again."
        )
        % {"name": who, "date": date_format(entry.updated_at, "DATETIME_FORMAT")},
        code="stale",
    )


def _staff_ids(delegation: Delegation) -> set[int]:
    return set(
        ConveningRole.objects.filter(
            convening_id=delegation.convening_id,
            role__in=[Role.ORGANIZER, Role.FACILITATOR],
        ).values_list("user_id", flat=True)
    )


def _check_people(delegation, *, facilitators, participants) -> None:
    staff = _staff_ids(delegation)
    if any(user.pk not in staff for user in facilitators):
        raise ValidationError(
            {"facilitators": _("Choose facilitators of this convening.")}
        )
    if any(p.delegation_id != delegation.pk for p in participants):
        raise ValidationError({"participants": _("Choose members of this delegation.")})


def _check_topics(topics) -> None:
    if any(topic not in Module.values for topic in topics):
        raise ValidationError(
            {"topics": _("Choose topics among the Academy's modules.")}
        )


def _check_roadmap_items(delegation, keys) -> None:
    """Each key names a living item of the delegation's roadmap."""
    if not keys:
        return
    known = roadmap_item_keys(roadmap=delegation.roadmap)
    if any(key not in known for key in keys):
        raise ValidationError(
            {"roadmap_items": _("Choose items of this delegation's roadmap.")}
        )


@transaction.atomic
def engagement_save(
    *,
    delegation: Delegation,
    user,
    engagement: Engagement | None = None,
    base_version: int | None = None,
    facilitators=(),
    participants=(),
    **fields,
) -> Engagement:
    """Record a new engagement with the delegation, or change one.

    ``fields`` are ENGAGEMENT_FIELDS. Raises ValidationError when the dates are
    in the wrong order, a facilitator is not staff of the convening, a
    participant is not a member of the delegation, a topic is not a module, a
    roadmap item is not one of the delegation's roadmap, or
    the entry was changed by someone else since ``base_version``. Side effects:
    a history record; an engagement's action items keep their links.
    """
    _check_topics(fields.get("topics", []))
    _check_roadmap_items(delegation, fields.get("roadmap_items", []))
    _check_people(delegation, facilitators=facilitators, participants=participants)
    starts, ends = fields.get("starts_on"), fields.get("ends_on")
    if starts and ends and ends < starts:
        raise ValidationError(
            {"ends_on": _("The engagement cannot end before it starts.")}
        )
    if engagement is None:
        engagement = Engagement(delegation=delegation, created_by=user)
    else:
        engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
        version_check(engagement, base_version)
        engagement.version += 1  # the row is locked: no one else counts now
    for name, value in fields.items():
        setattr(engagement, name, value)
    engagement._history_user = user
    engagement.full_clean(exclude=["version", "delegation"])
    engagement.save()
    engagement.refresh_from_db()
    engagement.facilitators.set(facilitators)
    engagement.participants.set(participants)
    return engagement


def _check_action(delegation, *, engagement, owner, owner_side, due_on) -> None:
    if engagement is not None and engagement.delegation_id != delegation.pk:
        raise ValidationError(
            {"engagement": _("Choose an engagement of this delegation.")}
        )
    if engagement is not None and due_on is not None and due_on < engagement.starts_on:
        raise ValidationError(
            {
                "due_on": _(
                    "The due date is before the engagement it was agreed in (%(date)s)."
                )
                % {"date": date_format(engagement.starts_on, "DATE_FORMAT")}
            }
        )
    if owner is None:
        return
    if owner_side == OwnerSide.DELEGATION:
        fits = Participant.objects.filter(delegation=delegation, user=owner).exists()
        message = _(
            "The person in charge of a delegation's action is one of its members."
        )
    else:
        fits = owner.pk in _staff_ids(delegation)
        message = _(
            "The person in charge of an organizers' action is on the convening's team."
        )
    if not fits:
        raise ValidationError({"owner": message})


@transaction.atomic
def action_item_save(
    *,
    delegation: Delegation,
    user,
    item: ActionItem | None = None,
    base_version: int | None = None,
    engagement: Engagement | None = None,
    **fields,
) -> ActionItem:
    """Add an action item (agreed in ``engagement``, or on its own), or change one.

    ``fields`` are ACTION_FIELDS. Raises ValidationError when the due date is
    before the engagement, the person in charge is not on the right side, or
    the entry was changed by someone else since ``base_version``. Side effects:
    a history record.
    """
    _check_action(
        delegation,
        engagement=engagement,
        owner=fields.get("owner"),
        owner_side=fields.get("owner_side"),
        due_on=fields.get("due_on"),
    )
    if item is None:
        item = ActionItem(delegation=delegation, created_by=user)
    else:
        item = ActionItem.objects.select_for_update().get(pk=item.pk)
        version_check(item, base_version)
        item.version += 1
    item.engagement = engagement
    for name, value in fields.items():
        setattr(item, name, value)
    item._history_user = user
    item.full_clean(exclude=["version", "delegation"])
    item.save()
    item.refresh_from_db()
    return item


@transaction.atomic
def action_item_status_set(
    *, item: ActionItem, user, status: str, base_version: int | None = None
) -> ActionItem:
    """Move an action item along (open, in progress, done, dropped).

    Raises ValidationError for an unknown status or when someone else changed
    the item since ``base_version``. Side effects: a history record.
    """
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    locked = ActionItem.objects.select_for_update().get(pk=item.pk)
    version_check(locked, base_version)
    if locked.status == status:
        return locked
    locked.status = status
    version_bump(locked, user)
    locked.refresh_from_db()
    return locked


def attachment_add(
    *,
    user,
    content: bytes,
    filename: str,
    engagement: Engagement | None = None,
    milestone: Milestone | None = None,
    update=None,
) -> Attachment:
    """Keep a file of the engagement, or the evidence of the milestone or of the
    indicator update (checked by common.documents: its type by its content, its
    size against ATTACHMENT_MAX_MB).

    Raises ValidationError (on ``file``) when it cannot be kept. Side effects:
    the file is written to the attachments storage under a name of our own
    (removed again if the row cannot be saved).
    """
    try:
        checked = document_check(
            content=content,
            filename=filename,
            max_bytes=settings.ATTACHMENT_MAX_MB * 1024 * 1024,
        )
    except ValidationError as error:
        raise ValidationError({"file": error.error_list}) from error
    if engagement is not None:
        delegation_id = engagement.delegation_id
    elif update is not None:
        delegation_id = update.delegation.pk
    else:
        delegation_id = milestone.roadmap.delegation_id
    stored = attachments_storage().save(
        f"{delegation_id}/{uuid.uuid4().hex}.{checked.extension}",
        ContentFile(content),
    )
    try:
        return Attachment.objects.create(
            engagement=engagement,
            milestone=milestone,
            update=update,
            file=stored,
            name=get_valid_filename(filename)[-150:] or f"file.{checked.extension}",
            content_type=checked.content_type,
            size_bytes=len(content),
            uploaded_by=user,
        )
    except BaseException:
        attachments_storage().delete(stored)
        raise


def attachment_remove(*, attachment: Attachment) -> None:
    """Side effects: the file is deleted from storage once the row is gone
    (common/files.py)."""
    attachment.delete()


def followup_settings_save(*, convening, quiet_days: int, due_soon_days: int):
    """Set the convening's own follow-up thresholds (the board's flag and the
    reminders). Raises ValidationError for a value out of range."""
    found = FollowUpSettings.for_convening(convening.pk)
    found.quiet_days, found.due_soon_days = quiet_days, due_soon_days
    found.full_clean()
    found.save()
    return found


# Where each stage of the path stands: what the path page may change.
MILESTONE_TRACKED_FIELDS = (
    "status",
    "planned_date",
    "revised_date",
    "achieved_date",
    "legal_instrument",
    "evidence_url",
    "notes",
)


@transaction.atomic
def milestone_track(
    *, user, roadmap: Roadmap, kind: str, fields: dict, base_version: int | None
) -> Milestone:
    """Record where a stage of the NAP path stands: the roadmap's milestone of
    that kind, added when the path does not have it yet. Open to the delegation
    after its roadmap is final: the path goes on after the plan is written.

    Saved by the roadmap's versioned services (merge or StaleEdit, a history
    record with ``user``). Raises ValidationError on a field (nothing saved).
    """
    fields = {name: fields[name] for name in MILESTONE_TRACKED_FIELDS}
    # The roadmap's row is the lock: two people adding the same stage at once
    # make one milestone, the second save updating it.
    Roadmap.objects.select_for_update().filter(pk=roadmap.pk).first()
    milestone = Milestone.objects.filter(
        roadmap=roadmap, kind=kind, deleted_at__isnull=True
    ).first()
    if milestone is None:
        return roadmap_services.item_create(
            user=user, roadmap=roadmap, model=Milestone, fields={"kind": kind, **fields}
        )
    return roadmap_services.item_update(
        user=user,
        item=milestone,
        base_version=base_version or milestone.version,
        changes=fields,
    )
