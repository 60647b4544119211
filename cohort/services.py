"""Changes that span the domain apps: a delegation and its roadmap."""

from django.db import transaction

from academy import services as academy_services
from academy import team
from academy.enums import NapStatus
from academy.models import Convening, Delegation
from participants import services as participants_services
from roadmaps import services as roadmap_services


@transaction.atomic
def delegation_register(
    *,
    convening: Convening,
    country: str,
    nap_status: str = NapStatus.NONE,
    notes: str = "",
    focal_point: dict | None = None,
) -> Delegation:
    """Register a country's delegation in a convening, with its roadmap and,
    when given, its focal point (``email``, ``full_name``, ``sector``,
    ``preferred_language``) as its first member.

    Raises ValidationError (nothing saved) when the focal point is already in
    another delegation of the convening. Side effects: creates the delegation's
    roadmap with its four standard pillars and the first stages of its NAP
    path that ``nap_status`` implies (roadmaps.nap_path.starting_path), so every
    delegation has one to draft; the focal point's membership (and account, when
    the address is new), as participant_create does. No invitation is sent.
    """
    delegation = academy_services.delegation_create(
        convening=convening, country=country, notes=notes
    )
    roadmap_services.roadmap_create(delegation=delegation, nap_status=nap_status)
    if focal_point:
        participant = participants_services.participant_create(
            delegation=delegation, **focal_point
        )
        academy_services.delegation_update(
            delegation=delegation,
            country=delegation.country.code,
            focal_point=participant.user,
            notes=delegation.notes,
        )
    return delegation


@transaction.atomic
def delegation_change(
    *,
    delegation: Delegation,
    country: str,
    focal_point=None,
    notes: str = "",
    facilitators=None,
    changed_by=None,
) -> Delegation:
    """Change a delegation's country, focal point, notes and, when given, the
    facilitators who accompany it (recorded as team changes by ``changed_by``,
    academy.team). Its NAP status follows its milestones (the NAP path page).

    Raises ValidationError when the focal point is not a member.
    """
    academy_services.delegation_update(
        delegation=delegation, country=country, focal_point=focal_point, notes=notes
    )
    if facilitators is not None:
        team.delegation_facilitators_set(
            delegation=delegation, facilitators=facilitators, changed_by=changed_by
        )
    return delegation
