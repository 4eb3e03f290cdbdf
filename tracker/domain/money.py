"""Money: an exact Decimal amount with its ISO 4217 currency code.

Why a value type instead of (float, str) pairs: a float cannot hold 0.1 or 725,000,000.01
exactly, and an amount without its currency invites adding euros to dollars. Money refuses
floats, refuses unknown currency codes, and refuses arithmetic across currencies; converting
between currencies is :mod:`tracker.domain.fx`'s job, with a dated rate.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from babel.numbers import list_currencies

from tracker.domain.numbers import ParseError

# ISO 4217 codes that are not money anyone pledges: no currency (XXX), the testing code
# (XTS), precious metals (XAU, XAG, XPT, XPD) and European bond-market units (XBA-XBD),
# plus the settlement units XSU, XUA, XFO, XFU and XRE. The IMF's SDR (XDR) and the CFA
# and Pacific francs (XOF, XAF, XPF) and the East Caribbean dollar (XCD) are money and stay.
NOT_MONEY = frozenset(
    {"XXX", "XTS", "XAU", "XAG", "XPT", "XPD", "XBA", "XBB", "XBC", "XBD"}
    | {"XSU", "XUA", "XFO", "XFU", "XRE"}
)


@cache
def iso_currencies() -> frozenset[str]:
    """Every ISO 4217 currency CLDR (through babel) knows, including historic ones (DEM,
    FRF), without the codes that are not money (:data:`NOT_MONEY`)."""
    return frozenset(list_currencies()) - NOT_MONEY


def check_currency(code: object, *, field: str = "currency") -> str:
    """``code`` if it is an ISO 4217 code written in capitals; :class:`ParseError` otherwise."""
    if not isinstance(code, str) or code not in iso_currencies():
        hint = ""
        if isinstance(code, str) and code.upper() in iso_currencies():
            hint = f"write it in capitals: {code.upper()}"
        raise ParseError("not an ISO 4217 currency code", field=field, value=code, hint=hint)
    return code


@dataclass(frozen=True)
class Money:
    """An exact amount of one currency. Integers are accepted and stored as Decimal."""

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        amount = self.amount
        if isinstance(amount, bool) or not isinstance(amount, Decimal | int):
            raise ParseError(
                "money amounts must be Decimal (floats cannot hold money exactly)",
                field="amount",
                value=amount,
            )
        amount = Decimal(amount)
        if not amount.is_finite():
            raise ParseError("money amounts must be finite", field="amount", value=amount)
        object.__setattr__(self, "amount", amount)
        check_currency(self.currency)

    def _same_currency(self, other: Money) -> None:
        if other.currency != self.currency:
            raise ParseError(
                f"cannot combine {self.currency} with {other.currency} without an exchange rate",
                field="currency",
                value=other.currency,
                hint="convert one side with tracker.domain.fx.convert first",
            )

    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other)
        return Money(self.amount - other.amount, self.currency)

    def __str__(self) -> str:
        """Plain, locale-free form ("725000000 USD") for logs and CSV; UIs use
        tracker.domain.display."""
        return f"{format(self.amount, 'f')} {self.currency}"
