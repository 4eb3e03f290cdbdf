"""The headline of a view: pledged, allocated, delivered and outstanding value, each the money
reported as such plus in-kind aid valued at catalogue reference prices, with the split and
the price basis on hover and in a footnote, so an estimate is never mistaken for a report."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import streamlit as st

from dashboards.widgets.ui_common import Context, note
from tracker.ledger import BalanceRow
from tracker.queries.provenance import PriceBasis

SHOWN_PRICES = 4  # reference prices named in the footnote; the rest are counted


def split_text(ctx: Context, reported: Decimal, estimated: Decimal) -> str:
    fmt = ctx.fmt
    return (
        f"{fmt.money(reported)} reported as money + {fmt.money(estimated)} estimated in kind "
        "(quantities × catalogue reference prices)"
    )


def stage_metrics(ctx: Context, total: BalanceRow, basis: Sequence[PriceBasis]) -> None:
    """Six metric cards and a footnote for ``total`` (a money-only balance row)."""
    fmt = ctx.fmt
    stages = (
        ("Pledged", total.pledged_value, total.pledged_estimated_value),
        ("Allocated", total.allocated_value, total.allocated_estimated_value),
        ("Delivered", total.delivered_value, total.delivered_estimated_value),
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
        "Outstanding",
        fmt.compact(total.outstanding_total_value),
        help="Pledged minus delivered minus cancelled value, in-kind estimates included.",
        border=True,
    )
    cards[1].metric(
        "Delivered share",
        fmt.share(total.delivered_value_share),
        help="Delivered over pledged value, in-kind estimates included on both sides.",
        border=True,
    )
    cards[2].metric(
        "Undisclosed packages",
        fmt.number(total.undisclosed_count),
        help="Packages whose value or contents are secret: counted, never valued.",
        border=True,
    )
    note(footnote(ctx, total, basis))


def footnote(ctx: Context, total: BalanceRow, basis: Sequence[PriceBasis]) -> str:
    """What the cards add up: reported money and estimates apart, the delivered share by
    value, and the reference prices the estimates use (name, price, year)."""
    fmt = ctx.fmt
    text = (
        f"Delivered: {fmt.money(total.delivered_value)} reported as money and "
        f"{fmt.money(total.delivered_estimated_value)} estimated for deliveries in kind; "
        f"allocated: {fmt.money(total.allocated_value)} reported and "
        f"{fmt.money(total.allocated_estimated_value)} estimated. Delivered share by value "
        f"(estimates included): {fmt.share(total.delivered_value_share)}. "
        f"Entries: {fmt.number(total.entry_count)}."
    )
    if basis:
        prices = [
            f"{b.equipment} {fmt.money(b.price, b.currency)} per {b.unit}"
            + (f" ({b.year})" if b.year else "")
            for b in basis[:SHOWN_PRICES]
        ]
        more = len(basis) - SHOWN_PRICES
        text += " Estimates use catalogue reference prices: " + "; ".join(prices)
        text += f"; and {more} more." if more > 0 else "."
    else:
        text += " No in-kind entry in this view has a catalogue reference price."
    return text
