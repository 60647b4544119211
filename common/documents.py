"""Checking an uploaded document by what it is, not by what it is called:
PDF, the office formats (Word, Excel, PowerPoint and their OpenDocument
counterparts), PNG and JPEG. Anything else, or a file whose content does not
match its extension, is refused with the reason."""

import io
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

OOXML = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
ODF = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
ACCEPTED = ["pdf", *OOXML, *ODF, "png", "jpg", "jpeg"]


@dataclass(frozen=True)
class CheckedDocument:
    content_type: str
    extension: str


def document_check(*, content: bytes, filename: str, max_bytes: int) -> CheckedDocument:
    """What the upload is, or a ValidationError saying why it cannot be kept."""
    if len(content) > max_bytes:
        raise ValidationError(
            _("The file is larger than %(limit)s MB."),
            params={"limit": max_bytes // (1024 * 1024)},
            code="too_large",
        )
    if not content:
        raise ValidationError(_("The file is empty."), code="empty")
    extension = filename.rpartition(".")[2].lower() if "." in filename else ""
    if extension not in ACCEPTED:
        raise ValidationError(
            _(
                "Upload a PDF, an office document (Word, Excel, PowerPoint or "
                "OpenDocument) or a PNG or JPEG picture."
            ),
            code="wrong_type",
        )
    found = _content_type(content, extension)
    if found is None:
        raise ValidationError(
            _("The file's content is not a .%(extension)s file."),
            params={"extension": extension},
            code="mismatch",
        )
    return CheckedDocument(content_type=found, extension=extension)


def _content_type(content: bytes, extension: str) -> str | None:
    if extension == "pdf":
        return "application/pdf" if content.startswith(b"%PDF-") else None
    if extension == "png":
        return "image/png" if content.startswith(b"\x89PNG\r\n\x1a\n") else None
    if extension in ("jpg", "jpeg"):
        return "image/jpeg" if content.startswith(b"\xff\xd8\xff") else None
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        names = set(archive.namelist())
        if extension in OOXML:
            return OOXML[extension] if "[Content_Types].xml" in names else None
        mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
        return ODF[extension] if mimetype == ODF[extension] else None
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
