"""Human text -> exact figures: quantities, money and the hedges around them.

Researchers paste figures the way news prints them ("about 300,000 155 mm shells", "€1.4bn",
"11 billion euros ($11.8 bln)", "1,5 Mrd. €"). This package reads one figure per text into
:class:`ParsedQuantity` or :class:`ParsedMoney`, keeping the stated text and explaining in
``note`` every rule it applied (which currency a bare "$" became, which calibre it set aside).
Anything it cannot read for certain raises :class:`ParseError` naming the field and the
value: ambiguous figures are refused, never guessed. A figure is read whole or refused: text
glued to it ("1e5", "1/2", "€1.4bnbn") or a hidden character anywhere is an error, never a
shorter number.

One job per module: :mod:`.lexicon` (the words), :mod:`.grammar` (the words compiled into
patterns), :mod:`.scanner` (hedge, figure, range), :mod:`.money` and :mod:`.quantity` (what
follows the figure), :mod:`.results` (what is returned), :mod:`.dates` (an article's dateline).

The grammar of one figure is::

    [hedge] [currency] number [scale words] [currency] [range separator figure]
            [trailing hedge] [(stated conversion)] [unit / model words ...]

Numbers are strict per locale (:mod:`tracker.domain.numbers`); scale words are per locale too,
because "billion" is 10^9 in English but 10^12 in German and French. Unit words resolve
through plain dicts built from ``units.txt`` (:func:`tracker.domain.units.lookup_unit`), so the hot
path never calls pint; a single parse stays well under 50 microseconds.
"""

from __future__ import annotations

from tracker.domain.numbers import ParseError
from tracker.domain.parsing.dates import find_dateline
from tracker.domain.parsing.money import money_from_scan, parse_money
from tracker.domain.parsing.quantity import parse_quantity, quantity_from_scan, unit_from_tail
from tracker.domain.parsing.results import ParsedMoney, ParsedQuantity
from tracker.domain.parsing.scanner import parse_number, parse_qualifier, scan_figure
from tracker.domain.vocab import QUALIFIERS

__all__ = [
    "QUALIFIERS",
    "ParseError",
    "ParsedMoney",
    "ParsedQuantity",
    "find_dateline",
    "parse",
    "parse_money",
    "parse_number",
    "parse_qualifier",
    "parse_quantity",
]


def parse(
    text: str, locale: str = "en", donor_currency: str | None = None, *, strict: bool = False
) -> ParsedMoney | ParsedQuantity:
    """Money when the figure carries a currency mark, a quantity otherwise.

    An undisclosed figure is a quantity when a unit is named ("an undisclosed number of
    tanks"), money otherwise ("value undisclosed"). ``strict`` (a figure typed on its own, as
    in a form or ``tracker parse``) refuses an unknown word where the unit belongs ("1.4
    bilion EUR") instead of reading a bare number and dropping the rest.
    """
    scan = scan_figure(text, locale)
    if scan.currencies:
        return money_from_scan(scan, locale, donor_currency)
    if scan.qualifier == "undisclosed" and unit_from_tail(scan.tail)[0] is None:
        return money_from_scan(scan, locale, donor_currency)
    return quantity_from_scan(scan, None, strict)
