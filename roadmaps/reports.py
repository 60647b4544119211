"""The PDF reports: a delegation's roadmap and the cohort report.

Each report is built in three steps, shared by the worker and the command line:
its context (read in a fixed number of queries, whatever the size of the
roadmap or the cohort), its HTML (our own print templates, autoescaped, in the
requested language and the convening's time zone), and its PDF (through
``common.pdf.pdf_render``, which fetches nothing but our static files).
"""

import datetime
from collections import OrderedDict
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone, translation

from academy.enums import Role
from academy.models import Convening, ConveningRole
from academy.selectors.agenda import agenda_days
from academy.selectors.attendance import attendance_rate_by_delegation
from academy.selectors.convenings import delegation_members, delegations_with_counts
from common.pdf import RenderedPdf, pdf_render
from roadmaps.completeness import roadmap_completeness
from roadmaps.enums import ExportKind
from roadmaps.models import Roadmap
from roadmaps.selectors import roadmap_budget, roadmap_tree
from roadmaps.summaries import roadmap_summaries

AUTHOR = "NAP Academy"


@dataclass
class Report:
    html: str
    filename: str
    roadmap_version: int | None = None


def report_filename(
    *, kind: str, language: str, convening: Convening, roadmap=None, day=None
) -> str:
    """``roadmap-PAN-es-2025-06-26.pdf`` or ``cohort-12-en-2025-06-26.pdf``."""
    day = day or timezone.localdate(timezone=convening.zone)
    if kind == ExportKind.ROADMAP:
        subject = roadmap.delegation.code
    else:
        subject = str(convening.pk)
    return f"{kind}-{subject}-{language}-{day:%Y-%m-%d}.pdf"


# Contexts


def roadmap_report_context(*, roadmap_id: int) -> dict:
    """Everything the roadmap report shows, in ten queries."""
    roadmap = Roadmap.objects.select_related("delegation__convening__host").get(
        pk=roadmap_id
    )
    delegation = roadmap.delegation
    convening = delegation.convening
    tree = roadmap_tree(roadmap=roadmap)
    members = delegation_members(delegation=delegation)
    indicators = tree.indicators
    milestones = sorted(
        tree.milestones,
        key=lambda m: (m.due_date is None, m.due_date or datetime.date.min),
    )
    return {
        "roadmap": roadmap,
        "delegation": delegation,
        "convening": convening,
        "tree": tree,
        "members": [(sector, people) for sector, people in members.items() if people],
        "member_count": sum(len(people) for people in members.values()),
        "indicators": indicators,
        "activity_count": len(tree.activities),
        "budget": roadmap_budget(tree=tree),
        "completeness": roadmap_completeness(tree=tree),
        "milestones": milestones,
        "generated_at": timezone.now(),
    }


@dataclass
class CohortRow:
    delegation: object
    roadmap: object
    score: int
    budget: dict  # {currency: Money}
    attendance: object


def cohort_report_context(*, convening_id: int) -> dict:
    """Everything the cohort report shows, in twelve queries whatever the size
    of the cohort and of its roadmaps."""
    convening = Convening.objects.select_related("host").get(pk=convening_id)
    delegations = list(
        delegations_with_counts(queryset=convening.delegations.all()).order_by(
            "country"
        )
    )
    # Sorted by the translated country name, as readers look countries up.
    delegations.sort(key=lambda d: str(d.country.name))
    roadmaps = [d.roadmap for d in delegations if _has_roadmap(d)]
    # Counted by the database: the same score as the editor's, without loading
    # every roadmap's tree.
    summaries = roadmap_summaries(roadmaps=roadmaps)
    attendance = attendance_rate_by_delegation(convening=convening)
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
        "rows": rows,
        "delegation_count": len(delegations),
        "member_count": sum(d.member_count for d in delegations),
        "government_count": sum(d.government_count for d in delegations),
        "civil_society_count": sum(d.civil_society_count for d in delegations),
        "budget_totals": currencies,
        "facilitators": [r.user for r in staff if r.role == Role.FACILITATOR],
        "organizers": [r.user for r in staff if r.role == Role.ORGANIZER],
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


# HTML and PDF


def roadmap_report(*, roadmap_id: int, language: str) -> Report:
    with translation.override(language):
        context = roadmap_report_context(roadmap_id=roadmap_id)
        convening = context["convening"]
        with timezone.override(convening.zone):
            html = render_to_string(
                "roadmaps/reports/roadmap.html",
                {**context, "language": language, "author": AUTHOR},
            )
    return Report(
        html=html,
        filename=report_filename(
            kind=ExportKind.ROADMAP,
            language=language,
            convening=convening,
            roadmap=context["roadmap"],
        ),
        roadmap_version=context["roadmap"].version,
    )


def cohort_report(*, convening_id: int, language: str) -> Report:
    with translation.override(language):
        context = cohort_report_context(convening_id=convening_id)
        convening = context["convening"]
        with timezone.override(convening.zone):
            html = render_to_string(
                "roadmaps/reports/cohort.html",
                {**context, "language": language, "author": AUTHOR},
            )
    return Report(
        html=html,
        filename=report_filename(
            kind=ExportKind.COHORT, language=language, convening=convening
        ),
    )


def report_build(
    *, kind: str, language: str, roadmap_id=None, convening_id=None
) -> Report:
    if kind == ExportKind.ROADMAP:
        return roadmap_report(roadmap_id=roadmap_id, language=language)
    return cohort_report(convening_id=convening_id, language=language)


def report_pdf(*, report: Report) -> RenderedPdf:
    """The report's PDF (tagged PDF/UA, fetching only our static files)."""
    return pdf_render(html=report.html)
