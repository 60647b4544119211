"""A convening's reference indicators: the shipped SDG set, read-only, and
the organizers' own entries, added, edited and removed here."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from academy.models import Convening
from common.views import form_save_or_report, object_or_404_for
from roadmaps import services
from roadmaps.enums import ReferenceFramework
from roadmaps.forms import ReferenceForm
from roadmaps.models import ReferenceIndicator
from roadmaps.references import references_of_convening


def _own_or_404(request, pk) -> ReferenceIndicator:
    return object_or_404_for(
        request.user,
        ReferenceIndicator.objects.exclude(convening=None).select_related("convening"),
        "academy.change_convening",
        pk=pk,
    )


def _fields(form) -> dict:
    data = dict(form.cleaned_data)
    # The title read when neither language is the viewer's.
    data["title"] = data["title_en"] or data["title_es"]
    return data


@login_required
@require_http_methods(["GET", "POST"])
def reference_list(request, pk):
    convening = object_or_404_for(
        request.user, Convening.objects.all(), "academy.view_convening", pk=pk
    )
    may_change = request.user.has_perm("academy.change_convening", convening)
    form = ReferenceForm(request.POST or None)
    if request.method == "POST":
        if not may_change:
            raise Http404
        if form.is_valid() and form_save_or_report(
            form,
            lambda: services.reference_create(
                convening=convening, fields=_fields(form)
            ),
        ):
            messages.success(request, _("Reference indicator added."))
            return redirect("roadmaps:reference_list", pk=convening.pk)
    references = references_of_convening(convening=convening)
    groups = [
        (label, [r for r in references if r.framework == value])
        for value, label in ReferenceFramework.choices
    ]
    return render(
        request,
        "roadmaps/references.html",
        {
            "convening": convening,
            "groups": [(label, items) for label, items in groups if items],
            "may_change": may_change,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def reference_edit(request, pk):
    reference = _own_or_404(request, pk)
    form = ReferenceForm(request.POST or None, instance=reference)
    if (
        request.method == "POST"
        and form.is_valid()
        and form_save_or_report(
            form,
            lambda: services.reference_update(
                reference=reference, fields=_fields(form)
            ),
        )
    ):
        messages.success(request, _("Reference indicator saved."))
        return redirect("roadmaps:reference_list", pk=reference.convening_id)
    return render(
        request,
        "roadmaps/reference_form.html",
        {"reference": reference, "convening": reference.convening, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_http_methods(["POST"])
def reference_delete(request, pk):
    reference = _own_or_404(request, pk)
    try:
        services.reference_delete(reference=reference)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Reference indicator removed."))
    return redirect("roadmaps:reference_list", pk=reference.convening_id)
