"""Strict locale numbers: each locale reads its own notation and refuses the others' with a hint."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.numbers import ParseError, parse_decimal, plain, shown
from tracker.domain.vocab import SUPPORTED_LOCALES

NBSP, NNBSP, THIN = "\u00a0", "\u202f", "\u2009"


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        ("1,000,000", "en", "1000000"),
        ("1,234.5", "en", "1234.5"),
        ("1234.5", "en", "1234.5"),
        ("1.000.000", "de", "1000000"),
        ("1.234,5", "de", "1234.5"),
        ("1234,5", "de", "1234.5"),
        ("1 000 000", "fr", "1000000"),
        (f"1{NBSP}000{NBSP}000", "fr", "1000000"),
        (f"1{NNBSP}000{NNBSP}000", "fr", "1000000"),
        (f"1{THIN}000,25", "fr", "1000.25"),
        ("1 000 000", "uk", "1000000"),
        (f"1{NBSP}000{NBSP}000", "uk", "1000000"),
        (f"1{NNBSP}000,5", "uk", "1000.5"),
        ("-2,500", "en", "-2500"),
        ("  725  ", "en", "725"),
    ],
)
def test_each_locale_reads_its_own_notation(text: str, locale: str, expected: str) -> None:
    assert parse_decimal(text, locale) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "locale", "hint_mentions"),
    [
        ("1.234,5", "en", "1234.5 in locale de"),  # never 1.2345
        ("1,5", "en", "1.5 in locale de"),
        ("1,000,000", "de", "1000000 in locale en"),
        ("1.5", "de", "1.5 in locale en"),
        ("1 000 000", "en", "in locale fr"),
        ("1.000.000", "fr", "1000000 in locale de"),
        ("1,00,000", "en", "grouped in threes"),
        ("12a", "en", "grouped in threes"),
    ],
)
def test_other_notations_are_refused_with_a_hint(text: str, locale: str, hint_mentions: str):
    with pytest.raises(ParseError) as caught:
        parse_decimal(text, locale)
    assert caught.value.field == "number"
    assert caught.value.value == text
    assert hint_mentions in caught.value.hint
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("text", ["", "   ", "١٢٣", "1e6", "--5", ".5", "5."])
def test_things_that_are_not_plain_numbers_are_refused(text: str) -> None:
    with pytest.raises(ParseError):
        parse_decimal(text, "en")


def test_an_unknown_locale_is_refused_naming_it() -> None:
    with pytest.raises(ParseError) as caught:
        parse_decimal("12", "xx_YY")
    assert (caught.value.field, caught.value.value) == ("locale", "xx_YY")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1.5E+6", "1500000"), ("2.50", "2.5"), ("0.000", "0"), ("1E+30", "1" + "0" * 30)],
)
def test_plain_drops_exponents_and_trailing_zeros_without_rounding(value: str, expected: str):
    result = plain(Decimal(value))
    assert format(result, "f") == expected
    assert result == Decimal(value)


@given(
    st.decimals(min_value=-(10**15), max_value=10**15, places=4, allow_nan=False),
    st.sampled_from(SUPPORTED_LOCALES),
)
def test_whatever_babel_prints_reads_back_exactly(value: Decimal, locale: str) -> None:
    printed = format_decimal(value, locale=locale, decimal_quantization=False)
    assert parse_decimal(printed, locale) == value


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (date(2023, 1, 10), "2023-01-10"),
        (datetime(2023, 1, 10, 14, 0, tzinfo=UTC), "2023-01-10T14:00:00+00:00"),
        (Decimal("1.5E+6"), "1500000"),
        (None, "(empty)"),
        ("t-\x00", "'t-\\x00'"),
        (7, "7"),
    ],
)
def test_values_in_messages_read_as_a_person_would_write_them(value: object, text: str) -> None:
    assert shown(value) == text


@pytest.mark.parametrize("text", ["٤٨", "４８", "1,٠٠٠"])
def test_digits_of_other_scripts_are_refused_by_code_point(text: str) -> None:
    with pytest.raises(ParseError, match=r"U\+[0-9A-F]{4} \(.*DIGIT.*\) is not one of the digits"):
        parse_decimal(text, "en")
