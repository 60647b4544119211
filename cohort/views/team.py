"""Organizers run the team in the browser: who organizes and facilitates their
convening, and who may create convenings. Anything the user may not see answers
404, so ids cannot be probed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from academy import team
from academy.forms import ConveningCreatorForm, TeamMemberForm
from academy.models import Convening, ConveningRole
from accounts.models import User
from common.views import form_save_or_report, object_or_404_for
from participants.invitations import base_url_of


def _convening_for_team(user, pk):
    return object_or_404_for(
        user, Convening.objects.all(), "academy.manage_team", pk=pk
    )


@login_required
@require_http_methods(["GET", "POST"])
def convening_team(request, pk):
    """The team: each person's roles, the delegations each facilitator
    accompanies, adding someone, and the record of changes."""
    convening = _convening_for_team(request.user, pk)
    form = TeamMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        added = form_save_or_report(
            form,
            lambda: team.team_member_add(
                convening=convening,
                email=data["email"],
                full_name=data["full_name"],
                role=data["role"],
                language=data["language"],
                added_by=request.user,
                base_url=base_url_of(request),
            ),
        )
        if added is not None:
            messages.success(
                request,
                _("%(name)s is now %(role)s; an e-mail tells them.")
                % {
                    "name": added.user.full_name or added.user.email,
                    "role": added.get_role_display().lower(),
                },
            )
            return redirect("cohort:convening_team", pk=convening.pk)
    context = {
        "convening": convening,
        "form": form,
        "roles": team.team_of(convening=convening),
        "changes": team.team_changes_of(convening=convening),
    }
    return render(request, "cohort/team.html", context)


@login_required
@require_POST
def convening_team_remove(request, pk, role_pk):
    convening = _convening_for_team(request.user, pk)
    role = get_object_or_404(
        ConveningRole.objects.select_related("user", "convening"),
        pk=role_pk,
        convening=convening,
    )
    try:
        team.team_member_remove(role=role, removed_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s is no longer %(role)s.")
            % {
                "name": role.user.full_name or role.user.email,
                "role": role.get_role_display().lower(),
            },
        )
    return redirect("cohort:convening_team", pk=convening.pk)


def _may_grant_creation(user):
    if not user.has_perm("academy.grant_convening_creation"):
        raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def convening_creators(request):
    """Who may create convenings; organizers let others do it too."""
    _may_grant_creation(request.user)
    form = ConveningCreatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        granted = form_save_or_report(
            form,
            lambda: team.convening_creator_grant(
                email=form.cleaned_data["email"], granted_by=request.user
            ),
        )
        if granted is not None:
            messages.success(
                request,
                _("%(name)s may now create convenings.")
                % {"name": granted.full_name or granted.email},
            )
            return redirect("cohort:convening_creators")
    context = {
        "form": form,
        "creators": team.convening_creators(),
        "changes": team.creator_changes(),
    }
    return render(request, "cohort/creators.html", context)


@login_required
@require_POST
def convening_creator_revoke(request, user_pk):
    _may_grant_creation(request.user)
    person = get_object_or_404(User, pk=user_pk, is_superuser=False)
    team.convening_creator_revoke(user=person, revoked_by=request.user)
    messages.success(
        request,
        _("%(name)s may no longer create convenings.")
        % {"name": person.full_name or person.email},
    )
    return redirect("cohort:convening_creators")
