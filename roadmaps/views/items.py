"""Adding, editing, moving, deleting and restoring the items of a roadmap."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import reswap, retarget

from common.views import htmx_replace
from roadmaps import selectors, services
from roadmaps.forms import FORMS, ReparentForm, create_form
from roadmaps.models import ITEM_MODELS, PARENT_KINDS
from roadmaps.services import StaleEdit
from roadmaps.views.base import (
    TEXT_GROUPS,
    conflict_response,
    editor_url,
    fragment_page,
    item_or_404,
    parent_or_404,
    roadmap_or_404,
    save_refused,
    structure_response,
)


@login_required
def roadmap_item_add(request, pk, kind):
    roadmap = roadmap_or_404(request, pk, "roadmaps.change_roadmap")
    parent = parent_or_404(request, roadmap, kind)
    form_class = create_form(FORMS[kind])
    parent_key = f"{parent._meta.model_name}-{parent.pk}" if parent else ""
    target = f"form-{kind}-new-{parent_key or 'roadmap'}"
    context = {
        "kind": kind,
        "parent": parent,
        "parent_key": parent_key,
        "target": target,
        "action": reverse(
            "roadmaps:roadmap_item_add", kwargs={"pk": roadmap.pk, "kind": kind}
        )
        + (f"?parent={parent_key}" if parent_key else ""),
        "label": ITEM_MODELS[kind]._meta.verbose_name,
    }
    if request.method == "POST":
        form = form_class(request.POST, auto_id=f"id_{target}_%s", roadmap=roadmap)
        if form.is_valid():
            try:
                item = services.item_create(
                    user=request.user,
                    roadmap=roadmap,
                    model=ITEM_MODELS[kind],
                    parent=parent,
                    fields=form.changes(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return structure_response(request, roadmap, item.anchor)
        response = fragment_page(
            request,
            roadmap,
            "roadmaps/partials/item_form.html",
            {**context, "form": form},
        )
        if request.htmx:
            retarget(response, f"#{target}")
            reswap(response, "outerHTML")
        return response
    return fragment_page(
        request,
        roadmap,
        "roadmaps/partials/item_form.html",
        {
            **context,
            "form": form_class(auto_id=f"id_{target}_%s", roadmap=roadmap),
        },
    )


@login_required
def roadmap_item_edit(request, pk, kind, item_pk):
    if kind not in FORMS or kind in TEXT_GROUPS:
        raise Http404
    if request.method == "POST":
        roadmap = roadmap_or_404(request, pk)
        try:
            if not request.user.has_perm("roadmaps.change_roadmap", roadmap):
                raise Http404
            item = item_or_404(roadmap, kind, item_pk)
        except Http404:
            # Marked final, or the item deleted, since the form was opened: say
            # so and keep the text (404 when neither is why).
            return save_refused(
                request,
                roadmap,
                kind=kind,
                item_pk=item_pk,
                form_class=FORMS[kind],
                target=f"form-{kind}-{item_pk}",
            )
    else:
        roadmap = roadmap_or_404(request, pk, "roadmaps.change_roadmap")
        item = item_or_404(roadmap, kind, item_pk)
    form_class = FORMS[kind]
    target = f"form-{kind}-{item.pk}"
    action = reverse(
        "roadmaps:roadmap_item_edit",
        kwargs={"pk": roadmap.pk, "kind": kind, "item_pk": item.pk},
    )
    context = {
        "kind": kind,
        "item": item,
        "target": target,
        "action": action,
        "label": item._meta.verbose_name,
    }
    if request.method == "POST":
        form = form_class(
            request.POST,
            instance=item_or_404(roadmap, kind, item_pk),
            auto_id=f"id_{target}_%s",
        )
        if form.is_valid():
            try:
                services.item_update(
                    user=request.user,
                    item=item,
                    base_version=form.cleaned_data["version"],
                    changes=form.changes(),
                )
            except StaleEdit as error:
                return conflict_response(
                    request,
                    roadmap,
                    form_class=form_class,
                    error=error,
                    action=action,
                    target=target,
                    kind=kind,
                    label=item._meta.verbose_name,
                )
            return structure_response(request, roadmap, item.anchor)
        response = fragment_page(
            request,
            roadmap,
            "roadmaps/partials/item_form.html",
            {**context, "form": form},
        )
        if request.htmx:
            retarget(response, f"#{target}")
            reswap(response, "outerHTML")
        return response
    form = form_class(
        instance=item, initial={"version": item.version}, auto_id=f"id_{target}_%s"
    )
    return fragment_page(
        request, roadmap, "roadmaps/partials/item_form.html", {**context, "form": form}
    )


@login_required
@require_POST
def roadmap_item_move(request, pk, kind, item_pk):
    roadmap = roadmap_or_404(request, pk, "roadmaps.change_roadmap")
    if kind not in PARENT_KINDS:
        raise Http404
    item = item_or_404(roadmap, kind, item_pk)
    direction = request.POST.get("direction")
    if direction not in {"up", "down"}:
        raise Http404
    services.item_move(user=request.user, item=item, direction=direction)
    return structure_response(request, roadmap, item.anchor, said=_("Moved."))


@login_required
def roadmap_item_delete(request, pk, kind, item_pk):
    roadmap = roadmap_or_404(request, pk, "roadmaps.change_roadmap")
    if kind not in PARENT_KINDS:
        raise Http404
    item = item_or_404(roadmap, kind, item_pk)
    if request.method == "POST":
        services.item_delete(user=request.user, item=item)
        return structure_response(
            request,
            roadmap,
            item.section,
            said=_("Deleted. The history can bring it back."),
        )
    return fragment_page(
        request,
        roadmap,
        "roadmaps/partials/confirm_delete.html",
        {"item": item, "kind": kind, "label": item._meta.verbose_name},
    )


@login_required
def roadmap_item_reparent(request, pk, kind, item_pk):
    """Move an item under another parent (an output to another outcome…)."""
    roadmap = roadmap_or_404(request, pk, "roadmaps.change_roadmap")
    found = selectors.roadmap_parent_choices(
        roadmap=roadmap, kind=kind, item_pk=item_pk
    )
    if found is None:
        raise Http404
    item = found.item
    form = ReparentForm(
        request.POST or None,
        choices=found.choices,
        initial={"parent": found.current.key},
        auto_id=f"id_reparent-{item.key}_%s",
    )
    if request.method == "POST" and form.is_valid():
        parent = found.parents[form.cleaned_data["parent"]]
        services.item_reparent(user=request.user, item=item, parent=parent)
        return structure_response(request, roadmap, item.anchor, said=_("Moved."))
    action = reverse(
        "roadmaps:roadmap_item_reparent",
        kwargs={"pk": roadmap.pk, "kind": kind, "item_pk": item.pk},
    )
    response = fragment_page(
        request,
        roadmap,
        "roadmaps/partials/reparent.html",
        {
            "item": item,
            "form": form,
            "action": action,
            "label": item._meta.verbose_name,
        },
    )
    if request.htmx and request.method == "POST":
        htmx_replace(response, f"#{item.anchor}")
    return response


@login_required
@require_POST
def roadmap_item_undelete(request, pk, kind, item_pk):
    roadmap = roadmap_or_404(request, pk, "roadmaps.restore_roadmap")
    model = ITEM_MODELS.get(kind)
    if kind not in PARENT_KINDS or model is None:
        raise Http404
    item = model.objects.filter(
        roadmap=roadmap, pk=item_pk, deleted_at__isnull=False
    ).first()
    if item is None:
        raise Http404
    services.item_undelete(user=request.user, item=item)
    return redirect(editor_url(roadmap, item.anchor))
