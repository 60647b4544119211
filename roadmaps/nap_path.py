"""A NAP's path, stage by stage (the roadmap's milestones), and the NAP status
it implies. The status is never stored: it is read off the milestones, so there
is one source of truth (Roadmap.nap_status).

Imports only the enums, so the models can use it.
"""

from academy.enums import NapStatus
from roadmaps.enums import MilestoneKind, MilestoneStatus

STAGES = list(MilestoneKind)

# A stage someone has begun: done, under way, or under way with trouble.
STARTED = {
    MilestoneStatus.IN_PROGRESS,
    MilestoneStatus.ACHIEVED,
    MilestoneStatus.DELAYED,
    MilestoneStatus.AT_RISK,
    MilestoneStatus.BLOCKED,
}
# Reaching any of these means the plan was adopted (a launch follows adoption).
ADOPTED_BY = set(STAGES[STAGES.index(MilestoneKind.ADOPTION) :])


def nap_status_of(milestones) -> str:
    """The NAP status the (living) milestones imply:

    - renewing: the renewal is begun but not achieved;
    - adopted: adoption, or any later stage, achieved (a renewal achieved is a
      new plan adopted);
    - drafting: any stage begun;
    - no NAP yet: nothing begun.
    """
    begun = {m.kind for m in milestones if m.status in STARTED}
    achieved = {m.kind for m in milestones if m.status == MilestoneStatus.ACHIEVED}
    if MilestoneKind.RENEWAL in begun - achieved:
        return NapStatus.RENEWING
    if achieved & ADOPTED_BY:
        return NapStatus.ADOPTED
    if begun:
        return NapStatus.DRAFTING
    return NapStatus.NONE


def starting_path(nap_status: str) -> list[dict]:
    """The milestones that say where a country starts when its delegation is
    registered (the organizers say it once; from then on the milestones tell)."""
    achieved = {"status": MilestoneStatus.ACHIEVED}
    return {
        NapStatus.NONE: [],
        NapStatus.DRAFTING: [
            {"kind": MilestoneKind.PREPARATION, **achieved},
            {"kind": MilestoneKind.DRAFTING, "status": MilestoneStatus.IN_PROGRESS},
        ],
        NapStatus.ADOPTED: [{"kind": MilestoneKind.ADOPTION, **achieved}],
        NapStatus.RENEWING: [
            {"kind": MilestoneKind.ADOPTION, **achieved},
            {"kind": MilestoneKind.RENEWAL, "status": MilestoneStatus.IN_PROGRESS},
        ],
    }[nap_status]
