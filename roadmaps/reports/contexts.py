"""What each report shows, read in a fixed number of queries whatever the size
of the roadmap or the cohort. Called inside the report's language (texts that
exist in two languages read in it)."""

import datetime
from collections import OrderedDict
from dataclasses import dataclass

from django.utils import timezone

from academy.enums import Role
from academy.models import Convening, ConveningRole
from academy.selectors.agenda import agenda_days
from academy.selectors.attendance import attendance_rate_by_delegation
from academy.selectors.convenings import delegation_members, delegations_with_members
from common.countries import country_name
from roadmaps.completeness import roadmap_completeness
from roadmaps.enums import RoadmapStatus
from roadmaps.models import Roadmap
from roadmaps.nap_path import STAGES
from roadmaps.pillar_summaries import pillar_summaries
from roadmaps.references import reference_lines
from roadmaps.reports.figures import (
    attendance_chart,
    budget_charts,
    cohort_pillar_comparison,
    milestone_progress,
    pillars_at_a_glance,
)
from roadmaps.selectors import roadmap_budget, roadmap_tree, roadmaps_nap_status_read
from roadmaps.summaries import roadmap_summaries


def _organizers(convening) -> list:
    """The host and the co-organizers, named on a cover without logos."""
    names = [convening.host] if convening.host else []
    names += [o for o in convening.co_organizers.all() if o != convening.host]
    return names


def roadmap_report_context(*, roadmap_id: int) -> dict:
    """Everything the roadmap report shows, in twelve queries."""
    roadmap = Roadmap.objects.select_related("delegation__convening__host").get(
        pk=roadmap_id
    )
    delegation = roadmap.delegation
    convening = delegation.convening
    tree = roadmap_tree(roadmap=roadmap)
    members = delegation_members(delegation=delegation)
    # In the order of the path: the next one is the first stage not reached.
    milestones = sorted(tree.milestones, key=lambda m: STAGES.index(m.kind))
    budget = roadmap_budget(tree=tree)
    return {
        "roadmap": roadmap,
        "delegation": delegation,
        "convening": convening,
        "organizers": _organizers(convening),
        "tree": tree,
        "members": [(sector, people) for sector, people in members.items() if people],
        "member_count": sum(len(people) for people in members.values()),
        "indicators": tree.indicators,
        "activity_count": len(tree.activities),
        "budget": budget,
        "budget_charts": budget_charts(budget=budget),
        "glance": pillars_at_a_glance(tree=tree, budget=budget),
        "completeness": roadmap_completeness(tree=tree),
        "milestones": milestones,
        "milestone_progress": milestone_progress(milestones=milestones),
        "approval": _approval(roadmap),
        "generated_at": timezone.now(),
    }


@dataclass
class Approval:
    at: datetime.datetime
    by: object  # the user who marked it final, or None


def _approval(roadmap) -> Approval | None:
    """When and by whom a final roadmap was marked final (its history)."""
    if roadmap.status != RoadmapStatus.FINAL:
        return None
    record = (
        roadmap.history.filter(history_change_reason=f"status:{RoadmapStatus.FINAL}")
        .select_related("history_user")
        .order_by("-history_date")
        .first()
    )
    if record is None:
        return Approval(at=roadmap.updated_at, by=None)
    return Approval(at=record.history_date, by=record.history_user)


@dataclass
class CohortRow:
    delegation: object
    name: str  # the country's name in the report's language
    roadmap: object
    score: int
    budget: dict  # {currency: Money}
    attendance: object


def cohort_report_context(*, convening_id: int) -> dict:
    """Everything the cohort report shows, in a fixed number of queries whatever
    the size of the cohort and of its roadmaps."""
    convening = Convening.objects.select_related("host").get(pk=convening_id)
    delegations, members = delegations_with_members(convening=convening)
    # Sorted by the translated country name, as readers look countries up.
    names = {d.pk: country_name(d.country) for d in delegations}
    delegations.sort(key=lambda d: names[d.pk])
    roadmaps = [d.roadmap for d in delegations if _has_roadmap(d)]
    # Counted by the database: the same score as the editor's.
    summaries = roadmap_summaries(roadmaps=roadmaps)
    roadmaps_nap_status_read(roadmaps=roadmaps)
    attendance = attendance_rate_by_delegation(convening=convening, members=members)
    rows = []
    currencies = OrderedDict()
    for delegation in delegations:
        roadmap = delegation.roadmap if _has_roadmap(delegation) else None
        summary = summaries.get(roadmap.pk) if roadmap else None
        if summary:
            for currency, money in summary.budget.items():
                total = currencies.setdefault(currency, _Totals())
                total.add(money)
        rows.append(
            CohortRow(
                delegation=delegation,
                name=names[delegation.pk],
                roadmap=roadmap,
                score=summary.percent if summary else 0,
                budget=summary.budget if summary else {},
                attendance=attendance.get(delegation.pk),
            )
        )
    staff = (
        ConveningRole.objects.filter(convening=convening)
        .select_related("user")
        .order_by("role", "user__full_name")
    )
    return {
        "convening": convening,
        "organizers": _organizers(convening),
        "rows": rows,
        "delegation_count": len(delegations),
        "member_count": sum(d.member_count for d in delegations),
        "government_count": sum(d.government_count for d in delegations),
        "civil_society_count": sum(d.civil_society_count for d in delegations),
        "budget_totals": currencies,
        "comparison": cohort_pillar_comparison(
            rows=rows, pillars=pillar_summaries(roadmaps=roadmaps)
        ),
        "reference_lines": reference_lines(roadmaps=roadmaps),
        "attendance_chart": attendance_chart(rows=rows),
        "facilitators": [r.user for r in staff if r.role == Role.FACILITATOR],
        "organizer_people": [r.user for r in staff if r.role == Role.ORGANIZER],
        "days": agenda_days(convening=convening),
        "generated_at": timezone.now(),
    }


class _Totals:
    def __init__(self):
        self.total = self.secured = self.pledged = self.gap = 0

    def add(self, money):
        self.total += money.total
        self.secured += money.secured
        self.pledged += money.pledged
        self.gap += money.gap


def _has_roadmap(delegation) -> bool:
    try:
        return delegation.roadmap is not None
    except Roadmap.DoesNotExist:
        return False
