import rules

from academy.rules import is_delegation_member, is_facilitator, is_organizer

rules.add_perm(
    "roadmaps.view_roadmap", is_delegation_member | is_facilitator | is_organizer
)
rules.add_perm("roadmaps.change_roadmap", is_delegation_member)
rules.add_perm("roadmaps.review_roadmap", is_facilitator)
