"""Numbers typed the way people write them in their language.

A browser's ``type=number`` field reads "12500,50" in a Spanish page as 1250050
and "12.500,50" as 12.50050, silently. These fields are text fields
(``inputmode="decimal"`` brings up the numeric keyboard on phones) read with the
page's own separators: in Spanish a comma before the decimals, in English a
point; spaces between thousands always, and the language's own thousands mark.
A value that could be read two ways ("12.500" on a Spanish page: 12,5 or 12 500?)
is refused with the reason, never guessed.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _

# Spaces people and spreadsheets put between thousands (normal, no-break, thin).
_SPACES = re.compile(r"[ \u00a0\u202f\u2009]")
_GROUPED = r"\d{{1,3}}(?:{sep}\d{{3}})+"


class NumberUnclear(ValueError):
    """The text is not a number in the page's language; ``message`` says why."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def number_parse(text: str, *, decimal_mark: str, thousands_mark: str) -> Decimal:
    """The number ``text`` means with these separators; raises NumberUnclear.

    ``thousands_mark`` is the language's own (Spanish: a no-break space, so a
    point between thousands is accepted only where it cannot be a decimal point:
    "12.500,50", "1.250.000").
    """
    value = _SPACES.sub("", text.strip())
    other = "," if decimal_mark == "." else "."
    sign = ""
    if value and value[0] in "+-":
        sign, value = value[0].replace("+", ""), value[1:]
    whole, has_decimals, decimals = value.partition(decimal_mark)
    if not value or (has_decimals and not decimals.isdigit()):
        raise NumberUnclear(_("This is not a number."))
    if other in whole:
        grouped = re.fullmatch(_GROUPED.format(sep=re.escape(other)), whole)
        if not grouped or other in decimals:
            raise NumberUnclear(
                _("Use “%(mark)s” before the decimals.") % {"mark": decimal_mark}
            )
        if other != thousands_mark and not has_decimals and whole.count(other) == 1:
            # "12.500" on a Spanish page: twelve and a half, or twelve thousand?
            raise NumberUnclear(
                _(
                    "“%(text)s” could be read two ways. Write it without the "
                    "“%(mark)s”, or with “%(decimal)s” before the decimals."
                )
                % {"text": text.strip(), "mark": other, "decimal": decimal_mark}
            )
        whole = whole.replace(other, "")
    if not whole.isdigit():
        raise NumberUnclear(_("This is not a number."))
    try:
        return Decimal(f"{sign}{whole}.{decimals or '0'}")
    except InvalidOperation as error:  # pragma: no cover - digits only by now
        raise NumberUnclear(_("This is not a number.")) from error


class LocalizedDecimalField(forms.DecimalField):
    """A decimal typed and shown in the page's language (see the module's words)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("localize", True)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "inputmode": "decimal",
                    "autocomplete": "off",
                    "spellcheck": "false",
                }
            ),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        try:
            return number_parse(
                str(value),
                decimal_mark=formats.get_format("DECIMAL_SEPARATOR"),
                thousands_mark=formats.get_format("THOUSAND_SEPARATOR"),
            )
        except NumberUnclear as unclear:
            example = formats.number_format(Decimal("12500.50"), 2, force_grouping=True)
            raise ValidationError(
                _("%(reason)s For example: %(example)s")
                % {"reason": unclear.message, "example": example},
                code="invalid",
            ) from unclear
