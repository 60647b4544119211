"""Roadmaps and their parts. The parts are built through the services, as a
person would (history, positions and completeness as in real use)."""

from decimal import Decimal

import factory

from roadmaps import services
from roadmaps.models import Activity, Indicator, Outcome, Output, Pillar, Roadmap
from tests.factories.academy import DelegationFactory


class RoadmapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Roadmap

    delegation = factory.SubFactory(DelegationFactory, roadmap=None)


def outcome(roadmap, pillar, statement="Women lead peace talks", **fields):
    return services.item_create(
        user=None,
        roadmap=roadmap,
        model=Outcome,
        parent=pillar,
        fields={"statement": statement, **fields},
    )


def output(roadmap, outcome, statement="Mediators are trained", **fields):
    return services.item_create(
        user=None,
        roadmap=roadmap,
        model=Output,
        parent=outcome,
        fields={"statement": statement, **fields},
    )


def indicator(roadmap, result, statement="Share of women mediators", **fields):
    values = {
        "statement": statement,
        "baseline_value": Decimal("10"),
        "baseline_year": 2024,
        "target_value": Decimal("40"),
        "target_year": 2030,
        "means_of_verification": "Annual report",
        **fields,
    }
    return services.item_create(
        user=None, roadmap=roadmap, model=Indicator, parent=result, fields=values
    )


def activity(roadmap, output, statement="Train 40 mediators", **fields):
    values = {
        "statement": statement,
        "lead_institution": "Ministry of Justice",
        "start_quarter": "2025-Q3",
        "end_quarter": "2026-Q2",
        "cost": Decimal("1000"),
        "currency": "USD",
        "funding_status": "secured",
        **fields,
    }
    return services.item_create(
        user=None, roadmap=roadmap, model=Activity, parent=output, fields=values
    )


def build_tree(roadmap, *, outcomes=3, outputs=3, activities=4):
    """Every pillar gets ``outcomes`` outcomes, each ``outputs`` outputs, each
    ``activities`` activities; every outcome and output one indicator."""
    for pillar in Pillar.objects.filter(roadmap=roadmap):
        for o in range(outcomes):
            made_outcome = outcome(roadmap, pillar, f"Outcome {pillar.pk}.{o}")
            indicator(roadmap, made_outcome)
            for p in range(outputs):
                made_output = output(roadmap, made_outcome, f"Output {o}.{p}")
                indicator(roadmap, made_output)
                for a in range(activities):
                    activity(roadmap, made_output, f"Activity {o}.{p}.{a}")


def large_roadmap_build(delegation):
    """4 pillars × 3 outcomes × 3 outputs × 4 activities, an indicator on each
    outcome and output: the large roadmap of the roadmap issue."""
    roadmap = services.roadmap_initialize(roadmap=delegation.roadmap)
    build_tree(roadmap, outcomes=3, outputs=3, activities=4)
    return Roadmap.objects.select_related("delegation__convening").get(pk=roadmap.pk)
