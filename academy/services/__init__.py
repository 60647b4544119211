"""Changes to the convening domain, one module per concern; the public names are
here (``from academy import services``; ``services.session_create``)."""

from academy.services.agenda import (
    convening_dates,
    convening_days_text,
    session_create,
    session_day_problem,
    session_delete,
    session_update,
)
from academy.services.attendance import (
    attendance_changed,
    attendance_mark,
    attendance_mark_everyone,
)
from academy.services.convenings import (
    convening_archive,
    convening_close,
    convening_create,
    convening_delete,
    convening_role_grant,
    convening_update,
    delegation_create,
    delegation_delete,
    delegation_update,
    organizations_for_convening,
)
from academy.services.logos import (
    convening_logo_add,
    convening_logo_move,
    convening_logo_remove,
)

__all__ = [
    "attendance_changed",
    "attendance_mark",
    "attendance_mark_everyone",
    "convening_close",
    "convening_logo_add",
    "convening_logo_move",
    "convening_logo_remove",
    "convening_archive",
    "convening_create",
    "convening_delete",
    "convening_dates",
    "convening_days_text",
    "convening_role_grant",
    "convening_update",
    "delegation_create",
    "delegation_delete",
    "delegation_update",
    "organizations_for_convening",
    "session_create",
    "session_day_problem",
    "session_delete",
    "session_update",
]
