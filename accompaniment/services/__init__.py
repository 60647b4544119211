"""The follow-up's writes: the log and the NAP path (followup), the reporting
periods and categories of the indicators (periods), their updates and review
(updates)."""

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
    version_bump,
    version_check,
)
from accompaniment.services.periods import (
    categories_ensure,
    period_lock_set,
    period_target_set,
    periods_sync,
    periods_sync_all,
)
from accompaniment.services.updates import (
    indicator_baseline_change,
    indicator_update_review,
    indicator_update_save,
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
    "version_bump",
    "version_check",
]
