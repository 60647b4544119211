"""Changes to the convening domain. Each function runs in a transaction."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from academy.enums import Role
from academy.models import Convening, ConveningRole, Delegation, Organization
from academy.rules import forget_roles


@transaction.atomic
def delegation_create(
    *,
    convening: Convening,
    country: str,
    notes: str = "",
) -> Delegation:
    """Register a country's delegation in a convening (its roadmap is created by
    cohort.services.delegation_register, which calls this)."""
    return Delegation.objects.create(convening=convening, country=country, notes=notes)


@transaction.atomic
def convening_role_grant(*, convening: Convening, user, role: Role) -> ConveningRole:
    """Make a person organizer or facilitator of one convening (idempotent)."""
    grant, _created = ConveningRole.objects.get_or_create(
        convening=convening, user=user, role=role
    )
    forget_roles(user)
    return grant


def _organizations_for(
    *, existing: list[Organization], new_names: list[str]
) -> list[Organization]:
    """The chosen organizations plus the typed names, reusing a row of the same
    name (case-insensitive) so the list of organizations does not fill with twins."""
    chosen = {organization.pk: organization for organization in existing}
    for name in new_names:
        name = " ".join(name.split())
        if not name:
            continue
        organization = Organization.objects.filter(name__iexact=name).first()
        if organization is None:
            organization = Organization.objects.create(name=name)
        chosen[organization.pk] = organization
    return list(chosen.values())


def _require_a_name(name_es: str, name_en: str) -> None:
    if not (name_es.strip() or name_en.strip()):
        raise ValidationError(
            {"name_es": _("Give the convening a name in Spanish or in English.")}
        )


@transaction.atomic
def convening_create(
    *,
    user,
    edition: int,
    city: str,
    country: str,
    start_date: datetime.date,
    end_date: datetime.date,
    time_zone: str,
    languages: list[str],
    name_es: str = "",
    name_en: str = "",
    venue: str = "",
    description_es: str = "",
    description_en: str = "",
    co_organizers: list[Organization] = (),
    new_organization_names: list[str] = (),
) -> Convening:
    """Create a convening and make its creator an organizer of it.

    Side effects: creates an Organization for each typed name that does not exist
    yet; grants ``user`` the organizer role in the new convening.
    """
    _require_a_name(name_es, name_en)
    convening = Convening(
        name_es=name_es,
        name_en=name_en,
        edition=edition,
        city=city,
        country=country,
        venue=venue,
        start_date=start_date,
        end_date=end_date,
        time_zone=time_zone,
        languages=list(languages),
        description_es=description_es,
        description_en=description_en,
    )
    convening.full_clean()
    convening.save()
    convening.co_organizers.set(
        _organizations_for(
            existing=list(co_organizers), new_names=list(new_organization_names)
        )
    )
    convening_role_grant(convening=convening, user=user, role=Role.ORGANIZER)
    return convening


@transaction.atomic
def convening_update(
    *,
    convening: Convening,
    edition: int,
    city: str,
    country: str,
    start_date: datetime.date,
    end_date: datetime.date,
    time_zone: str,
    languages: list[str],
    name_es: str = "",
    name_en: str = "",
    venue: str = "",
    description_es: str = "",
    description_en: str = "",
    co_organizers: list[Organization] = (),
    new_organization_names: list[str] = (),
) -> Convening:
    """Change a convening's details.

    Side effects: creates an Organization for each typed name that does not exist
    yet; replaces the co-organizers with the chosen and typed ones.
    """
    _require_a_name(name_es, name_en)
    convening.name_es = name_es
    convening.name_en = name_en
    convening.edition = edition
    convening.city = city
    convening.country = country
    convening.venue = venue
    convening.start_date = start_date
    convening.end_date = end_date
    convening.time_zone = time_zone
    convening.languages = list(languages)
    convening.description_es = description_es
    convening.description_en = description_en
    convening.full_clean()
    convening.save()
    convening.co_organizers.set(
        _organizations_for(
            existing=list(co_organizers), new_names=list(new_organization_names)
        )
    )
    return convening


@transaction.atomic
def convening_close(*, convening: Convening) -> Convening:
    """Mark a convening as closed (idempotent: the first closing time is kept)."""
    if convening.closed_at is None:
        convening.closed_at = timezone.now()
        convening.save(update_fields=["closed_at", "updated_at"])
    return convening


@transaction.atomic
def delegation_update(
    *,
    delegation: Delegation,
    country: str,
    focal_point=None,
    notes: str = "",
) -> Delegation:
    """Change a delegation's country, focal point and notes.

    The focal point must be one of the delegation's members.
    """
    if (
        focal_point is not None
        and not delegation.members.filter(user=focal_point).exists()
    ):
        raise ValidationError(
            {"focal_point": _("The focal point must be a member of the delegation.")}
        )
    delegation.country = country
    delegation.focal_point = focal_point
    delegation.notes = notes
    delegation.full_clean()
    delegation.save()
    return delegation


@transaction.atomic
def delegation_delete(*, delegation: Delegation) -> None:
    """Remove a delegation from its convening.

    Side effects: deletes its memberships (the people's accounts stay), its roadmap
    and everything that hangs from them (invitations, attendance, comments).
    """
    delegation.delete()
