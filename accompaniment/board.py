"""The cohort board: every delegation of a convening on one line, its NAP
path (the roadmap's milestones, stage by stage), its last contact, what is
still to do and its indicator updates (approved, waiting for review). Six
queries whatever the size of the cohort."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max, OuterRef, Q, Subquery

from academy.models import Delegation
from accompaniment.enums import PENDING, EngagementStatus, UpdateStatus
from accompaniment.models import Engagement, FollowUpSettings, IndicatorUpdate
from common.countries import country_name
from roadmaps.enums import MilestoneKind
from roadmaps.models import Milestone


@dataclass
class BoardLine:
    delegation: Delegation
    last_contact: datetime.date | None
    days_without_contact: int | None
    quiet: bool  # no contact for longer than the convening allows
    open_actions: int
    overdue_actions: int
    updates_approved: int
    updates_to_review: int
    stages: list = field(default_factory=list)  # [(kind, milestone or None)]

    @property
    def shown(self) -> tuple:
        """Every value the line shows: what its cached HTML is keyed by
        (common/templatetags/cached_rows.py), so it can never be stale."""
        delegation = self.delegation
        roadmap = getattr(delegation, "roadmap", None)
        return (
            delegation.pk,
            delegation.country.code,
            roadmap.nap_status if roadmap else None,
            tuple(
                (kind, m.status, m.achieved_date, m.expected_date) if m else (kind,)
                for kind, m in self.stages
            ),
            self.last_contact,
            self.days_without_contact,
            self.quiet,
            self.open_actions,
            self.overdue_actions,
            self.updates_approved,
            self.updates_to_review,
        )


def _stage_columns():
    return list(MilestoneKind.choices)


def _update_counts(roadmap_ids: list[int]) -> dict:
    """{(roadmap id, status): how many indicator updates}, approved and
    submitted, for the roadmaps given in one grouped query (filtered by the
    indicators' roadmaps rather than joined up to the convening: half the
    work on a large cohort)."""
    counts = defaultdict(int)
    for roadmap_id, status, number in (
        IndicatorUpdate.objects.filter(
            period__indicator__roadmap_id__in=roadmap_ids,
            period__indicator__deleted_at__isnull=True,
            status__in=[UpdateStatus.APPROVED, UpdateStatus.SUBMITTED],
        )
        .order_by()
        .values_list("period__indicator__roadmap_id", "status")
        .annotate(number=Count("pk"))
    ):
        counts[roadmap_id, status] = number
    return counts


def cohort_board(*, convening, today: datetime.date) -> list[BoardLine]:
    """One line per delegation, sorted by country name in the active language."""
    held = Engagement.objects.filter(
        delegation=OuterRef("pk"), status=EngagementStatus.HELD, starts_on__lte=today
    )
    pending = Q(action_items__status__in=PENDING)

    delegations = list(
        Delegation.objects.filter(convening=convening)
        .select_related("roadmap")
        .annotate(
            last_contact=Subquery(
                held.order_by()
                .values("delegation")
                .annotate(last=Max("starts_on"))
                .values("last")[:1]
            ),
            open_actions=Count("action_items", filter=pending, distinct=True),
            overdue_actions=Count(
                "action_items",
                filter=pending & Q(action_items__due_on__lt=today),
                distinct=True,
            ),
        )
    )
    delegations.sort(key=lambda d: country_name(d.country))
    milestones = defaultdict(dict)
    for milestone in Milestone.objects.filter(
        roadmap__delegation__convening=convening, deleted_at__isnull=True
    ).order_by("planned_date", "pk"):
        # One of a kind on a path (Milestone.clean).
        milestones[milestone.roadmap_id].setdefault(milestone.kind, milestone)
    roadmaps = {d.pk: getattr(d, "roadmap", None) for d in delegations}
    updates = _update_counts([r.pk for r in roadmaps.values() if r is not None])
    quiet_after = FollowUpSettings.for_convening(convening.pk).quiet_days
    since = convening.end_date
    lines = []
    for delegation in delegations:
        last = delegation.last_contact
        reference = last or since
        days = (today - reference).days if reference <= today else None
        roadmap = roadmaps[delegation.pk]
        roadmap_id = roadmap.pk if roadmap else None
        by_kind = milestones.get(roadmap_id, {})
        if roadmap:
            roadmap.nap_status_read_from(by_kind.values())
        lines.append(
            BoardLine(
                delegation=delegation,
                last_contact=last,
                days_without_contact=days,
                quiet=days is not None and days > quiet_after,
                open_actions=delegation.open_actions,
                overdue_actions=delegation.overdue_actions,
                updates_approved=updates[roadmap_id, UpdateStatus.APPROVED],
                updates_to_review=updates[roadmap_id, UpdateStatus.SUBMITTED],
                stages=[(kind, by_kind.get(kind)) for kind, _label in _stage_columns()],
            )
        )
    return lines


def stage_labels():
    return [label for _kind, label in _stage_columns()]
