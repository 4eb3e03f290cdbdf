"""The headline of a view: pledged, allocated, delivered and outstanding value, each the money
reported as such plus in-kind aid valued at catalogue reference prices, with the split and
the price basis on hover and in a footnote, so an estimate is never mistaken for a report."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import streamlit as st

from dashboards.widgets.ui_common import Context, note
from tracker.i18n import gettext as _
from tracker.i18n import ngettext
from tracker.ledger import BalanceRow
from tracker.queries.provenance import PriceBasis

SHOWN_PRICES = 4  # reference prices named in the footnote; the rest are counted


def split_text(ctx: Context, reported: Decimal, estimated: Decimal) -> str:
    fmt = ctx.fmt
    return _(
        "{reported} reported as money + {estimated} estimated in kind "
        "(quantities × catalogue reference prices)"
    ).format(reported=fmt.money(reported), estimated=fmt.money(estimated))


def stage_metrics(ctx: Context, total: BalanceRow, basis: Sequence[PriceBasis]) -> None:
    """Six metric cards and a footnote for ``total`` (a money-only balance row)."""
    fmt = ctx.fmt
    stages = (
        (_("Pledged"), total.pledged_value, total.pledged_estimated_value),
        (_("Allocated"), total.allocated_value, total.allocated_estimated_value),
        (_("Delivered"), total.delivered_value, total.delivered_estimated_value),
    )
    # Two rows of three: a compact amount ("€107.5B", "107,5 млрд €") needs a third of the
    # page's width to show whole.
    for card, (label, reported, estimated) in zip(st.columns(3), stages, strict=True):
        card.metric(
            label,
            fmt.compact(reported + estimated),
            help=split_text(ctx, reported, estimated),
            border=True,
        )
    cards = st.columns(3)
    cards[0].metric(
        _("Outstanding"),
        fmt.compact(total.outstanding_total_value),
        help=_("Pledged minus delivered minus cancelled value, in-kind estimates included."),
        border=True,
    )
    cards[1].metric(
        _("Delivered share"),
        fmt.share(total.delivered_value_share),
        help=_("Delivered over pledged value, in-kind estimates included on both sides."),
        border=True,
    )
    cards[2].metric(
        _("Undisclosed packages"),
        fmt.number(total.undisclosed_count),
        help=_("Packages whose value or contents are secret: counted, never valued."),
        border=True,
    )
    note(footnote(ctx, total, basis))


def footnote(ctx: Context, total: BalanceRow, basis: Sequence[PriceBasis]) -> str:
    """What the cards add up: reported money and estimates apart, the delivered share by
    value, and the reference prices the estimates use (name, price, year)."""
    fmt = ctx.fmt
    text = _(
        "Delivered: {delivered} reported as money and {delivered_est} estimated for "
        "deliveries in kind; allocated: {allocated} reported and {allocated_est} estimated. "
        "Delivered share by value (estimates included): {share}."
    ).format(
        delivered=fmt.money(total.delivered_value),
        delivered_est=fmt.money(total.delivered_estimated_value),
        allocated=fmt.money(total.allocated_value),
        allocated_est=fmt.money(total.allocated_estimated_value),
        share=fmt.share(total.delivered_value_share),
    )
    text += " " + ngettext("{n} entry.", "{n} entries.", total.entry_count).format(
        n=fmt.number(total.entry_count)
    )
    if basis:
        prices = [
            _("{equipment} {price} per {unit}").format(
                equipment=b.equipment,
                price=fmt.money(b.price, b.currency),
                unit=fmt.unit(b.unit, 1),
            )
            + (f" ({b.year})" if b.year else "")
            for b in basis[:SHOWN_PRICES]
        ]
        more = len(basis) - SHOWN_PRICES
        text += " " + _("Estimates use catalogue reference prices:") + " " + "; ".join(prices)
        if more > 0:
            text += "; " + ngettext("and {n} more.", "and {n} more.", more).format(n=more)
        else:
            text += "."
    else:
        text += " " + _("No in-kind entry in this view has a catalogue reference price.")
    return text
