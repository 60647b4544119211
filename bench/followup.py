"""The follow-up of a bench cohort: six months of engagements and actions per
delegation, two years of approved indicator updates (bench/cohort.py loads it
after the roadmaps)."""

import datetime
from decimal import Decimal

from bench.history import bulk


def followup_load(delegations, facilitator, first_day):
    """Six months of follow-up per delegation: an engagement a month, two
    actions agreed in each (one done, one open with a due date)."""
    from accompaniment.models import ActionItem, Engagement

    engagements = bulk(
        Engagement,
        [
            Engagement(
                delegation=delegation,
                kind="call" if month % 2 else "virtual_meeting",
                status="held",
                starts_on=first_day + datetime.timedelta(days=30 * month + 10),
                modality="virtual",
                topics=["gender_budgeting"],
                summary=f"Follow-up {month + 1} with the drafting team.",
                agreements="Cost the activities; share the draft.",
                created_by=facilitator,
            )
            for delegation in delegations
            for month in range(6)
        ],
    )
    bulk(
        ActionItem,
        [
            ActionItem(
                delegation_id=engagement.delegation_id,
                engagement=engagement,
                title=title,
                owner_side=side,
                due_on=engagement.starts_on + datetime.timedelta(days=21),
                status=status,
                created_by=facilitator,
            )
            for engagement in engagements
            for title, side, status in (
                ("Share the draft with the ministries", "delegation", "open"),
                ("Send the costing template", "organizers", "done"),
            )
        ],
    )


def tracking_load(roadmaps, target, reviewer):
    """Two years of reporting per indicator: the plan's yearly periods, and an
    approved update for 2025 and 2026 of each, with its figures for women and
    men on ``target`` (the roadmap whose indicator table is measured)."""
    from django.utils import timezone

    from accompaniment.models import (
        DisaggregationCategory,
        IndicatorUpdate,
        ReportingPeriod,
        UpdateValue,
    )
    from accompaniment.services import categories_ensure, periods_sync
    from roadmaps.models import Indicator, Roadmap

    for roadmap in Roadmap.objects.filter(pk__in=[r.pk for r in roadmaps]):
        periods_sync(
            roadmap=roadmap, indicators=list(Indicator.objects.filter(roadmap=roadmap))
        )
    now = timezone.now()
    periods = ReportingPeriod.objects.filter(
        indicator__roadmap__in=roadmaps, starts_on__year__in=(2025, 2026)
    ).select_related("indicator")
    updates = bulk(
        IndicatorUpdate,
        [
            IndicatorUpdate(
                period=period,
                status="approved",
                value=Decimal(15 + 5 * (period.starts_on.year - 2025)),
                as_of=period.ends_on,
                narrative="Figures of the Ministry of Justice's annual report.",
                submitted_at=now,
                reviewed_by=reviewer,
                reviewed_at=now,
            )
            for period in periods
        ],
    )
    categories_ensure(roadmap=target)
    sex = list(
        DisaggregationCategory.objects.filter(roadmap=target, dimension="sex")[:2]
    )
    UpdateValue.objects.bulk_create(
        [
            UpdateValue(update=update, category=category, value=update.value / 2)
            for update in updates
            if update.period.indicator.roadmap_id == target.pk
            for category in sex
        ],
        batch_size=2000,
    )
