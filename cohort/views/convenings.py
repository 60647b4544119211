"""Organizers run their convening: create, copy into a new edition, edit,
close, archive or delete it, add, edit and remove its delegations. Anything the
user may not change answers 404."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from academy import services
from academy.forms import (
    ConveningForm,
    DelegationForm,
    DelegationRegisterForm,
    EditionCopyForm,
)
from academy.models import Convening, Delegation
from cohort.editions import edition_copy
from cohort.services import delegation_change, delegation_register
from common.once import once_done, once_release, once_seen, once_value
from common.views import form_save_or_report, object_or_404_for


def convening_for_organizer(user, pk):
    """The convening if ``user`` organizes it, else 404 (ids cannot be probed)."""
    return object_or_404_for(
        user, Convening.objects.all(), "academy.change_convening", pk=pk
    )


def _delegation_for_organizer(user, pk):
    return object_or_404_for(
        user,
        Delegation.objects.select_related("convening", "focal_point", "roadmap"),
        "academy.change_delegation",
        pk=pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def convening_create(request):
    user = request.user
    if not user.has_perm("academy.add_convening"):
        raise Http404
    form = ConveningForm(request.POST or None)
    if request.method == "POST":
        already = once_seen(request)
        if already is not None:
            return already
        convening = form.is_valid() and form_save_or_report(
            form,
            lambda: services.convening_create(user=user, **form.service_arguments()),
        )
        if convening:
            once_done(request, convening.get_absolute_url())
            messages.success(request, _("The convening was created."))
            return redirect(convening)
        once_release(request)
    return render(
        request,
        "cohort/convening_form.html",
        {"form": form, "once": once_value(request)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def convening_update(request, pk):
    convening = convening_for_organizer(request.user, pk)
    form = ConveningForm(request.POST or None, instance=convening)
    if request.method == "POST" and form.is_valid():
        saved = form_save_or_report(
            form,
            lambda: services.convening_update(
                convening=convening, **form.service_arguments()
            ),
        )
        if saved is not None:
            messages.success(request, _("The convening was saved."))
            return redirect(convening)
    return render(
        request, "cohort/convening_form.html", {"form": form, "convening": convening}
    )


@login_required
@require_http_methods(["GET", "POST"])
def convening_close(request, pk):
    convening = convening_for_organizer(request.user, pk)
    if request.method == "POST":
        services.convening_close(convening=convening)
        messages.success(request, _("The convening is closed."))
        return redirect(convening)
    return render(request, "cohort/convening_close.html", {"convening": convening})


@login_required
@require_http_methods(["GET", "POST"])
def delegation_create(request, pk):
    convening = convening_for_organizer(request.user, pk)
    form = DelegationRegisterForm(request.POST or None, convening=convening)
    if request.method == "POST" and form.is_valid():
        delegation = form_save_or_report(
            form,
            lambda: delegation_register(
                convening=convening,
                country=form.cleaned_data["country"],
                nap_status=form.cleaned_data["nap_status"],
                notes=form.cleaned_data["notes"],
                focal_point=form.focal_point(),
            ),
        )
        if delegation is not None:
            messages.success(
                request,
                _("The delegation of %(country)s was added.")
                % {"country": delegation.country.name},
            )
            return redirect(delegation)
    return render(
        request,
        "cohort/delegation_form.html",
        {"form": form, "convening": convening},
    )


@login_required
@require_http_methods(["GET", "POST"])
def delegation_update(request, pk):
    delegation = _delegation_for_organizer(request.user, pk)
    initial = {
        "country": delegation.country.code,
        "focal_point": delegation.focal_point_id,
        "facilitators": list(delegation.facilitators.values_list("pk", flat=True)),
        "notes": delegation.notes,
    }
    form = DelegationForm(
        request.POST or None,
        initial=initial,
        convening=delegation.convening,
        delegation=delegation,
    )
    if request.method == "POST" and form.is_valid():
        saved = form_save_or_report(
            form,
            lambda: delegation_change(
                delegation=delegation,
                country=form.cleaned_data["country"],
                focal_point=form.cleaned_data["focal_point"],
                notes=form.cleaned_data["notes"],
                facilitators=form.cleaned_data["facilitators"],
                changed_by=request.user,
            ),
        )
        if saved is not None:
            messages.success(request, _("The delegation was saved."))
            return redirect(delegation)
    return render(
        request,
        "cohort/delegation_form.html",
        {"form": form, "convening": delegation.convening, "delegation": delegation},
    )


@login_required
@require_http_methods(["GET", "POST"])
def delegation_delete(request, pk):
    delegation = _delegation_for_organizer(request.user, pk)
    convening = delegation.convening
    if request.method == "POST":
        country = delegation.country.name
        services.delegation_delete(delegation=delegation)
        messages.success(
            request,
            _("The delegation of %(country)s was removed.") % {"country": country},
        )
        return redirect(convening)
    return render(
        request,
        "cohort/delegation_confirm_delete.html",
        {
            "delegation": delegation,
            "convening": convening,
            "member_count": delegation.members.count(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def convening_copy(request, pk):
    """A new edition from this one (its organizers who may create convenings)."""
    source = convening_for_organizer(request.user, pk)
    if not request.user.has_perm("academy.add_convening"):
        raise Http404
    # The same weekday a year on, or as many years as it takes to be ahead.
    year = datetime.timedelta(days=364)
    start = source.start_date + year
    while start <= timezone.localdate(timezone=source.zone):
        start += year
    form = EditionCopyForm(
        request.POST or None,
        initial={
            "name_es": source.name_es,
            "name_en": source.name_en,
            "edition": source.edition + 1,
            "start_date": start,
            "city_es": source.city_es,
            "city_en": source.city_en,
            "venue_es": source.venue_es,
            "venue_en": source.venue_en,
        },
    )
    if request.method == "POST":
        already = once_seen(request)
        if already is not None:
            return already
        copied = form.is_valid() and form_save_or_report(
            form,
            lambda: edition_copy(
                source=source,
                user=request.user,
                edition=form.cleaned_data["edition"],
                start_date=form.cleaned_data["start_date"],
                names=form.names(),
            ),
        )
        if copied:
            convening = copied.convening
            once_done(request, convening.get_absolute_url())
            messages.success(
                request,
                _(
                    "Edition %(edition)s is ready: %(sessions)s sessions, "
                    "%(delegations)s delegations, %(team)s people of the team, "
                    "%(surveys)s surveys%(rule)s and %(logos)s logos were copied. "
                    "Invite the participants when the delegations are known."
                )
                % {
                    "edition": convening.edition,
                    "sessions": copied.sessions,
                    "delegations": copied.delegations,
                    "team": copied.team,
                    "surveys": copied.surveys,
                    "rule": _(", the certificate rule") if copied.rule else "",
                    "logos": copied.logos,
                },
            )
            return redirect(convening)
        once_release(request)
    return render(
        request,
        "cohort/convening_copy.html",
        {"form": form, "source": source, "once": once_value(request)},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def convening_delete(request, pk):
    convening = convening_for_organizer(request.user, pk)
    participants = convening.participants.count()
    if request.method == "POST" and not participants:
        name = convening.name
        services.convening_delete(convening=convening)
        messages.success(
            request, _("The convening %(name)s was deleted.") % {"name": name}
        )
        return redirect("cohort:home")
    return render(
        request,
        "cohort/convening_delete.html",
        {"convening": convening, "participants": participants},
        status=409 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["POST"])
def convening_archive(request, pk):
    convening = convening_for_organizer(request.user, pk)
    archived = request.POST.get("archived") != "0"
    services.convening_archive(convening=convening, archived=archived)
    messages.success(
        request,
        _("The convening was archived: it is listed apart on your home page.")
        if archived
        else _("The convening is back among your convenings."),
    )
    return redirect(convening)
