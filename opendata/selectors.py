"""The open data's reads."""

from academy.models import Delegation
from opendata.models import DataSharing, ExportSettings
from roadmaps.models import Roadmap


def sharing_of(*, delegation) -> DataSharing:
    return DataSharing.objects.filter(delegation=delegation).first() or DataSharing(
        delegation=delegation
    )


def export_settings_of(*, convening) -> ExportSettings:
    return ExportSettings.objects.filter(convening=convening).first() or ExportSettings(
        convening=convening
    )


def delegations_sharing(*, convening) -> list[Delegation]:
    """The convening's delegations, each with ``shares`` (its choice)."""
    delegations = list(
        Delegation.objects.filter(convening=convening).select_related("data_sharing")
    )
    for delegation in delegations:
        sharing = getattr(delegation, "data_sharing", None)
        delegation.shares = bool(sharing and sharing.share_results)
    return delegations


def shared_roadmaps(*, convening) -> list[Roadmap]:
    """The roadmaps whose delegations let their results framework leave."""
    return list(
        Roadmap.objects.filter(
            delegation__convening=convening,
            delegation__data_sharing__share_results=True,
        )
        .select_related("delegation__convening")
        .order_by("delegation__country")
    )
