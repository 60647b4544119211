"""Open data pages: a delegation's (its choice to share, its own exports)
and a convening's (the exports of the roadmaps shared, what they include),
and the downloads in JSON, XLSX and IATI XML."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from academy.models import Convening, Delegation
from common.views import attachment, object_or_404_for
from opendata import selectors, services
from opendata.exports import FORMATS, results_export
from opendata.forms import ExportSettingsForm, SharingForm


def _delegation(request, pk, perm) -> Delegation:
    delegation = object_or_404_for(
        request.user,
        Delegation.objects.select_related("convening", "roadmap"),
        perm,
        pk=pk,
    )
    if not hasattr(delegation, "roadmap"):
        raise Http404
    return delegation


def _convening(request, pk, perm) -> Convening:
    return object_or_404_for(request.user, Convening.objects.all(), perm, pk=pk)


def _download(export) -> HttpResponse:
    return attachment(
        export.content, content_type=export.content_type, filename=export.filename
    )


@login_required
@require_GET
def delegation_data(request, pk):
    delegation = _delegation(request, pk, "opendata.export_roadmap")
    sharing = selectors.sharing_of(delegation=delegation)
    with timezone.override(delegation.convening.zone):
        return render(
            request,
            "opendata/delegation.html",
            {
                "delegation": delegation,
                "convening": delegation.convening,
                "sharing": sharing,
                "form": SharingForm(instance=sharing),
                "can_share": request.user.has_perm(
                    "opendata.change_sharing", delegation
                ),
            },
        )


def _iati_check(request, *, convening, roadmaps, subject, back):
    """What the IATI file cannot hold, found by building it: the open data
    pages load it after they show (htmx, ``hx-trigger="load"``), since building
    a cohort's file takes a second; without JavaScript it is a page of its own."""
    problems = results_export(
        convening=convening, roadmaps=roadmaps, fmt="iati", subject=subject
    ).problems
    template = "opendata/partials/iati_check.html"
    if not request.htmx:
        template = "opendata/iati_check.html"
    return render(request, template, {"problems": problems, "back": back})


@login_required
@require_GET
def delegation_iati_check(request, pk):
    delegation = _delegation(request, pk, "opendata.export_roadmap")
    return _iati_check(
        request,
        convening=delegation.convening,
        roadmaps=[delegation.roadmap],
        subject=delegation.code,
        back=reverse("opendata:delegation_data", kwargs={"pk": delegation.pk}),
    )


@login_required
@require_GET
def convening_iati_check(request, pk):
    convening = _convening(request, pk, "opendata.export_convening")
    return _iati_check(
        request,
        convening=convening,
        roadmaps=selectors.shared_roadmaps(convening=convening),
        subject="check",
        back=reverse("opendata:convening_data", kwargs={"pk": convening.pk}),
    )


@login_required
@require_POST
def sharing_change(request, pk):
    delegation = _delegation(request, pk, "opendata.change_sharing")
    form = SharingForm(request.POST)
    if form.is_valid():
        services.sharing_save(
            delegation=delegation,
            user=request.user,
            share_results=form.cleaned_data["share_results"],
            share_with_cohort=form.cleaned_data["share_with_cohort"],
        )
        messages.success(request, _("Your choices about sharing are saved."))
    return redirect("opendata:delegation_data", pk=delegation.pk)


@login_required
@require_GET
@never_cache
def delegation_download(request, pk, fmt):
    delegation = _delegation(request, pk, "opendata.export_roadmap")
    if fmt not in FORMATS:
        raise Http404
    return _download(
        results_export(
            convening=delegation.convening,
            roadmaps=[delegation.roadmap],
            fmt=fmt,
            subject=delegation.code,
        )
    )


@login_required
@require_GET
def convening_data(request, pk):
    convening = _convening(request, pk, "opendata.export_convening")
    return render(
        request,
        "opendata/convening.html",
        {
            "convening": convening,
            "delegations": selectors.delegations_sharing(convening=convening),
            "shared": len(selectors.shared_roadmaps(convening=convening)),
            "settings_form": ExportSettingsForm(
                instance=selectors.export_settings_of(convening=convening)
            ),
            "can_configure": request.user.has_perm(
                "opendata.change_export_settings", convening
            ),
        },
    )


@login_required
@require_POST
def export_settings_change(request, pk):
    convening = _convening(request, pk, "opendata.change_export_settings")
    form = ExportSettingsForm(request.POST)
    if form.is_valid():
        services.export_settings_save(
            convening=convening,
            include_internal_notes=form.cleaned_data["include_internal_notes"],
        )
        messages.success(request, _("Export settings saved."))
    return redirect("opendata:convening_data", pk=convening.pk)


@login_required
@require_GET
@never_cache
def convening_download(request, pk, fmt):
    convening = _convening(request, pk, "opendata.export_convening")
    if fmt not in FORMATS:
        raise Http404
    return _download(
        results_export(
            convening=convening,
            roadmaps=selectors.shared_roadmaps(convening=convening),
            fmt=fmt,
            subject=f"convening-{convening.pk}",
        )
    )
