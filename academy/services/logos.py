"""The logos on the covers of a convening's reports: add, reorder, remove."""

import contextlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from academy.models import Convening, ConveningLogo, logos_storage
from academy.models.logos import logo_file_name
from common.images import image_check


def convening_logo_add(
    *, convening: Convening, user, content: bytes, name_es: str = "", name_en: str = ""
) -> ConveningLogo:
    """Store an organizer's logo (an SVG or PNG, checked by common.images) at
    the end of the convening's row of logos.

    Raises ValidationError (on ``file`` or ``name_es``) when the file is not a
    usable logo, no name is given, or the convening has as many logos as a cover
    holds. Side effects: the file is written to the logos storage (and removed
    again if the row cannot be saved).
    """
    if not (name_es.strip() or name_en.strip()):
        raise ValidationError(
            {"name_es": _("Name the organization in Spanish or in English.")}
        )
    try:
        checked = image_check(content=content, max_bytes=settings.LOGO_MAX_KB * 1024)
    except ValidationError as error:
        raise ValidationError({"file": error.error_list}) from error
    name = logos_storage().save(
        logo_file_name(convening_id=convening.pk, extension=checked.extension),
        ContentFile(content),
    )
    try:
        return _logo_row_add(
            convening=convening,
            user=user,
            name=name,
            name_es=name_es.strip(),
            name_en=name_en.strip(),
            content_type=checked.content_type,
            size_bytes=len(content),
        )
    except BaseException:
        with contextlib.suppress(Exception):
            logos_storage().delete(name)
        raise


@transaction.atomic
def _logo_row_add(*, convening, user, name, **fields) -> ConveningLogo:
    locked = Convening.objects.select_for_update().get(pk=convening.pk)
    if locked.logos.count() >= settings.LOGOS_PER_CONVENING:
        raise ValidationError(
            {
                "file": _("A cover holds at most %(count)s logos; remove one first.")
                % {"count": settings.LOGOS_PER_CONVENING}
            }
        )
    last = locked.logos.aggregate(last=Max("position"))["last"]
    logo = ConveningLogo(
        convening=locked,
        position=0 if last is None else last + 1,
        uploaded_by=user,
        **fields,
    )
    logo.file.name = name
    logo.save()
    return logo


@transaction.atomic
def convening_logo_move(*, logo: ConveningLogo, earlier: bool) -> None:
    """Swap the logo with its neighbour (on the cover, logos read left to right).

    Side effects: renumbers the convening's logos 0, 1, 2…
    """
    logos = list(
        ConveningLogo.objects.select_for_update().filter(convening_id=logo.convening_id)
    )
    index = next(i for i, other in enumerate(logos) if other.pk == logo.pk)
    other = index - 1 if earlier else index + 1
    if 0 <= other < len(logos):
        logos[index], logos[other] = logos[other], logos[index]
    for position, each in enumerate(logos):
        if each.position != position:
            ConveningLogo.objects.filter(pk=each.pk).update(position=position)


def convening_logo_remove(*, logo: ConveningLogo) -> None:
    """Remove the logo. Side effects: its file is deleted from the storage once
    the row is gone (common/files.py)."""
    logo.delete()
