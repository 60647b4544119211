"""Changes to roadmaps, one module per concern; the public names are here."""

from roadmaps.services.comments import comment_create, comment_resolve
from roadmaps.services.items import (
    StaleEdit,
    editable_fields,
    item_create,
    item_delete,
    item_restore,
    item_undelete,
    item_update,
    merge_three_way,
)
from roadmaps.services.lifecycle import (
    TRANSITIONS,
    roadmap_create,
    roadmap_initialize,
    roadmap_needs_initialize,
    roadmap_status_change,
    roadmap_status_notify,
)
from roadmaps.services.moves import (
    MoveNotUndoable,
    item_move,
    item_move_undo,
    item_reparent,
)
from roadmaps.services.references import (
    reference_create,
    reference_delete,
    reference_update,
)
from roadmaps.services.revisions import roadmap_revision_bump

__all__ = [
    "TRANSITIONS",
    "MoveNotUndoable",
    "StaleEdit",
    "comment_create",
    "comment_resolve",
    "editable_fields",
    "item_create",
    "item_delete",
    "item_move",
    "item_move_undo",
    "reference_create",
    "reference_delete",
    "reference_update",
    "item_reparent",
    "item_restore",
    "item_undelete",
    "item_update",
    "merge_three_way",
    "roadmap_create",
    "roadmap_initialize",
    "roadmap_revision_bump",
    "roadmap_needs_initialize",
    "roadmap_status_change",
    "roadmap_status_notify",
]
