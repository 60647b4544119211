"""A roadmap's history, an item's versions side by side, and restoring one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from roadmaps import history, services
from roadmaps.models import PARENT_KINDS
from roadmaps.views.base import editor_url, int_or_none, roadmap_or_404


@login_required
@require_GET
def roadmap_history(request, pk):
    """The latest changes to any part of the roadmap."""
    roadmap = roadmap_or_404(request, pk, "roadmaps.view_roadmap_history")
    return render(
        request,
        "roadmaps/history.html",
        {
            "roadmap": roadmap,
            "convening": roadmap.delegation.convening,
            "records": history.roadmap_history(roadmap=roadmap),
            "can_restore": request.user.has_perm("roadmaps.restore_roadmap", roadmap),
        },
    )


@login_required
@require_GET
def roadmap_item_history(request, pk, kind, item_pk):
    """The versions of one item, a word diff between two of them, and restore."""
    roadmap = roadmap_or_404(request, pk, "roadmaps.view_roadmap_history")
    found = history.item_history(
        roadmap=roadmap,
        kind=kind,
        item_pk=item_pk,
        older_id=int_or_none(request.GET.get("a")),
        newer_id=int_or_none(request.GET.get("b")),
    )
    if found is None:
        raise Http404
    return render(
        request,
        "roadmaps/item_history.html",
        {
            "roadmap": roadmap,
            "convening": roadmap.delegation.convening,
            "item": found.item,
            "kind": kind,
            "label": found.label,
            "versions": found.versions,
            "older": found.older,
            "newer": found.newer,
            "diffs": found.diffs,
            "is_deleted": found.is_deleted,
            "can_restore": request.user.has_perm("roadmaps.restore_roadmap", roadmap),
        },
    )


@login_required
@require_POST
def roadmap_item_restore(request, pk, kind, item_pk):
    roadmap, item, record = _posted_record_or_404(request, pk, kind, item_pk)
    services.item_restore(user=request.user, item=item, record=record)
    anchor = "context" if kind == "roadmap" else getattr(item, "anchor", "")
    return redirect(editor_url(roadmap, anchor))


@login_required
@require_POST
def roadmap_item_move_undo(request, pk, kind, item_pk):
    """Put an item back where it was before a move (from the history page)."""
    if kind not in PARENT_KINDS:
        raise Http404
    roadmap, item, record = _posted_record_or_404(request, pk, kind, item_pk)
    if record.history_change_reason != "moved" or item.deleted_at is not None:
        raise Http404
    try:
        services.item_move_undo(user=request.user, item=item, record=record)
    except services.MoveNotUndoable as refused:
        messages.error(request, refused.message)
        return redirect("roadmaps:roadmap_history", pk=roadmap.pk)
    messages.success(request, _("Moved back where it was."))
    return redirect(editor_url(roadmap, item.anchor))


def _posted_record_or_404(request, pk, kind, item_pk):
    """(roadmap, item, record): the history record named by the form's
    ``record``, of an item of a roadmap the person may restore; 404 otherwise."""
    roadmap = roadmap_or_404(request, pk, "roadmaps.restore_roadmap")
    found = history.history_record(
        roadmap=roadmap,
        kind=kind,
        item_pk=item_pk,
        history_id=int_or_none(request.POST.get("record", "")),
    )
    if found is None:
        raise Http404
    return (roadmap, *found)
