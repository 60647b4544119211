"""What leaves the app from the follow-up: the progress reports (queued for
the worker; their progress and download are the roadmaps' export pages) and
a roadmap's tracking data as JSON or XLSX."""

import json

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from academy.models import Convening
from accompaniment.tracking_data import tracking_data, tracking_xlsx
from accompaniment.views.shared import delegation_with_roadmap
from common.views import attachment, object_or_404_for
from roadmaps.enums import ExportKind
from roadmaps.forms_exports import ExportRequestForm
from roadmaps.views.exports import export_requested


def export_form():
    language = (get_language() or "es")[:2]
    return ExportRequestForm(initial={"language": language})


@login_required
@require_POST
def progress_export_request(request, pk):
    """A delegation's progress report, rendered by the worker; its progress and
    download are the roadmaps' export pages."""
    delegation = delegation_with_roadmap(request, pk, "accompaniment.view_followup")
    return export_requested(
        request,
        back=reverse("accompaniment:indicator_table", kwargs={"pk": delegation.pk}),
        kind=ExportKind.PROGRESS,
        roadmap=delegation.roadmap,
    )


@login_required
@require_POST
def cohort_progress_export_request(request, pk):
    convening = object_or_404_for(
        request.user, Convening.objects.all(), "academy.view_cohort_dashboard", pk=pk
    )
    return export_requested(
        request,
        back=reverse("accompaniment:cohort_board", kwargs={"pk": convening.pk}),
        kind=ExportKind.COHORT_PROGRESS,
        convening=convening,
    )


@login_required
@require_GET
@never_cache  # one delegation's data, for one person
def tracking_download(request, pk, fmt):
    """The tracking data as JSON or XLSX, in IATI 2.03 results terms
    (accompaniment.tracking_data; docs/tracking-data.md)."""
    delegation = delegation_with_roadmap(request, pk, "accompaniment.view_followup")
    data = tracking_data(roadmap=delegation.roadmap)
    name = f"tracking-{delegation.code}-{timezone.localdate():%Y-%m-%d}"
    if fmt == "json":
        return attachment(
            json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder),
            content_type="application/json",
            filename=f"{name}.json",
        )
    return attachment(
        tracking_xlsx(data),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename=f"{name}.xlsx",
    )
