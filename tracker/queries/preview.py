"""Live previews of what a form will record."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from tracker.domain.parsing import ParsedMoney, ParsedQuantity


def figure_preview(
    session: Session,
    figure: ParsedMoney | ParsedQuantity,
    *,
    on: date,
    currency: str,
    locale: str = "en",
) -> str:
    """How a typed figure was read, for the line under a form's input: "€1.4bn -> 1,400,000,000
    EUR = 1,528,xxx,xxx USD at the ECB rate of 1 Mar 2024". Money is converted into
    ``currency`` (or, when already in it, into EUR/USD) at the rate of ``on``; a figure that
    cannot be converted says why instead."""
    from tracker.domain import display
    from tracker.domain.fx import FxError, convert
    from tracker.domain.money import Money
    from tracker.domain.units import unit_label

    if isinstance(figure, ParsedQuantity):
        low = None if figure.value is None else display.format_number(figure.value, locale)
        high = None if figure.high is None else display.format_number(figure.high, locale)
        shown = display.format_hedged(low, figure.qualifier, high, locale)
        count = figure.high or figure.value or 0
        read = f"{shown} {unit_label(figure.unit, count)}" if figure.unit else shown
        return _with_note(f"{figure.stated} -> {read}", figure.note)
    if figure.amount is None or figure.currency is None:
        return _with_note(
            f"{figure.stated} -> " + display.format_hedged(None, "undisclosed", locale=locale),
            figure.note,
        )
    low = display.format_number(figure.amount, locale)
    high = None if figure.high is None else display.format_number(figure.high, locale)
    read = f"{figure.stated} -> {display.format_hedged(low, figure.qualifier, high, locale)} "
    read += figure.currency
    target = currency if currency != figure.currency else ("USD" if currency == "EUR" else "EUR")
    try:
        converted = convert(session, Money(figure.amount, figure.currency), target, on)
    except FxError as exc:
        return _with_note(f"{read} (not converted to {target}: {exc})", figure.note)
    rate_day = display.format_day(converted.rate_date, locale)
    read += (
        f" = {display.format_number(converted.amount, locale)} {target} "
        f"at the {converted.provider} rate of {rate_day}"
    )
    if converted.stale:
        read += " (the latest rate known; none published for that date yet)"
    return _with_note(read, figure.note)


def _with_note(text: str, note: str) -> str:
    return f"{text} ({note})" if note else text
