"""The follow-up pages of a delegation: the log (engagements and action items),
recording and changing them, and moving an action item along in place.

Anything the person may not see answers 404, so ids cannot be probed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from academy.models import Convening, Delegation
from accompaniment import board, selectors, services
from accompaniment.enums import EngagementKind
from accompaniment.forms import (
    ActionItemForm,
    ActionStatusForm,
    AttachmentForm,
    EngagementForm,
    FollowUpSettingsForm,
)
from accompaniment.models import (
    ActionItem,
    Attachment,
    Engagement,
    FollowUpSettings,
    attachments_storage,
)
from accompaniment.views.reports import export_form
from accompaniment.views.shared import attachment_keep
from common.views import form_save_or_report, object_or_404_for


def _delegation(request, pk, perm):
    return object_or_404_for(
        request.user, Delegation.objects.select_related("convening"), perm, pk=pk
    )


def _entry(request, model, pk, perm):
    return object_or_404_for(
        request.user,
        model.objects.select_related("delegation__convening"),
        perm,
        pk=pk,
    )


def _followup_url(delegation_id) -> str:
    return reverse("accompaniment:followup", kwargs={"pk": delegation_id})


@login_required
@require_GET
def cohort_board(request, pk):
    """Organizers and facilitators: every delegation's NAP path, last contact
    and what is still to do, on one page."""
    convening = object_or_404_for(
        request.user, Convening.objects.all(), "academy.view_cohort_dashboard", pk=pk
    )
    return _board_page(request, convening)


def _board_page(request, convening, form=None):
    thresholds = FollowUpSettings.for_convening(convening.pk)
    can_change = request.user.has_perm("academy.change_convening", convening)
    if form is None and can_change:
        form = FollowUpSettingsForm(instance=thresholds)
    return render(
        request,
        "accompaniment/cohort_board.html",
        {
            "convening": convening,
            "lines": board.cohort_board(
                convening=convening, today=timezone.localdate()
            ),
            "stages": board.stage_labels(),
            "quiet_days": thresholds.quiet_days,
            "settings_form": form,
            "form": export_form(),
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@require_POST
def followup_settings(request, pk):
    """Organizers: the convening's own thresholds for the board and reminders."""
    convening = object_or_404_for(
        request.user, Convening.objects.all(), "academy.change_convening", pk=pk
    )
    form = FollowUpSettingsForm(
        request.POST, instance=FollowUpSettings.for_convening(convening.pk)
    )
    if form.is_valid():
        saved = form_save_or_report(
            form,
            lambda: services.followup_settings_save(
                convening=convening,
                quiet_days=form.cleaned_data["quiet_days"],
                due_soon_days=form.cleaned_data["due_soon_days"],
            ),
        )
        if saved is not None:
            messages.success(request, _("The follow-up thresholds are saved."))
            return redirect(reverse("accompaniment:cohort_board", kwargs={"pk": pk}))
    return _board_page(request, convening, form)


@login_required
@require_GET
def followup(request, pk):
    delegation = _delegation(request, pk, "accompaniment.view_followup")
    user = request.user
    internal = user.has_perm("accompaniment.view_internal", delegation)
    kinds = [k for k in request.GET.getlist("kind") if k in EngagementKind.values]
    show = [s for s in request.GET.getlist("show") if s in selectors.ENTRY_KINDS]
    can_record = user.has_perm("accompaniment.record_followup", delegation)
    entries = selectors.followup_entries(
        delegation=delegation,
        internal=internal,
        kinds=kinds,
        show=show or selectors.ENTRY_KINDS,
    )
    open_items = selectors.open_action_items(delegation=delegation, internal=internal)
    items = [*open_items, *(e.action_item for e in entries if e.action_item)]
    items += [
        i for e in entries if e.engagement for i in e.engagement.action_items.all()
    ]
    for item in items:
        # The staff who record move any item; members their delegation's own.
        item.can_change_status = can_record or (
            not internal and item.owner_side_is_delegation
        )
    return render(
        request,
        "accompaniment/followup.html",
        {
            "delegation": delegation,
            "convening": delegation.convening,
            "entries": entries,
            "open_items": open_items,
            "kinds": EngagementKind.choices,
            "chosen_kinds": kinds,
            "entry_kinds": [
                ("engagements", _("Engagements")),
                ("actions", _("Action items")),
                ("milestones", _("NAP milestones")),
                ("updates", _("Indicator updates")),
            ],
            "shown": show,
            "can_record": can_record,
            "is_member": not internal,
        },
    )


def _entry_form_page(request, delegation, form, save, *, done, anchor, context):
    """The form of an engagement or an action item: valid input is saved by the
    service (its refusals shown on the form) and the log opens at the entry;
    else the form again, with its errors in place."""
    if request.method == "POST" and form.is_valid():
        saved = form_save_or_report(form, lambda: save(**form.service_arguments()))
        if saved is not None:
            messages.success(request, done)
            return redirect(f"{_followup_url(delegation.pk)}#{anchor}-{saved.pk}")
    return render(
        request,
        "accompaniment/entry_form.html",
        {"delegation": delegation, "form": form, **context},
        status=400 if form.errors else 200,
    )


def _engagement_form_page(request, delegation, engagement=None):
    form = EngagementForm(
        request.POST or None, instance=engagement, delegation=delegation
    )
    if engagement is not None and not form.is_bound:
        form.initial["roadmap_items"] = engagement.roadmap_items
    country = delegation.country.name
    return _entry_form_page(
        request,
        delegation,
        form,
        lambda **fields: services.engagement_save(
            delegation=delegation, user=request.user, engagement=engagement, **fields
        ),
        done=_("The engagement is in the follow-up log."),
        anchor="engagement",
        context={
            "crumb": _("Edit engagement") if engagement else _("Record an engagement"),
            "title": _("Edit engagement")
            if engagement
            else _("Record an engagement with %(country)s") % {"country": country},
            "engagement": engagement,
            "attachments": engagement.attachments.all() if engagement else [],
            "attachment_form": AttachmentForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def engagement_create(request, pk):
    delegation = _delegation(request, pk, "accompaniment.record_followup")
    return _engagement_form_page(request, delegation)


@login_required
@require_http_methods(["GET", "POST"])
def engagement_update(request, pk):
    engagement = _entry(request, Engagement, pk, "accompaniment.change_entry")
    return _engagement_form_page(request, engagement.delegation, engagement)


def _action_form_page(request, delegation, item=None):
    initial = {}
    if item is None and request.GET.get("engagement", "").isdigit():
        initial["engagement"] = int(request.GET["engagement"])
    form = ActionItemForm(
        request.POST or None, instance=item, delegation=delegation, initial=initial
    )
    country = delegation.country.name
    return _entry_form_page(
        request,
        delegation,
        form,
        lambda **fields: services.action_item_save(
            delegation=delegation, user=request.user, item=item, **fields
        ),
        done=_("The action item is saved."),
        anchor="action",
        context={
            "crumb": _("Edit action item") if item else _("Add an action item"),
            "title": _("Edit action item")
            if item
            else _("Add an action item for %(country)s") % {"country": country},
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_item_create(request, pk):
    delegation = _delegation(request, pk, "accompaniment.record_followup")
    return _action_form_page(request, delegation)


@login_required
@require_http_methods(["GET", "POST"])
def action_item_update(request, pk):
    item = _entry(request, ActionItem, pk, "accompaniment.change_entry")
    return _action_form_page(request, item.delegation, item)


@login_required
@require_POST
def action_item_status(request, pk):
    """Move an action item along; htmx swaps its row, a plain form comes back
    to the log."""
    item = _entry(request, ActionItem, pk, "accompaniment.change_action_status")
    form = ActionStatusForm(request.POST)
    error = None
    if form.is_valid():
        try:
            item = services.action_item_status_set(
                item=item,
                user=request.user,
                status=form.cleaned_data["status"],
                base_version=form.cleaned_data["version"],
            )
        except ValidationError as refused:
            error = " ".join(refused.messages)
            item.refresh_from_db()
    else:
        error = _("Choose a status from the list.")
    item.can_change_status = True  # the permission was checked above
    if request.htmx:
        return render(
            request,
            "accompaniment/partials/action_item.html",
            {
                "item": item,
                "error": error,
                "can_edit": request.user.has_perm("accompaniment.change_entry", item),
            },
            status=409 if error else 200,
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("The action item is updated."))
    return redirect(f"{_followup_url(item.delegation_id)}#action-{item.pk}")


@login_required
@require_POST
def attachment_add(request, pk):
    engagement = _entry(request, Engagement, pk, "accompaniment.change_entry")
    return attachment_keep(
        request,
        back=engagement.get_absolute_url() + "#attachments",
        engagement=engagement,
    )


def _attachments():
    """An engagement's files and a stage's evidence, with their delegation."""
    return Attachment.objects.select_related(
        "engagement__delegation__convening",
        "milestone__roadmap__delegation__convening",
    )


@login_required
@require_GET
@never_cache  # a file for one person: kept by no cache
def attachment_download(request, pk):
    attachment = object_or_404_for(
        request.user, _attachments(), "accompaniment.view_entry", pk=pk
    )
    try:
        handle = attachments_storage().open(attachment.file.name, "rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def attachment_remove(request, pk):
    attachment = object_or_404_for(
        request.user, _attachments(), "accompaniment.remove_attachment", pk=pk
    )
    services.attachment_remove(attachment=attachment)
    messages.success(request, _("%(name)s was removed.") % {"name": attachment.name})
    return redirect(attachment.page_url())
