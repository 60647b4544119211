"""Who may do what with a roadmap. Every check is made on the Roadmap itself."""

import rules

from academy.rules import is_delegation_member, is_facilitator, is_organizer
from roadmaps.enums import RoadmapStatus


@rules.predicate
def is_final(user, roadmap):
    return roadmap is not None and roadmap.status == RoadmapStatus.FINAL


@rules.predicate
def is_open_for_review(user, roadmap):
    return roadmap is not None and roadmap.status in {
        RoadmapStatus.DRAFT,
        RoadmapStatus.CHANGES_REQUESTED,
    }


can_read = is_delegation_member | is_facilitator | is_organizer

rules.add_perm("roadmaps.view_roadmap", can_read)
rules.add_perm("roadmaps.change_roadmap", is_delegation_member & ~is_final)
rules.add_perm("roadmaps.review_roadmap", is_facilitator)
rules.add_perm("roadmaps.comment_roadmap", can_read)
rules.add_perm("roadmaps.view_roadmap_history", can_read)
rules.add_perm("roadmaps.restore_roadmap", is_delegation_member & ~is_final)
rules.add_perm("roadmaps.submit_roadmap", is_delegation_member & is_open_for_review)
