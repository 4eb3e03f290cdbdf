"""What people see: babel-formatted numbers, money, compact forms, shares, dates, hedges."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tracker.domain.display import (
    currency_name,
    describe,
    donor_name,
    format_compact_money,
    format_compact_number,
    format_day,
    format_hedged,
    format_money,
    format_number,
    format_quantity,
    format_share,
    term,
    unit_word,
)
from tracker.domain.money import Money
from tracker.domain.parsing import parse
from tracker.domain.vocab import SUPPORTED_LOCALES

NBSP, NNBSP = "\u00a0", "\u202f"
BILLION_AND_A_HALF = Money(Decimal(1_500_000_000), "EUR")


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en", "1,234,567.891"),
        ("de", "1.234.567,891"),
        ("fr", f"1{NNBSP}234{NNBSP}567,891"),
        ("uk", f"1{NBSP}234{NBSP}567,891"),
    ],
)
def test_numbers_keep_every_digit_with_the_locales_grouping(locale: str, expected: str) -> None:
    assert format_number(Decimal("1234567.891"), locale) == expected


def test_numbers_longer_than_the_default_decimal_precision_are_not_rounded() -> None:
    assert format_number(Decimal("1234567890123456789012345678901.5"), "en") == (
        "1,234,567,890,123,456,789,012,345,678,901.5"
    )


def test_fixed_fraction_digits_round_half_even() -> None:
    assert format_number(Decimal("2.125"), "de", fraction_digits=2) == "2,12"
    assert format_number(Decimal(48), "en", fraction_digits=0) == "48"


# EUR 1.5 billion in each supported locale: in full, then compact for a headline.
BILLION_AND_A_HALF_WRITTEN = {
    "en": ("€1,500,000,000.00", "€1.5B"),
    "de": (f"1.500.000.000,00{NBSP}€", f"1,5{NBSP}Mrd.{NBSP}€"),
    "fr": (f"1{NNBSP}500{NNBSP}000{NNBSP}000,00{NBSP}€", f"1,5{NBSP}Md{NBSP}€"),
    "uk": (f"1{NBSP}500{NBSP}000{NBSP}000,00{NBSP}EUR", f"1,5{NBSP}млрд{NBSP}EUR"),
}


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_money_is_written_as_each_locale_writes_it(locale: str) -> None:
    in_full, _ = BILLION_AND_A_HALF_WRITTEN[locale]
    assert format_money(BILLION_AND_A_HALF, locale) == in_full


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_compact_money_for_headlines(locale: str) -> None:
    _, compact = BILLION_AND_A_HALF_WRITTEN[locale]
    assert format_compact_money(BILLION_AND_A_HALF, locale) == compact


def test_compact_counts() -> None:
    assert format_compact_number(1_000_000, "en") == "1M"
    assert format_compact_number(300_000, "uk") == f"300{NBSP}тис."


@pytest.mark.parametrize(
    ("locale", "expected"), [("en", "30.0%"), ("de", f"30,0{NBSP}%"), ("fr", f"30,0{NBSP}%")]
)
def test_shares_use_the_locales_percent_pattern(locale: str, expected: str) -> None:
    assert format_share(Decimal("0.3"), locale) == expected


@pytest.mark.parametrize(
    ("locale", "expected"), [("en", "Dec 2, 2024"), ("de", "02.12.2024"), ("fr", "2 déc. 2024")]
)
def test_dates(locale: str, expected: str) -> None:
    assert format_day(date(2024, 12, 2), locale) == expected


@pytest.mark.parametrize(
    ("value", "unit", "locale", "expected"),
    [
        (48, "tank", "en", f"48{NBSP}tanks"),
        (1, "tank", "en", f"1{NBSP}tank"),
        (Decimal("2.5"), "tonne", "de", f"2,5{NBSP}Tonnen"),
        (Decimal("2.5"), "megawatt", "uk", f"2,5{NBSP}MW"),
        (300000, "shell", "fr", f"300{NNBSP}000{NBSP}obus"),
        (9, None, "en", "9"),
    ],
)
def test_quantities_carry_their_unit(value, unit, locale: str, expected: str) -> None:
    assert format_quantity(value, unit, locale) == expected


@pytest.mark.parametrize(
    ("qualifier", "expected"),
    [
        ("exact", "300,000"),
        ("about", f"≈{NBSP}300,000"),
        ("at least", f"≥{NBSP}300,000"),
        ("up to", f"≤{NBSP}300,000"),
        ("range", "300,000–400,000"),
        ("undisclosed", "undisclosed"),
    ],
)
def test_hedges_are_shown_never_dropped(qualifier: str, expected: str) -> None:
    assert format_hedged("300,000", qualifier, "400,000") == expected


def test_undisclosed_is_shown_as_a_word_in_the_locale_not_as_zero() -> None:
    assert format_hedged(None, "undisclosed", locale="de") == "nicht bekannt gegeben"


def test_describe_explains_what_the_parser_read() -> None:
    assert describe(parse("about $725m")) == (
        f"money: ≈{NBSP}$725,000,000.00 ('$' read as USD by default (no donor currency says "
        "otherwise))"
    )
    assert describe(parse("10-12 tanks", "en"), "de") == f"quantity: 10–12{NBSP}tanks"


@pytest.mark.parametrize(
    ("count", "word"),
    [(1, "танк"), (2, "танки"), (4, "танки"), (5, "танків"), (11, "танків"), (21, "танк")],
)
def test_ukrainian_unit_words_take_all_three_plural_forms(count: int, word: str) -> None:
    assert unit_word("tank", count, "uk") == word


@pytest.mark.parametrize(("count", "word"), [(1, "char"), (2, "chars"), (1_000_000, "de chars")])
def test_french_unit_words_take_the_many_form_for_millions(count: int, word: str) -> None:
    assert unit_word("tank", count, "fr") == word


def test_a_unit_word_without_a_count_is_the_plural_a_header_names() -> None:
    assert [unit_word("shell", None, loc) for loc in ("en", "de", "fr", "uk")] == [
        "shells",
        "Granaten",
        "obus",
        "снаряди",
    ]


@pytest.mark.parametrize(
    ("code", "locale", "name"),
    [
        ("DE", "uk", "Німеччина"),
        ("GB", "fr", "Royaume-Uni"),
        ("EC", "de", "Europäische Kommission"),  # not Ecuador
        ("NATO", "uk", "НАТО"),
        ("EPF", "fr", "Facilité européenne pour la paix"),
    ],
)
def test_donor_names_come_from_cldr_or_the_catalogs(code: str, locale: str, name: str) -> None:
    assert donor_name(code, locale) == name


def test_a_donor_without_a_name_anywhere_keeps_the_data_s_name() -> None:
    assert donor_name("UMO", "de", "UMO (Polish supplier)") == "UMO (Polish supplier)"


def test_currency_names_come_from_cldr() -> None:
    assert (currency_name("USD", "de"), currency_name("EUR", "uk")) == ("US-Dollar", "євро")


def test_vocabulary_values_read_in_the_locale_and_acronyms_stay() -> None:
    assert [term(v, "de") for v in ("military", "value_undisclosed", "PDA", None)] == [
        "militärisch",
        "Wert nicht offengelegt",
        "PDA",
        "",
    ]
