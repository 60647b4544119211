"""PDF exports: request, follow the progress, download, retry.

Who may not see an export (or the roadmap or convening it belongs to) gets 404
on every URL here. Files are never at a public URL: the download view checks
permission and streams the file from the exports storage.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from academy.models import Convening
from common.views import object_or_404_for
from roadmaps import exports, selectors
from roadmaps.enums import ExportKind, ExportStatus
from roadmaps.forms_exports import ExportRequestForm
from roadmaps.models import Export
from roadmaps.views.base import roadmap_or_404


def _convening(request, pk):
    return object_or_404_for(
        request.user, Convening.objects.all(), "roadmaps.export_cohort", pk=pk
    )


def _export(request, pk):
    return object_or_404_for(
        request.user,
        Export.objects.select_related(
            "convening", "roadmap__delegation__convening", "requested_by"
        ),
        "roadmaps.view_export",
        pk=pk,
    )


def _form(request=None):
    if request is not None and request.method == "POST":
        return ExportRequestForm(request.POST)
    language = (get_language() or "es")[:2]
    return ExportRequestForm(initial={"language": language})


@login_required
@require_GET
def roadmap_exports(request, pk):
    roadmap = roadmap_or_404(request, pk, "roadmaps.export_roadmap")
    return render(
        request,
        "roadmaps/exports/roadmap_exports.html",
        {
            "roadmap": roadmap,
            "delegation": roadmap.delegation,
            "convening": roadmap.delegation.convening,
            "exports": selectors.roadmap_exports(roadmap=roadmap),
            "form": _form(),
        },
    )


def export_requested(request, *, back, **target):
    """Queue the export a request form asked for, then show its progress."""
    form = _form(request)
    if not form.is_valid():
        messages.error(request, _("Choose the language of the report."))
        return redirect(back)
    try:
        export = exports.export_request(
            language=form.cleaned_data["language"],
            bundle=form.cleaned_data["bundle"],
            user=request.user,
            **target,
        )
    except exports.ExportsTooFrequent:
        messages.error(
            request,
            _(
                "You asked for many reports in a short time. Wait a few minutes, "
                "or download one of the reports below."
            ),
        )
        return redirect(back)
    if export.status == ExportStatus.READY:
        messages.success(
            request,
            _("This report is ready: the roadmap has not changed since it was made."),
        )
    # Being prepared, the page says so itself (and says "ready" once it is).
    return redirect(export)


@login_required
@require_POST
def roadmap_export_request(request, pk):
    roadmap = roadmap_or_404(request, pk, "roadmaps.export_roadmap")
    return export_requested(
        request,
        back=reverse("roadmaps:roadmap_exports", kwargs={"pk": roadmap.pk}),
        kind=ExportKind.ROADMAP,
        roadmap=roadmap,
    )


@login_required
@require_GET
def cohort_reports(request, pk):
    convening = _convening(request, pk)
    return render(
        request,
        "roadmaps/exports/cohort_reports.html",
        {
            "convening": convening,
            "exports": selectors.convening_exports(convening=convening),
            "form": _form(),
        },
    )


@login_required
@require_POST
def cohort_export_request(request, pk):
    convening = _convening(request, pk)
    return export_requested(
        request,
        back=reverse("roadmaps:cohort_reports", kwargs={"pk": convening.pk}),
        kind=ExportKind.COHORT,
        convening=convening,
    )


@login_required
@require_GET
def export_detail(request, pk):
    export = _export(request, pk)
    return render(request, "roadmaps/exports/detail.html", {"export": export})


@login_required
@require_GET
def export_status(request, pk):
    """The progress fragment; it polls itself until the export is finished."""
    export = _export(request, pk)
    return render(request, "roadmaps/exports/partials/status.html", {"export": export})


@login_required
@require_GET
@never_cache  # a file for one person: kept by no cache
def export_download(request, pk):
    export = _export(request, pk)
    if export.shown_status != ExportStatus.READY or not export.file:
        raise Http404
    try:
        handle = export.file_open()
    except FileNotFoundError as error:
        raise Http404 from error
    exports.export_downloaded(export=export)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=export.filename,
        content_type=export.content_type,
    )


@login_required
@require_POST
def export_retry(request, pk):
    export = _export(request, pk)
    export = exports.export_retry(export=export, user=request.user)
    if request.htmx:
        return render(
            request, "roadmaps/exports/partials/status.html", {"export": export}
        )
    messages.info(request, _("The export was queued again."))
    return redirect(export)
