"""Fixtures of the follow-up tests: a facilitator assigned to Bolivia, and a
roadmap planned over three years with an indicator of women mediators trained."""

from decimal import Decimal

import pytest

from roadmaps.models import Pillar
from roadmaps.services import roadmap_initialize
from tests.accompaniment.tracking import LAST_YEAR, THIS_YEAR
from tests.factories import roadmaps as roadmap_factories


@pytest.fixture
def roadmap(bolivia):
    roadmap = bolivia.roadmap
    roadmap.plan_start_year, roadmap.plan_end_year = LAST_YEAR, THIS_YEAR + 1
    roadmap.save()
    return roadmap_initialize(roadmap=roadmap)


@pytest.fixture
def women_trained(roadmap):
    """Women mediators trained: cumulative, yearly, broken down by sex."""
    pillar = Pillar.objects.filter(roadmap=roadmap).first()
    outcome = roadmap_factories.outcome(roadmap, pillar)
    return roadmap_factories.indicator(
        roadmap,
        outcome,
        statement="Women mediators trained",
        unit="people",
        frequency="yearly",
        cumulative=True,
        dimensions=["sex"],
        baseline_value=Decimal("0"),
        baseline_year=LAST_YEAR - 1,
        target_value=Decimal("60"),
        target_year=THIS_YEAR + 1,
    )


@pytest.fixture
def assigned(bolivia, facilitator):
    bolivia.facilitators.add(facilitator)
    return facilitator
