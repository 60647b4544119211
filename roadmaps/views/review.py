"""Comments on a roadmap's sections and its review status."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from roadmaps import selectors, services
from roadmaps.enums import Section
from roadmaps.forms import CommentForm, StatusForm
from roadmaps.models import Comment
from roadmaps.services import TRANSITIONS
from roadmaps.views.base import editor_url, int_or_none, roadmap_or_404


@login_required
@require_POST
def roadmap_comment_add(request, pk):
    roadmap = roadmap_or_404(request, pk, "roadmaps.comment_roadmap")
    form = CommentForm(request.POST)
    parent = None
    if request.POST.get("parent"):
        parent = get_object_or_404(
            Comment, roadmap=roadmap, pk=int_or_none(request.POST["parent"])
        )
    if form.is_valid():
        services.comment_create(
            user=request.user,
            roadmap=roadmap,
            section=form.cleaned_data["section"],
            body=form.cleaned_data["body"],
            parent=parent,
            about=form.cleaned_data["about"],
            base_url=request.build_absolute_uri("/"),
        )
    section = parent.section if parent else request.POST.get("section", "")
    return _comments_response(request, roadmap, section, form=form)


def _comments_response(request, roadmap, section, form=None):
    if section not in Section.values:
        raise Http404
    if not request.htmx:
        return redirect(editor_url(roadmap, f"comments-{section}"))
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
    roadmap = roadmap_or_404(request, pk, "roadmaps.comment_roadmap")
    comment = get_object_or_404(Comment, roadmap=roadmap, pk=comment_pk)
    thread = services.comment_resolve(
        user=request.user,
        comment=comment,
        resolved=request.POST.get("resolved", "1") == "1",
    )
    return _comments_response(request, roadmap, thread.section)


@login_required
@require_POST
def roadmap_status_change(request, pk):
    roadmap = roadmap_or_404(request, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        raise Http404
    transition = form.cleaned_data["transition"]
    _sources, _target, permission = TRANSITIONS[transition]
    if not request.user.has_perm(permission, roadmap):
        raise Http404
    try:
        services.roadmap_status_change(
            user=request.user,
            roadmap=roadmap,
            transition=transition,
            base_url=request.build_absolute_uri("/"),
        )
    except ValidationError as error:
        # Someone changed the status meanwhile: say so; the page shows the new one.
        messages.error(request, error.messages[0])
    return redirect(editor_url(roadmap))
