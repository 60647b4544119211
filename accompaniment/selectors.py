"""What the follow-up page shows, in a fixed number of queries whatever the
number of engagements and action items."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch

from accompaniment.enums import UpdateStatus, Visibility
from accompaniment.models import ActionItem, Engagement, IndicatorUpdate
from roadmaps.enums import MilestoneKind
from roadmaps.models import Milestone
from roadmaps.selectors import roadmap_item_index


@dataclass
class TimelineEntry:
    date: datetime.date | None
    engagement: Engagement | None = None
    action_item: ActionItem | None = None
    milestone: Milestone | None = None  # a step of the roadmap's NAP path
    update: IndicatorUpdate | None = None  # an indicator update, once submitted


# What the timeline can show (the ``show`` filter of the follow-up page).
ENTRY_KINDS = ("engagements", "actions", "milestones", "updates")


def _visible(queryset, *, internal: bool):
    return queryset if internal else queryset.filter(visibility=Visibility.DELEGATION)


def followup_entries(
    *, delegation, internal: bool, kinds: list[str] = (), show=ENTRY_KINDS
) -> list[TimelineEntry]:
    """The delegation's timeline, newest first: its engagements (each with its
    action items), the action items agreed on their own, the stages of its NAP
    path and its indicator updates once submitted; ``show``: only those of
    ENTRY_KINDS; ``internal``: with the entries shared with nobody but the
    staff; ``kinds``: only engagements of those types (then nothing else).
    Eight queries; with the roadmap's items when an engagement points at some
    (``linked_items``), eight more."""
    actions = _visible(
        ActionItem.objects.select_related("owner"), internal=internal
    ).order_by("due_on", "pk")
    engagements = (
        _visible(delegation.engagements.all(), internal=internal)
        .prefetch_related(
            "facilitators",
            "attachments",
            Prefetch("participants__user"),
            Prefetch("action_items", queryset=actions),
        )
        .order_by("-starts_on", "-pk")
    )
    if kinds:
        engagements = engagements.filter(kind__in=kinds)
    engagements = list(engagements) if "engagements" in show else []
    index = (
        roadmap_item_index(roadmap=delegation.roadmap)
        if any(e.roadmap_items for e in engagements)
        else {}
    )
    for engagement in engagements:
        engagement.linked_items = [
            index[key] for key in engagement.roadmap_items if key in index
        ]
    entries = [TimelineEntry(date=e.starts_on, engagement=e) for e in engagements]
    if not kinds and "actions" in show:
        alone = actions.filter(delegation=delegation, engagement__isnull=True)
        entries += [TimelineEntry(date=item.due_on, action_item=item) for item in alone]
    if not kinds and "milestones" in show:
        entries += [
            TimelineEntry(
                date=milestone.achieved_date or milestone.expected_date,
                milestone=milestone,
            )
            for milestone in Milestone.objects.filter(
                roadmap__delegation=delegation, deleted_at__isnull=True
            )
        ]
    if not kinds and "updates" in show:
        entries += [
            TimelineEntry(date=update.as_of, update=update)
            for update in IndicatorUpdate.objects.filter(
                period__indicator__roadmap__delegation=delegation,
                period__indicator__deleted_at__isnull=True,
            )
            .exclude(status=UpdateStatus.DRAFT)
            .select_related("period__indicator", "author")
        ]
    entries.sort(key=lambda entry: entry.date or datetime.date.max, reverse=True)
    return entries


def open_action_items(*, delegation, internal: bool) -> list[ActionItem]:
    """Every action item still to do, soonest due first (one query)."""
    items = _visible(
        ActionItem.objects.filter(
            delegation=delegation, status__in=["open", "in_progress"]
        ),
        internal=internal,
    ).select_related("owner", "engagement")
    if not internal:
        items = items.exclude(engagement__visibility=Visibility.STAFF)
    return list(items.order_by("due_on", "pk"))


@dataclass
class PathStage:
    kind: str
    label: str
    milestone: Milestone | None
    files: list


def nap_path(*, roadmap, kinds=None) -> list[PathStage]:
    """Every stage of the NAP path in order (or only those of ``kinds``), with
    the roadmap's milestone for it (or None) and its evidence files. Two
    queries."""
    milestones = {
        m.kind: m
        for m in Milestone.objects.filter(
            roadmap=roadmap, deleted_at__isnull=True
        ).prefetch_related("evidence_files")
    }
    roadmap.nap_status_read_from(milestones.values())
    return [
        PathStage(
            kind=kind,
            label=label,
            milestone=milestones.get(kind),
            files=list(milestones[kind].evidence_files.all())
            if kind in milestones
            else [],
        )
        for kind, label in MilestoneKind.choices
        if kinds is None or kind in kinds
    ]
