"""Money: exact amounts, real ISO 4217 codes, no arithmetic across currencies."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tracker.domain.money import Money, check_currency, iso_currencies
from tracker.domain.numbers import ParseError


def test_amounts_are_exact_decimals() -> None:
    package = Money(Decimal("725000000.01"), "USD")
    assert package.amount == Decimal("725000000.01")
    assert str(package) == "725000000.01 USD"


def test_integers_become_decimals() -> None:
    money = Money(725, "USD")
    assert isinstance(money.amount, Decimal)
    assert money.amount == Decimal(725)


@pytest.mark.parametrize("amount", [0.1, True, "725", None])
def test_floats_and_other_types_are_refused(amount: object) -> None:
    with pytest.raises(ParseError) as caught:
        Money(amount, "USD")  # type: ignore[arg-type]
    assert caught.value.field == "amount"


@pytest.mark.parametrize("amount", [Decimal("NaN"), Decimal("Infinity")])
def test_non_finite_amounts_are_refused(amount: Decimal) -> None:
    with pytest.raises(ParseError):
        Money(amount, "EUR")


@pytest.mark.parametrize("code", ["EUR", "USD", "UAH", "NOK", "GBP", "JPY", "RUB", "DEM"])
def test_iso_codes_babel_knows_are_accepted(code: str) -> None:
    assert Money(Decimal(1), code).currency == code
    assert code in iso_currencies()


def test_lower_case_codes_are_refused_with_the_fix_in_the_hint() -> None:
    with pytest.raises(ParseError) as caught:
        check_currency("eur")
    assert (caught.value.field, caught.value.value) == ("currency", "eur")
    assert "EUR" in caught.value.hint


@pytest.mark.parametrize("code", ["XYZ", "EURO", "$", "", None])
def test_unknown_codes_are_refused_naming_the_value(code: object) -> None:
    with pytest.raises(ParseError) as caught:
        Money(Decimal(1), code)  # type: ignore[arg-type]
    assert caught.value.value == code


def test_same_currency_adds_and_subtracts_exactly() -> None:
    pledged = Money(Decimal("0.1"), "EUR") + Money(Decimal("0.2"), "EUR")
    assert pledged == Money(Decimal("0.3"), "EUR")
    assert pledged - Money(Decimal("0.3"), "EUR") == Money(Decimal(0), "EUR")


def test_different_currencies_do_not_mix_without_a_rate() -> None:
    with pytest.raises(ParseError, match="without an exchange rate"):
        Money(Decimal(1), "EUR") + Money(Decimal(1), "USD")


@pytest.mark.parametrize("code", ["XXX", "XTS", "XAU", "XAG", "XPT", "XPD", "XBA"])
def test_iso_codes_that_are_not_money_are_refused(code: str) -> None:
    with pytest.raises(ParseError, match="not an ISO 4217 currency code"):
        Money(Decimal(1), code)


@pytest.mark.parametrize("code", ["XDR", "XOF", "XAF", "XPF", "XCD"])
def test_currencies_whose_codes_start_with_x_are_money(code: str) -> None:
    assert Money(Decimal(1), code).currency == code
