"""The agenda: every member of a convening reads it and takes it to a calendar,
organizers add, change and remove its sessions. Anything the user may not see or
change answers 404, so ids cannot be probed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from academy import services
from academy.forms import SessionForm
from academy.ics import agenda_ics
from academy.models import Convening, Session
from academy.selectors.agenda import (
    agenda_for,
    session_conflicts,
    sessions_for_calendar,
)
from common.once import once_done, once_release, once_seen, once_value
from common.views import attachment, form_save_or_report, object_or_404_for


def session_or_404(user, pk, permission):
    """The session (with its convening) if ``user`` has ``permission`` on it."""
    return object_or_404_for(
        user, Session.objects.select_related("convening"), permission, pk=pk
    )


def _agenda_url(session):
    return reverse("academy:agenda", kwargs={"pk": session.convening_id}) + (
        f"#session-{session.pk}"
    )


def _report_conflicts(request, session):
    """Double bookings do not stop a save: the organizer is told and decides."""
    conflicts = session_conflicts(convening=session.convening)
    for conflict in conflicts.get(session.pk, []):
        messages.warning(request, conflict.message)


@login_required
@require_GET
def agenda(request, pk):
    convening = object_or_404_for(
        request.user, Convening.objects.all(), "academy.view_convening", pk=pk
    )
    context = {
        "convening": convening,
        "agenda": agenda_for(convening=convening),
        "can_change": request.user.has_perm("academy.change_session", convening),
        "can_mark": request.user.has_perm("academy.mark_attendance", convening),
    }
    return render(request, "academy/agenda/agenda.html", context)


@login_required
@require_GET
@never_cache  # a file for one person: kept by no cache
def agenda_calendar(request, pk):
    convening = object_or_404_for(
        request.user, Convening.objects.all(), "academy.view_convening", pk=pk
    )
    body = agenda_ics(
        convening=convening, sessions=sessions_for_calendar(convening=convening)
    )
    return attachment(
        body,
        content_type="text/calendar; charset=utf-8",
        filename=f"agenda-{convening.pk}.ics",
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request, pk):
    convening = object_or_404_for(
        request.user, Convening.objects.all(), "academy.change_session", pk=pk
    )
    form = SessionForm(request.POST or None, convening=convening)
    if request.method == "POST":
        already = once_seen(request)
        if already is not None:
            return already
        session = form.is_valid() and form_save_or_report(
            form,
            lambda: services.session_create(
                convening=convening, **form.service_arguments()
            ),
        )
        if session:
            url = _agenda_url(session)
            once_done(request, url)
            messages.success(request, _("The session was added to the agenda."))
            _report_conflicts(request, session)
            return redirect(url)
        once_release(request)
    return render(
        request,
        "academy/agenda/session_form.html",
        {
            "form": form,
            "convening": convening,
            "conflicts": [],
            "once": once_value(request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_update(request, pk):
    session = session_or_404(request.user, pk, "academy.change_session")
    convening = session.convening
    form = SessionForm(request.POST or None, convening=convening, session=session)
    if request.method == "POST" and form.is_valid():
        saved = form_save_or_report(
            form,
            lambda: services.session_update(
                session=session, **form.service_arguments()
            ),
        )
        if saved is not None:
            messages.success(request, _("The session was saved."))
            _report_conflicts(request, saved)
            return redirect(_agenda_url(saved))
    conflicts = session_conflicts(convening=convening)
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
    session = session_or_404(request.user, pk, "academy.change_session")
    convening = session.convening
    if request.method == "POST":
        services.session_delete(session=session)
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
