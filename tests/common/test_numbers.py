"""Numbers read with the page's own separators; a value that could be read two
ways is refused, never guessed."""

from decimal import Decimal

import pytest
from django.utils import translation

from common.numbers import LocalizedDecimalField, NumberUnclear, number_parse

SPANISH = {"decimal_mark": ",", "thousands_mark": "\xa0"}
ENGLISH = {"decimal_mark": ".", "thousands_mark": ","}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12500,50", "12500.50"),
        ("12 500,50", "12500.50"),
        ("12\xa0500,50", "12500.50"),
        ("12.500,50", "12500.50"),
        ("1.250.000", "1250000"),
        ("45 000", "45000"),
        ("0,5", "0.5"),
        ("-3,25", "-3.25"),
        ("77", "77"),
    ],
)
def test_spanish_numbers(text, expected):
    assert number_parse(text, **SPANISH) == Decimal(expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12500.50", "12500.50"),
        ("12,500.50", "12500.50"),
        ("12 500.50", "12500.50"),
        ("12,500", "12500"),
        ("12.5", "12.5"),
    ],
)
def test_english_numbers(text, expected):
    assert number_parse(text, **ENGLISH) == Decimal(expected)


@pytest.mark.parametrize(
    "text, words, separators",
    [
        ("12.500", "could be read two ways", SPANISH),
        ("12.50", "Use “,” before the decimals", SPANISH),
        ("12,5.0", "not a number", SPANISH),
        ("12,50", "Use “.” before the decimals", ENGLISH),
        ("12.500,50", "not a number", ENGLISH),
        ("doce", "not a number", SPANISH),
        ("", "not a number", SPANISH),
        ("-", "not a number", SPANISH),
    ],
)
def test_unclear_numbers_are_refused_with_the_reason(text, words, separators):
    with pytest.raises(NumberUnclear) as unclear:
        number_parse(text, **separators)

    assert words in str(unclear.value.message)


@pytest.mark.parametrize(
    "language, typed, expected",
    [("es", "12500,50", "12500.50"), ("en", "12,500.50", "12500.50")],
)
def test_the_field_reads_the_pages_language(language, typed, expected):
    field = LocalizedDecimalField(max_digits=14, decimal_places=2, required=False)

    with translation.override(language):
        assert field.clean(typed) == Decimal(expected)


def test_the_field_shows_an_example_in_the_pages_language():
    field = LocalizedDecimalField(max_digits=14, decimal_places=2, required=False)

    with translation.override("es"), pytest.raises(Exception) as refused:
        field.clean("12.500")

    assert "Por ejemplo: 12\xa0500,50" in " ".join(refused.value.messages)


def test_the_field_is_text_with_a_numeric_keyboard():
    field = LocalizedDecimalField(max_digits=14, decimal_places=2)

    with translation.override("es"):
        html = field.widget.render("cost", Decimal("45000.5"))

    assert 'type="text"' in html
    assert 'inputmode="decimal"' in html
    assert 'value="45000,5"' in html
