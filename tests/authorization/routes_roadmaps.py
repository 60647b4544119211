"""The matrix's routes of the roadmap, its follow-up (engagements, NAP path,
indicator tracking, progress reports) and its PDF exports."""

from tests.authorization.people import (
    DELEGATION_READERS,
    MEMBERS,
    NOBODY,
    ORGANIZERS,
    STAFF,
    Route,
    convening,
    delegation,
    outcome,
    roadmap,
)

ROADMAP_ROUTES = {
    # The roadmap: members write; the convening's staff read and comment.
    "roadmaps:roadmap_editor": Route(roadmap, get=DELEGATION_READERS),
    "roadmaps:roadmap_structure": Route(roadmap, get=DELEGATION_READERS),
    "roadmaps:roadmap_text_save": Route(
        lambda w: {"pk": w.roadmap.pk, "group": "theory-of-change"}, post=MEMBERS
    ),
    "roadmaps:roadmap_item_add": Route(
        lambda w: {"pk": w.roadmap.pk, "kind": "milestone"}, get=MEMBERS, post=MEMBERS
    ),
    "roadmaps:roadmap_item_edit": Route(outcome, get=MEMBERS, post=MEMBERS),
    "roadmaps:roadmap_item_move": Route(
        outcome, post=MEMBERS, data=lambda w: {"direction": "down"}
    ),
    "roadmaps:roadmap_item_reparent": Route(
        outcome,
        get=MEMBERS,
        post=MEMBERS,
        data=lambda w: {"parent": f"pillar-{w.other_pillar.pk}"},
    ),
    "roadmaps:roadmap_item_delete": Route(outcome, get=MEMBERS, post=MEMBERS),
    "roadmaps:roadmap_item_undelete": Route(
        lambda w: {"pk": w.roadmap.pk, "kind": "outcome", "item_pk": w.deleted.pk},
        post=MEMBERS,
    ),
    "roadmaps:roadmap_item_move_undo": Route(
        lambda w: {"pk": w.roadmap.pk, "kind": "outcome", "item_pk": w.moved.pk},
        post=MEMBERS,
        data=lambda w: {"record": w.move.history_id},
    ),
    "roadmaps:roadmap_comment_add": Route(
        roadmap,
        post=DELEGATION_READERS,
        data=lambda w: {"section": "context", "body": "Which year is the baseline?"},
    ),
    "roadmaps:roadmap_comment_resolve": Route(
        lambda w: {"pk": w.roadmap.pk, "comment_pk": w.comment.pk},
        post=DELEGATION_READERS,
    ),
    # A draft: only its members may submit it for review.
    "roadmaps:roadmap_status_change": Route(
        roadmap, post=MEMBERS, data=lambda w: {"transition": "submit"}
    ),
    "roadmaps:roadmap_history": Route(roadmap, get=DELEGATION_READERS),
    "roadmaps:roadmap_presence": Route(
        roadmap,
        post=DELEGATION_READERS,
        data=lambda w: {"section": "indicators", "editing": ""},
    ),
    "roadmaps:roadmap_item_history": Route(outcome, get=DELEGATION_READERS),
    # The follow-up after the convening: its readers see it, the staff who
    # accompany the delegation record it (here the facilitator is assigned),
    # members move their delegation's own action items along.
    "accompaniment:cohort_board": Route(convening, get=STAFF),
    "accompaniment:followup_settings": Route(
        convening,
        post=ORGANIZERS,
        data=lambda w: {"quiet_days": 30, "due_soon_days": 5},
    ),
    "accompaniment:followup": Route(delegation, get=DELEGATION_READERS),
    "accompaniment:engagement_create": Route(delegation, get=STAFF, post=STAFF),
    "accompaniment:engagement_update": Route(
        lambda w: {"pk": w.engagement.pk}, get=STAFF, post=STAFF
    ),
    "accompaniment:action_item_create": Route(delegation, get=STAFF, post=STAFF),
    "accompaniment:action_item_update": Route(
        lambda w: {"pk": w.action_item.pk}, get=STAFF, post=STAFF
    ),
    "accompaniment:attachment_add": Route(
        lambda w: {"pk": w.engagement.pk}, post=STAFF
    ),
    "accompaniment:attachment_download": Route(
        lambda w: {"pk": w.attachment.pk}, get=DELEGATION_READERS
    ),
    "accompaniment:attachment_remove": Route(
        lambda w: {"pk": w.attachment.pk}, post=STAFF
    ),
    "accompaniment:action_item_status": Route(
        lambda w: {"pk": w.action_item.pk},
        post=DELEGATION_READERS,
        data=lambda w: {"status": "done", "version": w.action_item.version},
    ),
    # The NAP path: its readers see it; the delegation, the staff who accompany
    # it and the organizers keep its stages up to date.
    "accompaniment:nap_path": Route(delegation, get=DELEGATION_READERS),
    "accompaniment:milestone_track": Route(
        lambda w: {"pk": w.bolivia.pk, "kind": "adoption"},
        get=DELEGATION_READERS,
        post=DELEGATION_READERS,
        data=lambda w: {
            "status": "in_progress",
            "planned_date": "2027-03-01",
            "version": w.milestone.version,
        },
    ),
    "accompaniment:milestone_evidence_add": Route(
        lambda w: {"pk": w.bolivia.pk, "kind": "adoption"}, post=DELEGATION_READERS
    ),
    # Indicator tracking: its readers see the table and the updates; members
    # report; the staff who accompany the delegation review and set targets;
    # organizers lock periods.
    "accompaniment:indicator_table": Route(delegation, get=DELEGATION_READERS),
    "accompaniment:update_create": Route(
        lambda w: {"pk": w.period.pk},
        get=MEMBERS,
        post=MEMBERS,
        data=lambda w: {"value": "3", "as_of": "2025-06-01", "draft": "1"},
    ),
    "accompaniment:update_detail": Route(
        lambda w: {"pk": w.update.pk}, get=DELEGATION_READERS
    ),
    "accompaniment:update_edit": Route(
        lambda w: {"pk": w.update.pk}, get=MEMBERS, post=MEMBERS
    ),
    "accompaniment:update_review": Route(
        lambda w: {"pk": w.update.pk},
        post=STAFF,
        data=lambda w: {"decision": "approve", "version": w.update.version},
    ),
    "accompaniment:update_evidence_add": Route(
        lambda w: {"pk": w.update.pk}, post=MEMBERS
    ),
    "accompaniment:period_detail": Route(
        lambda w: {"pk": w.period.pk}, get=DELEGATION_READERS
    ),
    "accompaniment:period_target": Route(
        lambda w: {"pk": w.period.pk},
        post=STAFF,
        data=lambda w: {"target_value": "12", "version": w.period.version},
    ),
    "accompaniment:period_lock": Route(
        lambda w: {"pk": w.period.pk}, post=ORGANIZERS, data=lambda w: {"locked": "1"}
    ),
    "accompaniment:tracking_download": Route(
        lambda w: {"pk": w.bolivia.pk, "fmt": "json"}, get=DELEGATION_READERS
    ),
    # The progress reports: a delegation's for its readers, the cohort's for
    # the staff (then the roadmaps' export pages: progress, download).
    "accompaniment:progress_export_request": Route(
        delegation, post=DELEGATION_READERS, data=lambda w: {"language": "es"}
    ),
    "accompaniment:cohort_progress_export_request": Route(
        convening, post=STAFF, data=lambda w: {"language": "en"}
    ),
    # Only once the roadmap is final (this one is not: nobody, not even its
    # organizers; tests/accompaniment/test_tracking.py covers the final one).
    "accompaniment:indicator_baseline": Route(
        lambda w: {"pk": w.indicator.pk}, get=NOBODY, post=NOBODY
    ),
    # PDF exports: a roadmap's for its readers, the cohort report for staff.
    "roadmaps:roadmap_exports": Route(roadmap, get=DELEGATION_READERS),
    "roadmaps:roadmap_export_request": Route(
        roadmap, post=DELEGATION_READERS, data=lambda w: {"language": "es"}
    ),
    "roadmaps:cohort_reports": Route(convening, get=STAFF),
    "roadmaps:cohort_export_request": Route(
        convening, post=STAFF, data=lambda w: {"language": "en"}
    ),
    "roadmaps:export_detail": Route(
        lambda w: {"pk": w.export.pk}, get=DELEGATION_READERS
    ),
    "roadmaps:export_status": Route(
        lambda w: {"pk": w.export.pk}, get=DELEGATION_READERS
    ),
    "roadmaps:export_download": Route(
        lambda w: {"pk": w.export.pk}, get=DELEGATION_READERS
    ),
    "roadmaps:export_retry": Route(
        lambda w: {"pk": w.export.pk}, post=DELEGATION_READERS
    ),
    "roadmaps:roadmap_item_restore": Route(
        outcome,
        post=MEMBERS,
        data=lambda w: {"record": w.outcome.history.earliest().history_id},
    ),
}
