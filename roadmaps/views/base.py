"""What the roadmap views share: finding the roadmap and its items (404 for
whoever may not see them), the editor's context, and the htmx answers."""

import copy

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django_htmx.http import reswap, retarget

from academy.rules import is_delegation_member
from roadmaps import fragments, selectors
from roadmaps.completeness import roadmap_completeness
from roadmaps.enums import RoadmapStatus, Section
from roadmaps.forms import FORMS
from roadmaps.history import word_diff
from roadmaps.models import ITEM_MODELS, PARENT_KINDS, REVISION_FIELD_NAMES, Item
from roadmaps.services import TRANSITIONS

TEXT_GROUPS = {"context": Section.CONTEXT, "theory-of-change": Section.THEORY_OF_CHANGE}


def roadmap_or_404(request, pk, permission="roadmaps.view_roadmap"):
    roadmap = selectors.roadmap_for_editor(pk=pk)
    if roadmap is None or not request.user.has_perm(permission, roadmap):
        raise Http404
    return roadmap


def item_or_404(roadmap, kind, item_pk):
    model = ITEM_MODELS.get(kind)
    if model is None or kind == "roadmap":
        raise Http404
    queryset = model.objects.filter(roadmap=roadmap, pk=item_pk)
    if issubclass(model, Item):
        queryset = queryset.filter(deleted_at__isnull=True)
    item = queryset.first()
    if item is None:
        raise Http404
    return item


def parent_or_404(request, roadmap, kind):
    """The parent named by ``?parent=outcome-12``, within this roadmap."""
    allowed = PARENT_KINDS.get(kind)
    if allowed is None:
        raise Http404
    if not allowed:
        return None
    parent_kind, _sep, parent_pk = request.GET.get(
        "parent", request.POST.get("parent", "")
    ).partition("-")
    if parent_kind not in allowed or not parent_pk.isdigit():
        raise Http404
    return item_or_404(roadmap, parent_kind, int(parent_pk))


def _sent_text(field, value: str) -> str:
    """What was sent as the person saw it: a choice by its label."""
    for key, label in getattr(field, "choices", ()):
        if str(key) == value:
            return str(label)
    return value


def save_refused(request, roadmap, *, kind, item_pk=None, form_class, target):
    """Why a save cannot land, said in place (409, which the editor swaps in)
    with the text that was sent, to copy: the roadmap was marked final while it
    was being edited, or the item was deleted meanwhile. Called once the save
    was found impossible; 404 when neither explains it (whoever may not change
    the roadmap at all, an item that never was)."""
    may_change = request.user.has_perm("roadmaps.change_roadmap", roadmap)
    final = roadmap.status == RoadmapStatus.FINAL
    if not may_change and not (
        final and is_delegation_member(request.user, roadmap.delegation)
    ):
        raise Http404
    item, deleted = roadmap, None
    if item_pk is not None:
        model = ITEM_MODELS.get(kind)
        if model is None or kind == "roadmap":
            raise Http404
        item = model.objects.filter(roadmap=roadmap, pk=item_pk).first()
        if item is None:
            raise Http404
        if getattr(item, "deleted_at", None) is not None:
            deleted = selectors.item_last_change(item=item)
    if may_change and deleted is None:
        raise Http404
    form = form_class(request.POST, roadmap=roadmap)
    sent = [
        (form[name].label, _sent_text(form.fields[name], request.POST.get(name)))
        for name in form.fields
        if name != "version" and request.POST.get(name, "").strip()
    ]
    response = fragment_page(
        request,
        roadmap,
        "roadmaps/partials/save_refused.html",
        {
            "target": target,
            "label": item._meta.verbose_name,
            "item": item,
            "kind": kind,
            "final": not may_change,
            "deleted": deleted,
            "can_restore": request.user.has_perm("roadmaps.restore_roadmap", roadmap),
            "sent": sent,
            "convening": roadmap.delegation.convening,
        },
        status=409,
    )
    if request.htmx:
        retarget(response, f"#{target}")
        reswap(response, "outerHTML")
    return response


def parts_context(roadmap):
    """What the cached parts of the editor need (roadmaps/fragments.py): their
    keys, from the roadmap's revisions as loaded, then the tree and its scores,
    loaded only if a part is not in the cache."""
    tree = SimpleLazyObject(lambda: selectors.roadmap_tree(roadmap=roadmap))
    return {
        "roadmap": roadmap,
        "convening": roadmap.delegation.convening,
        "part_keys": fragments.roadmap_part_keys(roadmap=roadmap),
        "tree": tree,
        "completeness": SimpleLazyObject(lambda: roadmap_completeness(tree=tree)),
        "budget": SimpleLazyObject(lambda: selectors.roadmap_budget(tree=tree)),
    }


def editor_context(request, roadmap):
    user = request.user
    return {
        **parts_context(roadmap),
        "delegation": roadmap.delegation,
        "comments": selectors.roadmap_comments(roadmap=roadmap),
        "sections": Section,
        "can_change": user.has_perm("roadmaps.change_roadmap", roadmap),
        "can_comment": user.has_perm("roadmaps.comment_roadmap", roadmap),
        "can_review": user.has_perm("roadmaps.review_roadmap", roadmap),
        "transitions": [
            (transition, transition.label)
            for transition, (sources, _target, permission) in TRANSITIONS.items()
            if roadmap.status in sources and user.has_perm(permission, roadmap)
        ],
    }


def editor_url(roadmap, anchor=""):
    url = reverse("roadmaps:roadmap_editor", kwargs={"pk": roadmap.pk})
    return f"{url}#{anchor}" if anchor else url


def structure_response(request, roadmap, anchor="", said=""):
    """After a change: the whole structure (codes renumbered) for htmx, or back
    to the place in the page with ``said`` confirming it (no JavaScript: the
    page is all the person sees)."""
    if not request.htmx:
        messages.success(request, said or _("Saved."))
        return redirect(editor_url(roadmap, anchor))
    # The change counted in the roadmap's revisions after it was loaded.
    roadmap.refresh_from_db(fields=REVISION_FIELD_NAMES)
    return render(
        request,
        "roadmaps/partials/structure_response.html",
        editor_context(request, roadmap),
    )


def fragment_page(request, roadmap, template, context, status=200):
    """A fragment for htmx, or the same fragment inside a page without JS."""
    context = {"roadmap": roadmap, "fragment": template, **context}
    if request.htmx:
        return render(request, template, context, status=status)
    return render(request, "roadmaps/item_page.html", context, status=status)


def text_form(group, roadmap, data=None):
    # Two text forms share the page: their ids (the version input's above all,
    # which a save replaces out of band) must not collide.
    return FORMS[group](
        data,
        instance=roadmap,
        initial={"version": roadmap.version},
        auto_id=f"id_{group}_%s",
    )


def conflict_response(
    request, roadmap, *, form_class, error, action, target, kind, label
):
    """409: for each field both people changed, theirs beside yours with the
    words that differ marked, and a form to merge them that holds your changes
    and their values for every field you did not touch."""
    current = error.current
    initial = {**error.mine, "version": current.version}
    form = form_class(initial=initial, instance=current, auto_id=f"id_{target}_%s")
    fields = []
    for name in error.fields:
        theirs, mine = (
            _display(current, name),
            _display_value(current, name, error.mine),
        )
        parts = word_diff(str(theirs), str(mine))
        fields.append(
            {
                "label": form.fields[name].label if name in form.fields else name,
                "theirs": [
                    (op == "delete", text) for op, text in parts if op != "insert"
                ],
                "mine": [
                    (op == "insert", text) for op, text in parts if op != "delete"
                ],
            }
        )
    response = fragment_page(
        request,
        roadmap,
        "roadmaps/partials/conflict.html",
        {
            "form": form,
            "fields": fields,
            "action": action,
            "target": target,
            "kind": kind,
            "label": label,
            "updated_at": current.updated_at,
            "by": error.by,
            "convening": roadmap.delegation.convening,
        },
        status=409,
    )
    if request.htmx:
        retarget(response, f"#{target}")
        reswap(response, "outerHTML")
    return response


def _display(item, name):
    field = item._meta.get_field(name)
    if field.choices:
        return getattr(item, f"get_{name}_display")()
    value = getattr(item, name)
    return "" if value is None else value


def _display_value(item, name, values):
    """How ``values[name]`` reads, as ``_display`` reads the stored one."""
    shown = copy.copy(item)
    setattr(shown, name, values.get(name))
    return _display(shown, name)


def int_or_none(value):
    """A primary key from a form or query string, or None if it is not one."""
    return int(value) if value and value.isdigit() else None
