"""What the parser returns: a quantity or an amount of money, with the text it was read from
and a note of every rule applied, so a reviewer can check the reading against the source."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tracker.domain.money import Money


@dataclass(frozen=True)
class ParsedQuantity:
    """A count or physical amount as read from text; ``value`` is None only when undisclosed.

    For a range, ``value`` is the low end and ``high`` the high end. ``calibre_mm`` keeps a
    calibre stated beside the count ("155 mm"), which is a property of the thing, not a count.
    """

    value: Decimal | None
    high: Decimal | None
    unit: str | None
    qualifier: str
    stated: str
    calibre_mm: Decimal | None
    note: str

    def as_json(self) -> dict[str, str | None]:
        """The object ``tracker parse --json`` prints (numbers as decimal strings)."""
        return _json("quantity", self, low=self.value, quantity=self.value, unit=self.unit)


@dataclass(frozen=True)
class ParsedMoney:
    """An amount of money as read from text; ``amount`` is None only when undisclosed.

    ``currency_rule`` says how the currency was chosen (ISO code, symbol, the default for a
    bare "$", the donor's currency). ``converted`` is a conversion the source itself stated,
    e.g. the "$11.8 bln" in "11 billion euros ($11.8 bln)"; it is kept apart, never mixed in.
    """

    amount: Decimal | None
    high: Decimal | None
    currency: str | None
    qualifier: str
    stated: str
    currency_rule: str
    converted: Money | None
    note: str

    def as_json(self) -> dict[str, str | None]:
        """The object ``tracker parse --json`` prints (numbers as decimal strings)."""
        return _json("money", self, low=self.amount, amount=self.amount, currency=self.currency)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _json(
    kind: str,
    figure: ParsedQuantity | ParsedMoney,
    *,
    low: Decimal | None,
    amount: Decimal | None = None,
    currency: str | None = None,
    quantity: Decimal | None = None,
    unit: str | None = None,
) -> dict[str, str | None]:
    """One JSON shape for both kinds: the other kind's keys are null."""
    qualifier, high = figure.qualifier, figure.high
    is_range = qualifier == "range"
    return {
        "kind": kind,
        "amount": _text(amount),
        "currency": currency,
        "quantity": _text(quantity),
        "unit": unit,
        "qualifier": None if qualifier == "exact" else qualifier,
        "low": _text(low) if is_range else None,
        "high": _text(high) if is_range else None,
        "note": figure.note,
    }
