"""Reading figures as news prints them: quantities, money, hedges, ranges, locales.

Each table row is a notation researchers meet; the expected values are what the text says.
Anything the parser cannot read for certain must raise ParseError naming field and value.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.test_cli import tracker
from tracker.domain.display import format_compact_money, format_money, format_number
from tracker.domain.money import Money
from tracker.domain.parsing import (
    QUALIFIERS,
    ParsedMoney,
    ParsedQuantity,
    ParseError,
    parse,
    parse_money,
    parse_number,
    parse_qualifier,
    parse_quantity,
)
from tracker.domain.vocab import SUPPORTED_LOCALES

NBSP, NNBSP = "\u00a0", "\u202f"

# --- numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        ("nine", "en", "9"),
        ("a dozen", "en", "12"),
        ("two dozen", "en", "24"),
        ("twenty-five", "en", "25"),
        ("1.5 thousand", "en", "1500"),
        ("1 million", "en", "1000000"),
        ("1.5 million", "en", "1500000"),
        ("half a million", "en", "500000"),
        ("two hundred thousand", "en", "200000"),
        ("300k", "en", "300000"),
        ("1.5M", "en", "1500000"),
        ("1,000,000", "en", "1000000"),
        ("1.000.000", "de", "1000000"),
        ("1,5 Millionen", "de", "1500000"),
        ("1,5 Mio.", "de", "1500000"),
        ("ein Dutzend", "de", "12"),
        ("1 Billion", "de", "1000000000000"),  # German Billion is 10^12
        ("1 000 000", "fr", "1000000"),
        (f"1{NNBSP}000{NNBSP}000", "fr", "1000000"),
        ("2 milliards", "fr", "2000000000"),
        ("1 billion", "fr", "1000000000000"),  # so is the French one
        ("deux douzaines", "fr", "24"),
        (f"1{NBSP}000{NBSP}000", "uk", "1000000"),
        ("1,5 млн", "uk", "1500000"),
        ("300 тис.", "uk", "300000"),
        ("два мільярди", "uk", "2000000000"),
    ],
)
def test_numbers_with_scale_words(text: str, locale: str, expected: str) -> None:
    assert parse_number(text, locale) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("1.234,5", "en"),
        ("1,5", "en"),
        ("1,000,000", "de"),
        ("48 tanks", "en"),
        ("$5", "en"),
        ("", "en"),
        ("million", "en"),
        ("12", "pl"),
    ],
)
def test_parse_number_refuses_anything_but_one_number(text: str, locale: str) -> None:
    with pytest.raises(ParseError):
        parse_number(text, locale)


def test_the_en_reading_of_a_de_number_is_refused_with_a_hint_never_misread() -> None:
    with pytest.raises(ParseError) as caught:
        parse("1.234,5 tanks", "en")
    assert caught.value.value == "1.234,5"
    assert "1234.5 in locale de" in caught.value.hint


# --- quantities ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "value", "unit"),
    [
        ("48 Leopard 2 tanks", "en", "48", "tank"),
        ("31 M1A1 Abrams", "en", "31", "tank"),
        ("a 155 mm shell", "en", "1", "shell"),
        ("500,000 155 mm shells", "en", "500000", "shell"),
        ("500,000 155mm artillery rounds", "en", "500000", "round"),
        ("six F-16 jets", "en", "6", "aircraft"),
        ("24 F-16s", "en", "24", "aircraft"),
        ("two MiG-29 fighters", "en", "2", "aircraft"),
        ("an IRIS-T SLM system", "en", "1", "system"),
        ("3 IRIS-T SLM", "en", "3", "system"),
        ("a dozen howitzers", "en", "12", "howitzer"),
        ("1.5 thousand drones", "en", "1500", "drone"),
        ("1 million shells", "en", "1000000", "shell"),
        ("5m shells", "en", "5000000", "shell"),
        ("300k rounds", "en", "300000", "round"),
        ("nine Patriot batteries", "en", "9", "battery"),
        ("10 tonnes of flour", "en", "10", "tonne"),
        ("20 t of fuel", "en", "20", "tonne"),
        ("2,500 kg of medicine", "en", "2500", "kilogram"),
        ("1,000 litres of diesel", "en", "1000", "litre"),
        ("5 MW", "en", "5", "megawatt"),
        ("500 kWh", "en", "500", "kilowatt_hour"),
        ("120 power generators for Kharkiv", "en", "120", "generator"),
        ("1.000.000 Granaten", "de", "1000000", "shell"),
        ("48 Kampfpanzer", "de", "48", "tank"),
        ("2,5 Tonnen", "de", "2.5", "tonne"),
        ("1 000 000 obus de 155 mm", "fr", "1000000", "shell"),
        ("14 chars Leopard 2", "fr", "14", "tank"),
        (f"1{NBSP}000{NBSP}000 снарядів", "uk", "1000000", "shell"),
        ("300 тис. снарядів", "uk", "300000", "shell"),
    ],
)
def test_quantities_count_things_not_model_numbers(text: str, locale: str, value: str, unit: str):
    result = parse_quantity(text, locale)
    assert (result.value, result.unit, result.qualifier) == (Decimal(value), unit, "exact")
    assert result.stated == text


def test_a_calibre_is_kept_apart_from_the_count() -> None:
    shells = parse_quantity("500,000 155 mm shells")
    assert (shells.value, shells.calibre_mm) == (Decimal(500000), Decimal(155))
    rifle = parse_quantity("2 million 5,56 mm rounds", "de")
    assert (rifle.value, rifle.calibre_mm) == (Decimal(2000000), Decimal("5.56"))


def test_a_model_name_supplies_the_unit_and_says_so() -> None:
    abrams = parse_quantity("31 M1A1 Abrams")
    assert abrams.unit == "tank"
    assert "Abrams" in abrams.note


def test_without_a_unit_word_the_default_applies_and_the_note_says_so() -> None:
    assert parse_quantity("nine").unit is None
    result = parse_quantity("nine", default_unit="vehicle")
    assert (result.value, result.unit) == (Decimal(9), "vehicle")
    assert "vehicle" in result.note


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("10 to 12 tanks", "10", "12"),
        ("10-12 tanks", "10", "12"),
        ("10–12 tanks", "10", "12"),
        ("between 10 and 12 tanks", "10", "12"),
        ("from 10 to 12 tanks", "10", "12"),
        ("1-2 million shells", "1000000", "2000000"),
        ("ten to twelve tanks", "10", "12"),
    ],
)
def test_ranges_keep_both_ends(text: str, low: str, high: str) -> None:
    result = parse_quantity(text)
    assert (result.qualifier, result.value, result.high) == ("range", Decimal(low), Decimal(high))
    assert result.unit == "tank" or result.unit == "shell"


@pytest.mark.parametrize(
    ("text", "locale", "low", "high"),
    [
        ("10 bis 12 Panzer", "de", "10", "12"),
        ("de 10 à 12 chars", "fr", "10", "12"),
        ("від 10 до 12 танків", "uk", "10", "12"),
    ],
)
def test_ranges_in_other_languages(text: str, locale: str, low: str, high: str) -> None:
    result = parse_quantity(text, locale)
    assert (result.value, result.high, result.unit) == (Decimal(low), Decimal(high), "tank")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("48 tanks and 300,000 shells", "more than one figure"),
        ("100 tons of aid", "ambiguous unit"),
        ("5 m", "million or metres"),
        ("thousands of shells", "vague amount"),
        ("a few tanks", "vague amount"),
        ("Leopard 2 tanks", "no number"),
        ("F-16", "no number"),
        ("12 to 10 tanks", "high to low"),
        ("between 10 tanks", "two figures"),
        ("1.5 million to 2 shells", "different scales"),
        ("$5 million", "amount of money"),
        ("155 mm and 105 mm shells", "more than one calibre"),
    ],
)
def test_quantities_that_cannot_be_read_for_certain_are_refused(text: str, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        parse_quantity(text)


# --- hedges ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("300,000 shells", "exact"),
        ("about 300,000 shells", "about"),
        ("some 300,000 shells", "about"),
        ("around 300,000 shells", "about"),
        ("nearly 300,000 shells", "about"),
        ("close to 300,000 shells", "about"),
        ("an estimated 300,000 shells", "about"),
        ("~300,000 shells", "about"),
        ("at least 300,000 shells", "at least"),
        ("more than 300,000 shells", "at least"),
        ("over 300,000 shells", "at least"),
        ("not less than 300,000 shells", "at least"),
        ("300,000+ shells", "at least"),
        ("300,000 shells or more", "at least"),
        ("up to 300,000 shells", "up to"),
        ("less than 300,000 shells", "up to"),
        ("etwa 300.000 Granaten", "about"),
        ("mehr als 300.000 Granaten", "at least"),
        ("bis zu 300.000 Granaten", "up to"),
        ("environ 300 000 obus", "about"),
        ("plus de 300 000 obus", "at least"),
        ("близько 300 000 снарядів", "about"),
        ("понад 300 000 снарядів", "at least"),
    ],
)
def test_hedges_become_qualifiers_and_leave_the_figure_intact(text: str, qualifier: str):
    locale = {"etwa": "de", "mehr": "de", "bis": "de", "environ": "fr", "plus": "fr"}.get(
        text.split()[0], "uk" if text[0] in "бп" else "en"
    )
    result = parse_quantity(text, locale)
    assert (result.value, result.unit, result.qualifier) == (Decimal(300000), "shell", qualifier)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("about 300,000", ("about", "300,000")),
        ("at least 48 tanks", ("at least", "48 tanks")),
        ("up to $500m", ("up to", "$500m")),
        ("between 10 and 12", ("range", "10 and 12")),
        ("48 tanks", ("exact", "48 tanks")),
        ("undisclosed", ("undisclosed", "")),
        ("an undisclosed number of tanks", ("undisclosed", "number of tanks")),
        ("value not disclosed", ("undisclosed", "value not disclosed")),
        ("кількість таємна", ("undisclosed", "кількість таємна")),
        ("Secretary's 48 tanks", ("exact", "Secretary's 48 tanks")),  # a word, not "secret"
    ],
)
def test_parse_qualifier_splits_hedge_from_figure(text: str, expected: tuple[str, str]) -> None:
    assert parse_qualifier(text) == expected
    assert parse_qualifier(text)[0] in QUALIFIERS


def test_undisclosed_is_a_state_not_zero() -> None:
    tanks = parse("an undisclosed number of Leopard 2 tanks")
    assert isinstance(tanks, ParsedQuantity)
    assert (tanks.value, tanks.unit, tanks.qualifier) == (None, "tank", "undisclosed")
    package = parse("the value of the package is classified")
    assert isinstance(package, ParsedMoney)
    assert (package.amount, package.qualifier) == (None, "undisclosed")
    sum_in_euros = parse_money("an undisclosed sum in euros")
    assert (sum_in_euros.amount, sum_in_euros.currency) == (None, "EUR")


# --- money -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "amount", "currency"),
    [
        ("$725m", "en", "725000000", "USD"),
        ("€1.4bn", "en", "1400000000", "EUR"),
        ("1.5 billion euros", "en", "1500000000", "EUR"),
        ("two billion euros", "en", "2000000000", "EUR"),
        ("£2.26 billion", "en", "2260000000", "GBP"),
        ("£850k", "en", "850000", "GBP"),
        ("NOK 10 billion", "en", "10000000000", "NOK"),
        ("SEK 7.1 billion", "en", "7100000000", "SEK"),
        ("DKK 1bn", "en", "1000000000", "DKK"),
        ("C$500 million", "en", "500000000", "CAD"),
        ("A$100m", "en", "100000000", "AUD"),
        ("¥740bn", "en", "740000000000", "JPY"),
        ("PLN 1.5 billion", "en", "1500000000", "PLN"),
        ("USD3.16 billion", "en", "3160000000", "USD"),
        ("$11.8 bln", "en", "11800000000", "USD"),
        ("500 million US dollars", "en", "500000000", "USD"),
        ("1.3 billion Swedish kronor", "en", "1300000000", "SEK"),
        ("€1,400,000,000", "en", "1400000000", "EUR"),
        ("1,5 Mrd. €", "de", "1500000000", "EUR"),
        ("1,5 Milliarden Euro", "de", "1500000000", "EUR"),
        ("500 Mio. US-Dollar", "de", "500000000", "USD"),
        ("1.400.000.000 €", "de", "1400000000", "EUR"),
        ("1,5 milliard d'euros", "fr", "1500000000", "EUR"),
        ("2 milliards de dollars", "fr", "2000000000", "USD"),
        ("1,5 Md €", "fr", "1500000000", "EUR"),
        ("1 400 000 000 €", "fr", "1400000000", "EUR"),
        ("1,5 млрд грн", "uk", "1500000000", "UAH"),
        ("500 млн доларів", "uk", "500000000", "USD"),
        ("1,4 млрд євро", "uk", "1400000000", "EUR"),
        (f"1{NBSP}000{NBSP}000 ₴", "uk", "1000000", "UAH"),
    ],
)
def test_money_notations(text: str, locale: str, amount: str, currency: str) -> None:
    result = parse_money(text, locale)
    assert isinstance(result.amount, Decimal)
    assert (result.amount, result.currency, result.qualifier) == (
        Decimal(amount),
        currency,
        "exact",
    )
    assert result.stated == text


def test_a_stated_conversion_is_kept_apart_from_the_primary_amount() -> None:
    result = parse_money("11 billion euros ($11.8 bln)")
    assert (result.amount, result.currency) == (Decimal(11_000_000_000), "EUR")
    assert result.converted == Money(Decimal(11_800_000_000), "USD")


def test_a_bare_dollar_is_usd_and_the_result_says_which_rule_chose_it() -> None:
    default = parse_money("$725m")
    assert default.currency == "USD"
    assert "default" in default.currency_rule
    canadian = parse_money("$500 million", donor_currency="CAD")
    assert canadian.currency == "CAD"
    assert "donor" in canadian.currency_rule
    not_a_dollar_donor = parse_money("$500 million", donor_currency="EUR")
    assert not_a_dollar_donor.currency == "USD"
    stated = parse_money("€1.4bn", donor_currency="USD")
    assert (stated.currency, stated.currency_rule) == ("EUR", "stated as '€'")


def test_kr_alone_is_refused_unless_the_donor_currency_settles_it() -> None:
    with pytest.raises(ParseError) as caught:
        parse_money("kr 500 million")
    assert caught.value.field == "currency"
    assert "NOK" in str(caught.value) and "SEK" in str(caught.value)
    assert parse_money("kr 500 million", donor_currency="NOK").currency == "NOK"
    assert parse_money("500 million kroner", donor_currency="DKK").currency == "DKK"
    with pytest.raises(ParseError):
        parse_money("500 million kroner", donor_currency="SEK")


def test_a_code_stated_beside_an_ambiguous_mark_says_which_currency_it_is() -> None:
    assert parse_money("$910 million USD", donor_currency="AUD").currency == "USD"
    assert parse_money("$5 million CAD").currency == "CAD"
    assert parse_money("kr 40 million SEK", donor_currency="NOK").currency == "SEK"
    with pytest.raises(ParseError):
        parse_money("$5 million EUR")  # no dollar is a euro: the marks conflict


@pytest.mark.parametrize(
    ("text", "qualifier", "low", "high"),
    [
        ("about $725m", "about", "725000000", None),
        ("more than €1bn", "at least", "1000000000", None),
        ("up to £500m", "up to", "500000000", None),
        ("$1-2 billion", "range", "1000000000", "2000000000"),
        ("€1.4bn–€1.6bn", "range", "1400000000", "1600000000"),
        ("between $1bn and $2bn", "range", "1000000000", "2000000000"),
        ("1 to 2 billion euros", "range", "1000000000", "2000000000"),
        ("1-2 Mrd. €", "range", "1000000000", "2000000000"),
    ],
)
def test_money_hedges_and_ranges(text: str, qualifier: str, low: str, high: str | None):
    locale = "de" if "Mrd" in text else "en"
    result = parse_money(text, locale)
    assert (result.qualifier, result.amount) == (qualifier, Decimal(low))
    assert result.high == (None if high is None else Decimal(high))


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("1.5 billion", "currency"),
        ("$1bn-€2bn", "currency"),
        ("€1,5bn", "number"),
        ("about", "figure"),
        ("48 tanks", "currency"),
    ],
)
def test_money_that_cannot_be_read_for_certain_is_refused(text: str, field: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_money(text)
    assert caught.value.field == field


def test_an_invalid_donor_currency_is_refused_naming_the_field() -> None:
    with pytest.raises(ParseError) as caught:
        parse_money("$5m", donor_currency="usd")
    assert caught.value.field == "donor_currency"


# --- parse() and its JSON --------------------------------------------------------------------


def test_parse_chooses_money_when_a_currency_is_written() -> None:
    assert isinstance(parse("$725m"), ParsedMoney)
    assert isinstance(parse("725 tanks"), ParsedQuantity)


def test_json_objects_carry_decimal_strings_and_null_for_exact() -> None:
    assert parse("$725m").as_json() == {
        "kind": "money",
        "amount": "725000000",
        "currency": "USD",
        "quantity": None,
        "unit": None,
        "qualifier": None,
        "low": None,
        "high": None,
        "note": "'$' read as USD by default (no donor currency says otherwise)",
    }
    assert parse("about 1 million 155 mm shells").as_json() == {
        "kind": "quantity",
        "amount": None,
        "currency": None,
        "quantity": "1000000",
        "unit": "shell",
        "qualifier": "about",
        "low": None,
        "high": None,
        "note": "calibre 155 mm set aside",
    }
    assert parse("10-12 tanks").as_json()["low"] == "10"
    assert parse("10-12 tanks").as_json()["high"] == "12"


# --- properties ------------------------------------------------------------------------------

LOCALES = st.sampled_from(SUPPORTED_LOCALES)
TWO_DECIMAL_CURRENCIES = st.sampled_from(
    ["EUR", "USD", "GBP", "CHF", "NOK", "SEK", "DKK", "PLN", "UAH", "CAD", "AUD"]
)


@given(st.decimals(min_value=0, max_value=10**15, places=3, allow_nan=False), LOCALES)
def test_a_formatted_number_parses_back_to_the_same_value(value: Decimal, locale: str) -> None:
    assert parse_number(format_number(value, locale), locale) == value


@given(
    st.decimals(min_value=0, max_value=10**13, places=2, allow_nan=False),
    TWO_DECIMAL_CURRENCIES,
    LOCALES,
)
def test_formatted_money_parses_back_to_the_same_amount_and_currency(
    amount: Decimal, currency: str, locale: str
) -> None:
    money = Money(amount, currency)
    result = parse_money(format_money(money, locale), locale)
    assert (result.amount, result.currency) == (amount, currency)


@given(
    st.integers(min_value=10, max_value=999),
    st.sampled_from([10**6, 10**9]),
    TWO_DECIMAL_CURRENCIES,
    LOCALES,
)
def test_compact_money_parses_back(tenths: int, scale: int, currency: str, locale: str) -> None:
    money = Money(Decimal(tenths) / 10 * scale, currency)
    result = parse_money(format_compact_money(money, locale), locale)
    assert (result.amount, result.currency) == (money.amount, currency)


FRAGMENTS = st.sampled_from(
    [
        "about",
        "up to",
        "between",
        "and",
        "to",
        "-",
        "$",
        "€",
        "kr",
        "NOK",
        "1,5",
        "1.000",
        "1 000",
        "48",
        "0",
        "155 mm",
        "million",
        "Mrd.",
        "m",
        "k",
        "tanks",
        "shells",
        "tons",
        "F-16",
        "(",
        ")",
        "($11.8 bln)",
        "undisclosed",
        "a",
        "dozen",
        "+",
        "or more",
        ",",
        "mm",
        "Leopard",
        "2",
        "t",
        "MW",
        "d'euros",
        "млрд",
        "грн",
        "\u00a0",
        "\u202f",
    ]
)


@given(st.one_of(st.text(max_size=40), st.lists(FRAGMENTS, max_size=8).map(" ".join)), LOCALES)
def test_any_text_either_parses_or_raises_the_projects_parse_error(text: str, locale: str):
    try:
        result = parse(text, locale)
    except ParseError as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert result.qualifier in QUALIFIERS


# --- the command -----------------------------------------------------------------------------


def test_tracker_parse_prints_one_json_object(sqlite_url: str) -> None:
    result = tracker("parse", "1,5 Mrd. €", "--locale", "de", "--json", url=sqlite_url)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "kind": "money",
        "amount": "1500000000",
        "currency": "EUR",
        "quantity": None,
        "unit": None,
        "qualifier": None,
        "low": None,
        "high": None,
        "note": "",
    }


def test_tracker_parse_refuses_with_exit_status_2_and_one_line(sqlite_url: str) -> None:
    result = tracker("parse", "1.234,5 tanks", url=sqlite_url)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip() == (
        "error: number '1.234,5': not a well-formed number in locale en "
        "(hint: it reads as 1234.5 in locale de; pass that locale if it is meant)"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "1.4 bilion EUR",
            "error: quantity 'bilion': unknown word after the number "
            "(hint: did you mean 'billion'? write it in full)",
        ),
        ("12 sytems", "error: unit 'sytems': unknown unit (hint: did you mean systems?)"),
    ],
)
def test_tracker_parse_refuses_a_word_it_cannot_read_instead_of_dropping_it(
    sqlite_url: str, text: str, message: str
) -> None:
    result = tracker("parse", text, url=sqlite_url)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip() == message


def test_parse_strict_refuses_a_misspelt_scale_word_and_plain_parse_keeps_prose_lenient() -> None:
    with pytest.raises(ParseError, match="did you mean 'million'"):
        parse("3 milion", strict=True)
    assert parse("3 milion").value == 3  # prose: the extractor reads its own words
