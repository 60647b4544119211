"""A delegation's NAP roadmap: a results framework drafted by its members."""

from roadmaps.models.base import (
    REVISION_FIELD_NAMES,
    REVISION_FIELDS,
    Item,
    Roadmap,
    RoadmapQuerySet,
)
from roadmaps.models.comments import Comment
from roadmaps.models.exports import Export, exports_storage
from roadmaps.models.plan import Coordination, Milestone, Territory
from roadmaps.models.presence import Presence
from roadmaps.models.references import ReferenceIndicator
from roadmaps.models.results import Activity, Indicator, Outcome, Output, Pillar

__all__ = [
    "ITEM_MODELS",
    "PARENT_KINDS",
    "REVISION_FIELDS",
    "REVISION_FIELD_NAMES",
    "Activity",
    "Comment",
    "Coordination",
    "Export",
    "Indicator",
    "Item",
    "Milestone",
    "Outcome",
    "Output",
    "Pillar",
    "Presence",
    "ReferenceIndicator",
    "Roadmap",
    "RoadmapQuerySet",
    "Territory",
    "exports_storage",
]

# The editable kinds, by the name used in URLs and templates.
ITEM_MODELS = {
    "roadmap": Roadmap,
    "pillar": Pillar,
    "outcome": Outcome,
    "output": Output,
    "indicator": Indicator,
    "activity": Activity,
    "coordination": Coordination,
    "territory": Territory,
    "milestone": Milestone,
}


# Which kinds of parent each kind of item sits under (empty: directly under the
# roadmap): where it is added, and where item_reparent may move it.
PARENT_KINDS = {
    "pillar": (),
    "outcome": ("pillar",),
    "output": ("outcome",),
    "indicator": ("outcome", "output"),
    "activity": ("output",),
    "territory": (),
    "milestone": (),
}
