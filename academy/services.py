"""Changes to the convening domain: convenings, delegations and roles, the
sessions of the agenda, attendance. Each function runs in a transaction."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from academy.enums import AttendanceStatus, Role
from academy.models import (
    Attendance,
    Convening,
    ConveningRole,
    Delegation,
    Organization,
    Participant,
    Session,
)
from academy.rules import forget_roles
from academy.time_zones import same_local_time
from accounts.models import User

# Sessions may sit a little outside the convening's dates (a welcome dinner the
# evening before, a follow-up call the day after), but not in another month.


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
        organization = offered.filter(name__iexact=name).order_by("convening").first()
        if organization is None:
            organization = Organization.objects.create(name=name, convening=convening)
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
    _require_sessions_within(convening=convening, start=start_date, end=end_date)
    convening.name_es = name_es
    convening.name_en = name_en
    convening.edition = edition
    convening.city = city
    convening.country = country
    convening.venue = venue
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


# Sessions of the agenda. Times are aware datetimes; a room or a facilitator
# booked twice is allowed (academy.selectors.agenda.session_conflicts reports it).


def session_day_problem(*, convening: Convening, day: datetime.date) -> str | None:
    """Why a session cannot start on ``day`` (in the convening's time zone), or
    None. The one rule, for the form, the services and the help text: a session
    starts on one of the convening's days."""
    if convening.start_date <= day <= convening.end_date:
        return None
    return convening_days_text(convening=convening)


def convening_days_text(*, convening: Convening) -> str:
    """The rule as the reader reads it, dates in the reader's language."""
    return _("A session must start on one of the convening's days: %(days)s.") % {
        "days": convening_dates(convening=convening)
    }


def convening_dates(*, convening: Convening) -> str:
    """The convening's dates in the reader's language and format."""
    first = date_format(convening.start_date, "DATE_FORMAT")
    last = date_format(convening.end_date, "DATE_FORMAT")
    if first == last:
        return first
    return _("from %(first)s to %(last)s") % {"first": first, "last": last}


def _validate_session(
    *,
    convening: Convening,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    facilitators: Iterable[User],
    titles: tuple[str, str],
) -> None:
    errors = {}
    if not any(title.strip() for title in titles):
        errors["title_es"] = _("Give the session a title in Spanish or in English.")
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise ValueError("Session times must be aware datetimes")
    if ends_at <= starts_at:
        errors["ends_at"] = _("The session must end after it starts.")
    local_start = timezone.localtime(starts_at, convening.zone).date()
    day_problem = session_day_problem(convening=convening, day=local_start)
    if day_problem:
        errors["starts_at"] = day_problem
    allowed = set(
        ConveningRole.objects.filter(convening=convening).values_list(
            "user_id", flat=True
        )
    )
    if any(person.pk not in allowed for person in facilitators):
        errors["facilitators"] = _(
            "Facilitators must be facilitators or organizers of this convening."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def session_create(
    *,
    convening: Convening,
    module: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    title_es: str = "",
    title_en: str = "",
    room: str = "",
    description_es: str = "",
    description_en: str = "",
    facilitators: Iterable[User] = (),
) -> Session:
    """Put a session on the convening's agenda.

    The title and description may be given in Spanish, English or both; pages
    show the viewer's language and fall back to the other one.

    Raises ValidationError when it ends before it starts, does not start on one
    of the convening's days (``session_day_problem``), or names a facilitator
    who has no role in the convening. A double booking is not an error: see
    ``session_conflicts``.
    """
    facilitators = list(facilitators)
    _validate_session(
        convening=convening,
        starts_at=starts_at,
        ends_at=ends_at,
        facilitators=facilitators,
        titles=(title_es, title_en),
    )
    session = Session.objects.create(
        convening=convening,
        title_es=title_es,
        title_en=title_en,
        module=module,
        starts_at=starts_at,
        ends_at=ends_at,
        room=room,
        description_es=description_es,
        description_en=description_en,
    )
    session.facilitators.set(facilitators)
    return session


@transaction.atomic
def session_update(
    *,
    session: Session,
    module: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    title_es: str = "",
    title_en: str = "",
    room: str = "",
    description_es: str = "",
    description_en: str = "",
    facilitators: Iterable[User] = (),
) -> Session:
    """Change a session; the same checks as ``session_create``.

    Attendance already marked for the session is kept.
    """
    facilitators = list(facilitators)
    _validate_session(
        convening=session.convening,
        starts_at=starts_at,
        ends_at=ends_at,
        facilitators=facilitators,
        titles=(title_es, title_en),
    )
    session.title_es = title_es
    session.title_en = title_en
    session.module = module
    session.starts_at = starts_at
    session.ends_at = ends_at
    session.room = room
    session.description_es = description_es
    session.description_en = description_en
    session.save()
    session.facilitators.set(facilitators)
    return session


@transaction.atomic
def session_delete(*, session: Session) -> None:
    """Take a session off the agenda.

    Side effects: deletes the attendance marked for it (its rows cascade), so the
    attendance rates no longer count it.
    """
    session.delete()


# Attendance


@transaction.atomic
def attendance_mark(
    *,
    session: Session,
    participant: Participant,
    status: str,
    marked_by: User,
) -> Attendance:
    """Record whether a participant attended a session, replacing an earlier mark.

    Raises ValidationError for an unknown status or a participant of another
    convening. Side effects: none beyond the row (who marked it and when).
    """
    if status not in AttendanceStatus.values:
        raise ValidationError(_("Unknown attendance status."))
    if participant.convening_id != session.convening_id:
        raise ValidationError(_("This person does not take part in this convening."))
    attendance, _created = Attendance.objects.update_or_create(
        session=session,
        participant=participant,
        defaults={
            "status": status,
            "marked_by": marked_by,
            "marked_at": timezone.now(),
        },
    )
    return attendance


@transaction.atomic
def attendance_mark_everyone(
    *, session: Session, marked_by: User, status: str = AttendanceStatus.PRESENT
) -> int:
    """Mark every participant of the convening not yet marked for this session
    (present, by default: a roll call starts from everyone and corrects the
    few who are not), and return how many were marked. Marks already made are
    kept, whoever made them; two people pressing it at once mark each person once.
    Side effects: none beyond the rows.
    """
    if status not in AttendanceStatus.values:
        raise ValidationError(_("Unknown attendance status."))
    unmarked = Participant.objects.filter(convening_id=session.convening_id).exclude(
        attendances__session=session
    )
    now = timezone.now()
    before = Attendance.objects.filter(session=session).count()
    Attendance.objects.bulk_create(
        [
            Attendance(
                session=session,
                participant=participant,
                status=status,
                marked_by=marked_by,
                marked_at=now,
            )
            for participant in unmarked
        ],
        ignore_conflicts=True,
    )
    return Attendance.objects.filter(session=session).count() - before
