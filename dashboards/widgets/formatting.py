"""The page's figures as text in the reader's locale and base currency.

Every number a page shows goes through :mod:`tracker.domain.display` (babel/CLDR), so a figure on
screen reads exactly like the same figure in an export. :class:`Formatter` only binds the
locale and base currency of the current view, and turns "no figure" into an honest word
instead of a zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import pandas as pd
from babel import Locale

from tracker.domain import display
from tracker.domain.money import Money
from tracker.i18n import N_, gettext
from tracker.io.export_labels import header

# Column keys of the dashboards' own tables that the export headers do not cover (the export
# headers, shared with the briefing files, are in tracker.io.export_labels).
PAGE_LABELS = {
    "donor_label": N_("Donor"),
    "gdp": N_("GDP"),
    "gdp_year": N_("GDP year"),
    "pledged_share_gdp": N_("Pledged, share of GDP"),
    "delivered_share_gdp": N_("Delivered, share of GDP"),
    "gdp_source": N_("GDP source"),
    "link": N_("Details"),
    "entries_link": N_("Entries behind"),
    "kind": N_("Warning"),
    "message": N_("What was found"),
    "entry": N_("Entry"),
    "source": N_("Source"),
    "published": N_("Published"),
    "entries": N_("Entries citing it"),
    "first_event": N_("First event"),
    "last_event": N_("Last event"),
    "family": N_("Family"),
    "category": N_("Category"),
    "statement": N_("Claim"),
    "quantity_text": N_("Figure"),
    "claimed_by": N_("Claimed by"),
    "figure": N_("Figure"),
    "delivered_value_share": N_("Delivered share by value (estimates included)"),
    "outstanding_total_value": N_("Outstanding value, estimates included"),
}


# "term": a vocabulary value shown in the reader's words; "donor": a donor code shown as the
# donor's name in the locale (the row's ``donor_name`` where CLDR and the catalogs have none).
COLUMN_KINDS = (
    "text",
    "term",
    "donor",
    "money",
    "amount",
    "number",
    "quantity",
    "share",
    "date",
    "bool",
)


@dataclass(frozen=True)
class Col:
    """One column of an on-screen table: the row key, how to write it and its header.

    ``money`` is a value in the view's base currency; ``amount`` is in the currency named by
    the row's ``unit`` key, ``quantity`` in the unit named there; ``hedge`` names the row's
    qualifier key, so "about 300,000" keeps its "about"."""

    key: str
    kind: str = "text"
    label: str | None = None
    unit: str | None = None
    hedge: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in COLUMN_KINDS:
            raise ValueError(f"column {self.key!r}: unknown kind {self.kind!r}")


@dataclass(frozen=True)
class Formatter:
    """Formats figures for one locale, with ``currency`` as the base currency of values."""

    locale: str
    currency: str

    def money(self, value: Decimal | None, currency: str | None = None) -> str:
        """A full amount ("€1,400.00", "1.400,00 €"); an em dash when there is none."""
        if value is None:
            return "—"
        return display.format_money(Money(value, currency or self.currency), self.locale)

    def compact(self, value: Decimal | None, currency: str | None = None) -> str:
        """A headline amount ("€65.2B", "65,2 Mrd. €")."""
        if value is None:
            return "—"
        return display.format_compact_money(Money(value, currency or self.currency), self.locale)

    def number(self, value: Decimal | int | None) -> str:
        return "—" if value is None else display.format_number(value, self.locale)

    def quantity(self, value: Decimal | int | None, unit: str | None) -> str:
        return "—" if value is None else display.format_quantity(value, unit, self.locale)

    def share(self, value: Decimal | float | None, fraction_digits: int = 1) -> str:
        """A share of 0..1 as a percentage; "—" where there is nothing to divide by."""
        if value is None:
            return "—"
        return display.format_share(value, self.locale, fraction_digits)

    def day(self, value: date | None) -> str:
        return "" if value is None else display.format_day(value, self.locale)

    def hedged(self, text: str | None, qualifier: str, high: str | None = None) -> str:
        """A formatted figure with its hedge ("≈ 300,000", "10–12"), or the word for
        undisclosed."""
        return display.format_hedged(text, qualifier, high, locale=self.locale)

    def header(self, key: str, *, money: bool = False) -> str:
        """A column header: the export's translated header, else the page's own label; money
        columns name the base currency."""
        if key in PAGE_LABELS:
            text = gettext(PAGE_LABELS[key], self.locale)
            return f"{text} ({self.currency})" if money else text
        return header(key, self.locale, currency=self.currency if money else None)

    def language_name(self, locale: str | None = None) -> str:
        """The language's own name ("Deutsch", "українська") for the locale picker."""
        return Locale.parse(locale or self.locale).display_name

    def currency_name(self, code: str) -> str:
        """ "USD: US Dollar" in en, "USD: US-Dollar" in de."""
        return f"{code}: {display.currency_name(code, self.locale)}"

    def donor(self, code: str, fallback: str | None = None) -> str:
        """A donor's name in this locale ("Німеччина"); ``fallback`` is the data's name."""
        return display.donor_name(code, self.locale, fallback)

    def term(self, value: str | None) -> str:
        """A vocabulary value in this locale ("militärisch", "livraison")."""
        return display.term(value, self.locale)

    def unit(self, unit: str, value: Decimal | int | None = None) -> str:
        """A unit's word agreeing with ``value`` (its plural without one) in this locale."""
        return display.unit_word(unit, value, self.locale)

    def cell(self, row: Mapping[str, object], col: Col) -> str:
        """The text of ``row``'s value for column ``col``."""
        value = row.get(col.key)
        if col.kind == "text":
            return "" if value is None else str(value)
        if col.kind == "term":
            return self.term(None if value is None else str(value))
        if col.kind == "donor":
            code = str(row.get("donor") or "")
            return self.donor(code, None if value is None else str(value)) if code else ""
        if col.kind == "bool":
            return gettext("yes", self.locale) if value else ""
        if col.kind == "date":
            return self.day(value.date() if isinstance(value, datetime) else value)
        if col.kind == "share":
            return self.share(value)
        if col.kind == "money":
            return self.money(value)
        qualifier = str(row.get(col.hedge) or "exact") if col.hedge else "exact"
        unit = row.get(col.unit) if col.unit else None
        if value is None:
            return self.hedged(None, qualifier) if qualifier == "undisclosed" else ""
        high = row.get(f"{col.key}_high") if qualifier == "range" else None
        if high is None and qualifier == "range":
            qualifier = "exact"  # a range without its upper bound is just its figure
        if col.kind == "amount" and unit:
            low_text = self.money(value, unit)
            high_text = self.money(high, unit) if high is not None else None
            return self.hedged(low_text, qualifier, high_text)
        if col.kind == "quantity" and unit:
            if high is not None:
                span = self.hedged(self.number(value), qualifier, self.number(high))
                return f"{span}\u00a0{self.unit(unit, high)}"
            return self.hedged(self.quantity(value, unit), qualifier)
        high_text = self.number(high) if high is not None else None
        return self.hedged(self.number(value), qualifier, high_text)

    def frame(self, rows: Iterable[Mapping[str, object]], cols: Sequence[Col]) -> pd.DataFrame:
        """A table of formatted text, headed in this locale: what a page shows."""
        headers = [col.label or self.header(col.key, money=col.kind == "money") for col in cols]
        data = [[self.cell(row, col) for col in cols] for row in rows]
        return pd.DataFrame(data, columns=headers)
