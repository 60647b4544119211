"""The convening domain: organizations, convenings, roles, delegations, their
members, sessions and attendance, and the record of team changes. One module per
concern; the names are here (``from academy.models import Convening``)."""

from academy.models.agenda import Attendance, Session, SessionQuerySet
from academy.models.convenings import (
    Convening,
    ConveningQuerySet,
    ConveningRole,
    Organization,
    _default_languages,
    validate_languages,
    validate_time_zone,
)
from academy.models.logos import ConveningLogo, logos_storage
from academy.models.people import (
    Delegation,
    DelegationQuerySet,
    Participant,
    ParticipantQuerySet,
)
from academy.models.team import TeamChange

__all__ = [
    "Attendance",
    "Convening",
    "ConveningQuerySet",
    "ConveningLogo",
    "ConveningRole",
    "Delegation",
    "DelegationQuerySet",
    "Organization",
    "Participant",
    "ParticipantQuerySet",
    "Session",
    "SessionQuerySet",
    "TeamChange",
    "_default_languages",
    "logos_storage",
    "validate_languages",
    "validate_time_zone",
]
