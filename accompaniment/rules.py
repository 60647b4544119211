"""Who may see and write a delegation's follow-up.

Organizers of the convening: everything. Facilitators: read every delegation's
follow-up in their convening; record engagements and action items for the
delegations assigned to them (``Delegation.facilitators``). Members of the
delegation: read what is shared with it, move the delegation's own action
items along, and keep its NAP path (the stages' status, dates and evidence) up
to date. Nobody else, and never another delegation's.
"""

import rules

from academy.rules import (
    delegation_of,
    is_delegation_member,
    is_facilitator,
    is_organizer,
)


@rules.predicate
def accompanies(user, obj):
    """A facilitator assigned to the object's delegation (one query per
    delegation object, kept on it)."""
    if obj is None or not is_facilitator(user, obj):
        return False
    delegation = delegation_of(obj)
    ids = getattr(delegation, "_facilitator_ids", None)
    if ids is None:
        ids = set(delegation.facilitators.values_list("pk", flat=True))
        delegation._facilitator_ids = ids
    return user.pk in ids


@rules.predicate
def is_shared(user, obj):
    return getattr(obj, "is_shared", True)


@rules.predicate
def is_delegations_action(user, obj):
    return obj is not None and obj.owner_side == "delegation"


records_followup = is_organizer | accompanies

rules.add_perm(
    "accompaniment.view_followup",
    is_organizer | is_facilitator | is_delegation_member,
)
rules.add_perm("accompaniment.view_internal", is_organizer | is_facilitator)
rules.add_perm("accompaniment.record_followup", records_followup)
# On an engagement or an action item: staff see it all, members the shared ones.
rules.add_perm(
    "accompaniment.view_entry",
    is_organizer | is_facilitator | (is_delegation_member & is_shared),
)
rules.add_perm("accompaniment.change_entry", records_followup)
rules.add_perm(
    "accompaniment.change_action_status",
    records_followup | (is_delegation_member & is_shared & is_delegations_action),
)

# The NAP path: its stages' status, dates and evidence are the delegation's to
# keep up to date too, before and after its roadmap is final.
tracks_path = is_organizer | accompanies | is_delegation_member
rules.add_perm("accompaniment.track_path", tracks_path)


@rules.predicate
def is_evidence(user, obj):
    return getattr(obj, "is_evidence", False)


@rules.predicate
def is_update_evidence(user, obj):
    return getattr(obj, "is_update_evidence", False)


@rules.predicate
def is_open_update_evidence(user, obj):
    return obj.update.is_editable


rules.add_perm(
    "accompaniment.remove_attachment",
    (~is_evidence & ~is_update_evidence & records_followup)
    | (is_evidence & tracks_path)
    | (is_update_evidence & is_delegation_member & is_open_update_evidence),
)

# Indicator tracking: the delegation's members report (updates); the staff who
# accompany it and the organizers review them and set the periods' targets;
# the organizers alone lock a reported period and change a baseline once the
# roadmap is final. On a Delegation, a ReportingPeriod or an IndicatorUpdate.
rules.add_perm("accompaniment.submit_update", is_delegation_member)
rules.add_perm("accompaniment.review_update", records_followup)
rules.add_perm("accompaniment.set_period_target", records_followup)
rules.add_perm("accompaniment.lock_period", is_organizer)
rules.add_perm("accompaniment.change_baseline", is_organizer)
