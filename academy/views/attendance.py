"""Attendance: organizers and facilitators call the roll of a session, mark each
participant, read the rates and export them. Anything the user may not see or
change answers 404, so ids cannot be probed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from academy import services
from academy.enums import AttendanceStatus
from academy.forms import AttendanceMarkForm
from academy.models import Convening, Participant
from academy.selectors import attendance as attendance_selectors
from academy.views.agenda import session_or_404
from common.views import attachment, object_or_404_for

EXPORT_TYPES = {
    "csv": ("text/csv; charset=utf-8", attendance_selectors.attendance_csv),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        attendance_selectors.attendance_xlsx,
    ),
}


@login_required
@require_GET
def roll_call(request, pk):
    session = session_or_404(request.user, pk, "academy.mark_attendance")
    groups = attendance_selectors.roll_call(session=session)
    rows = [row for group in groups for row in group.rows]
    context = {
        "session": session,
        "convening": session.convening,
        "groups": groups,
        "statuses": AttendanceStatus.choices,
        "participant_count": len(rows),
        "marked_count": sum(1 for row in rows if row.attendance),
    }
    return render(request, "academy/attendance/roll_call.html", context)


@login_required
@require_POST
def attendance_mark(request, pk, participant_pk):
    session = session_or_404(request.user, pk, "academy.mark_attendance")
    participant = get_object_or_404(
        Participant.objects.select_related("user", "delegation"),
        pk=participant_pk,
        convening_id=session.convening_id,
    )
    form = AttendanceMarkForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Choose present, late, excused or absent."))
    attendance = services.attendance_mark(
        session=session,
        participant=participant,
        status=form.cleaned_data["status"],
        marked_by=request.user,
    )
    if request.htmx:
        row = attendance_selectors.RollCallRow(
            participant=participant, attendance=attendance
        )
        marked, total = attendance_selectors.roll_call_counts(session=session)
        # The row, and the count above the list out of band.
        return render(
            request,
            "academy/attendance/partials/roll_call_mark.html",
            {
                "session": session,
                "convening": session.convening,
                "row": row,
                "statuses": AttendanceStatus.choices,
                "marked_count": marked,
                "participant_count": total,
            },
        )
    messages.success(
        request,
        _("%(name)s: %(status)s.")
        % {
            "name": participant.user.full_name,
            "status": attendance.get_status_display(),
        },
    )
    return redirect(
        reverse("academy:roll_call", kwargs={"pk": session.pk})
        + f"#participant-{participant.pk}"
    )


@login_required
@require_POST
def attendance_mark_everyone(request, pk):
    """Everyone not yet marked: present. Then the roll call corrects the few."""
    session = session_or_404(request.user, pk, "academy.mark_attendance")
    marked = services.attendance_mark_everyone(session=session, marked_by=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)d participant marked present. Correct anyone who is not.",
            "%(count)d participants marked present. Correct anyone who is not.",
            marked,
        )
        % {"count": marked},
    )
    return redirect("academy:roll_call", pk=session.pk)


@login_required
@require_GET
def attendance_summary(request, pk):
    convening = object_or_404_for(
        request.user, Convening.objects.all(), "academy.mark_attendance", pk=pk
    )
    context = {
        "convening": convening,
        "summary": attendance_selectors.attendance_summary(convening=convening),
    }
    return render(request, "academy/attendance/summary.html", context)


@login_required
@require_GET
@never_cache  # a file for one person: kept by no cache
def attendance_export(request, pk, kind):
    convening = object_or_404_for(
        request.user, Convening.objects.all(), "academy.mark_attendance", pk=pk
    )
    content_type, build = EXPORT_TYPES[kind]
    return attachment(
        build(convening=convening),
        content_type=content_type,
        filename=attendance_selectors.export_filename(
            convening=convening, extension=kind
        ),
    )
