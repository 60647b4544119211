from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from academy.models import Convening, Delegation
from academy.selectors import convenings as selectors
from academy.selectors.agenda import agenda_days
from academy.selectors.attendance import attendance_by_participant
from cohort.dashboard import cohort_dashboard as cohort_dashboard_for
from cohort.timeline import convenings_by_time
from common.views import head_like_get, object_or_404_for
from evaluation.selectors import certificates_of, surveys_for_participant
from participants.invitations import invitation_states_for


@head_like_get
def home(request):
    """What each role needs first; visitors who are not signed in see what this is."""
    if not request.user.is_authenticated:
        return render(request, "cohort/landing.html")
    user = request.user
    context = {
        "organized": convenings_by_time(selectors.convenings_organized_by(user=user)),
        "facilitated": list(selectors.delegations_facilitated_by(user=user)),
        "memberships": [],
    }
    memberships = list(selectors.memberships_of(user=user))
    context["surveys"] = surveys_for_participant(
        user=user, convening_ids=[m.convening_id for m in memberships]
    )
    context["certificates"] = certificates_of(memberships=memberships)
    for membership in memberships:
        convening = membership.delegation.convening
        context["memberships"].append(
            {
                "membership": membership,
                "members": selectors.delegation_members(
                    delegation=membership.delegation
                ),
                "agenda": agenda_days(convening=convening),
            }
        )
    return render(request, "cohort/home.html", context)


@require_GET
@login_required
def convening_detail(request, pk):
    convening = get_object_or_404(
        Convening.objects.for_user(request.user).select_related("host"), pk=pk
    )
    context = {
        "convening": convening,
        "co_organizers": list(convening.co_organizers.all()),
        "delegations": list(
            selectors.delegations_with_counts(queryset=convening.delegations.all())
        ),
        "agenda": agenda_days(convening=convening),
        "is_organizer": request.user.has_perm("academy.change_convening", convening),
        "is_staff": request.user.has_perm(
            "academy.view_delegation_contacts", convening
        ),
    }
    # Other delegations are listed (country, size) but only one's own page opens.
    context["link_all"] = context["is_staff"]
    context["linkable"] = {
        membership.delegation_id
        for membership in convening.participants.filter(user=request.user)
    }
    return render(request, "cohort/convening_detail.html", context)


@require_GET
@login_required
def delegation_detail(request, pk):
    delegation = object_or_404_for(
        request.user,
        Delegation.objects.for_user(request.user).select_related(
            "convening", "roadmap", "focal_point"
        ),
        "academy.view_delegation",
        pk=pk,
    )
    context = {
        "delegation": delegation,
        "convening": delegation.convening,
        "members": selectors.delegation_members(delegation=delegation),
        "show_contacts": request.user.has_perm(
            "academy.view_delegation_contacts", delegation
        ),
        "show_emails": request.user.has_perm(
            "academy.view_delegation_emails", delegation
        ),
        "can_change": request.user.has_perm("academy.change_delegation", delegation),
    }
    # Attendance: staff see everyone's, a member only their own (DESIGN.md).
    rates = attendance_by_participant(
        convening=delegation.convening, delegation=delegation
    )
    if not context["show_contacts"]:
        own = {
            m.pk
            for group in context["members"].values()
            for m in group
            if m.user_id == request.user.pk
        }
        rates = {pk: rate for pk, rate in rates.items() if pk in own}
    context["attendance_rates"] = rates
    # Invitation states are contact details: convening staff only (DESIGN.md).
    context["invitation_states"] = (
        invitation_states_for(convening=delegation.convening, delegation=delegation)
        if context["show_contacts"]
        else None
    )
    return render(request, "cohort/delegation_detail.html", context)


@require_GET
@login_required
def cohort_dashboard(request, pk):
    """What organizers and facilitators track across the delegations."""
    convening = object_or_404_for(
        request.user,
        Convening.objects.for_user(request.user),
        "academy.view_cohort_dashboard",
        pk=pk,
    )
    return render(
        request,
        "cohort/dashboard.html",
        {
            "convening": convening,
            "dashboard": cohort_dashboard_for(convening=convening),
        },
    )
