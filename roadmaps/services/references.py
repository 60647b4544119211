"""The reference indicators organizers add for their own convening."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import ngettext

from roadmaps.enums import ReferenceFramework
from roadmaps.models import REVISION_FIELDS, Indicator, ReferenceIndicator, Roadmap


def _editors_refresh(reference: ReferenceIndicator) -> None:
    """The editor caches indicators with their reference's code and title
    (roadmaps/fragments.py): count a change of the indicators of every roadmap
    that shows this one."""
    field = REVISION_FIELDS["indicator"]
    Roadmap.objects.filter(
        pk__in=Indicator.objects.filter(reference=reference).values("roadmap_id")
    ).update(**{field: F(field) + 1})


@transaction.atomic
def reference_create(*, convening, fields: dict) -> ReferenceIndicator:
    """Add an entry of the convening's own; raises ValidationError (nothing
    saved), e.g. for a code the convening already has."""
    reference = ReferenceIndicator(
        convening=convening, framework=ReferenceFramework.CONVENING, **fields
    )
    reference.full_clean()
    reference.save()
    return reference


@transaction.atomic
def reference_update(*, reference: ReferenceIndicator, fields: dict):
    if reference.shipped:
        raise ValidationError("The entries shipped with the app are read-only.")
    for name, value in fields.items():
        setattr(reference, name, value)
    reference.full_clean()
    reference.save()
    _editors_refresh(reference)
    return reference


@transaction.atomic
def reference_delete(*, reference: ReferenceIndicator) -> None:
    """Remove an entry no indicator uses (ValidationError otherwise, saying how
    many do, so nothing is silently unlinked)."""
    if reference.shipped:
        raise ValidationError("The entries shipped with the app are read-only.")
    used = Indicator.objects.filter(reference=reference).count()
    if used:
        raise ValidationError(
            ngettext(
                "%(count)d indicator refers to it: choose another reference "
                "for it first.",
                "%(count)d indicators refer to it: choose another reference "
                "for them first.",
                used,
            )
            % {"count": used}
        )
    reference.delete()
