"""The agenda (every member of a convening reads it, organizers change it) and the
attendance (organizers and facilitators mark and read it). Anything the user may
not see or change answers 404, so ids cannot be probed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from academy import agenda as agenda_domain
from academy import attendance as attendance_domain
from academy.enums import AttendanceStatus
from academy.forms_agenda import AttendanceMarkForm, SessionForm
from academy.ics import agenda_ics
from academy.models import Convening, Participant, Session

EXPORT_TYPES = {
    "csv": ("text/csv; charset=utf-8", attendance_domain.attendance_csv),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        attendance_domain.attendance_xlsx,
    ),
}


def _convening_for(user, pk, permission):
    convening = get_object_or_404(Convening, pk=pk)
    if not user.has_perm(permission, convening):
        raise Http404
    return convening


def _session_for(user, pk, permission):
    session = get_object_or_404(Session.objects.select_related("convening"), pk=pk)
    if not user.has_perm(permission, session):
        raise Http404
    return session


def _agenda_url(session):
    return reverse("academy:agenda", kwargs={"pk": session.convening_id}) + (
        f"#session-{session.pk}"
    )


def _save_or_report(form, call):
    """Run a service; a validation error it raises is shown on the form."""
    try:
        return call()
    except ValidationError as error:
        fields = {"starts_at": "date", "ends_at": "end_time"}
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                name = fields.get(name, name)
                form.add_error(name if name in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return None


def _report_conflicts(request, session):
    """Double bookings do not stop a save: the organizer is told and decides."""
    conflicts = agenda_domain.session_conflicts(convening=session.convening)
    for conflict in conflicts.get(session.pk, []):
        messages.warning(request, conflict.message)


@login_required
@require_GET
def agenda(request, pk):
    convening = _convening_for(request.user, pk, "academy.view_convening")
    context = {
        "convening": convening,
        "agenda": agenda_domain.agenda_for(convening=convening),
        "can_change": request.user.has_perm("academy.change_session", convening),
        "can_mark": request.user.has_perm("academy.mark_attendance", convening),
    }
    return render(request, "academy/agenda/agenda.html", context)


@login_required
@require_GET
def agenda_calendar(request, pk):
    convening = _convening_for(request.user, pk, "academy.view_convening")
    body = agenda_ics(
        convening=convening,
        sessions=agenda_domain.sessions_for_calendar(convening=convening),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="agenda-{convening.pk}.ics"'
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request, pk):
    convening = _convening_for(request.user, pk, "academy.change_session")
    form = SessionForm(request.POST or None, convening=convening)
    if request.method == "POST" and form.is_valid():
        session = _save_or_report(
            form,
            lambda: agenda_domain.session_create(
                convening=convening, **form.service_arguments()
            ),
        )
        if session is not None:
            messages.success(request, _("The session was added to the agenda."))
            _report_conflicts(request, session)
            return redirect(_agenda_url(session))
    return render(
        request,
        "academy/agenda/session_form.html",
        {"form": form, "convening": convening, "conflicts": []},
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_update(request, pk):
    session = _session_for(request.user, pk, "academy.change_session")
    convening = session.convening
    form = SessionForm(request.POST or None, convening=convening, session=session)
    if request.method == "POST" and form.is_valid():
        saved = _save_or_report(
            form,
            lambda: agenda_domain.session_update(
                session=session, **form.service_arguments()
            ),
        )
        if saved is not None:
            messages.success(request, _("The session was saved."))
            _report_conflicts(request, saved)
            return redirect(_agenda_url(saved))
    conflicts = agenda_domain.session_conflicts(convening=convening)
    context = {
        "form": form,
        "convening": convening,
        "session": session,
        "conflicts": conflicts.get(session.pk, []),
    }
    return render(request, "academy/agenda/session_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def session_delete(request, pk):
    session = _session_for(request.user, pk, "academy.change_session")
    convening = session.convening
    if request.method == "POST":
        agenda_domain.session_delete(session=session)
        messages.success(
            request,
            _("“%(title)s” was taken off the agenda.") % {"title": session.title},
        )
        return redirect("academy:agenda", pk=convening.pk)
    context = {
        "session": session,
        "convening": convening,
        "attendance_count": session.attendances.count(),
    }
    return render(request, "academy/agenda/session_confirm_delete.html", context)


@login_required
@require_GET
def roll_call(request, pk):
    session = _session_for(request.user, pk, "academy.mark_attendance")
    groups = attendance_domain.roll_call(session=session)
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
    session = _session_for(request.user, pk, "academy.mark_attendance")
    participant = get_object_or_404(
        Participant.objects.select_related("user", "delegation"),
        pk=participant_pk,
        convening_id=session.convening_id,
    )
    form = AttendanceMarkForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Choose present, late, excused or absent."))
    attendance = attendance_domain.attendance_mark(
        session=session,
        participant=participant,
        status=form.cleaned_data["status"],
        marked_by=request.user,
    )
    if request.htmx:
        row = attendance_domain.RollCallRow(
            participant=participant, attendance=attendance
        )
        return render(
            request,
            "academy/attendance/partials/roll_call_row.html",
            {
                "session": session,
                "convening": session.convening,
                "row": row,
                "statuses": AttendanceStatus.choices,
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
@require_GET
def attendance_summary(request, pk):
    convening = _convening_for(request.user, pk, "academy.mark_attendance")
    context = {
        "convening": convening,
        "summary": attendance_domain.attendance_summary(convening=convening),
    }
    return render(request, "academy/attendance/summary.html", context)


@login_required
@require_GET
def attendance_export(request, pk, kind):
    convening = _convening_for(request.user, pk, "academy.mark_attendance")
    content_type, build = EXPORT_TYPES[kind]
    response = HttpResponse(build(convening=convening), content_type=content_type)
    filename = attendance_domain.export_filename(convening=convening, extension=kind)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
