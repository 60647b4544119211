"""The roadmap editor: one page per roadmap, every item edited in place.

With htmx, a change answers with the fragment to swap (the structure of the
roadmap, the saved state of a text, or the merge view of a refused save); with
JavaScript off, the same URLs take ordinary posts and redirect back to the place
in the page. Whoever may not see a roadmap gets 404 on every URL.
"""

import difflib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import reswap, retarget

from roadmaps import fragments, selectors, services
from roadmaps.completeness import roadmap_completeness
from roadmaps.enums import Section
from roadmaps.forms import FORMS, CommentForm, ReparentForm, StatusForm, create_form
from roadmaps.models import ITEM_MODELS, Comment, Item
from roadmaps.services import TRANSITIONS, StaleEdit

TEXT_GROUPS = {"context": Section.CONTEXT, "theory-of-change": Section.THEORY_OF_CHANGE}


def _roadmap(request, pk, permission="roadmaps.view_roadmap"):
    roadmap = selectors.roadmap_for_editor(pk=pk)
    if roadmap is None or not request.user.has_perm(permission, roadmap):
        raise Http404
    return roadmap


def _item(roadmap, kind, item_pk):
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


def _parent(request, roadmap, kind):
    """The parent named by ``?parent=outcome-12``, within this roadmap."""
    allowed = services.PARENT_KINDS.get(kind)
    if allowed is None:
        raise Http404
    if not allowed:
        return None
    parent_kind, _sep, parent_pk = request.GET.get(
        "parent", request.POST.get("parent", "")
    ).partition("-")
    if parent_kind not in allowed or not parent_pk.isdigit():
        raise Http404
    return _item(roadmap, parent_kind, int(parent_pk))


def _parts_context(roadmap):
    """What the cached parts of the editor need (roadmaps/fragments.py): the
    digests, read first, then the tree and its scores, loaded only if a part is
    not in the cache."""
    tree = SimpleLazyObject(lambda: selectors.roadmap_tree(roadmap=roadmap))
    return {
        "roadmap": roadmap,
        "convening": roadmap.delegation.convening,
        "digests": fragments.roadmap_digests(roadmap=roadmap, tree=tree),
        "tree": tree,
        "completeness": SimpleLazyObject(lambda: roadmap_completeness(tree=tree)),
        "budget": SimpleLazyObject(lambda: selectors.roadmap_budget(tree=tree)),
    }


def _editor_context(request, roadmap):
    user = request.user
    return {
        **_parts_context(roadmap),
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


def _editor_url(roadmap, anchor=""):
    url = reverse("roadmaps:roadmap_editor", kwargs={"pk": roadmap.pk})
    return f"{url}#{anchor}" if anchor else url


def _structure_response(request, roadmap, anchor=""):
    """After a change: the whole structure (codes renumbered) for htmx, or back
    to the place in the page."""
    if not request.htmx:
        return redirect(_editor_url(roadmap, anchor))
    return render(
        request,
        "roadmaps/partials/structure_response.html",
        _editor_context(request, roadmap),
    )


def _page(request, roadmap, template, context, status=200):
    """A fragment for htmx, or the same fragment inside a page without JS."""
    context = {"roadmap": roadmap, "fragment": template, **context}
    if request.htmx:
        return render(request, template, context, status=status)
    return render(request, "roadmaps/item_page.html", context, status=status)


# The editor's GETs read in autocommit: a transaction around reads costs two
# round trips (BEGIN, COMMIT) on every load; the rare write (initialize) is
# atomic on its own.
@transaction.non_atomic_requests
@login_required
@require_GET
def roadmap_editor(request, pk):
    roadmap = _roadmap(request, pk)
    context = _editor_context(request, roadmap)
    if context["can_change"] and context["digests"].needs_initialize:
        services.roadmap_initialize(roadmap=roadmap, user=request.user)
        context = _editor_context(request, roadmap)
    context["text_forms"] = {
        group.replace("-", "_"): _text_form(group, roadmap) for group in TEXT_GROUPS
    }
    return render(request, "roadmaps/editor.html", context)


@transaction.non_atomic_requests
@login_required
@require_GET
def roadmap_structure(request, pk):
    roadmap = _roadmap(request, pk)
    return render(
        request,
        "roadmaps/partials/structure_response.html",
        _editor_context(request, roadmap),
    )


def _text_form(group, roadmap, data=None):
    # Two text forms share the page: their ids (the version input's above all,
    # which a save replaces out of band) must not collide.
    return FORMS[group](
        data,
        instance=roadmap,
        initial={"version": roadmap.version},
        auto_id=f"id_{group}_%s",
    )


def _conflict(request, roadmap, *, form_class, error, action, target, kind, label):
    """409: the stored text beside the refused one, and a form to merge them."""
    current = error.current
    initial = {**error.mine, "version": current.version}
    form = form_class(initial=initial, instance=current, auto_id=f"id_{target}_%s")
    fields = [
        {
            "label": form.fields[name].label if name in form.fields else name,
            "theirs": _display(current, name),
            "mine": error.mine.get(name, ""),
        }
        for name in error.fields
    ]
    response = _page(
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


@login_required
@require_POST
def roadmap_text_save(request, pk, group):
    """Save one group of long texts (context, theory of change); autosave posts
    here while the person types."""
    roadmap = _roadmap(request, pk, "roadmaps.change_roadmap")
    if group not in TEXT_GROUPS:
        raise Http404
    form_class = FORMS[group]
    form = _text_form(group, roadmap, request.POST)
    autosave = request.htmx and "save" not in request.POST
    target = f"text-{group}"
    action = reverse(
        "roadmaps:roadmap_text_save", kwargs={"pk": roadmap.pk, "group": group}
    )
    if form.is_valid():
        try:
            saved = services.item_update(
                user=request.user,
                item=roadmap,
                base_version=form.cleaned_data["version"],
                changes=form.changes(),
            )
        except StaleEdit as error:
            return _conflict(
                request,
                roadmap,
                form_class=form_class,
                error=error,
                action=action,
                target=target,
                kind="roadmap",
                label=TEXT_GROUPS[group].label,
            )
        if not request.htmx:
            return redirect(_editor_url(roadmap, group))
        # Only the text, its save state, the summary and the nav are redrawn.
        context = _parts_context(saved)
        context.update(
            can_change=True,
            group=group,
            saved_at=timezone.now(),
            version=saved.version,
            form=_text_form(group, saved),
            action=action,
        )
        if autosave:
            response = render(request, "roadmaps/partials/text_saved.html", context)
            retarget(response, f"#save-status-{group}")
            reswap(response, "innerHTML")
            return response
        return render(request, "roadmaps/partials/text_form_response.html", context)
    if autosave:
        response = render(
            request,
            "roadmaps/partials/text_errors.html",
            {"form": form, "group": group},
        )
        retarget(response, f"#save-status-{group}")
        reswap(response, "innerHTML")
        return response
    return _page(
        request,
        roadmap,
        "roadmaps/partials/text_form.html",
        {"form": form, "group": group, "action": action, "can_change": True},
    )


@login_required
def roadmap_item_add(request, pk, kind):
    roadmap = _roadmap(request, pk, "roadmaps.change_roadmap")
    parent = _parent(request, roadmap, kind)
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
        form = form_class(request.POST, auto_id=f"id_{target}_%s")
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
                return _structure_response(request, roadmap, item.anchor)
        response = _page(
            request,
            roadmap,
            "roadmaps/partials/item_form.html",
            {**context, "form": form},
        )
        if request.htmx:
            retarget(response, f"#{target}")
            reswap(response, "outerHTML")
        return response
    return _page(
        request,
        roadmap,
        "roadmaps/partials/item_form.html",
        {**context, "form": form_class(auto_id=f"id_{target}_%s")},
    )


@login_required
def roadmap_item_edit(request, pk, kind, item_pk):
    roadmap = _roadmap(request, pk, "roadmaps.change_roadmap")
    if kind not in FORMS or kind in TEXT_GROUPS:
        raise Http404
    item = _item(roadmap, kind, item_pk)
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
            instance=_item(roadmap, kind, item_pk),
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
                return _conflict(
                    request,
                    roadmap,
                    form_class=form_class,
                    error=error,
                    action=action,
                    target=target,
                    kind=kind,
                    label=item._meta.verbose_name,
                )
            return _structure_response(request, roadmap, item.anchor)
        response = _page(
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
    return _page(
        request, roadmap, "roadmaps/partials/item_form.html", {**context, "form": form}
    )


@login_required
@require_POST
def roadmap_item_move(request, pk, kind, item_pk):
    roadmap = _roadmap(request, pk, "roadmaps.change_roadmap")
    if kind not in services.PARENT_KINDS:
        raise Http404
    item = _item(roadmap, kind, item_pk)
    direction = request.POST.get("direction")
    if direction not in {"up", "down"}:
        raise Http404
    services.item_move(user=request.user, item=item, direction=direction)
    return _structure_response(request, roadmap, item.anchor)


@login_required
def roadmap_item_delete(request, pk, kind, item_pk):
    roadmap = _roadmap(request, pk, "roadmaps.change_roadmap")
    if kind not in services.PARENT_KINDS:
        raise Http404
    item = _item(roadmap, kind, item_pk)
    if request.method == "POST":
        services.item_delete(user=request.user, item=item)
        return _structure_response(request, roadmap, item.section)
    return _page(
        request,
        roadmap,
        "roadmaps/partials/confirm_delete.html",
        {"item": item, "kind": kind, "label": item._meta.verbose_name},
    )


def _parent_label(result):
    text = getattr(result, "statement", "") or str(result)
    return f"{result.code} {Truncator(text).words(12)}"


def _parent_choices(parents):
    """Choices for ReparentForm from {kind: [result, …]}, with the results'
    codes; grouped when an item can sit under two kinds."""
    groups = [
        (kind, [(result.key, _parent_label(result)) for result in results])
        for kind, results in parents.items()
    ]
    if len(groups) == 1:
        return groups[0][1]
    labels = {"outcome": _("Outcomes"), "output": _("Outputs")}
    return [(labels[kind], options) for kind, options in groups]


@login_required
def roadmap_item_reparent(request, pk, kind, item_pk):
    """Move an item under another parent (an output to another outcome…)."""
    roadmap = _roadmap(request, pk, "roadmaps.change_roadmap")
    if not services.PARENT_KINDS.get(kind):
        raise Http404
    # The tree holds the living items with their codes and their parents, so
    # the item, its current parent and the choices all come from it.
    tree = selectors.roadmap_tree(roadmap=roadmap)
    by_kind = {
        "pillar": tree.pillars,
        "outcome": tree.outcomes,
        "output": tree.outputs,
        "indicator": tree.indicators,
        "activity": tree.activities,
    }
    item = next((found for found in by_kind[kind] if found.pk == item_pk), None)
    if item is None:  # deleted, in another roadmap, or under a deleted parent
        raise Http404
    current = item.result if kind == "indicator" else getattr(item, item.parent_field)
    parents = {
        parent_kind: by_kind[parent_kind] for parent_kind in services.PARENT_KINDS[kind]
    }
    form = ReparentForm(
        request.POST or None,
        choices=_parent_choices(parents),
        initial={"parent": current.key},
        auto_id=f"id_reparent-{item.key}_%s",
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["parent"]
        parent = next(
            result
            for results in parents.values()
            for result in results
            if result.key == chosen
        )
        services.item_reparent(user=request.user, item=item, parent=parent)
        return _structure_response(request, roadmap, item.anchor)
    action = reverse(
        "roadmaps:roadmap_item_reparent",
        kwargs={"pk": roadmap.pk, "kind": kind, "item_pk": item.pk},
    )
    response = _page(
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
        retarget(response, f"#{item.anchor}")
        reswap(response, "outerHTML")
    return response


@login_required
@require_POST
def roadmap_item_undelete(request, pk, kind, item_pk):
    roadmap = _roadmap(request, pk, "roadmaps.restore_roadmap")
    model = ITEM_MODELS.get(kind)
    if kind not in services.PARENT_KINDS or model is None:
        raise Http404
    item = model.objects.filter(
        roadmap=roadmap, pk=item_pk, deleted_at__isnull=False
    ).first()
    if item is None:
        raise Http404
    services.item_undelete(user=request.user, item=item)
    return redirect(_editor_url(roadmap, item.anchor))


@login_required
@require_POST
def roadmap_comment_add(request, pk):
    roadmap = _roadmap(request, pk, "roadmaps.comment_roadmap")
    form = CommentForm(request.POST)
    parent = None
    if request.POST.get("parent"):
        parent = Comment.objects.filter(
            roadmap=roadmap, pk=_int(request.POST["parent"])
        ).first()
        if parent is None:
            raise Http404
    if form.is_valid():
        services.comment_create(
            user=request.user,
            roadmap=roadmap,
            section=form.cleaned_data["section"],
            body=form.cleaned_data["body"],
            parent=parent,
        )
    section = parent.section if parent else request.POST.get("section", "")
    return _comments_response(request, roadmap, section, form=form)


def _comments_response(request, roadmap, section, form=None):
    if section not in Section.values:
        raise Http404
    if not request.htmx:
        return redirect(_editor_url(roadmap, f"comments-{section}"))
    return render(
        request,
        "roadmaps/partials/comments.html",
        {
            "roadmap": roadmap,
            "section": section,
            "threads": selectors.roadmap_comments(roadmap=roadmap)[
                section.replace("-", "_")
            ],
            "can_comment": True,
            "comment_form_errors": form.errors if form and form.errors else None,
        },
    )


@login_required
@require_POST
def roadmap_comment_resolve(request, pk, comment_pk):
    roadmap = _roadmap(request, pk, "roadmaps.comment_roadmap")
    comment = Comment.objects.filter(roadmap=roadmap, pk=comment_pk).first()
    if comment is None:
        raise Http404
    thread = services.comment_resolve(
        user=request.user,
        comment=comment,
        resolved=request.POST.get("resolved", "1") == "1",
    )
    return _comments_response(request, roadmap, thread.section)


@login_required
@require_POST
def roadmap_status_change(request, pk):
    roadmap = _roadmap(request, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        raise Http404
    transition = form.cleaned_data["transition"]
    _sources, _target, permission = TRANSITIONS[transition]
    if not request.user.has_perm(permission, roadmap):
        raise Http404
    try:
        services.roadmap_status_change(
            user=request.user, roadmap=roadmap, transition=transition
        )
    except ValidationError as error:
        # Someone changed the status meanwhile: say so; the page shows the new one.
        messages.error(request, error.messages[0])
    return redirect(_editor_url(roadmap))


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
    roadmap = _roadmap(request, pk, "roadmaps.view_roadmap_history")
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
    roadmap = _roadmap(request, pk, "roadmaps.view_roadmap_history")
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
    older = by_id.get(_int(request.GET.get("a")))
    newer = by_id.get(_int(request.GET.get("b")))
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


def _int(value):
    return int(value) if value and value.isdigit() else None


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
    roadmap = _roadmap(request, pk, "roadmaps.restore_roadmap")
    model = ITEM_MODELS.get(kind)
    if model is None:
        raise Http404
    if kind == "roadmap":
        item = roadmap if item_pk == roadmap.pk else None
    else:
        item = model.objects.filter(roadmap=roadmap, pk=item_pk).first()
    record = model.history.filter(
        id=item_pk, history_id=_int(request.POST.get("record", ""))
    ).first()
    if item is None or record is None:
        raise Http404
    services.item_restore(user=request.user, item=item, record=record)
    anchor = "context" if kind == "roadmap" else getattr(item, "anchor", "")
    return redirect(_editor_url(roadmap, anchor))
