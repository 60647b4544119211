"""A delegation's NAP path: every stage from preparation to renewal, where each
stands (status, planned, revised and achieved dates, legal instrument) and its
evidence. The delegation keeps it up to date with the organizers and the
facilitators who accompany it; the NAP status is read off it.

A stage is updated in place with htmx (its card swaps), or on a page of its own
without JavaScript. Anything the person may not see answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accompaniment import selectors, services
from accompaniment.forms import AttachmentForm, MilestoneTrackForm
from accompaniment.views.shared import attachment_keep, delegation_with_roadmap
from common.views import form_save_or_report, htmx_replace
from roadmaps.enums import MilestoneKind
from roadmaps.models import Milestone, Roadmap
from roadmaps.services import StaleEdit


def _path_url(delegation, kind="") -> str:
    url = reverse("accompaniment:nap_path", kwargs={"pk": delegation.pk})
    return f"{url}#stage-{kind}" if kind else url


@login_required
@require_GET
def nap_path(request, pk):
    delegation = delegation_with_roadmap(request, pk, "accompaniment.view_followup")
    return render(
        request,
        "accompaniment/nap_path.html",
        {
            "delegation": delegation,
            "convening": delegation.convening,
            "roadmap": delegation.roadmap,
            "stages": selectors.nap_path(roadmap=delegation.roadmap),
            "can_track": request.user.has_perm("accompaniment.track_path", delegation),
            "attachment_form": AttachmentForm(),
        },
    )


def _stage(delegation, kind):
    if kind not in MilestoneKind.values:
        raise Http404
    return selectors.nap_path(roadmap=delegation.roadmap, kinds={kind})[0]


def _stage_response(request, delegation, stage, *, form=None, said="", status=200):
    """The stage's card (htmx) or its page of its own (no JavaScript)."""
    context = {
        "said": said,
        "delegation": delegation,
        "convening": delegation.convening,
        "stage": stage,
        "form": form,
        "can_track": True,  # checked by the caller
        "attachment_form": AttachmentForm(),
    }
    if request.htmx:
        # The page's NAP status follows the stage (an out-of-band swap).
        context["nap_status"] = Roadmap.objects.get(
            pk=delegation.roadmap.pk
        ).get_nap_status_display()
        # htmx swaps only a 2xx answer: a card that shows its errors is one.
        response = render(request, "accompaniment/partials/path_stage.html", context)
        return htmx_replace(response, f"#stage-{stage.kind}")
    return render(request, "accompaniment/path_stage_form.html", context, status=status)


def _conflict_explain(form, error: StaleEdit) -> None:
    """Someone saved the stage meanwhile and changed the same fields: keep what
    this person typed, say what the other one saved, and let a second save
    (now based on the current version) decide."""
    values = []
    for name in error.fields:
        field = Milestone._meta.get_field(name)
        value = getattr(error.current, name)
        shown = dict(field.choices).get(value, value) if field.choices else value or "—"
        values.append(f"{field.verbose_name}: {shown}")
    form.add_error(
        None,
        _(
            "%(who)s saved this stage while you were editing it (%(values)s). "
            "Your values are kept below: save again to replace theirs."
        )
        % {
            "who": error.by.full_name if error.by else _("Someone"),
            "values": "; ".join(values),
        },
    )
    form.data = form.data.copy()
    form.data["version"] = error.current.version


@login_required
@require_http_methods(["GET", "POST"])
def milestone_track(request, pk, kind):
    """Update where a stage stands (adding it to the path the first time)."""
    delegation = delegation_with_roadmap(request, pk, "accompaniment.track_path")
    stage = _stage(delegation, kind)
    form = MilestoneTrackForm(
        request.POST or None,
        instance=stage.milestone,
        roadmap=delegation.roadmap,
        kind=kind,
        auto_id=f"id_{kind}_%s",  # two stages open at once keep their own ids
    )
    if request.method == "GET":
        if request.GET.get("cancel") and request.htmx:
            return _stage_response(request, delegation, stage)
        return _stage_response(request, delegation, stage, form=form)
    if form.is_valid():
        try:
            saved = form_save_or_report(
                form,
                lambda: services.milestone_track(
                    user=request.user,
                    roadmap=delegation.roadmap,
                    kind=kind,
                    fields=form.cleaned_data,
                    base_version=form.cleaned_data["version"],
                ),
            )
        except StaleEdit as error:
            _conflict_explain(form, error)
            saved = None
        if saved is not None:
            message = _("%(stage)s is saved.") % {"stage": stage.label}
            if request.htmx:
                return _stage_response(
                    request, delegation, _stage(delegation, kind), said=message
                )
            messages.success(request, message)
            return redirect(_path_url(delegation, kind))
    return _stage_response(request, delegation, stage, form=form, status=400)


@login_required
@require_POST
def milestone_evidence_add(request, pk, kind):
    """Attach a file as evidence of a stage (the stage must be on the path)."""
    delegation = delegation_with_roadmap(request, pk, "accompaniment.track_path")
    stage = _stage(delegation, kind)
    if stage.milestone is None:
        messages.error(request, _("Save the stage first, then attach its evidence."))
        return redirect(_path_url(delegation, kind))
    return attachment_keep(
        request, back=_path_url(delegation, kind), milestone=stage.milestone
    )
