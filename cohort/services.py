"""Changes that span the domain apps: a delegation and its roadmap."""

from django.db import transaction

from academy import services as academy_services
from academy.enums import NapStatus
from academy.models import Convening, Delegation
from roadmaps import services as roadmap_services
from roadmaps.models import Roadmap


@transaction.atomic
def delegation_register(
    *,
    convening: Convening,
    country: str,
    nap_status: str = NapStatus.NONE,
    notes: str = "",
) -> Delegation:
    """Register a country's delegation in a convening, with its roadmap.

    Side effects: creates the delegation's roadmap with its four standard pillars
    and the NAP status given, so every delegation has one to draft.
    """
    delegation = academy_services.delegation_create(
        convening=convening, country=country, notes=notes
    )
    roadmap_services.roadmap_create(delegation=delegation, nap_status=nap_status)
    return delegation


@transaction.atomic
def delegation_change(
    *,
    delegation: Delegation,
    country: str,
    nap_status: str,
    focal_point=None,
    notes: str = "",
) -> Delegation:
    """Change a delegation's country, focal point, notes and NAP status.

    The NAP status is stored once, on the roadmap: a new one is saved there as a
    versioned change (roadmap_nap_status_set). Raises ValidationError when the
    focal point is not a member.
    """
    academy_services.delegation_update(
        delegation=delegation, country=country, focal_point=focal_point, notes=notes
    )
    roadmap_services.roadmap_nap_status_set(
        roadmap=Roadmap.objects.get(delegation=delegation),
        nap_status=nap_status,
        reason="NAP status set by the organizers",
    )
    return delegation
