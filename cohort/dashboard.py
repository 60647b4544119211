"""The cohort dashboard: one row per delegation with what organizers track.

Built in a fixed number of queries whatever the size of the cohort: counts and
rates come from one aggregate query each, never from a query per delegation.
"""

from collections import Counter
from dataclasses import dataclass, field

from academy.models import Convening
from academy.selectors.attendance import AttendanceRate, attendance_rate_by_delegation
from academy.selectors.convenings import delegations_with_members
from participants.invitations import InvitationState, invitation_states_for
from roadmaps.summaries import roadmap_scores_for


@dataclass
class DelegationRow:
    delegation: object
    invitations: Counter
    attendance: AttendanceRate
    score: int

    @property
    def invited(self) -> int:
        """People who got an invitation, whatever became of it (an e-mail the
        mail server refused was not got)."""
        return (
            self.delegation.member_count
            - self.invitations[InvitationState.NOT_INVITED]
            - self.undelivered
        )

    @property
    def undelivered(self) -> int:
        return self.invitations[InvitationState.UNDELIVERED]

    @property
    def accepted(self) -> int:
        return self.invitations[InvitationState.ACCEPTED]

    @property
    def shown(self) -> tuple:
        """Every value the row shows: what its cached HTML is keyed by
        (common/templatetags/cached_rows.py), so it can never be stale."""
        delegation, attendance = self.delegation, self.attendance
        roadmap = delegation.roadmap
        return (
            delegation.pk,
            delegation.created_at.timestamp(),
            delegation.country.code,
            delegation.member_count,
            delegation.government_count,
            delegation.civil_society_count,
            self.invited,
            self.accepted,
            self.undelivered,
            attendance.present,
            attendance.late,
            attendance.excused,
            attendance.absent,
            attendance.expected,
            roadmap.pk,
            roadmap.status,
            self.score,
        )


@dataclass
class Dashboard:
    convening: Convening
    rows: list = field(default_factory=list)

    @property
    def members(self) -> int:
        return sum(row.delegation.member_count for row in self.rows)

    @property
    def government(self) -> int:
        return sum(row.delegation.government_count for row in self.rows)

    @property
    def civil_society(self) -> int:
        return sum(row.delegation.civil_society_count for row in self.rows)

    @property
    def invited(self) -> int:
        return sum(row.invited for row in self.rows)

    @property
    def accepted(self) -> int:
        return sum(row.accepted for row in self.rows)

    @property
    def attendance(self) -> AttendanceRate:
        statuses = ("present", "late", "excused", "absent", "expected")
        return AttendanceRate(
            **{
                status: sum(getattr(row.attendance, status) for row in self.rows)
                for status in statuses
            }
        )


def cohort_dashboard(*, convening: Convening) -> Dashboard:
    delegations, members = delegations_with_members(convening=convening)
    invitations = {delegation.pk: Counter() for delegation in delegations}
    delegation_of = {pk: d for d, people in members.items() for pk in people}
    for participant_id, status in invitation_states_for(convening=convening).items():
        invitations[delegation_of[participant_id]][status.state] += 1
    attendance = attendance_rate_by_delegation(convening=convening, members=members)
    scores = roadmap_scores_for(roadmaps=[d.roadmap for d in delegations])
    dashboard = Dashboard(convening=convening)
    for delegation in delegations:
        dashboard.rows.append(
            DelegationRow(
                delegation=delegation,
                invitations=invitations[delegation.pk],
                attendance=attendance.get(delegation.pk, AttendanceRate()),
                score=scores.get(delegation.roadmap.pk, 0),
            )
        )
    return dashboard
