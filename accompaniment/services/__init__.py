"""The follow-up's writes: the log and the NAP path (followup), the tracking
of indicators (tracking)."""

from accompaniment.services.followup import (
    ACTION_FIELDS,
    ENGAGEMENT_FIELDS,
    MILESTONE_TRACKED_FIELDS,
    action_item_save,
    action_item_status_set,
    attachment_add,
    attachment_remove,
    engagement_save,
    followup_settings_save,
    milestone_track,
    version_check,
)
from accompaniment.services.tracking import (
    categories_ensure,
    indicator_baseline_change,
    indicator_update_review,
    indicator_update_save,
    period_lock_set,
    period_target_set,
    periods_sync,
    periods_sync_all,
)

__all__ = [
    "ACTION_FIELDS",
    "ENGAGEMENT_FIELDS",
    "MILESTONE_TRACKED_FIELDS",
    "action_item_save",
    "action_item_status_set",
    "attachment_add",
    "attachment_remove",
    "categories_ensure",
    "engagement_save",
    "followup_settings_save",
    "indicator_baseline_change",
    "indicator_update_review",
    "indicator_update_save",
    "milestone_track",
    "period_lock_set",
    "period_target_set",
    "periods_sync",
    "periods_sync_all",
    "version_check",
]
