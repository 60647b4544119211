"""Reads of attendance at sessions: the roll call, the rates and the export.

A participant attended a session when marked present or late. A rate is taken
over the sessions *held so far* (those that have started, as for certificates):
attended ÷ sessions held, so four marks out of fourteen sessions held read 29 %,
not 100 %. A held session in which a person is not marked yet counts as not
attended and is said apart ("3 not marked yet"); a mark on a session still to
come (an excuse given ahead) does not enter the rate. Every selector here runs a
fixed number of queries, however many participants, delegations or sessions.
"""

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import tablib
from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from academy.enums import AttendanceStatus
from academy.models import Attendance, Convening, Delegation, Participant, Session
from common.spreadsheets import cell_neutralize, csv_for_reader

ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


@dataclass(frozen=True)
class AttendanceRate:
    """Marks in the sessions held so far, and ``expected``: how many marks
    those sessions call for (sessions held × people)."""

    present: int = 0
    late: int = 0
    excused: int = 0
    absent: int = 0
    expected: int = 0

    @property
    def attended(self) -> int:
        return self.present + self.late

    @property
    def marked(self) -> int:
        return self.present + self.late + self.excused + self.absent

    @property
    def unmarked(self) -> int:
        return max(self.expected - self.marked, 0)

    @property
    def rate(self) -> float | None:
        """Share of the sessions held attended, or None before any is held."""
        return self.attended / self.expected if self.expected else None

    @property
    def percent(self) -> int | None:
        return None if self.rate is None else round(self.rate * 100)


def _status_counts(prefix: str, held_ids=None) -> dict:
    """Count annotations per status over ``prefix`` (a path to Attendance rows),
    in the sessions held (``held_ids``; all of them when None)."""
    held = {} if held_ids is None else {f"{prefix}__session_id__in": held_ids}
    return {
        status.value: Count(
            prefix,
            filter=Q(**{f"{prefix}__status": status.value}, **held),
            distinct=True,
        )
        for status in AttendanceStatus
    }


def _rate_of(row, expected: int) -> AttendanceRate:
    return AttendanceRate(
        **{status.value: getattr(row, status.value) for status in AttendanceStatus},
        expected=expected,
    )


def attendance_by_participant(
    *, convening: Convening, delegation: Delegation | None = None
) -> dict[int, AttendanceRate]:
    """{participant_id: AttendanceRate} for every participant of the convening
    (or of one of its delegations): two queries, three when the marks are not
    counted yet (``_marks_by_participant``)."""
    participants = Participant.objects.filter(convening=convening)
    if delegation is not None:
        participants = participants.filter(delegation=delegation)
    held, marks = _marks_by_participant(convening=convening)
    return {
        pk: AttendanceRate(**marks.get(pk, {}), expected=held)
        for pk in participants.values_list("pk", flat=True)
    }


class _RatesByDelegation(dict):
    """A delegation without marks reads as an empty rate."""

    def __missing__(self, key):
        return AttendanceRate()


def _marks_by_participant(*, convening: Convening) -> tuple[int, dict]:
    """(sessions held, {participant_id: {status: marks}}) over the sessions held.

    The counts come from the shared cache, keyed on the convening's attendance
    revision (every service that writes a mark bumps it in its transaction) and
    on the sessions held (a session starting or moved changes them), so a
    cohort page does not count a large cohort's every mark at each visit. The
    services that delete marks with their session, person or delegation bump
    the revision too. It is read with the sessions, never from a convening
    object that may be older than the marks. One query, two on a miss."""
    held = list(
        Session.objects.filter(convening=convening, starts_at__lte=timezone.now())
        .order_by("pk")
        .values_list("pk", "convening__attendance_revision")
    )
    if not held:
        return 0, {}
    ids = [pk for pk, _revision in held]
    digest = hashlib.blake2b(
        ",".join(map(str, ids)).encode(), digest_size=12
    ).hexdigest()
    # The creation instant too: SQLite may give a deleted convening's id again.
    identity = f"{convening.pk}.{convening.created_at.timestamp():.6f}"
    key = f"attendance-marks.{identity}.{held[0][1]}.{digest}"
    marks = cache.get(key)
    if marks is None:
        marks = defaultdict(dict)
        for participant_id, status, number in (
            Attendance.objects.filter(session_id__in=ids)
            .values_list("participant_id", "status")
            .annotate(number=Count("pk"))
            .order_by()
        ):
            marks[participant_id][status] = number
        marks = dict(marks)
        cache.set(key, marks)
    return len(ids), marks


def attendance_rate_by_delegation(
    *, convening: Convening, members: dict[int, list[int]] | None = None
) -> dict[int, AttendanceRate]:
    """{delegation_id: AttendanceRate} for the delegations of the convening; a
    delegation's rate pools the marks of its members over the sessions held,
    and one without members reads as an empty rate. ``members`` is
    {delegation_id: [participant ids]} when the caller has read it; else it is
    read here. Two or three queries whatever the number of marks: the marks'
    counts come from the cache (``_marks_by_participant``)."""
    if members is None:
        members = defaultdict(list)
        for pk, delegation_id in Participant.objects.filter(
            convening=convening
        ).values_list("pk", "delegation_id"):
            members[delegation_id].append(pk)
    held, marks = _marks_by_participant(convening=convening)
    rates = _RatesByDelegation()
    for delegation_id, people in members.items():
        counts = Counter()
        for participant_id in people:
            counts.update(marks.get(participant_id, ()))
        rates[delegation_id] = AttendanceRate(**counts, expected=held * len(people))
    return rates


def attendance_by_session(*, convening: Convening) -> dict[int, AttendanceRate]:
    """{session_id: AttendanceRate} for every session of the convening (two
    queries); a session still to come expects no mark yet."""
    now = timezone.now()
    people = Participant.objects.filter(convening=convening).count()
    rows = (
        Session.objects.filter(convening=convening)
        .annotate(**_status_counts("attendances"))
        .order_by()
    )
    return {
        row.pk: _rate_of(row, people if row.starts_at <= now else 0) for row in rows
    }


@dataclass
class RollCallRow:
    participant: Participant
    attendance: Attendance | None = None

    @property
    def status(self):
        return self.attendance.status if self.attendance else ""


@dataclass
class RollCallGroup:
    delegation: Delegation
    rows: list[RollCallRow] = field(default_factory=list)


def roll_call_counts(*, session: Session) -> tuple[int, int]:
    """(participants marked for the session, participants of the convening)."""
    return (
        Attendance.objects.filter(session=session).count(),
        Participant.objects.filter(convening_id=session.convening_id).count(),
    )


def roll_call_row(*, session: Session, participant: Participant) -> RollCallRow:
    attendance = (
        Attendance.objects.filter(session=session, participant=participant)
        .select_related("marked_by")
        .first()
    )
    return RollCallRow(participant=participant, attendance=attendance)


def roll_call(*, session: Session) -> list[RollCallGroup]:
    """Every participant of the session's convening, grouped by delegation (by
    country name, then person), with the mark each has for the session (two
    queries)."""
    participants = (
        Participant.objects.filter(convening_id=session.convening_id)
        .select_related("user", "delegation")
        .order_by("user__full_name", "pk")
    )
    marks = {
        attendance.participant_id: attendance
        for attendance in Attendance.objects.filter(session=session).select_related(
            "marked_by"
        )
    }
    groups: dict[int, RollCallGroup] = {}
    for participant in participants:
        group = groups.setdefault(
            participant.delegation_id, RollCallGroup(delegation=participant.delegation)
        )
        group.rows.append(
            RollCallRow(participant=participant, attendance=marks.get(participant.pk))
        )
    return sorted(groups.values(), key=lambda group: str(group.delegation.country.name))


@dataclass
class AttendanceSummary:
    participants: list  # (Participant, AttendanceRate) by delegation, then name
    delegations: list  # (Delegation, AttendanceRate) by country name
    sessions: list  # (Session, AttendanceRate) by start
    participant_count: int
    held: int  # sessions held so far
    session_count: int
    overall: AttendanceRate


def attendance_summary(*, convening: Convening) -> AttendanceSummary:
    """Rates per participant, per delegation and per session over the sessions
    held so far (three queries)."""
    now = timezone.now()
    sessions = list(
        Session.objects.filter(convening=convening)
        .annotate(**_status_counts("attendances"))
        .order_by("starts_at", "pk")
    )
    held_ids = [session.pk for session in sessions if session.starts_at <= now]
    held = len(held_ids)
    participants = list(
        Participant.objects.filter(convening=convening)
        .select_related("user", "delegation")
        .annotate(**_status_counts("attendances", held_ids))
    )
    delegations = Delegation.objects.filter(convening=convening).annotate(
        **_status_counts("members__attendances", held_ids),
        people=Count("members", distinct=True),
    )
    people = len(participants)
    participant_rows = sorted(
        ((participant, _rate_of(participant, held)) for participant in participants),
        key=lambda pair: (
            str(pair[0].delegation.country.name),
            pair[0].user.full_name.casefold(),
        ),
    )
    delegation_rows = sorted(
        (
            (delegation, _rate_of(delegation, held * delegation.people))
            for delegation in delegations
        ),
        key=lambda pair: str(pair[0].country.name),
    )
    totals = {status.value: 0 for status in AttendanceStatus}
    for _delegation, rate in delegation_rows:
        for status in AttendanceStatus:
            totals[status.value] += getattr(rate, status.value)
    return AttendanceSummary(
        participants=participant_rows,
        delegations=delegation_rows,
        sessions=[
            (session, _rate_of(session, people if session.starts_at <= now else 0))
            for session in sessions
        ],
        participant_count=people,
        held=held,
        session_count=len(sessions),
        overall=AttendanceRate(**totals, expected=held * people),
    )


def _session_heading(session: Session, zone) -> str:
    start = timezone.localtime(session.starts_at, zone)
    return f"{start:%Y-%m-%d %H:%M} {session.title}"


def attendance_dataset(*, convening: Convening) -> tablib.Dataset:
    """One row per participant, one column per session with the status marked,
    then the sessions held, those attended, those not marked yet and the rate
    (three queries). Every text cell is neutralized
    so that opening the file never runs a formula somebody typed into a title or
    a name."""
    sessions = list(
        Session.objects.filter(convening=convening).order_by("starts_at", "pk")
    )
    participants = (
        Participant.objects.filter(convening=convening)
        .select_related("user", "delegation")
        .order_by("delegation__country", "user__full_name", "pk")
    )
    marks = {
        (participant_id, session_id): status
        for participant_id, session_id, status in Attendance.objects.filter(
            session__convening=convening
        ).values_list("participant_id", "session_id", "status")
    }
    labels = dict(AttendanceStatus.choices)
    zone = convening.zone
    headers = [
        _("Delegation"),
        _("Full name"),
        _("E-mail"),
        _("Sector"),
        _("Organization"),
        *(_session_heading(session, zone) for session in sessions),
        _("Sessions held"),
        _("Attended"),
        _("Not marked yet"),
        _("Attendance rate (%)"),
    ]
    dataset = tablib.Dataset(
        headers=[cell_neutralize(str(heading)) for heading in headers],
        title=str(_("Attendance"))[:31],
    )
    now = timezone.now()
    held = [session for session in sessions if session.starts_at <= now]
    for participant in participants:
        statuses = [marks.get((participant.pk, session.pk), "") for session in sessions]
        counted = [marks.get((participant.pk, session.pk), "") for session in held]
        rate = AttendanceRate(
            **{
                status.value: counted.count(status.value) for status in AttendanceStatus
            },
            expected=len(held),
        )
        dataset.append(
            [
                cell_neutralize(value)
                for value in (
                    str(participant.delegation.country.name),
                    participant.user.full_name,
                    participant.user.email,
                    participant.get_sector_display(),
                    participant.organization,
                    *(str(labels[status]) if status else "" for status in statuses),
                    len(held),
                    rate.attended,
                    rate.unmarked,
                    "" if rate.percent is None else rate.percent,
                )
            ]
        )
    return dataset


def attendance_csv(*, convening: Convening) -> bytes:
    return csv_for_reader(attendance_dataset(convening=convening))


def attendance_xlsx(*, convening: Convening) -> bytes:
    return attendance_dataset(convening=convening).export("xlsx")


def export_filename(*, convening: Convening, extension: str) -> str:
    stamp = timezone.localtime(timezone.now(), convening.zone).date()
    return f"attendance-{convening.pk}-{stamp:%Y%m%d}.{extension}"
