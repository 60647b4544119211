"""Test data builders, in one place: model factories (factory_boy) and builders
that go through the services as a person would.

``from tests import factories`` then ``factories.ConveningFactory(...)`` or
``factories.outcome(roadmap, pillar)``; the modules split them by app.
"""

from tests.factories import evaluation as surveys
from tests.factories.academy import (
    COUNTRIES,
    ConveningFactory,
    DelegationFactory,
    OrganizationFactory,
    ParticipantFactory,
    RoleFactory,
    SessionFactory,
    grow_delegations,
    panama,
    session_at,
)
from tests.factories.accounts import UserFactory
from tests.factories.cohorts import Cohort, cohort_build
from tests.factories.roadmaps import (
    RoadmapFactory,
    activity,
    build_tree,
    indicator,
    large_roadmap_build,
    outcome,
    output,
)

__all__ = [
    "COUNTRIES",
    "Cohort",
    "ConveningFactory",
    "surveys",
    "DelegationFactory",
    "OrganizationFactory",
    "ParticipantFactory",
    "RoadmapFactory",
    "RoleFactory",
    "SessionFactory",
    "UserFactory",
    "activity",
    "build_tree",
    "cohort_build",
    "grow_delegations",
    "indicator",
    "large_roadmap_build",
    "outcome",
    "output",
    "panama",
    "session_at",
]
