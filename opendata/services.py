"""The open data's writes."""

from django.db import transaction

from opendata.models import DataSharing, ExportSettings


@transaction.atomic
def sharing_save(*, delegation, user, share_results: bool) -> DataSharing:
    """Record the delegation's choice; from now on the convening's exports
    include its results framework, or no longer do. No other side effect."""
    sharing, _created = DataSharing.objects.update_or_create(
        delegation=delegation,
        defaults={"share_results": share_results, "changed_by": user},
    )
    return sharing


@transaction.atomic
def export_settings_save(*, convening, include_internal_notes: bool) -> ExportSettings:
    settings, _created = ExportSettings.objects.update_or_create(
        convening=convening,
        defaults={"include_internal_notes": include_internal_notes},
    )
    return settings
