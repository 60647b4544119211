import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from academy import services
from academy.enums import AttendanceStatus
from academy.models import Attendance
from academy.selectors import attendance
from common.spreadsheets import cell_neutralize
from participants.services import participant_remove
from tests import factories
from tests.factories import grow_delegations, session_at

pytestmark = pytest.mark.usefixtures("english")

PRESENT = AttendanceStatus.PRESENT
LATE = AttendanceStatus.LATE
EXCUSED = AttendanceStatus.EXCUSED
ABSENT = AttendanceStatus.ABSENT


def test_attendance_mark_records_who_marked(opening, bolivia_participant, facilitator):
    mark = services.attendance_mark(
        session=opening,
        participant=bolivia_participant,
        status=PRESENT,
        marked_by=facilitator,
    )

    assert (mark.status, mark.marked_by, mark.participant) == (
        PRESENT,
        facilitator,
        bolivia_participant,
    )
    assert mark.marked_at is not None


def test_attendance_mark_again_replaces_the_earlier_mark(
    opening, bolivia_participant, facilitator, organizer
):
    services.attendance_mark(
        session=opening,
        participant=bolivia_participant,
        status=ABSENT,
        marked_by=facilitator,
    )

    services.attendance_mark(
        session=opening,
        participant=bolivia_participant,
        status=LATE,
        marked_by=organizer,
    )

    assert list(Attendance.objects.values_list("status", "marked_by")) == [
        (LATE, organizer.pk)
    ]


def test_attendance_mark_refuses_a_participant_of_another_convening(opening, organizer):
    stranger = factories.ParticipantFactory()

    with pytest.raises(ValidationError):
        services.attendance_mark(
            session=opening, participant=stranger, status=PRESENT, marked_by=organizer
        )

    assert Attendance.objects.count() == 0


def test_attendance_mark_refuses_an_unknown_status(
    opening, bolivia_participant, organizer
):
    with pytest.raises(ValidationError):
        services.attendance_mark(
            session=opening,
            participant=bolivia_participant,
            status="sleeping",
            marked_by=organizer,
        )


# Rates
# ------------------------------------------------------------------------------


@pytest.fixture
def marked_cohort(convening, bolivia, ecuador, organizer):
    """Three sessions. Bolivia: Ana present, late, absent; Bea excused, not
    marked, present. Ecuador: Eva not marked at all."""
    sessions = [session_at(convening, 24, hour) for hour in (9, 11, 14)]
    ana = factories.ParticipantFactory(delegation=bolivia, user__full_name="Ana")
    bea = factories.ParticipantFactory(delegation=bolivia, user__full_name="Bea")
    eva = factories.ParticipantFactory(delegation=ecuador, user__full_name="Eva")
    marks = [
        (ana, sessions[0], PRESENT),
        (ana, sessions[1], LATE),
        (ana, sessions[2], ABSENT),
        (bea, sessions[0], EXCUSED),
        (bea, sessions[2], PRESENT),
    ]
    for participant, session, status in marks:
        services.attendance_mark(
            session=session, participant=participant, status=status, marked_by=organizer
        )
    return {"sessions": sessions, "ana": ana, "bea": bea, "eva": eva}


def test_attendance_by_participant_counts_present_and_late_over_sessions_held(
    convening, marked_cohort
):
    rates = attendance.attendance_by_participant(convening=convening)

    ana, bea, eva = (rates[marked_cohort[name].pk] for name in ("ana", "bea", "eva"))
    # Three sessions held: a session nobody marked Bea in counts against her.
    assert (ana.attended, ana.expected, ana.unmarked, ana.percent) == (2, 3, 0, 67)
    assert (bea.attended, bea.expected, bea.unmarked, bea.percent) == (1, 3, 1, 33)
    assert (eva.attended, eva.expected, eva.unmarked, eva.percent) == (0, 3, 3, 0)


def test_four_marks_out_of_fourteen_sessions_held_is_not_a_full_rate(
    convening, bolivia, organizer
):
    """The issue's case: four marks in fourteen sessions held read 29 %, with
    ten not marked yet; sessions still to come (and an excuse given ahead for
    one of them) do not count yet."""
    person = factories.ParticipantFactory(delegation=bolivia)
    held = [session_at(convening, 24 + n % 3, 8 + n) for n in range(14)]
    for session in held[:4]:
        services.attendance_mark(
            session=session, participant=person, status=PRESENT, marked_by=organizer
        )
    later = timezone.now() + datetime.timedelta(days=30)
    coming = factories.SessionFactory(
        convening=convening,
        starts_at=later,
        ends_at=later + datetime.timedelta(hours=1),
    )
    services.attendance_mark(
        session=coming, participant=person, status="excused", marked_by=organizer
    )

    rate = attendance.attendance_by_participant(convening=convening)[person.pk]
    assert (rate.attended, rate.expected, rate.unmarked, rate.percent) == (
        4,
        14,
        10,
        29,
    )
    summary = attendance.attendance_summary(convening=convening)
    assert (summary.held, summary.session_count) == (14, 15)
    by_session = dict(summary.sessions)
    assert by_session[coming].rate is None  # not held yet
    assert (
        attendance.attendance_rate_by_delegation(convening=convening)[
            bolivia.pk
        ].percent
        == 29
    )


def test_attendance_by_participant_of_one_delegation(convening, bolivia, marked_cohort):
    rates = attendance.attendance_by_participant(
        convening=convening, delegation=bolivia
    )

    assert set(rates) == {marked_cohort["ana"].pk, marked_cohort["bea"].pk}


def test_attendance_rate_by_delegation_pools_its_members(
    convening, bolivia, ecuador, marked_cohort
):
    rates = attendance.attendance_rate_by_delegation(convening=convening)

    # Two members over three sessions held: six marks called for.
    assert rates[bolivia.pk] == attendance.AttendanceRate(
        present=2, late=1, excused=1, absent=1, expected=6
    )
    assert rates[bolivia.pk].percent == 50
    assert rates[bolivia.pk].unmarked == 1
    assert rates[ecuador.pk].percent == 0


def test_attendance_by_session(convening, marked_cohort):
    rates = attendance.attendance_by_session(convening=convening)

    first, second, third = (rates[session.pk] for session in marked_cohort["sessions"])
    assert (first.attended, first.marked) == (1, 2)
    assert (second.attended, second.marked) == (1, 1)
    assert (third.attended, third.marked) == (1, 2)


def test_attendance_summary_overall_and_order(convening, marked_cohort):
    summary = attendance.attendance_summary(convening=convening)

    assert [p.user.full_name for p, _rate in summary.participants] == [
        "Ana",
        "Bea",
        "Eva",
    ]
    assert [str(d.country.name) for d, _rate in summary.delegations] == [
        "Bolivia",
        "Ecuador",
    ]
    assert (summary.overall.attended, summary.overall.marked) == (3, 5)
    assert summary.participant_count == 3


def test_the_rates_follow_every_change_after_a_first_read(
    convening, bolivia, ecuador, marked_cohort, organizer
):
    """The marks' counts are cached under the convening's attendance revision:
    a mark made, a person removed or a session deleted after a page read the
    rates shows at the next read, through the same convening object too."""
    eva, sessions = marked_cohort["eva"], marked_cohort["sessions"]
    assert attendance.attendance_by_participant(convening=convening)[eva.pk].marked == 0

    services.attendance_mark(
        session=sessions[0], participant=eva, status=PRESENT, marked_by=organizer
    )
    assert attendance.attendance_by_participant(convening=convening)[eva.pk] == (
        attendance.AttendanceRate(present=1, expected=3)
    )
    assert attendance.attendance_rate_by_delegation(convening=convening)[
        ecuador.pk
    ] == attendance.AttendanceRate(present=1, expected=3)

    participant_remove(participant=marked_cohort["ana"])
    assert attendance.attendance_rate_by_delegation(convening=convening)[
        bolivia.pk
    ] == attendance.AttendanceRate(present=1, excused=1, expected=3)

    services.session_delete(session=sessions[2])
    rates = attendance.attendance_rate_by_delegation(convening=convening)
    assert rates[bolivia.pk] == attendance.AttendanceRate(excused=1, expected=2)
    assert rates[ecuador.pk] == attendance.AttendanceRate(present=1, expected=2)


def test_attendance_selectors_ignore_other_convenings(convening, organizer):
    other_session = factories.SessionFactory()
    stranger = factories.ParticipantFactory(
        delegation__convening=other_session.convening
    )
    services.attendance_mark(
        session=other_session, participant=stranger, status=PRESENT, marked_by=organizer
    )

    assert attendance.attendance_by_participant(convening=convening) == {}
    assert attendance.attendance_rate_by_delegation(convening=convening) == {}


@pytest.mark.parametrize(
    ("delegations", "members", "sessions"), [(4, 2, 10), (100, 3, 60)]
)
def test_attendance_selectors_query_counts_are_constant(
    convening,
    organizer,
    delegations,
    members,
    sessions,
    django_assert_num_queries,
):
    cohort = grow_delegations(convening, delegations, members)
    people = [person for delegation in cohort for person in delegation.members.all()]
    session_list = [
        session_at(convening, 24 + number % 3, 8 + number % 10)
        for number in range(sessions)
    ]
    Attendance.objects.bulk_create(
        Attendance(session=session, participant=person, status=PRESENT)
        for session in session_list[:3]
        for person in people
    )

    services.attendance_changed(convening_id=convening.pk)  # as the services do
    # The marks counted once (one query more), then read from the cache.
    with django_assert_num_queries(3):
        by_participant = attendance.attendance_by_participant(convening=convening)
    with django_assert_num_queries(2):
        assert attendance.attendance_by_participant(convening=convening) == (
            by_participant
        )
    with django_assert_num_queries(2):
        by_delegation = attendance.attendance_rate_by_delegation(convening=convening)
    with django_assert_num_queries(2):
        by_session = attendance.attendance_by_session(convening=convening)
    with django_assert_num_queries(3):
        summary = attendance.attendance_summary(convening=convening)
    with django_assert_num_queries(3):
        dataset = attendance.attendance_dataset(convening=convening)

    assert len(by_participant) == delegations * members
    assert {rate.marked for rate in by_delegation.values()} == {3 * members}
    assert len(by_session) == sessions
    assert summary.overall.marked == 3 * delegations * members
    assert dataset.height == delegations * members


# Exports
# ------------------------------------------------------------------------------


def test_attendance_dataset_rows_columns_and_rates(convening, marked_cohort):
    dataset = attendance.attendance_dataset(convening=convening)

    assert dataset.headers == [
        "Delegation",
        "Full name",
        "E-mail",
        "Sector",
        "Organization",
        "2025-06-24 09:00 " + marked_cohort["sessions"][0].title,
        "2025-06-24 11:00 " + marked_cohort["sessions"][1].title,
        "2025-06-24 14:00 " + marked_cohort["sessions"][2].title,
        "Sessions held",
        "Attended",
        "Not marked yet",
        "Attendance rate (%)",
    ]
    assert dataset[0] == (
        "Bolivia",
        "Ana",
        marked_cohort["ana"].user.email,
        "Government",
        "Ministry of Foreign Affairs",
        "Present",
        "Late",
        "Absent",
        3,
        2,
        0,
        67,
    )
    assert dataset[1][5:] == ("Excused", "", "Present", 3, 1, 1, 33)
    assert dataset[2][1] == "Eva"
    assert dataset[2][5:] == ("", "", "", 3, 0, 3, 0)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_attendance_dataset_neutralizes_formulae(convening, bolivia, start):
    session_at(convening, 24, 9, title=f"{start}HYPERLINK(1)")
    factories.ParticipantFactory(
        delegation=bolivia,
        user__full_name=f"{start}cmd|' /C calc'!A0",
        organization=f"{start}1+1",
    )

    dataset = attendance.attendance_dataset(convening=convening)

    assert dataset.headers[5] == f"2025-06-24 09:00 {start}HYPERLINK(1)"
    assert dataset[0][1] == f"'{start}cmd|' /C calc'!A0"
    assert dataset[0][4] == f"'{start}1+1"


def test_cell_neutralize_keeps_plain_values():
    assert cell_neutralize("Ana") == "Ana"
    assert cell_neutralize(3) == 3
    assert cell_neutralize(None) == ""
    assert cell_neutralize("=1") == "'=1"
