"""The import file's format: its limits, its columns and the words each
column may hold (headers, sectors, languages in English or Spanish)."""

import unicodedata

from django.utils.translation import gettext_lazy

from academy.enums import Sector
from common.enums import Language

MAX_FILE_SIZE = 2 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 50
# An XLSX is a zip: refuse one that unpacks to far more than a sheet of
# 5,000 short rows could need (a "zip bomb").
MAX_UNPACKED_SIZE = 20 * 1024 * 1024
# The work an XLSX may ask for, counted before its rows are read: spreadsheet
# programs pad a sheet with empty rows and cells, and a tiny file can declare a
# cell at row 100,000,000 (the reader would walk every row up to it).
MAX_SHEET_ROWS = 2 * MAX_ROWS  # blank lines included
MAX_SHEET_CELLS = 250_000
MAX_ROW_CELLS = 2_000
MAX_READ_SECONDS = 3.0
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


def word_key(text) -> str:
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
    word_key(alias): name
    for name, aliases in HEADER_ALIASES.items()
    for alias in aliases
}

SECTORS = {
    word_key(word): sector
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
    word_key(word): language
    for language, words in {
        Language.SPANISH: ["es", "spa", "spanish", "español", "castellano"],
        Language.ENGLISH: ["en", "eng", "english", "inglés"],
    }.items()
    for word in words
}
