"""Helpers shared by every CSV/XLSX export."""

# A spreadsheet reads a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_neutralize(value):
    """Text a spreadsheet would run as a formula gets a leading apostrophe.

    Numbers stay numbers, so totals and rates can still be summed.
    """
    if value is None:
        return ""
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_for_reader(dataset) -> bytes:
    """A tablib dataset as CSV for the reader's spreadsheet program: semicolons
    where the active language writes decimals with a comma (Spanish Excel reads
    a comma-separated file as one column), commas elsewhere; a byte-order mark,
    so Excel reads accents as UTF-8."""
    from django.utils import formats

    delimiter = ";" if formats.get_format("DECIMAL_SEPARATOR") == "," else ","
    return ("\ufeff" + dataset.export("csv", delimiter=delimiter)).encode("utf-8")
