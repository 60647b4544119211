"""The open data's figures for `make bench`: the export of the large cohort
(every delegation shares) in each format, as the convening's page and the
command line build it, in the bench's own process."""

import time


def exports_time(convening_id: int) -> dict:
    """{format: (seconds, bytes)} for the convening's export."""
    from academy.models import Convening
    from opendata.exports import results_export
    from opendata.models import DataSharing
    from opendata.selectors import shared_roadmaps

    convening = Convening.objects.get(pk=convening_id)
    for delegation in convening.delegations.all():
        DataSharing.objects.update_or_create(
            delegation=delegation, defaults={"share_results": True}
        )
    roadmaps = shared_roadmaps(convening=convening)
    figures = {}
    for fmt in ("json", "xlsx", "iati"):
        started = time.perf_counter()
        export = results_export(
            convening=convening, roadmaps=roadmaps, fmt=fmt, subject="bench"
        )
        figures[fmt] = (time.perf_counter() - started, len(export.content))
    return figures


def comparison_prepare(convening_id: int) -> None:
    """Every delegation of the convening chooses to be compared."""
    from academy.models import Convening
    from opendata.models import DataSharing

    for delegation in Convening.objects.get(pk=convening_id).delegations.all():
        DataSharing.objects.update_or_create(
            delegation=delegation,
            defaults={"share_with_cohort": True, "share_results": True},
        )
