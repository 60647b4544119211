"""Reading the reference indicators: which ones a roadmap's indicator may
point at, and a convening's list with how much each is used."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, Subquery

from roadmaps.models import Indicator, ReferenceIndicator, Roadmap


def references_for_roadmap(*, roadmap_id):
    """The shipped entries and the roadmap's convening's own (lazy: the
    convening is found in a subquery when the choices are read)."""
    convening = Roadmap.objects.filter(pk=roadmap_id).values("delegation__convening_id")
    return ReferenceIndicator.objects.filter(
        Q(convening=None) | Q(convening_id=Subquery(convening[:1]))
    )


def references_of_convening(*, convening) -> list[ReferenceIndicator]:
    """Every entry a convening's roadmaps may use, each with ``used``: how many
    of the convening's living indicators point at it. One query."""
    return list(
        ReferenceIndicator.objects.for_convening(convening.pk).annotate(
            used=Count(
                "indicators",
                filter=Q(
                    indicators__deleted_at=None,
                    indicators__roadmap__delegation__convening=convening,
                ),
            )
        )
    )


@dataclass
class ReferenceLine:
    """One reference indicator and the indicators that measure it, by
    delegation: the same measure side by side across countries."""

    reference: ReferenceIndicator
    values: list = field(default_factory=list)  # [(delegation, [Indicator])]


def reference_lines(*, roadmaps) -> list[ReferenceLine]:
    """The references the roadmaps' living indicators point at, in the
    references' order, each with its indicators grouped by delegation (in the
    order of ``roadmaps``). One query."""
    order = {roadmap.pk: number for number, roadmap in enumerate(roadmaps)}
    by_roadmap = {roadmap.pk: roadmap for roadmap in roadmaps}
    grouped = defaultdict(lambda: defaultdict(list))
    references = {}
    for indicator in (
        Indicator.objects.filter(
            roadmap__in=roadmaps, deleted_at=None, reference__isnull=False
        )
        .select_related("reference")
        .order_by("position", "pk")
    ):
        references[indicator.reference_id] = indicator.reference
        grouped[indicator.reference_id][indicator.roadmap_id].append(indicator)
    lines = []
    for reference in sorted(references.values(), key=ReferenceIndicator.sort_key.fget):
        by = grouped[reference.pk]
        lines.append(
            ReferenceLine(
                reference=reference,
                values=[
                    (by_roadmap[roadmap_id].delegation, by[roadmap_id])
                    for roadmap_id in sorted(by, key=order.get)
                ],
            )
        )
    return lines
