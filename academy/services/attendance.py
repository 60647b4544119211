"""Attendance marked at a session's roll call."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from academy.enums import AttendanceStatus
from academy.models import (
    Attendance,
    Convening,
    Participant,
    Session,
)
from accounts.models import User

# Attendance


def attendance_changed(*, convening_id: int) -> None:
    """Bump the convening's attendance revision: the rates counted under the
    earlier one are no longer read (academy/selectors/attendance.py). Call it
    in the transaction that writes marks; the services here do."""
    Convening.objects.filter(pk=convening_id).update(
        attendance_revision=F("attendance_revision") + 1
    )


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
    convening. Side effects: the row (who marked it and when) and the
    convening's attendance revision.
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
    attendance_changed(convening_id=session.convening_id)
    return attendance


@transaction.atomic
def attendance_mark_everyone(
    *, session: Session, marked_by: User, status: str = AttendanceStatus.PRESENT
) -> int:
    """Mark every participant of the convening not yet marked for this session
    (present, by default: a roll call starts from everyone and corrects the
    few who are not), and return how many were marked. Marks already made are
    kept, whoever made them; two people pressing it at once mark each person once.
    Side effects: the rows and the convening's attendance revision.
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
    attendance_changed(convening_id=session.convening_id)
    return Attendance.objects.filter(session=session).count() - before
