"""Participants of a convening as CSV or XLSX (through tablib).

Every cell that a spreadsheet could read as a formula (starting with =, +, -, @,
a tab or a carriage return) gets a leading apostrophe, so opening the export
never runs what somebody typed into a name or an organization.
"""

import tablib
from django.utils.translation import gettext as _

from academy.models import Convening, Participant
from common.spreadsheets import cell_neutralize, csv_for_reader


def participants_dataset(*, convening: Convening) -> tablib.Dataset:
    """One row per participant, by delegation then name (one query)."""
    members = (
        Participant.objects.filter(convening=convening)
        .select_related("user", "delegation")
        .order_by("delegation__country", "user__full_name", "pk")
    )
    dataset = tablib.Dataset(
        headers=[
            _("Full name"),
            _("E-mail"),
            _("Country"),
            _("Sector"),
            _("Organization"),
            _("Position"),
            _("Preferred language"),
        ],
        title=str(_("Participants"))[:31],
    )
    for member in members:
        dataset.append(
            [
                cell_neutralize(value)
                for value in (
                    member.user.full_name,
                    member.user.email,
                    member.delegation.country.name,
                    member.get_sector_display(),
                    member.organization,
                    member.position,
                    member.user.preferred_language,
                )
            ]
        )
    return dataset


def participants_csv(*, convening: Convening) -> bytes:
    return csv_for_reader(participants_dataset(convening=convening))


def participants_xlsx(*, convening: Convening) -> bytes:
    return participants_dataset(convening=convening).export("xlsx")
