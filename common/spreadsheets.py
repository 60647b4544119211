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
