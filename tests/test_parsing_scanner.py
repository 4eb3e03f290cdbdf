"""A figure is read whole or refused (tracker.domain.parsing.scanner and its word tables).

Every case below was once read as a smaller or different number without a word of warning:
a German article's "€2bn" as 2 euros, "1e5 tanks" as one tank, a zero-width space splitting
"1000" into 1. The rule these tests hold the parser to: the figure the text states, exactly,
or a ParseError naming the field and the value; never a truncated reading and never any
other exception.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.domain.display import format_number
from tracker.domain.money import check_currency
from tracker.domain.parsing import ParseError, parse, parse_money, parse_number, parse_quantity
from tracker.domain.vocab import SUPPORTED_LOCALES

# --- scale words in every language ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "amount", "currency"),
    [
        ("€2bn", "de", "2000000000", "EUR"),
        ("$725m", "de", "725000000", "USD"),
        ("€2 billion", "uk", "2000000000", "EUR"),
        ("€2bn", "fr", "2000000000", "EUR"),
        ("€2bn", "uk", "2000000000", "EUR"),
        ("$725 million", "fr", "725000000", "USD"),
        ("1,5 Mrd. €", "de", "1500000000", "EUR"),
        ("3 Mio. €", "de", "3000000", "EUR"),
        ("2 Md €", "fr", "2000000000", "EUR"),
        ("5 M €", "fr", "5000000", "EUR"),
        ("€2 млрд", "uk", "2000000000", "EUR"),
        ("₴40 млн", "uk", "40000000", "UAH"),
        # Other languages' abbreviations quoted in English copy.
        ("CHF 5 Mio.", "en", "5000000", "CHF"),
        ("NOK 15 mrd", "en", "15000000000", "NOK"),
        ("2 mld euro", "en", "2000000000", "EUR"),
        # Where the language has its own word of that spelling, its own meaning stands.
        ("€2 billion", "fr", "2000000000000", "EUR"),
        ("2 Billionen €", "de", "2000000000000", "EUR"),
    ],
)
def test_scale_words_of_the_press_are_read_in_every_locale(
    text: str, locale: str, amount: str, currency: str
) -> None:
    result = parse_money(text, locale)
    assert (result.amount, result.currency) == (Decimal(amount), currency)


@pytest.mark.parametrize(
    ("text", "locale", "count"),
    [
        ("300k shells", "de", "300000"),
        ("300K shells", "fr", "300000"),
        ("5 tys. tanks", "uk", "5000"),
        ("5 тис. tanks", "uk", "5000"),
        ("1,5 million shells", "uk", "1500000"),
    ],
)
def test_scaled_counts_are_read_in_every_locale(text: str, locale: str, count: str) -> None:
    assert parse_quantity(text, locale).value == Decimal(count)


# --- the whole figure or nothing -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "1e5 tanks",
        "10^308 tanks",
        "€1.4bnbn",
        "1/2 tank",
        "1..2 tanks",
        "10 - -12 tanks",
        "10 to -12 tanks",
        "10+5 tanks",
        "48x tanks",
        "5% of shells",
        "1\u200b000 tanks",
        "1\u00ad000 tanks",
    ],
)
def test_text_glued_to_a_figure_is_refused_not_cut_off(text: str) -> None:
    with pytest.raises(ParseError) as refused:
        parse(text)
    assert repr(text) in str(refused.value)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("10t of flour", "10", "tonne"),
        ("5kg", "5", "kilogram"),
        ("10-ton trucks", "10", "vehicle"),
        ("48 tanks.", "48", "tank"),
        ("48, all Leopards", "48", None),
        ("300,000+ shells", "300000", "shell"),
    ],
)
def test_what_may_touch_a_figure_still_reads(text: str, value: str, unit: str | None) -> None:
    result = parse_quantity(text)
    assert result.value == Decimal(value)
    assert unit is None or result.unit == unit


def test_a_long_figure_times_a_scale_word_keeps_every_digit() -> None:
    digits = "1234567890123456789012345678901"
    assert parse_number(f"{digits} billion") == Decimal(digits + "000000000")
    assert parse_number(f"{digits}.5 million") == Decimal(digits + "500000")


# --- characters nobody types ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "character"),
    [
        ("5 tanks\x00", "U+0000"),
        ("5 \x1b[31mtanks", "U+001B"),
        ("\u202e5 tanks", "U+202E"),
        ("5\ufefftanks", "U+FEFF"),
    ],
)
def test_hidden_characters_are_refused_by_code_point(text: str, character: str) -> None:
    with pytest.raises(ParseError, match=re.escape(character)) as refused:
        parse(text)
    assert refused.value.field == "figure"


@pytest.mark.parametrize("text", ["٤٨ tanks", "４８ tanks", "48 ٤ tanks", "€١٠m"])
def test_digits_of_other_scripts_are_refused(text: str) -> None:
    with pytest.raises(ParseError, match="not one of the digits 0-9"):
        parse(text)


def test_digits_of_other_scripts_are_refused_by_parse_number_too() -> None:
    with pytest.raises(ParseError, match="U\\+FF14"):
        parse_number("４８")


@pytest.mark.parametrize("code", ["XXX", "XAU", "XAG", "XTS", "XPT"])
def test_codes_that_are_not_money_are_not_currencies(code: str) -> None:
    with pytest.raises(ParseError, match="not money"):
        parse(f"{code} 5 million")
    with pytest.raises(ParseError, match="ISO 4217"):
        check_currency(code)


@pytest.mark.parametrize("code", ["XDR", "XOF", "XAF", "XCD"])
def test_currencies_with_an_x_code_stay_money(code: str) -> None:
    assert parse_money(f"{code} 5 million").currency == code


# --- properties ------------------------------------------------------------------------------

LOCALES = st.sampled_from(SUPPORTED_LOCALES)
# (word, its scale) per locale: the locale's own words and abbreviations and the English ones
# its press prints.
SCALES = {
    "en": [("", 1), ("thousand", 10**3), ("million", 10**6), ("bn", 10**9), ("k", 10**3)],
    "de": [("", 1), ("Mio.", 10**6), ("Mrd.", 10**9), ("bn", 10**9), ("million", 10**6)],
    "fr": [("", 1), ("milliards", 10**9), ("Md", 10**9), ("bn", 10**9), ("k", 10**3)],
    "uk": [("", 1), ("млн", 10**6), ("млрд", 10**9), ("billion", 10**9), ("тис.", 10**3)],
}


@st.composite
def scaled_numbers(draw: st.DrawFn) -> tuple[str, str, Decimal]:
    """(text, locale, value): a number as the locale formats it, maybe with a scale word."""
    locale = draw(LOCALES)
    number = draw(st.decimals(min_value=0, max_value=10**15, places=3, allow_nan=False))
    word, scale = draw(st.sampled_from(SCALES[locale]))
    text = format_number(number, locale) + (f" {word}" if word else "")
    return text, locale, number * scale


@settings(max_examples=500)
@given(scaled_numbers())
def test_any_formatted_number_with_any_scale_word_parses_exactly(
    case: tuple[str, str, Decimal],
) -> None:
    text, locale, value = case
    assert parse_number(text, locale) == value
    assert parse_money(f"€{text}", locale).amount == value


# Characters that end a figure and start something that is not part of it.
GLUE = st.sampled_from([*"^/*=#@|\\<>_%&~+", "e", "x", "bnbn", "..", ".-"])


@settings(max_examples=500)
@given(
    st.integers(min_value=0, max_value=10**12).map(str),
    GLUE,
    st.integers(min_value=0, max_value=999).map(str),
    st.sampled_from(["", " tanks", " shells", " million euros"]),
)
def test_any_figure_with_text_glued_to_it_is_refused(
    number: str, glue: str, more: str, tail: str
) -> None:
    text = number + glue + more + tail
    with pytest.raises(ParseError):
        parse(text)


@settings(max_examples=300)
@given(
    st.text(st.characters(categories=["Cc", "Cf", "Co"], exclude_characters="\t\n\r")),
    st.integers(min_value=0, max_value=9),
)
def test_any_hidden_character_anywhere_is_refused(hidden: str, at: int) -> None:
    text = "48 Leopard 2 tanks"
    if hidden:
        with pytest.raises(ParseError, match="hidden character"):
            parse(text[:at] + hidden + text[at:])


# Pieces of figures, glue and hidden characters, joined at random.
FRAGMENTS = (
    "1",
    "48",
    "1,5",
    "1.000",
    " ",
    "^",
    "/",
    "-",
    "..",
    "e5",
    "bn",
    "Mrd.",
    "k",
    "m",
    "€",
    "$",
    "(",
    ")",
    "XAU",
    "tanks",
    "billion",
    "about",
    "\x00",
    "\u200b",
    "٤",
)
ANY_TEXT = st.one_of(
    st.text(max_size=60), st.lists(st.sampled_from(FRAGMENTS), max_size=10).map("".join)
)


@settings(max_examples=500)
@given(ANY_TEXT, LOCALES, st.sampled_from([None, "USD", "EUR", "NOK", "usd", "XXX"]))
def test_no_input_raises_anything_but_a_one_line_parse_error(
    text: str, locale: str, donor_currency: str | None
) -> None:
    for read in (
        lambda: parse(text, locale, donor_currency),
        lambda: parse_money(text, locale, donor_currency),
        lambda: parse_quantity(text, locale),
        lambda: parse_number(text, locale),
    ):
        try:
            read()
        except ParseError as error:
            assert str(error) and "\n" not in str(error)


def test_the_polish_plural_of_the_zloty_is_read():
    assert parse_money("500 million złotys").currency == "PLN"
