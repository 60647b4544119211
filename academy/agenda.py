"""The agenda of a convening: sessions (writes) and what the agenda pages read.

Times are stored as aware datetimes; pages and forms speak the convening's time
zone. A room or a facilitator booked twice at overlapping times is allowed (plans
change during a convening) but reported by ``session_conflicts`` wherever the
agenda is shown.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from academy.models import Convening, ConveningRole, Session
from academy.selectors import agenda_days, with_facilitators
from accounts.models import User
from common.digests import sessions_digest

# Sessions may sit a little outside the convening's dates (a welcome dinner the
# evening before, a follow-up call the day after), but not in another month.
MARGIN_DAYS = 1


@dataclass(frozen=True)
class Conflict:
    """One other session that shares a room or a facilitator at the same time."""

    kind: str  # "room" or "facilitator"
    other: Session
    room: str = ""
    facilitator: User | None = None

    @property
    def message(self):
        values = {
            "title": self.other.title,
            "room": self.room,
            "name": self.facilitator.full_name if self.facilitator else "",
        }
        if self.kind == "room":
            text = _("%(room)s is also booked for “%(title)s” at the same time.")
        else:
            text = _("%(name)s also facilitates “%(title)s” at the same time.")
        return text % values


@dataclass
class AgendaItem:
    session: Session
    conflicts: list[Conflict] = field(default_factory=list)


@dataclass
class AgendaDay:
    date: datetime.date
    items: list[AgendaItem] = field(default_factory=list)


@dataclass
class Agenda:
    convening: Convening
    days: list[AgendaDay]

    @property
    def digest(self):
        """What the agenda page is cached by (with the reader's rights)."""
        return sessions_digest(item.session for day in self.days for item in day.items)

    @property
    def session_count(self):
        return sum(len(day.items) for day in self.days)

    @property
    def conflict_count(self):
        """Sessions with at least one double booking."""
        return sum(1 for day in self.days for item in day.items if item.conflicts)


# Selectors


def facilitator_choices(*, convening: Convening):
    """People who may lead a session: the convening's facilitators and organizers."""
    return User.objects.filter(
        pk__in=ConveningRole.objects.filter(convening=convening).values("user_id")
    ).order_by("full_name", "email")


def _room_key(room: str) -> str:
    return " ".join(room.split()).casefold()


def _overlaps(first: Session, second: Session) -> bool:
    # A session ending at 10:00 and one starting at 10:00 do not clash.
    return first.starts_at < second.ends_at and second.starts_at < first.ends_at


def conflicts_among(sessions: Iterable[Session]) -> dict[int, list[Conflict]]:
    """Double bookings among sessions whose ``facilitator_list`` is loaded
    (selectors.with_facilitators).

    Returns {session_id: [Conflict, ...]} for every session given (an empty list
    when it has none). Runs no query.
    """
    sessions = sorted(sessions, key=lambda session: (session.starts_at, session.pk))
    found = {session.pk: [] for session in sessions}
    by_room: dict[str, list[Session]] = {}
    by_facilitator: dict[int, list[tuple[Session, User]]] = {}
    for session in sessions:
        if session.room.strip():
            by_room.setdefault(_room_key(session.room), []).append(session)
        for person in session.facilitator_list:
            by_facilitator.setdefault(person.pk, []).append((session, person))

    def sweep(entries, record):
        # Entries are sorted by start: stop looking once the next one starts later.
        for index, (first, value) in enumerate(entries):
            for second, _value in entries[index + 1 :]:
                if second.starts_at >= first.ends_at:
                    break
                if _overlaps(first, second):
                    record(first, second, value)
                    record(second, first, value)

    for booked in by_room.values():
        sweep(
            [(session, session.room) for session in booked],
            lambda one, other, room: found[one.pk].append(
                Conflict(kind="room", other=other, room=one.room)
            ),
        )
    for booked in by_facilitator.values():
        sweep(
            booked,
            lambda one, other, person: found[one.pk].append(
                Conflict(kind="facilitator", other=other, facilitator=person)
            ),
        )
    return found


def session_conflicts(*, convening: Convening) -> dict[int, list[Conflict]]:
    """Double bookings of rooms and facilitators in a convening (two queries)."""
    sessions = with_facilitators(Session.objects.filter(convening=convening))
    return conflicts_among(sessions)


def agenda_for(*, convening: Convening) -> Agenda:
    """The convening's sessions by day in its time zone, each with its double
    bookings (two queries)."""
    days = agenda_days(convening=convening)
    conflicts = conflicts_among(session for day in days for session in day.sessions)
    return Agenda(
        convening=convening,
        days=[
            AgendaDay(
                date=day.date,
                items=[
                    AgendaItem(session=session, conflicts=conflicts[session.pk])
                    for session in day.sessions
                ],
            )
            for day in days
        ],
    )


def sessions_for_calendar(*, convening: Convening):
    return (
        Session.objects.filter(convening=convening)
        .prefetch_related("facilitators")
        .order_by("starts_at", "pk")
    )


# Services


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
    first_day = convening.start_date - datetime.timedelta(days=MARGIN_DAYS)
    last_day = convening.end_date + datetime.timedelta(days=MARGIN_DAYS)
    local_start = timezone.localtime(starts_at, convening.zone).date()
    if not first_day <= local_start <= last_day:
        errors["starts_at"] = _(
            "The session must take place between %(first)s and %(last)s."
        ) % {"first": first_day.isoformat(), "last": last_day.isoformat()}
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

    Raises ValidationError when it ends before it starts, falls outside the
    convening's dates (one day of margin), or names a facilitator who has no role
    in the convening. A double booking is not an error: see ``session_conflicts``.
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
