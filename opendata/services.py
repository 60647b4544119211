"""The open data's writes."""

from django.db import transaction

from opendata.models import DataSharing, ExchangeRate, ExportSettings


@transaction.atomic
def sharing_save(
    *, delegation, user, share_results: bool, share_with_cohort: bool
) -> DataSharing:
    """Record the delegation's choices; from now on the convening's exports
    include its results framework, or no longer do, and the comparison shows
    it, or its name only. No other side effect."""
    sharing, _created = DataSharing.objects.update_or_create(
        delegation=delegation,
        defaults={
            "share_results": share_results,
            "share_with_cohort": share_with_cohort,
            "changed_by": user,
        },
    )
    return sharing


@transaction.atomic
def export_settings_save(*, convening, include_internal_notes: bool) -> ExportSettings:
    settings, _created = ExportSettings.objects.update_or_create(
        convening=convening,
        defaults={"include_internal_notes": include_internal_notes},
    )
    return settings


@transaction.atomic
def common_currency_save(*, convening, currency: str) -> ExportSettings:
    settings, _created = ExportSettings.objects.update_or_create(
        convening=convening, defaults={"common_currency": currency.upper()}
    )
    return settings


@transaction.atomic
def exchange_rate_save(*, convening, currency: str, rate, as_of) -> ExchangeRate:
    """Set (or replace) the rate of ``currency`` in the common currency."""
    saved, _created = ExchangeRate.objects.update_or_create(
        convening=convening,
        currency=currency.upper(),
        defaults={"rate": rate, "as_of": as_of},
    )
    return saved


@transaction.atomic
def exchange_rate_delete(*, rate: ExchangeRate) -> None:
    rate.delete()
