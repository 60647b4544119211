"""Changes to the convening domain. Each function runs in a transaction."""

from django.db import transaction

from academy.enums import NapStatus, Role
from academy.models import Convening, ConveningRole, Delegation
from academy.rules import forget_roles
from roadmaps.models import Roadmap


@transaction.atomic
def delegation_create(
    *,
    convening: Convening,
    country: str,
    nap_status: str = NapStatus.NONE,
    notes: str = "",
) -> Delegation:
    """Register a country's delegation in a convening.

    Side effects: creates the delegation's empty roadmap, so every delegation has one.
    """
    delegation = Delegation.objects.create(
        convening=convening, country=country, nap_status=nap_status, notes=notes
    )
    Roadmap.objects.create(delegation=delegation)
    return delegation


@transaction.atomic
def convening_role_grant(*, convening: Convening, user, role: Role) -> ConveningRole:
    """Make a person organizer or facilitator of one convening (idempotent)."""
    grant, _created = ConveningRole.objects.get_or_create(
        convening=convening, user=user, role=role
    )
    forget_roles(user)
    return grant
