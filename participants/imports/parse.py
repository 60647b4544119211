"""Reading the uploaded file: CSV or XLSX, checked for size, type and
columns, into raw rows numbered as a spreadsheet shows them.

The files are read with the csv module and openpyxl (the library tablib uses for
XLSX) rather than through tablib.Dataset, which drops blank lines (row numbers
would no longer match the spreadsheet), refuses rows of uneven length and reads
the cached result of a formula instead of its text.
"""

import csv
import datetime
import io
import re
import time
import unicodedata
import zipfile

from defusedxml.ElementTree import ParseError, iterparse
from django.utils.translation import gettext as _

from participants.imports.format import (
    BINARY_SIGNATURES,
    COLUMN_LABELS,
    EXTENSIONS,
    FIELDS,
    HEADERS,
    MAX_COLUMNS,
    MAX_FILE_SIZE,
    MAX_READ_SECONDS,
    MAX_ROW_CELLS,
    MAX_ROWS,
    MAX_SHEET_CELLS,
    MAX_SHEET_ROWS,
    MAX_UNPACKED_SIZE,
    REQUIRED_COLUMNS,
    word_key,
)
from participants.imports.report import ImportFileError


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
        _sheet_bounds_check(data, sheet)
    except ImportFileError:
        workbook.close()
        raise
    except Exception as error:
        workbook.close()
        raise refused from error
    try:
        for number, values in enumerate(
            sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), start=1
        ):
            yield number, [_cell_text(value) for value in values]
    except Exception as error:
        raise refused from error
    finally:
        workbook.close()


_ROW_NUMBER = re.compile(rb"^[0-9]{1,10}$")


def _too_big():
    return ImportFileError(
        _(
            "The sheet is larger than a list of %(rows)s participants can be "
            "(counting empty rows and cells). Copy the participants into a new "
            "sheet, or save it as CSV, and upload it again."
        )
        % {"rows": f"{MAX_ROWS:,}"}
    )


def _sheet_bounds_check(data: bytes, sheet) -> None:
    """Refuse a sheet whose rows the reader would take too long to walk, before
    walking them: its declared size first, then its XML counted as it streams
    (rows, their numbers, cells, time), since a declared size can lie."""
    declared = sheet.max_row or 0
    if declared > MAX_SHEET_ROWS:
        raise _too_big()
    deadline = time.monotonic() + MAX_READ_SECONDS
    rows = cells = row_cells = 0
    with (
        zipfile.ZipFile(io.BytesIO(data)) as archive,
        archive.open(sheet._worksheet_path) as xml,
    ):
        try:
            for _event, element in iterparse(xml, events=("end",)):
                tag = element.tag.rpartition("}")[2]
                if tag == "c":
                    cells += 1
                    row_cells += 1
                    if cells > MAX_SHEET_CELLS or row_cells > MAX_ROW_CELLS:
                        raise _too_big()
                elif tag == "row":
                    rows += 1
                    row_cells = 0
                    number = (element.get("r") or "").encode()
                    if rows > MAX_SHEET_ROWS or (
                        _ROW_NUMBER.match(number) and int(number) > MAX_SHEET_ROWS
                    ):
                        raise _too_big()
                    element.clear()
                if (rows + cells) % 1000 == 0 and time.monotonic() > deadline:
                    raise ImportFileError(
                        _(
                            "The file took too long to read. Save it again from "
                            "your spreadsheet program, or as CSV, and upload it."
                        )
                    )
        except ParseError as error:
            raise ImportFileError(
                _("This is not an XLSX file. Save it as CSV or XLSX.")
            ) from error


def _columns(header: list, ignored: list) -> dict:
    """{field: column index} from the header row; the titles of the columns
    that are not imported go to ``ignored``."""
    columns = {}
    for index, title in enumerate(header):
        name = HEADERS.get(word_key(title))
        if name is None:
            if title.strip():
                ignored.append(title.strip())
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


def file_rows(*, upload, ignored: list | None = None) -> list:
    """[[row number, full name, e-mail, country, sector, organization, position,
    language], ...] from an uploaded file, or ImportFileError. The titles of
    columns that are not imported are added to ``ignored`` when given."""
    ignored = [] if ignored is None else ignored
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
            columns = _columns(cells, ignored)
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
