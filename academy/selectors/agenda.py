"""Reads of a convening's agenda: its sessions by day and their double bookings.

Times are stored as aware datetimes; pages speak the convening's time zone. A
room or a facilitator booked twice at overlapping times is allowed (plans change
during a convening) but reported by ``session_conflicts`` wherever the agenda is
shown to those who change it.
"""

import datetime
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from academy.models import Convening, ConveningRole, Session
from academy.time_zones import same_local_time
from accounts.models import User
from common.digests import sessions_digest


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
class AgendaDay:
    """One day of an agenda in the convening's time zone: its sessions by start,
    each with ``facilitator_list`` loaded."""

    date: datetime.date
    sessions: list[Session] = field(default_factory=list)


@dataclass
class Agenda:
    """The agenda page: the days, and the double bookings of each session
    ({session_id: [Conflict, ...]}, an empty list when it has none)."""

    convening: Convening
    days: list[AgendaDay]
    conflicts: dict[int, list[Conflict]] = field(default_factory=dict)

    @property
    def digest(self):
        """What the agenda page is cached by (with the reader's rights)."""
        return sessions_digest(session for day in self.days for session in day.sessions)

    @property
    def session_count(self):
        return sum(len(day.sessions) for day in self.days)

    @property
    def conflict_count(self):
        """Sessions with at least one double booking."""
        return sum(1 for found in self.conflicts.values() if found)


def with_facilitators(sessions):
    """Sessions with ``facilitator_list`` loaded in one more query. A plain list:
    ``session.facilitators.all()`` in a 60-session agenda built 60 querysets."""
    return sessions.prefetch_related(
        Prefetch("facilitators", to_attr="facilitator_list")
    )


def agenda_days(*, convening: Convening) -> list[AgendaDay]:
    """The convening's sessions grouped by day in the convening's time zone (two
    queries)."""
    sessions = with_facilitators(
        Session.objects.filter(convening=convening).order_by("starts_at")
    )
    zone = convening.zone
    days: dict[datetime.date, AgendaDay] = {}
    for session in sessions:
        local_day = timezone.localtime(session.starts_at, zone).date()
        days.setdefault(local_day, AgendaDay(date=local_day)).sessions.append(session)
    return list(days.values())


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
    (``with_facilitators``).

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
    return Agenda(
        convening=convening,
        days=days,
        conflicts=conflicts_among(session for day in days for session in day.sessions),
    )


def sessions_for_calendar(*, convening: Convening):
    return (
        Session.objects.filter(convening=convening)
        .prefetch_related("facilitators")
        .order_by("starts_at", "pk")
    )


@dataclass(frozen=True)
class ZoneChangeRow:
    """One session, as it shows now and after a change of time zone, either way."""

    session: Session
    now: datetime.datetime  # local time in the current zone
    local_kept: datetime.datetime  # keeping its local time: the same wall clock
    moment_kept: datetime.datetime  # keeping its moment: in the new zone


@dataclass(frozen=True)
class ZoneChange:
    old_zone: str
    new_zone: str
    rows: list


def time_zone_change_preview(*, convening: Convening, time_zone: str) -> ZoneChange:
    """What a change of the convening's time zone does to each session, both
    ways, in local times (one query)."""
    old, new = convening.zone, zoneinfo.ZoneInfo(time_zone)
    rows = []
    for session in convening.sessions.order_by("starts_at"):
        kept = same_local_time(session.starts_at, convening.time_zone, time_zone)
        rows.append(
            ZoneChangeRow(
                session=session,
                now=session.starts_at.astimezone(old),
                local_kept=kept.astimezone(new),
                moment_kept=session.starts_at.astimezone(new),
            )
        )
    return ZoneChange(old_zone=convening.time_zone, new_zone=time_zone, rows=rows)
