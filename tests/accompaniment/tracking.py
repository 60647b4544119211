"""What the tracking tests share: the plan's years, a tiny PDF, and the table,
period and categories helpers (their fixtures are in conftest.py)."""

import datetime

from django.utils import timezone

from accompaniment.models import DisaggregationCategory, ReportingPeriod
from accompaniment.services import categories_ensure

TODAY = timezone.localdate()
LAST_YEAR, THIS_YEAR = TODAY.year - 1, TODAY.year
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def table(client, delegation):
    return client.get(f"/delegations/{delegation.pk}/indicators/")


def this_year_period(indicator):
    return ReportingPeriod.objects.get(
        indicator=indicator, starts_on=datetime.date(THIS_YEAR, 1, 1)
    )


def sex_categories(roadmap):
    categories_ensure(roadmap=roadmap)
    return {
        c.code: c
        for c in DisaggregationCategory.objects.filter(roadmap=roadmap, dimension="sex")
    }


def post_update(client, period, **data):
    return client.post(f"/periods/{period.pk}/updates/new/", data)
