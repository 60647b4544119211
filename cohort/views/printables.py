"""What the convening's staff print for the event: the agenda and the name
badges, as PDFs rendered by the worker (progress and download on the
export pages)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_POST

from academy.models import Convening
from common.views import object_or_404_for
from roadmaps.enums import ExportKind
from roadmaps.forms_exports import ExportRequestForm
from roadmaps.views.exports import export_requested


def _convening(request, pk):
    return object_or_404_for(
        request.user, Convening.objects.all(), "roadmaps.export_cohort", pk=pk
    )


@login_required
@require_GET
def printables(request, pk):
    convening = _convening(request, pk)
    language = (get_language() or "es")[:2]
    return render(
        request,
        "cohort/printables.html",
        {
            "convening": convening,
            # Two request forms on one page: their inputs need their own ids.
            "agenda_form": ExportRequestForm(
                initial={"language": language}, auto_id="agenda_%s"
            ),
            "badges_form": ExportRequestForm(
                initial={"language": language}, auto_id="badges_%s"
            ),
            "participant_count": convening.participants.count(),
        },
    )


def _requested(request, pk, kind):
    convening = _convening(request, pk)
    return export_requested(
        request,
        back=reverse("cohort:printables", kwargs={"pk": convening.pk}),
        kind=kind,
        convening=convening,
    )


@login_required
@require_POST
def agenda_export_request(request, pk):
    return _requested(request, pk, ExportKind.AGENDA)


@login_required
@require_POST
def badges_export_request(request, pk):
    return _requested(request, pk, ExportKind.BADGES)
