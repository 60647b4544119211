"""Checking an uploaded logo before anything renders it: an SVG or a PNG,
small enough, and self-contained.

An SVG is a program as much as a picture: it may carry scripts, load other
files or embed HTML. We accept only drawing: no script, no foreign object, no
reference outside the file itself (``href`` and ``url()`` may point only at
``#ids`` of the same file), no entity declarations (defusedxml refuses them).
A PNG must open with Pillow and stay within a size in pixels that a cover can
use (a decompression bomb is refused before it is decoded).
"""

import io
import re
from dataclasses import dataclass

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image

SVG = "image/svg+xml"
PNG = "image/png"
SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"
# Elements that run code, embed documents or pull in other files.
FORBIDDEN_ELEMENTS = {
    "script",
    "foreignobject",
    "iframe",
    "object",
    "embed",
    "audio",
    "video",
    "canvas",
    "handler",
    "listener",
}
HREF_ATTRIBUTES = {"href", "{http://www.w3.org/1999/xlink}href"}
EXTERNAL_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)
IMPORT_RULE = re.compile(r"@import", re.IGNORECASE)
MAX_PIXELS = 4000 * 4000
MAX_SIDE = 4000


@dataclass(frozen=True)
class CheckedImage:
    content_type: str
    extension: str


def image_check(*, content: bytes, max_bytes: int) -> CheckedImage:
    """What the uploaded ``content`` is, or a ValidationError saying why it
    cannot be used."""
    if len(content) > max_bytes:
        raise ValidationError(
            _("The file is %(size)s KB; a logo may be at most %(limit)s KB."),
            params={"size": len(content) // 1024, "limit": max_bytes // 1024},
            code="too_large",
        )
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        _png_check(content)
        return CheckedImage(PNG, "png")
    if b"<svg" in content[:4096]:
        _svg_check(content)
        return CheckedImage(SVG, "svg")
    raise ValidationError(
        _("Upload the logo as an SVG or a PNG file."), code="wrong_type"
    )


def _png_check(content: bytes) -> None:
    try:
        with Image.open(io.BytesIO(content)) as image:
            width, height = image.size
            if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
                raise ValidationError(
                    _(
                        "The picture is %(width)s × %(height)s pixels; a logo may "
                        "be at most %(side)s pixels on a side."
                    ),
                    params={"width": width, "height": height, "side": MAX_SIDE},
                    code="too_many_pixels",
                )
            image.verify()
    except ValidationError:
        raise
    except Exception as error:  # Pillow raises many kinds on a broken file
        raise ValidationError(
            _("The PNG file is damaged and cannot be read."), code="broken"
        ) from error


def _svg_check(content: bytes) -> None:
    try:
        root = ElementTree.fromstring(content, forbid_dtd=True)
    except (DefusedXmlException, ElementTree.ParseError, ValueError) as error:
        raise ValidationError(
            _("The SVG file is not well-formed or declares entities."),
            code="broken",
        ) from error
    if root.tag != f"{SVG_NAMESPACE}svg":
        raise ValidationError(_("The file is not an SVG drawing."), code="wrong_type")
    for element in root.iter():
        name = str(element.tag).rpartition("}")[2].lower()
        if name in FORBIDDEN_ELEMENTS:
            raise _unsafe(_("it contains a <%(element)s> element") % {"element": name})
        for attribute, value in element.attrib.items():
            local = attribute.rpartition("}")[2].lower()
            if local.startswith("on"):
                raise _unsafe(_("it reacts to events (%(name)s)") % {"name": local})
            if attribute in HREF_ATTRIBUTES and not value.strip().startswith("#"):
                raise _unsafe(
                    _("it refers to another file (%(url)s)") % {"url": value[:80]}
                )
            if EXTERNAL_URL.search(value) or IMPORT_RULE.search(value):
                raise _unsafe(_("its style refers to another file"))
        if (
            name == "style"
            and element.text
            and (EXTERNAL_URL.search(element.text) or IMPORT_RULE.search(element.text))
        ):
            raise _unsafe(_("its style refers to another file"))


def _unsafe(reason) -> ValidationError:
    return ValidationError(
        _(
            "This SVG cannot be used as a logo: %(reason)s. Export it again "
            "as a plain drawing, or upload a PNG."
        ),
        params={"reason": reason},
        code="unsafe",
    )
