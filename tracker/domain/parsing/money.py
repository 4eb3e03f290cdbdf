"""Amounts of money: which currency a mark stands for, and a conversion the source stated."""

from __future__ import annotations

from tracker.domain.money import Money, check_currency
from tracker.domain.numbers import ParseError
from tracker.domain.parsing.grammar import CONVERSION_RE
from tracker.domain.parsing.lexicon import AMBIGUOUS_CURRENCIES
from tracker.domain.parsing.results import ParsedMoney
from tracker.domain.parsing.scanner import Mark, Scan, currency_at, scan_figure


def _resolve_mark(mark: Mark, donor_currency: str | None, text: str) -> tuple[str, str]:
    """(ISO code, the rule that chose it) for one currency mark."""
    if mark.code not in AMBIGUOUS_CURRENCIES:
        return mark.code, f"stated as '{mark.written}'"
    default, candidates = AMBIGUOUS_CURRENCIES[mark.code]
    if donor_currency in candidates:
        return donor_currency, f"'{mark.written}' read as {donor_currency}, the donor's currency"
    if default is not None:
        return (
            default,
            f"'{mark.written}' read as {default} by default (no donor currency says otherwise)",
        )
    raise ParseError(
        f"'{mark.written}' is ambiguous ({', '.join(candidates)})",
        field="currency",
        value=text,
        hint="write the ISO code ('NOK 10 billion') or give the donor's currency",
    )


def _resolve_currency(
    marks: list[Mark], donor_currency: str | None, text: str
) -> tuple[str | None, str]:
    """(ISO code, rule used) for the marks of one figure; refuses conflicts and 'kr' alone."""
    if donor_currency is not None:
        check_currency(donor_currency, field="donor_currency")
    if not marks:
        return None, "no currency stated"
    # A code stated beside an ambiguous mark says which one it is: "$910 million USD".
    stated = {mark.code for mark in marks if mark.code not in AMBIGUOUS_CURRENCIES}
    resolved = [
        (only, f"'{mark.written}' read as {only}, the code stated beside it")
        if mark.code in AMBIGUOUS_CURRENCIES
        and len(stated) == 1
        and (only := next(iter(stated))) in AMBIGUOUS_CURRENCIES[mark.code][1]
        else _resolve_mark(mark, donor_currency, text)
        for mark in marks
    ]
    codes = list(dict.fromkeys(code for code, _rule in resolved))
    if len(codes) > 1:
        raise ParseError(f"conflicting currencies {', '.join(codes)}", field="currency", value=text)
    # Report a defaulting rule over a plain "stated" one: it is the one a reader must check.
    rules = [rule for _code, rule in resolved]
    return codes[0], next((r for r in rules if not r.startswith("stated")), rules[0])


def _stated_conversion(tail: str, locale: str) -> tuple[Money | None, str]:
    """A conversion the source printed right after the figure, in parentheses."""
    match = CONVERSION_RE.match(tail)
    if match is None:
        return None, tail
    try:
        inner = parse_money(match.group(1), locale)
    except ParseError:
        return None, tail
    if inner.amount is None or inner.currency is None:
        return None, tail
    return Money(inner.amount, inner.currency), tail[match.end() :]


def money_from_scan(scan: Scan, locale: str, donor_currency: str | None) -> ParsedMoney:
    notes = list(scan.notes)
    marks = scan.currencies
    if scan.qualifier == "undisclosed":
        marks = [m for m in (_currency_in(scan.text),) if m]
    currency, rule = _resolve_currency(marks, donor_currency, scan.stated)
    if currency is None and scan.qualifier != "undisclosed":
        raise ParseError(
            "no currency stated",
            field="currency",
            value=scan.stated,
            hint="write it: '€1.4bn', '1.5 billion euros', 'NOK 10 billion'",
        )
    converted, _rest = _stated_conversion(scan.tail, locale)
    if converted is not None:
        notes.append(f"stated conversion {converted} kept apart")
    if not rule.startswith("stated"):
        notes.append(rule)
    return ParsedMoney(
        scan.value,
        scan.high,
        currency,
        scan.qualifier,
        scan.stated,
        rule,
        converted,
        "; ".join(notes),
    )


def _currency_in(text: str) -> Mark | None:
    """The first currency mark anywhere in ``text`` (for "an undisclosed sum in euros")."""
    for pos in range(len(text)):
        if pos == 0 or not text[pos - 1].isalpha():
            mark, _end = currency_at(text, pos)
            if mark:
                return mark
    return None


def parse_money(text: str, locale: str = "en", donor_currency: str | None = None) -> ParsedMoney:
    """Read an amount of money: "$725m", "€1.4bn", "NOK 10 billion", "1,5 Mrd. €" (de).

    A bare "$" is USD unless ``donor_currency`` is a dollar currency; "kr" needs the donor's
    currency to be read at all. The rule applied is returned in ``currency_rule``.
    """
    return money_from_scan(scan_figure(text, locale), locale, donor_currency)
