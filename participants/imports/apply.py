"""Importing the previewed rows, all or none."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from academy.models import Convening
from participants import services
from participants.imports.report import ImportReport
from participants.imports.validate import rows_check


def import_apply(
    *, convening: Convening, raw_rows: list, base_url: str = "", existing="refuse"
) -> ImportReport:
    """Check the previewed rows again and import them all, or none: the new
    people added, those already in the convening skipped or updated as the
    preview said (``existing``, see ``rows_check``).

    Side effects: see ``participants.services.participants_bulk_create`` and,
    for an update, ``participant_update`` (membership details only).
    """
    with transaction.atomic():
        # Imports into one convening take turns, so the check below stays true
        # until the rows are written.
        Convening.objects.select_for_update().filter(pk=convening.pk).first()
        report = rows_check(convening=convening, raw_rows=raw_rows, existing=existing)
        if not report.ok:
            return report
        for row in report.to_update:
            services.participant_update(
                participant=row.member,
                delegation=row.delegation,
                sector=row.sector,
                organization=row.organization,
                position=row.position,
            )
        try:
            with transaction.atomic():
                result = services.participants_bulk_create(
                    convening=convening,
                    people=[
                        services.NewParticipant(
                            email=row.email,
                            full_name=row.full_name,
                            preferred_language=row.language,
                            delegation_id=row.delegation.pk,
                            sector=row.sector,
                            organization=row.organization,
                            position=row.position,
                        )
                        for row in report.to_add
                    ],
                    base_url=base_url,
                )
        except IntegrityError:
            report.file_errors.append(
                _(
                    "The participants changed while the file was being imported. "
                    "Nothing was imported: upload the file again."
                )
            )
            return report
    report.imported = len(result.participants)
    report.accounts_created = result.accounts_created
    report.updated = len(report.to_update)
    report.skipped = len(report.to_skip)
    return report


def summary(report: ImportReport) -> str:
    said = [
        ngettext(
            "%(count)s participant was imported.",
            "%(count)s participants were imported.",
            report.imported,
        )
        % {"count": report.imported}
    ]
    if report.updated:
        said.append(
            ngettext(
                "%(count)s already in the convening was updated.",
                "%(count)s already in the convening were updated.",
                report.updated,
            )
            % {"count": report.updated}
        )
    if report.skipped:
        said.append(
            ngettext(
                "%(count)s already in the convening was left as they were.",
                "%(count)s already in the convening were left as they were.",
                report.skipped,
            )
            % {"count": report.skipped}
        )
    return " ".join(said)
