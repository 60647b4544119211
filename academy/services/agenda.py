"""Changes to a convening's agenda: its sessions. Times are aware datetimes."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from academy.models import (
    Convening,
    ConveningRole,
    Session,
)
from academy.services.attendance import attendance_changed
from accounts.models import User

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
    attendance rates no longer count it (the convening's attendance revision is
    bumped).
    """
    attendance_changed(convening_id=session.convening_id)
    session.delete()
