"""Import participants from a CSV or XLSX file, all or nothing.

``import_validate`` reads an uploaded file and checks every row against the
convening (a few queries, whatever the number of rows) and returns an
``ImportReport``: the rows as they will be imported, and every problem with its
row number as a spreadsheet shows it (the header is row 1). ``import_apply``
checks the same rows again inside a transaction, because the database may have
changed since the preview, and writes them only if every row is still good.

The files are read with the csv module and openpyxl (the library tablib uses for
XLSX) rather than through tablib.Dataset, which drops blank lines (row numbers
would no longer match the spreadsheet), refuses rows of uneven length and reads
the cached result of a formula instead of its text.
"""

import csv
import datetime
import io
import unicodedata
import zipfile
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_countries import countries

from academy.enums import Sector
from academy.models import Convening, Participant
from accounts.models import User
from common.enums import Language
from participants import services

MAX_FILE_SIZE = 2 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 50
# An XLSX is a zip: refuse one that unpacks to far more than a sheet of
# 5,000 short rows could need (a "zip bomb").
MAX_UNPACKED_SIZE = 40 * 1024 * 1024
EXTENSIONS = (".csv", ".xlsx")
FIELDS = (
    "full_name",
    "email",
    "country",
    "sector",
    "organization",
    "position",
    "language",
)
REQUIRED_COLUMNS = ("full_name", "email", "country", "sector")
COLUMN_LABELS = {
    "full_name": gettext_lazy("full name"),
    "email": gettext_lazy("e-mail"),
    "country": gettext_lazy("country or delegation code"),
    "sector": gettext_lazy("sector"),
    "organization": gettext_lazy("organization"),
    "position": gettext_lazy("position"),
    "language": gettext_lazy("preferred language"),
}
MAX_LENGTHS = {"full_name": 200, "organization": 200, "position": 200}

# Magic numbers of files people rename by mistake (or on purpose).
BINARY_SIGNATURES = (
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0",
    b"\x1f\x8b",
    b"7z\xbc\xaf",
    b"Rar!",
    b"MZ",
    b"\x7fELF",
)


def _key(text) -> str:
    """Compare headers and values without case, accents, spaces or punctuation."""
    text = unicodedata.normalize("NFKD", str(text)).casefold()
    return "".join(char for char in text if char.isalnum())


HEADER_ALIASES = {
    "full_name": [
        "full name",
        "name",
        "nombre",
        "nombre completo",
        "nombre y apellido",
        "nombre y apellidos",
    ],
    "email": [
        "e-mail",
        "email address",
        "e-mail address",
        "mail",
        "correo",
        "correo-e",
        "correo electrónico",
        "dirección de correo",
        "dirección de correo electrónico",
    ],
    "country": [
        "country",
        "delegation",
        "country or delegation code",
        "country or delegation",
        "delegation code",
        "country code",
        "code",
        "país",
        "delegación",
        "código",
        "país o código de delegación",
        "país o delegación",
        "código de delegación",
        "código de país",
    ],
    "sector": ["sector"],
    "organization": [
        "organization",
        "organisation",
        "organización",
        "institution",
        "institución",
        "entidad",
    ],
    "position": ["position", "cargo", "puesto", "job title", "title"],
    "language": [
        "language",
        "preferred language",
        "idioma",
        "idioma preferido",
        "lengua",
    ],
}
HEADERS = {
    _key(alias): name for name, aliases in HEADER_ALIASES.items() for alias in aliases
}

SECTORS = {
    _key(word): sector
    for sector, words in {
        Sector.GOVERNMENT: ["government", "gobierno", "gubernamental", "gov"],
        Sector.CIVIL_SOCIETY: [
            "civil society",
            "civil_society",
            "sociedad civil",
            "cso",
            "osc",
        ],
    }.items()
    for word in words
}
LANGUAGES = {
    _key(word): language
    for language, words in {
        Language.SPANISH: ["es", "spa", "spanish", "español", "castellano"],
        Language.ENGLISH: ["en", "eng", "english", "inglés"],
    }.items()
    for word in words
}


class ImportFileError(Exception):
    """The file as a whole cannot be imported (size, type, columns, rows)."""


@dataclass
class ImportRow:
    number: int
    cells: dict
    full_name: str = ""
    email: str = ""
    delegation: object = None
    sector: str = ""
    organization: str = ""
    position: str = ""
    language: str = ""
    existing_account: bool = False
    errors: list = field(default_factory=list)

    def get_sector_display(self):
        return Sector(self.sector).label if self.sector else ""

    def get_language_display(self):
        return Language(self.language).label if self.language else ""


@dataclass
class ImportReport:
    rows: list = field(default_factory=list)
    file_errors: list = field(default_factory=list)
    imported: int = 0
    accounts_created: int = 0

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.file_errors and not self.bad_rows

    @property
    def bad_rows(self) -> list:
        return [row for row in self.rows if row.errors]

    @property
    def new_accounts(self) -> int:
        return sum(1 for row in self.rows if not row.existing_account)

    def payload(self) -> list:
        """The rows as plain lists, to keep between the preview and the import."""
        return [
            [row.number, *(row.cells[name] for name in FIELDS)] for row in self.rows
        ]


# Reading the file
# ------------------------------------------------------------------------------


def upload_check(upload) -> str:
    """The file's kind ("csv" or "xlsx") or ImportFileError, from name and size."""
    name = (upload.name or "").lower()
    kind = next((ext[1:] for ext in EXTENSIONS if name.endswith(ext)), None)
    if kind is None:
        raise ImportFileError(
            _("Only CSV or XLSX files (.csv, .xlsx) can be imported.")
        )
    if upload.size > MAX_FILE_SIZE:
        raise ImportFileError(
            _("The file is larger than 2 MB. Split it into smaller files.")
        )
    return kind


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return (
            value.date().isoformat()
            if value.time() == datetime.time()
            else (value.isoformat())
        )
    if isinstance(value, datetime.date):
        return value.isoformat()
    return " ".join(str(value).split())


def _decode_text(data: bytes) -> str:
    if data.startswith(BINARY_SIGNATURES):
        raise ImportFileError(_("This is not a CSV file. Save it as CSV or XLSX."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError(_("This is not a CSV file. Save it as CSV or XLSX."))
    if any(
        unicodedata.category(char) == "Cc" and char not in "\t\r\n" for char in text
    ):
        raise ImportFileError(_("This is not a CSV file. Save it as CSV or XLSX."))
    return text


def _read_csv(data: bytes):
    text = _decode_text(data)
    first_line = text.split("\n", 1)[0]
    # Spreadsheets in Spanish save CSV with semicolons.
    delimiter = max([",", ";", "\t"], key=first_line.count)
    try:
        for number, record in enumerate(
            csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1
        ):
            yield number, [_cell_text(cell) for cell in record[:MAX_COLUMNS]]
    except csv.Error as error:
        raise ImportFileError(
            _("The CSV file could not be read: %(error)s") % {"error": error}
        ) from error


def _read_xlsx(data: bytes):
    import openpyxl

    refused = ImportFileError(_("This is not an XLSX file. Save it as CSV or XLSX."))
    if not data.startswith(b"PK\x03\x04"):
        raise refused
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as error:
        raise refused from error
    if not {"[Content_Types].xml", "xl/workbook.xml"} <= names:
        raise refused
    if unpacked > MAX_UNPACKED_SIZE:
        raise ImportFileError(_("The XLSX file unpacks to too much data."))
    try:
        # data_only=False: a formula is read as its text, never as a result.
        workbook = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=False
        )
    except Exception as error:  # openpyxl raises many kinds on a broken file
        raise refused from error
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(
            sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), start=1
        ):
            yield number, [_cell_text(value) for value in values]
    except Exception as error:
        raise refused from error
    finally:
        workbook.close()


def _columns(header: list) -> dict:
    """{field: column index} from the header row."""
    columns = {}
    for index, title in enumerate(header):
        name = HEADERS.get(_key(title))
        if name is None:
            continue
        if name in columns:
            raise ImportFileError(
                _("The column “%(column)s” appears twice in the header row.")
                % {"column": COLUMN_LABELS[name]}
            )
        columns[name] = index
    missing = [
        str(COLUMN_LABELS[name]) for name in REQUIRED_COLUMNS if name not in columns
    ]
    if missing:
        raise ImportFileError(
            _("The header row (row 1) lacks the column(s): %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    return columns


def file_rows(*, upload) -> list:
    """[[row number, full name, e-mail, country, sector, organization, position,
    language], ...] from an uploaded file, or ImportFileError."""
    kind = upload_check(upload)
    data = upload.read(MAX_FILE_SIZE + 1)
    if len(data) > MAX_FILE_SIZE:
        raise ImportFileError(
            _("The file is larger than 2 MB. Split it into smaller files.")
        )
    records = _read_csv(data) if kind == "csv" else _read_xlsx(data)
    columns = None
    rows = []
    for number, cells in records:
        if columns is None:
            columns = _columns(cells)
            continue
        if not any(cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise ImportFileError(
                _(
                    "The file has more than 5,000 participants. Split it into "
                    "smaller files."
                )
            )
        rows.append(
            [
                number,
                *(
                    cells[columns[name]]
                    if name in columns and columns[name] < len(cells)
                    else ""
                    for name in FIELDS
                ),
            ]
        )
    if columns is None:
        raise ImportFileError(_("The file is empty."))
    if not rows:
        raise ImportFileError(_("The file has no participants below the header row."))
    return rows


# Checking the rows
# ------------------------------------------------------------------------------


def _delegation_lookup(convening: Convening) -> dict:
    """{key: delegation} by ISO alpha-2, alpha-3 and country name in en and es."""
    lookup = {}
    for delegation in convening.delegations.all():
        keys = {delegation.country.code, delegation.country.alpha3}
        for language in ("en", "es"):
            with translation.override(language):
                keys.add(str(countries.name(delegation.country.code)))
        for key in keys:
            lookup[_key(key)] = delegation
    return lookup


def _all_countries() -> dict:
    """{key: country name} for every country, by code and English/Spanish name."""
    names = {}
    for language in ("en", "es"):
        with translation.override(language):
            for code, name in countries:
                names[_key(name)] = code
    for code, _name in countries:
        names[_key(code)] = code
        names[_key(countries.alpha3(code))] = code
    return {key: str(countries.name(code)) for key, code in names.items()}


def _email_valid(email: str) -> bool:
    from django.core.validators import validate_email

    if len(email) > 254:
        return False
    try:
        validate_email(email)
    except Exception:
        return False
    return True


def rows_check(*, convening: Convening, raw_rows: list) -> ImportReport:
    """Check every row against the file and the database (three queries)."""
    report = ImportReport()
    delegations = _delegation_lookup(convening)
    default_language = (convening.languages or [Language.SPANISH])[0]
    rows = []
    for raw in raw_rows:
        cells = dict(zip(FIELDS, raw[1:], strict=True))
        rows.append(ImportRow(number=raw[0], cells=cells))

    emails = set()
    all_countries = None
    for row in rows:
        cells = row.cells
        row.full_name = cells["full_name"]
        if not row.full_name:
            row.errors.append(_("The full name is missing."))
        for name in ("full_name", "organization", "position"):
            if len(cells[name]) > MAX_LENGTHS[name]:
                row.errors.append(
                    _("The %(column)s is longer than %(max)s characters.")
                    % {"column": COLUMN_LABELS[name], "max": MAX_LENGTHS[name]}
                )
        row.organization = cells["organization"]
        row.position = cells["position"]

        email = cells["email"]
        if not email:
            row.errors.append(_("The e-mail address is missing."))
        elif not _email_valid(email):
            row.errors.append(
                _("“%(value)s” is not a valid e-mail address.") % {"value": email}
            )
        else:
            row.email = services.email_normalize(email)
            emails.add(row.email)

        country = cells["country"]
        if not country:
            row.errors.append(_("The country or delegation code is missing."))
        else:
            row.delegation = delegations.get(_key(country))
            if row.delegation is None:
                if all_countries is None:
                    all_countries = _all_countries()
                known = all_countries.get(_key(country), "")
                if known:
                    row.errors.append(
                        _("%(country)s has no delegation in this convening.")
                        % {"country": known}
                    )
                else:
                    row.errors.append(
                        _("Unknown country or delegation code “%(value)s”.")
                        % {"value": country}
                    )

        sector = cells["sector"]
        if not sector:
            row.errors.append(_("The sector is missing (government or civil society)."))
        else:
            row.sector = SECTORS.get(_key(sector), "")
            if not row.sector:
                row.errors.append(
                    _("Unknown sector “%(value)s” (government or civil society).")
                    % {"value": sector}
                )

        language = cells["language"]
        if not language:
            row.language = default_language
        else:
            row.language = LANGUAGES.get(_key(language), "")
            if not row.language:
                row.errors.append(
                    _("Unknown language “%(value)s” (es or en).") % {"value": language}
                )

    first_row_of = {}
    for row in rows:
        if not row.email:
            continue
        if row.email in first_row_of:
            row.errors.append(
                _("The same e-mail address is already in row %(row)s.")
                % {"row": first_row_of[row.email]}
            )
        else:
            first_row_of[row.email] = row.number

    existing = set(
        User.objects.annotate(email_lower=Lower("email"))
        .filter(email_lower__in=emails)
        .values_list("email_lower", flat=True)
    )
    members = {
        member.email_lower: member
        for member in Participant.objects.filter(convening=convening)
        .annotate(email_lower=Lower("user__email"))
        .filter(email_lower__in=emails)
        .select_related("delegation")
    }
    for row in rows:
        row.existing_account = row.email in existing
        member = members.get(row.email)
        if member is not None:
            row.errors.append(
                _(
                    "%(email)s is already a participant of this convening "
                    "(delegation of %(country)s)."
                )
                % {"email": row.email, "country": member.delegation.country.name}
            )
    report.rows = rows
    return report


def import_validate(*, convening: Convening, upload) -> ImportReport:
    """Read an uploaded file and check every row; nothing is written."""
    try:
        raw_rows = file_rows(upload=upload)
    except ImportFileError as error:
        return ImportReport(file_errors=[str(error)])
    return rows_check(convening=convening, raw_rows=raw_rows)


def import_apply(*, convening: Convening, raw_rows: list) -> ImportReport:
    """Check the previewed rows again and import them all, or none.

    Side effects: see ``participants.services.participants_bulk_create``.
    """
    with transaction.atomic():
        # Imports into one convening take turns, so the check below stays true
        # until the rows are written.
        Convening.objects.select_for_update().filter(pk=convening.pk).first()
        report = rows_check(convening=convening, raw_rows=raw_rows)
        if not report.ok:
            return report
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
                        for row in report.rows
                    ],
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
    return report


def summary(report: ImportReport) -> str:
    return ngettext(
        "%(count)s participant was imported.",
        "%(count)s participants were imported.",
        report.imported,
    ) % {"count": report.imported}
