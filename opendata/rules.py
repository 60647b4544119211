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
    organizes_a_convening,
)

rules.add_perm("opendata.export_roadmap", is_convening_staff | is_delegation_member)
rules.add_perm("opendata.export_convening", is_convening_staff)
rules.add_perm("opendata.change_sharing", is_organizer | is_delegation_member)
rules.add_perm("opendata.change_export_settings", is_organizer)


@rules.predicate
def delegation_shares_with_cohort(user, convening):
    """A participant whose own delegation, in this convening, chose to be
    compared (and so sees the others that did)."""
    if not user.is_authenticated or convening is None:
        return False
    from opendata.models import DataSharing

    return DataSharing.objects.filter(
        delegation__convening=convening,
        delegation__members__user=user,
        share_with_cohort=True,
    ).exists()


rules.add_perm(
    "opendata.view_comparison", is_convening_staff | delegation_shares_with_cohort
)

# The read API: anyone who organizes a convening makes tokens for it (what a
# token opens is what its person may see).
rules.add_perm("opendata.use_api", organizes_a_convening)
