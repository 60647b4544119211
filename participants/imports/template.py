"""The import template organizers download: the columns the import reads, with
their headers in Spanish or English, and one example row (a person of the
convening's first delegation). What it holds is read back by the import as is."""

import csv
import io

from django.utils import translation

from academy.enums import Sector
from academy.models import Convening
from participants.imports.format import COLUMN_LABELS, FIELDS


def _example(convening: Convening) -> list[str]:
    delegation = convening.delegations.order_by("country").first()
    code = delegation.country.alpha3 if delegation else "PAN"
    return [
        "Ana Pérez Gómez",
        "ana.perez@example.org",
        code,
        str(Sector.GOVERNMENT.label),
        translation.gettext("Ministry of Foreign Affairs"),
        translation.gettext("Gender focal point"),
        translation.get_language() or "es",
    ]


def import_template(*, convening: Convening, kind: str, language: str) -> bytes:
    """The template as CSV (semicolons in Spanish, as Spanish Excel expects;
    commas in English) or XLSX."""
    with translation.override(language):
        header = [str(COLUMN_LABELS[name]) for name in FIELDS]
        example = _example(convening)
    if kind == "csv":
        text = io.StringIO()
        writer = csv.writer(text, delimiter=";" if language == "es" else ",")
        writer.writerow(header)
        writer.writerow(example)
        return ("\ufeff" + text.getvalue()).encode("utf-8")  # BOM: Excel reads UTF-8
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    sheet.append(example)
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 28
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
