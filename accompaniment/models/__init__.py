"""The follow-up after the convening: the log (engagements, action items,
files, reminders sent, thresholds) and the tracking of the roadmap's
indicators (reporting periods, updates, disaggregation categories)."""

from accompaniment.models.followup import (
    LONG_TEXT,
    ActionItem,
    Attachment,
    Engagement,
    FollowUpEntry,
    FollowUpSettings,
    SentReminder,
    attachments_storage,
)
from accompaniment.models.tracking import (
    DisaggregationCategory,
    IndicatorUpdate,
    ReportingPeriod,
    UpdateValue,
)

__all__ = [
    "LONG_TEXT",
    "ActionItem",
    "Attachment",
    "DisaggregationCategory",
    "Engagement",
    "FollowUpEntry",
    "FollowUpSettings",
    "IndicatorUpdate",
    "ReportingPeriod",
    "SentReminder",
    "UpdateValue",
    "attachments_storage",
]
