"""Strict, locale-aware reading of plain numbers ("1,000,000", "1.000.000", "1 000 000").

Why not ``babel.numbers.parse_decimal(strict=True)`` directly: it accepts only the exact
space character CLDR prints (U+202F for fr, U+00A0 for uk) and refuses an ordinary space,
which is what people type. Here the decimal mark and group separator still come from
babel's CLDR data, but every kind of space counts as a group separator in locales that
group with a space, and the check is one precompiled regular expression, fast enough for
the parser's hot path.

Strict means a number is read only when it is well formed in the given locale: groups of
exactly three digits, one decimal mark. "1.234,5" in en is refused with a hint naming the
locale it would fit, never read as 1.2345. This module is the lowest layer of parsing, so
the project's own :class:`ParseError` lives here (``tracker.domain.parsing`` re-exports it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.numbers import get_decimal_symbol, get_group_symbol

from tracker.domain.characters import foreign_digit
from tracker.domain.vocab import SUPPORTED_LOCALES

# Every space a person or CLDR may put between digit groups: ordinary, no-break, narrow
# no-break, thin.
SPACES = " \u00a0\u202f\u2009"
_SPACE_CLASS = "[" + SPACES + "]"


class ParseError(ValueError):
    """Text that cannot be read as a figure. Names the field and the value; ``str()`` is one line.

    ``hint`` tells the person what to write instead (or which locale would read it), so the
    CLI, forms and importers can show it unchanged.
    """

    def __init__(self, message: str, *, field: str, value: object, hint: str = "") -> None:
        self.field = field
        self.value = value
        self.hint = hint
        line = f"{field} {shown(value)}: {message}" + (f" (hint: {hint})" if hint else "")
        super().__init__(" ".join(line.split()))


def shown(value: object) -> str:
    """``value`` as a message shows it to a person: text quoted (with hidden characters
    escaped, so "\\x00" is visible), dates as ISO dates and numbers as plain decimals, never
    a Python repr such as ``datetime.date(2023, 1, 10)`` or ``None``."""
    if value is None:
        return "(empty)"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f") if value.is_finite() else str(value)
    if isinstance(value, str):
        return repr(value)
    return str(value)


@dataclass(frozen=True)
class NumberFormat:
    """One locale's digit grammar, compiled once."""

    locale: str
    decimal: str
    group: str  # the CLDR group symbol, or " " when the locale groups with a space
    pattern: re.Pattern[str]


def _space_grouped(symbol: str) -> bool:
    return symbol.isspace() or symbol in SPACES


@cache
def number_format(locale: str) -> NumberFormat:
    """The strict number grammar of ``locale`` (any babel locale; cached)."""
    try:
        Locale.parse(locale)
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise ParseError(
            "unknown locale", field="locale", value=locale, hint="use one of en, de, fr, uk"
        ) from exc
    decimal = get_decimal_symbol(locale)
    group = get_group_symbol(locale)
    group_re = _SPACE_CLASS if _space_grouped(group) else re.escape(group)
    decimal_re = re.escape(decimal)
    pattern = re.compile(
        rf"-?(?:[0-9]{{1,3}}(?:{group_re}[0-9]{{3}})+|[0-9]+)(?:{decimal_re}[0-9]+)?"
    )
    return NumberFormat(locale, decimal, " " if _space_grouped(group) else group, pattern)


def _other_reading(text: str, locale: str) -> str:
    """A hint naming the supported locale that would read ``text``, if any."""
    for other in SUPPORTED_LOCALES:
        if other != locale and number_format(other).pattern.fullmatch(text):
            value = _to_decimal(text, number_format(other))
            return f"it reads as {value} in locale {other}; pass that locale if it is meant"
    fmt = number_format(locale)
    group = "a space" if fmt.group == " " else repr(fmt.group)
    return (
        f"in {locale} the decimal mark is {fmt.decimal!r} and digits are grouped in threes "
        f"with {group}"
    )


def _to_decimal(text: str, fmt: NumberFormat) -> Decimal:
    plain = text
    if fmt.group == " ":
        for space in SPACES:
            plain = plain.replace(space, "")
    else:
        plain = plain.replace(fmt.group, "")
    if fmt.decimal != ".":
        plain = plain.replace(fmt.decimal, ".")
    return Decimal(plain)


def parse_decimal(text: str, locale: str = "en", *, field: str = "number") -> Decimal:
    """Read a plain number written in ``locale``; refuse anything ambiguous or malformed.

    Only digits, the locale's group separator and decimal mark (and a leading minus) are
    accepted; scale words ("million") belong to :func:`tracker.domain.parsing.parse_number`.
    """
    fmt = number_format(locale)
    stripped = text.strip(SPACES + "\t\n") if isinstance(text, str) else text
    if not isinstance(stripped, str) or not stripped:
        raise ParseError("no number given", field=field, value=text)
    if (digit := foreign_digit(stripped)) is not None:
        raise ParseError(f"{digit} is not one of the digits 0-9", field=field, value=text)
    if fmt.pattern.fullmatch(stripped) is None:
        raise ParseError(
            f"not a well-formed number in locale {locale}",
            field=field,
            value=text,
            hint=_other_reading(stripped, locale),
        )
    return _to_decimal(stripped, fmt)


def plain(value: Decimal) -> Decimal:
    """``value`` without exponent or trailing zeros: 1.5E+6 -> 1500000, 2.50 -> 2.5.

    Scaling by powers of ten leaves exponents that print as "1.5E+6"; figures are shown and
    exported as plain decimal strings, so results are normalised here once.
    """
    text = format(value, "f")  # exact: no rounding to the context's precision
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return Decimal(text)
