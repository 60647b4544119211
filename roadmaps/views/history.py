"""A roadmap's history, an item's versions side by side, and restoring one."""

import difflib

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from roadmaps import services
from roadmaps.models import ITEM_MODELS
from roadmaps.views.base import editor_url, int_or_none, roadmap_or_404

# History -------------------------------------------------------------------


HISTORY_KINDS = [
    "roadmap",
    "pillar",
    "outcome",
    "output",
    "indicator",
    "activity",
    "coordination",
    "territory",
    "milestone",
]


def _history_filter(kind, roadmap):
    return {"id": roadmap.pk} if kind == "roadmap" else {"roadmap_id": roadmap.pk}


@login_required
@require_GET
def roadmap_history(request, pk):
    """The latest changes to any part of the roadmap (one query per kind)."""
    roadmap = roadmap_or_404(request, pk, "roadmaps.view_roadmap_history")
    records = []
    for kind in HISTORY_KINDS:
        model = ITEM_MODELS[kind]
        for record in (
            model.history.filter(**_history_filter(kind, roadmap))
            .select_related("history_user")
            .order_by("-history_date")[:200]
        ):
            record.kind = kind
            record.label = model._meta.verbose_name
            records.append(record)
    records.sort(key=lambda record: record.history_date, reverse=True)
    records = records[:200]
    # Only what is still deleted can be brought back (one query per kind).
    deleted = {
        kind: set(
            ITEM_MODELS[kind]
            .objects.filter(roadmap=roadmap, deleted_at__isnull=False)
            .values_list("pk", flat=True)
        )
        for kind in services.PARENT_KINDS
    }
    for record in records:
        record.summary = _summary(record)
        record.event = _event(record)
        record.can_undo = record.event == "deleted" and record.id in deleted.get(
            record.kind, ()
        )
    return render(
        request,
        "roadmaps/history.html",
        {
            "roadmap": roadmap,
            "convening": roadmap.delegation.convening,
            "records": records,
            "can_restore": request.user.has_perm("roadmaps.restore_roadmap", roadmap),
        },
    )


def _summary(record):
    for name in ("statement", "name", "coordination_body", "context_analysis"):
        value = getattr(record, name, None)
        if value:
            return value[:120]
    if record.kind == "pillar" and record.standard:
        return record.instance.title
    if record.kind == "milestone":
        return record.get_kind_display()
    return ""


def _event(record):
    reason = record.history_change_reason or ""
    if record.history_type == "+":
        return "created"
    if reason in {"deleted", "restored"}:
        return reason
    if reason.startswith("status:"):
        return "status"
    return "changed"


def _text_fields(model):
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.get_internal_type() in {"TextField", "CharField"}
        and field.editable
        and not field.choices
        and field.name not in {"currency", "start_quarter", "end_quarter"}
    ]


@login_required
@require_GET
def roadmap_item_history(request, pk, kind, item_pk):
    """The versions of one item, a word diff between two of them, and restore."""
    roadmap = roadmap_or_404(request, pk, "roadmaps.view_roadmap_history")
    model = ITEM_MODELS.get(kind)
    if model is None:
        raise Http404
    if kind == "roadmap":
        if item_pk != roadmap.pk:
            raise Http404
        item = roadmap
    else:
        item = model.objects.filter(roadmap=roadmap, pk=item_pk).first()
        if item is None:
            raise Http404
    versions = list(
        model.history.filter(id=item.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    by_id = {record.history_id: record for record in versions}
    older = by_id.get(int_or_none(request.GET.get("a")))
    newer = by_id.get(int_or_none(request.GET.get("b")))
    if newer is None and versions:
        newer = versions[0]
    if older is None and len(versions) > 1:
        older = versions[1]
    diffs = []
    if older and newer:
        for name in _text_fields(model):
            before = getattr(older, name) or ""
            after = getattr(newer, name) or ""
            if before != after:
                diffs.append(
                    {
                        "label": model._meta.get_field(name).verbose_name,
                        "parts": word_diff(before, after),
                    }
                )
    return render(
        request,
        "roadmaps/item_history.html",
        {
            "roadmap": roadmap,
            "convening": roadmap.delegation.convening,
            "item": item,
            "kind": kind,
            "label": model._meta.verbose_name,
            "versions": versions,
            "older": older,
            "newer": newer,
            "diffs": diffs,
            "is_deleted": getattr(item, "deleted_at", None) is not None,
            "can_restore": request.user.has_perm("roadmaps.restore_roadmap", roadmap),
        },
    )


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """[(op, text)] with op in equal/delete/insert; the template escapes text."""
    old, new = before.split(" "), after.split(" ")
    parts = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(("equal", " ".join(old[a1:a2])))
            continue
        if a2 > a1:
            parts.append(("delete", " ".join(old[a1:a2])))
        if b2 > b1:
            parts.append(("insert", " ".join(new[b1:b2])))
    return parts


@login_required
@require_POST
def roadmap_item_restore(request, pk, kind, item_pk):
    roadmap = roadmap_or_404(request, pk, "roadmaps.restore_roadmap")
    model = ITEM_MODELS.get(kind)
    if model is None:
        raise Http404
    if kind == "roadmap":
        item = roadmap if item_pk == roadmap.pk else None
    else:
        item = model.objects.filter(roadmap=roadmap, pk=item_pk).first()
    record = model.history.filter(
        id=item_pk, history_id=int_or_none(request.POST.get("record", ""))
    ).first()
    if item is None or record is None:
        raise Http404
    services.item_restore(user=request.user, item=item, record=record)
    anchor = "context" if kind == "roadmap" else getattr(item, "anchor", "")
    return redirect(editor_url(roadmap, anchor))
