"""The roadmap editor: one page per roadmap, every item edited in place.

With htmx, a change answers with the fragment to swap (the structure of the
roadmap, the saved state of a text, or the merge view of a refused save); with
JavaScript off, the same URLs take ordinary posts and redirect back to the place
in the page. Whoever may not see a roadmap gets 404 on every URL.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import reswap, retarget

from roadmaps import presence, selectors, services
from roadmaps.forms import FORMS
from roadmaps.services import StaleEdit
from roadmaps.views.base import (
    TEXT_GROUPS,
    conflict_response,
    editor_context,
    editor_url,
    fragment_page,
    parts_context,
    roadmap_or_404,
    save_refused,
    text_form,
)


# The editor's GETs read in autocommit: a transaction around reads costs two
# round trips (BEGIN, COMMIT) on every load; the rare write (initialize) is
# atomic on its own.
@transaction.non_atomic_requests
@login_required
@require_GET
def roadmap_editor(request, pk):
    roadmap = roadmap_or_404(request, pk)
    context = editor_context(request, roadmap)
    if context["can_change"] and services.roadmap_needs_initialize(roadmap=roadmap):
        services.roadmap_initialize(roadmap=roadmap, user=request.user)
        context = editor_context(request, roadmap)
    context["text_forms"] = {
        group.replace("-", "_"): text_form(group, roadmap) for group in TEXT_GROUPS
    }
    context["heartbeat"] = presence.heartbeat_seconds()
    # An item's "Comment" link without JavaScript: the section's form, about it.
    about = request.GET.get("about") and selectors.roadmap_item_by_key(
        roadmap=roadmap, key=request.GET["about"]
    )
    if about:
        context["comment_about"] = {
            "key": about.key,
            "section": about.section,
            "label": str(about),
        }
    return render(request, "roadmaps/editor.html", context)


@transaction.non_atomic_requests
@login_required
@require_GET
def roadmap_structure(request, pk):
    roadmap = roadmap_or_404(request, pk)
    return render(
        request,
        "roadmaps/partials/structure_response.html",
        editor_context(request, roadmap),
    )


@login_required
@require_POST
def roadmap_text_save(request, pk, group):
    """Save one group of long texts (context, theory of change); autosave posts
    here while the person types."""
    if group not in TEXT_GROUPS:
        raise Http404
    roadmap = roadmap_or_404(request, pk)
    if not request.user.has_perm("roadmaps.change_roadmap", roadmap):
        # Marked final since the page was opened: say so, keep the text.
        return save_refused(
            request,
            roadmap,
            kind="roadmap",
            form_class=FORMS[group],
            target=f"text-{group}",
        )
    form_class = FORMS[group]
    form = text_form(group, roadmap, request.POST)
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
                # The history names the group of texts (roadmaps/history.py).
                reason=group,
            )
        except StaleEdit as error:
            return conflict_response(
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
            messages.success(request, _("Saved."))
            return redirect(editor_url(roadmap, group))
        # Only the text, its save state, the summary and the nav are redrawn.
        context = parts_context(saved)
        context.update(
            can_change=True,
            group=group,
            saved_at=timezone.now(),
            version=saved.version,
            form=text_form(group, saved),
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
    return fragment_page(
        request,
        roadmap,
        "roadmaps/partials/text_form.html",
        {"form": form, "group": group, "action": action, "can_change": True},
    )


@login_required
@require_POST
def roadmap_presence(request, pk):
    """The editor's heartbeat: record where this person is, answer with the
    others on the roadmap now (or, when the page is left, forget this person)."""
    roadmap = roadmap_or_404(request, pk)
    if not presence.heartbeat_seconds():
        raise Http404
    if request.POST.get("leave"):
        presence.presence_leave(roadmap=roadmap, user=request.user)
        return HttpResponse(status=204)
    presence.presence_beat(
        roadmap=roadmap,
        user=request.user,
        section=request.POST.get("section", ""),
        editing=request.POST.get("editing", ""),
    )
    return render(
        request,
        "roadmaps/partials/presence.html",
        {
            "roadmap": roadmap,
            "others": presence.presence_others(roadmap=roadmap, user=request.user),
            "heartbeat": presence.heartbeat_seconds(),
        },
    )
