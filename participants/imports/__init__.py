"""Import participants from a CSV or XLSX file, all or nothing.

``import_validate`` reads an uploaded file and checks every row against the
convening (a few queries, whatever the number of rows) and returns an
``ImportReport``: the rows as they will be imported, and every problem with its
row number as a spreadsheet shows it (the header is row 1). ``import_apply``
checks the same rows again inside a transaction, because the database may have
changed since the preview, and writes them only if every row is still good.

``format`` holds the file's limits and columns, ``parse`` reads the file,
``validate`` checks the rows, ``apply`` writes them; ``report`` is what they
return. The names below are the ones the rest of the code uses.
"""

from participants.imports.apply import import_apply, summary
from participants.imports.format import COLUMN_LABELS, FIELDS
from participants.imports.parse import file_rows, upload_check
from participants.imports.report import ImportFileError, ImportReport, ImportRow
from participants.imports.validate import import_validate, rows_check

__all__ = [
    "COLUMN_LABELS",
    "FIELDS",
    "ImportFileError",
    "ImportReport",
    "ImportRow",
    "file_rows",
    "import_apply",
    "import_validate",
    "rows_check",
    "summary",
    "upload_check",
]
