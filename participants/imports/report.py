"""What an import found: each row as it will be imported, and every problem."""

from dataclasses import dataclass, field

from academy.enums import Sector
from common.enums import Language
from participants.imports.format import FIELDS


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
    errors: list = field(default_factory=list)
    # What the import does with the row: add the person, or, for someone
    # already in the convening, skip them or update their details.
    action: str = "add"
    member: object = None  # the Participant already in the convening
    changes: list = field(default_factory=list)  # [(label, before, after)]

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
    ignored_columns: list = field(default_factory=list)  # titles not imported
    existing: str = "refuse"  # what to do with people already in the convening
    updated: int = 0
    skipped: int = 0

    def _with(self, action) -> list:
        return [row for row in self.rows if row.action == action]

    @property
    def to_add(self) -> list:
        return self._with("add")

    @property
    def to_update(self) -> list:
        return self._with("update")

    @property
    def to_skip(self) -> list:
        return self._with("skip")

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.file_errors and not self.bad_rows

    @property
    def bad_rows(self) -> list:
        return [row for row in self.rows if row.errors]

    def payload(self) -> list:
        """The rows as plain lists, to keep between the preview and the import."""
        return [
            [row.number, *(row.cells[name] for name in FIELDS)] for row in self.rows
        ]
