"""Reads of convenings, their delegations and members. Each returns what a page
needs in a fixed number of queries, however many delegations there are."""

from collections import Counter, OrderedDict

from django.db.models import Count, Prefetch, Q

from academy.enums import Role, Sector
from academy.models import Convening, Delegation, Participant


def delegations_with_counts(*, queryset=None):
    """Delegations with member counts per sector and their roadmap, in one query."""
    queryset = Delegation.objects.all() if queryset is None else queryset
    return queryset.select_related("roadmap", "convening").annotate(
        member_count=Count("members", distinct=True),
        government_count=Count(
            "members", filter=Q(members__sector=Sector.GOVERNMENT), distinct=True
        ),
        civil_society_count=Count(
            "members", filter=Q(members__sector=Sector.CIVIL_SOCIETY), distinct=True
        ),
    )


def delegations_with_members(*, convening) -> tuple[list, dict[int, list[int]]]:
    """The convening's delegations by country code, with their roadmap and the
    counts ``delegations_with_counts`` gives (member_count, government_count,
    civil_society_count), and {delegation id: its participants' ids}, for the
    cohort pages. Two queries: the members are read and counted here rather
    than by a GROUP BY over the delegations' and roadmaps' wide rows, whose
    cost grows with every roadmap's texts."""
    delegations = list(
        convening.delegations.select_related("roadmap").order_by("country")
    )
    members = {delegation.pk: [] for delegation in delegations}
    sectors = {delegation.pk: Counter() for delegation in delegations}
    for pk, delegation_id, sector in Participant.objects.filter(
        convening=convening
    ).values_list("pk", "delegation_id", "sector"):
        members[delegation_id].append(pk)
        sectors[delegation_id][sector] += 1
    for delegation in delegations:
        delegation.member_count = len(members[delegation.pk])
        delegation.government_count = sectors[delegation.pk][Sector.GOVERNMENT]
        delegation.civil_society_count = sectors[delegation.pk][Sector.CIVIL_SOCIETY]
    return delegations, members


def convenings_organized_by(*, user):
    """The organizer's convenings, newest first, each with its delegations."""
    return (
        Convening.objects.organized_by(user)
        .select_related("host")
        .prefetch_related(
            "co_organizers",
            Prefetch(
                "delegations",
                queryset=delegations_with_counts(),
                to_attr="delegation_rows",
            ),
        )
    )


def delegations_facilitated_by(*, user):
    """Delegations of every convening the user facilitates, to review."""
    return delegations_with_counts(
        queryset=Delegation.objects.filter(
            convening__roles__user=user, convening__roles__role=Role.FACILITATOR
        )
    ).order_by("-convening__start_date", "country")


def memberships_of(*, user):
    return (
        Participant.objects.filter(user=user)
        .select_related("delegation__convening", "delegation__roadmap")
        .order_by("-convening__start_date")
    )


def delegation_members(*, delegation):
    """The delegation's members grouped by sector, government first."""
    members = (
        Participant.objects.filter(delegation=delegation)
        .select_related("user")
        .order_by("user__full_name")
    )
    groups = OrderedDict((sector, []) for sector in Sector)
    for member in members:
        groups[Sector(member.sector)].append(member)
    return groups
