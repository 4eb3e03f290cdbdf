"""Every number, amount and date a person sees, formatted through babel (CLDR) for a locale.

Why one module: dashboards, exports and the CLI must print the same figure the same way, and
what they print must read back through :mod:`tracker.domain.parsing` in the same locale (the tests
check that round trip). CLDR output uses no-break (U+00A0) and narrow no-break (U+202F)
spaces; they are kept, because they are what the locale prescribes and the parser accepts them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal, localcontext

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.numbers import (
    format_compact_currency,
    format_compact_decimal,
    format_currency,
    format_decimal,
    format_percent,
)

from tracker.domain.money import Money
from tracker.domain.numbers import plain
from tracker.domain.parsing import ParsedMoney, ParsedQuantity
from tracker.domain.units import unit_label

# How a hedge is shown next to a figure; symbols need no translation.
_HEDGE_MARKS = {"exact": "", "about": "≈\u00a0", "at least": "≥\u00a0", "up to": "≤\u00a0"}
_UNDISCLOSED = {
    "en": "undisclosed",
    "de": "nicht bekannt gegeben",
    "fr": "non divulgué",
    "uk": "не розголошено",
}


@contextmanager
def _wide_precision() -> Iterator[None]:
    """babel rounds in the current decimal context (28 digits); figures may be longer."""
    with localcontext() as context:
        context.prec = 80
        yield


def format_number(
    value: Decimal | int, locale: str = "en", fraction_digits: int | None = None
) -> str:
    """A number with the locale's digit grouping; all its digits unless ``fraction_digits``."""
    with _wide_precision():
        if fraction_digits is None:
            return format_decimal(plain(Decimal(value)), locale=locale, decimal_quantization=False)
        pattern = "#,##0" + ("." + "0" * fraction_digits if fraction_digits else "")
        return format_decimal(Decimal(value), format=pattern, locale=locale)


def format_money(money: Money, locale: str = "en") -> str:
    """An amount with its sign as the locale writes it: "€1,400.00" (en), "1.400,00 €" (de)."""
    with _wide_precision():
        return format_currency(money.amount, money.currency, locale=locale)


def format_compact_money(money: Money, locale: str = "en", fraction_digits: int = 1) -> str:
    """Short form for headlines and charts: "€1.5B" (en), "1,5 Mrd. €" (de), "1,5 Md €" (fr)."""
    return format_compact_currency(
        money.amount, money.currency, locale=locale, fraction_digits=fraction_digits
    )


def format_compact_number(
    value: Decimal | int, locale: str = "en", fraction_digits: int = 1
) -> str:
    """Short form of a count: "1.5M" (en), "1,5 Mio." (de), "1,5 млн" (uk)."""
    return format_compact_decimal(Decimal(value), locale=locale, fraction_digits=fraction_digits)


def format_share(value: Decimal | float, locale: str = "en", fraction_digits: int = 1) -> str:
    """A share (0.3 -> "30.0%" in en, "30,0 %" in de) for delivered-of-pledged ratios.

    The locale's own percent pattern (sign placement, spacing) with ``fraction_digits``.
    """
    pattern = Locale.parse(locale).percent_formats[None].pattern
    last_zero = pattern.rindex("0") + 1
    if fraction_digits:
        pattern = pattern[:last_zero] + "." + "0" * fraction_digits + pattern[last_zero:]
    return format_percent(value, format=pattern, locale=locale)


def format_day(day: date, locale: str = "en", style: str = "medium") -> str:
    """A date as the locale writes it ("2 Dec 2024", "02.12.2024", "2 déc. 2024")."""
    return babel_format_date(day, format=style, locale=locale)


def format_quantity(value: Decimal | int, unit: str | None, locale: str = "en") -> str:
    """A count or amount with its unit: "48 tanks", "1.000.000 shells" (de), "2,5 t" (fr)."""
    number = format_number(value, locale)
    return number if unit is None else f"{number}\u00a0{unit_label(unit, value)}"


def format_hedged(
    low: str | None, qualifier: str, high: str | None = None, locale: str = "en"
) -> str:
    """An already formatted figure with its hedge: "≈ 300,000", "≥ €1.4B", "10–12".

    ``low``/``high`` come from the other formatters; undisclosed figures show the locale's
    word for it instead of a number, because undisclosed is a state, not zero.
    """
    if qualifier == "undisclosed" or low is None:
        return _UNDISCLOSED.get(locale.split("_")[0], _UNDISCLOSED["en"])
    if qualifier == "range":
        return f"{low}–{high}"
    return _HEDGE_MARKS[qualifier] + low


def describe(figure: ParsedMoney | ParsedQuantity, locale: str = "en") -> str:
    """One line for a person: the figure as read, formatted for ``locale``, and the notes."""
    if isinstance(figure, ParsedMoney):
        low = None if figure.amount is None else _money_text(figure.amount, figure.currency, locale)
        high = None if figure.high is None else _money_text(figure.high, figure.currency, locale)
        text = "money: " + format_hedged(low, figure.qualifier, high, locale)
    else:
        low = None if figure.value is None else format_number(figure.value, locale)
        high = None if figure.high is None else format_number(figure.high, locale)
        text = "quantity: " + format_hedged(low, figure.qualifier, high, locale)
        if figure.unit is not None:
            text += "\u00a0" + unit_label(figure.unit, figure.high or figure.value or 0)
    return f"{text} ({figure.note})" if figure.note else text


def _money_text(amount: Decimal, currency: str | None, locale: str) -> str:
    if currency is None:
        return format_number(amount, locale)
    return format_money(Money(amount, currency), locale)
