"""Who may take a results framework out of the app.

A roadmap's own exports: whoever reads the roadmap (its delegation, the
convening's staff), as its PDF. The convening's exports (only the roadmaps
their delegations shared): its organizers and facilitators. A delegation's
choice to share: its members and the organizers. What the exports include:
the organizers."""

import rules

from academy.rules import (
    is_convening_staff,
    is_delegation_member,
    is_organizer,
)

rules.add_perm("opendata.export_roadmap", is_convening_staff | is_delegation_member)
rules.add_perm("opendata.export_convening", is_convening_staff)
rules.add_perm("opendata.change_sharing", is_organizer | is_delegation_member)
rules.add_perm("opendata.change_export_settings", is_organizer)
