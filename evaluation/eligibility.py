"""Who qualifies for a certificate of a convening, and why not.

Attendance counts over the convening's sessions held so far (all of them once
the convening is over), present and late as attended, so that a session
nobody marked counts as missed: a person marked in 4 of 14 sessions has 29 %,
not 100 %. Read in a fixed number of queries, whatever the number of people.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from academy.enums import AttendanceStatus
from academy.models import Attendance, Participant
from evaluation.enums import SurveyKind
from evaluation.models import Certificate, CertificateRule, Response
from evaluation.respondents import respondent_key

ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


@dataclass
class Standing:
    participant: Participant
    attended: int
    held: int
    needed: int
    reasons: list[str] = field(default_factory=list)
    certificate: Certificate | None = None

    @property
    def qualifies(self) -> bool:
        return not self.reasons

    @property
    def percent(self) -> int:
        return round(100 * self.attended / self.held) if self.held else 0

    @property
    def flagged(self) -> bool:
        """Holds a valid certificate but no longer qualifies (an attendance
        corrected since): shown for the organizers to decide, never revoked
        on its own."""
        return self.certificate is not None and not self.qualifies


def rule_of(convening) -> CertificateRule:
    rule = CertificateRule.objects.filter(convening=convening).first()
    return rule or CertificateRule(convening=convening)


def needed_sessions(held: int, percent: int) -> int:
    """The fewest sessions attended that reach ``percent`` of ``held``."""
    return -(-held * percent // 100)


def standings(
    *, convening, rule: CertificateRule | None = None, now=None
) -> list[Standing]:
    """Every participant of the convening, whether they qualify and, if not,
    each reason in words ("attended 9 of 12 sessions, needs 10")."""
    rule = rule or rule_of(convening)
    now = now or timezone.now()
    sessions = list(convening.sessions.filter(starts_at__lte=now).order_by("starts_at"))
    held = len(sessions)
    needed = needed_sessions(held, rule.min_attendance_percent)
    required = list(rule.required_sessions.all()) if rule.pk else []
    people = list(
        Participant.objects.filter(convening=convening)
        .select_related("user", "delegation")
        .annotate(
            attended=Count(
                "attendances",
                filter=Q(
                    attendances__status__in=ATTENDED,
                    attendances__session__in=sessions,
                ),
            )
        )
        .order_by("delegation__country", "user__full_name")
    )
    present = set(
        Attendance.objects.filter(
            session__in=required, status__in=ATTENDED
        ).values_list("participant_id", "session_id")
    )
    answered = set()
    if rule.require_post_assessment:
        answered = set(
            Response.objects.filter(
                survey__convening=convening,
                survey__kind=SurveyKind.POST_ASSESSMENT,
                submitted_at__isnull=False,
            ).values_list("respondent_key", flat=True)
        )
    valid = {
        c.participant_id: c
        for c in Certificate.objects.filter(
            convening=convening, revoked_at__isnull=True
        )
    }
    result = []
    for person in people:
        standing = Standing(
            person, person.attended, held, needed, certificate=valid.get(person.pk)
        )
        if person.attended < needed:
            standing.reasons.append(
                _("attended %(attended)d of %(held)d sessions, needs %(needed)d")
                % {"attended": person.attended, "held": held, "needed": needed}
            )
        for session in required:
            if (person.pk, session.pk) not in present:
                standing.reasons.append(
                    _("missed the required session “%(title)s”")
                    % {"title": session.title}
                )
        if (
            rule.require_post_assessment
            and respondent_key(convening_id=convening.pk, user_id=person.user_id)
            not in answered
        ):
            standing.reasons.append(_("has not answered the post-assessment"))
        result.append(standing)
    return result


def to_issue(rows: list[Standing]) -> list[Standing]:
    """Those who qualify and hold no valid certificate yet."""
    return [row for row in rows if row.qualifies and not row.certificate]
