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


# PDF exports: a roadmap's by its delegation and the convening's staff; the
# cohort report by the staff only. Checked on the Roadmap, the Convening or the
# Export itself (whose ``convening_id`` the staff predicates read).
@rules.predicate
def is_member_of_exported_delegation(user, export):
    if export is None or export.roadmap_id is None:
        return False
    return is_delegation_member(user, export.roadmap.delegation)


rules.add_perm("roadmaps.export_roadmap", can_read)
rules.add_perm("roadmaps.export_cohort", is_facilitator | is_organizer)
rules.add_perm(
    "roadmaps.view_export",
    is_member_of_exported_delegation | is_facilitator | is_organizer,
)
