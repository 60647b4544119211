"""Changes to convenings, their organizations, roles and delegations. Each
function runs in a transaction."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from academy.enums import Role
from academy.models import (
    Convening,
    ConveningRole,
    Delegation,
    Organization,
    Session,
)
from academy.rules import forget_roles
from academy.services.attendance import attendance_changed
from academy.time_zones import same_local_time


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


def organizations_for_convening(*, convening: Convening | None):
    """The organizations a convening's form offers: the curated list and the
    ones its own organizers typed; never another convening's."""
    own = Q(convening=convening) if convening is not None and convening.pk else Q()
    return Organization.objects.filter(Q(convening__isnull=True) | own)


def _organizations_for(
    *, convening: Convening, existing: list[Organization], new_names: list[str]
) -> list[Organization]:
    """The chosen organizations the convening may use, plus the typed names: a
    curated one or one of this convening's of the same name (any letter case)
    is reused, else the name becomes this convening's own."""
    offered = organizations_for_convening(convening=convening)
    allowed = set(
        offered.filter(pk__in=[o.pk for o in existing]).values_list("pk", flat=True)
    )
    chosen = {o.pk: o for o in existing if o.pk in allowed}
    for name in new_names:
        name = " ".join(name.split())
        if not name:
            continue
        organization = (
            offered.filter(Q(name_es__iexact=name) | Q(name_en__iexact=name))
            .order_by("convening")
            .first()
        )
        if organization is None:
            organization = Organization.objects.create(name=name, convening=convening)
        chosen[organization.pk] = organization
    return list(chosen.values())


def _require_a_name(name_es: str, name_en: str) -> None:
    if not (name_es.strip() or name_en.strip()):
        raise ValidationError(
            {"name_es": _("Give the convening a name in Spanish or in English.")}
        )


def _require_a_city(city_es: str, city_en: str) -> None:
    if not (city_es.strip() or city_en.strip()):
        raise ValidationError({"city_es": _("Give the city in Spanish or in English.")})


@transaction.atomic
def convening_create(
    *,
    user,
    edition: int,
    country: str,
    start_date: datetime.date,
    end_date: datetime.date,
    time_zone: str,
    languages: list[str],
    name_es: str = "",
    name_en: str = "",
    city_es: str = "",
    city_en: str = "",
    venue_es: str = "",
    venue_en: str = "",
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
    _require_a_city(city_es, city_en)
    convening = Convening(
        name_es=name_es,
        name_en=name_en,
        edition=edition,
        city_es=city_es,
        city_en=city_en,
        country=country,
        venue_es=venue_es,
        venue_en=venue_en,
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
            convening=convening,
            existing=list(co_organizers),
            new_names=list(new_organization_names),
        )
    )
    convening_role_grant(convening=convening, user=user, role=Role.ORGANIZER)
    return convening


def _require_sessions_within(
    *, convening: Convening, start: datetime.date, end: datetime.date
) -> None:
    """Refuse new dates that would leave sessions of the agenda outside them: a
    session on a day the convening no longer has could not be edited any more.
    The message lists them, so the organizer can move or delete them first."""
    if convening.pk is None:
        return
    zone = convening.zone
    outside = [
        session
        for session in convening.sessions.order_by("starts_at")
        if not start <= timezone.localtime(session.starts_at, zone).date() <= end
    ]
    if not outside:
        return
    listed = "; ".join(
        _("%(title)s (%(day)s, %(time)s)")
        % {
            "title": session.title,
            "day": date_format(
                timezone.localtime(session.starts_at, zone), "DATE_FORMAT"
            ),
            "time": timezone.localtime(session.starts_at, zone).strftime("%H:%M"),
        }
        for session in outside
    )
    raise ValidationError(
        ngettext(
            "%(count)d session of the agenda falls outside the new dates: "
            "%(sessions)s. Move or delete it first, or keep the dates.",
            "%(count)d sessions of the agenda fall outside the new dates: "
            "%(sessions)s. Move or delete them first, or keep the dates.",
            len(outside),
        )
        % {"count": len(outside), "sessions": listed}
    )


@transaction.atomic
def convening_update(
    *,
    convening: Convening,
    edition: int,
    country: str,
    start_date: datetime.date,
    end_date: datetime.date,
    time_zone: str,
    languages: list[str],
    name_es: str = "",
    name_en: str = "",
    city_es: str = "",
    city_en: str = "",
    venue_es: str = "",
    venue_en: str = "",
    description_es: str = "",
    description_en: str = "",
    co_organizers: list[Organization] = (),
    new_organization_names: list[str] = (),
    keep_local_times: bool = True,
) -> Convening:
    """Change a convening's details.

    When the time zone changes, the sessions keep their local times (09:00 stays
    09:00 in the new zone: the usual intent when the zone was wrong), or, with
    ``keep_local_times=False``, their moments in time (their local times move).

    Raises ValidationError when the new dates would leave sessions of the
    agenda outside them (they are listed).

    Side effects: creates an Organization for each typed name that does not exist
    yet; replaces the co-organizers with the chosen and typed ones.
    """
    _require_a_name(name_es, name_en)
    _require_a_city(city_es, city_en)
    _require_sessions_within(convening=convening, start=start_date, end=end_date)
    convening.name_es = name_es
    convening.name_en = name_en
    convening.edition = edition
    convening.city_es = city_es
    convening.city_en = city_en
    convening.country = country
    convening.venue_es = venue_es
    convening.venue_en = venue_en
    convening.start_date = start_date
    convening.end_date = end_date
    old_zone = convening.time_zone
    convening.time_zone = time_zone
    convening.languages = list(languages)
    convening.description_es = description_es
    convening.description_en = description_en
    convening.full_clean()
    convening.save()
    if keep_local_times and old_zone != time_zone:
        _sessions_keep_local_times(
            convening=convening, old_zone=old_zone, new_zone=time_zone
        )
    convening.co_organizers.set(
        _organizations_for(
            convening=convening,
            existing=list(co_organizers),
            new_names=list(new_organization_names),
        )
    )
    return convening


def _sessions_keep_local_times(*, convening, old_zone: str, new_zone: str) -> None:
    sessions = list(convening.sessions.all())
    for session in sessions:
        session.starts_at = same_local_time(session.starts_at, old_zone, new_zone)
        session.ends_at = same_local_time(session.ends_at, old_zone, new_zone)
    Session.objects.bulk_update(sessions, ["starts_at", "ends_at"])


@transaction.atomic
def convening_close(*, convening: Convening) -> Convening:
    """Mark a convening as closed (idempotent: the first closing time is kept)."""
    if convening.closed_at is None:
        convening.closed_at = timezone.now()
        convening.save(update_fields=["closed_at", "updated_at"])
    return convening


@transaction.atomic
def convening_archive(*, convening: Convening, archived: bool = True) -> Convening:
    """Put a convening away (or back): it stays whole, listed apart on its
    organizers' home page. No other side effect."""
    convening.archived_at = timezone.now() if archived else None
    convening.save(update_fields=["archived_at", "updated_at"])
    return convening


@transaction.atomic
def convening_delete(*, convening: Convening) -> None:
    """Delete a convening nobody takes part in yet (a mistake, a duplicate),
    with its agenda, delegations and their empty roadmaps. One with
    participants is refused (ValidationError): archive it instead, since
    their attendance, roadmaps and answers are records."""
    if convening.participants.exists():
        raise ValidationError(
            _(
                "This convening has participants: it cannot be deleted. Archive "
                "it instead, which keeps everything and puts it out of the way."
            )
        )
    convening.delete()


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
    and everything that hangs from them (invitations, attendance, comments; the
    convening's attendance revision is bumped).
    """
    attendance_changed(convening_id=delegation.convening_id)
    delegation.delete()
