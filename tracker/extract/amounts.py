"""How money words are taken apart: the currency mark of a money text, a figure all locales
read alike, and a sum written in two scales ("$1 billion 230 million").

Pure functions on strings, kept apart from the token reader in :mod:`tracker.extract.figures`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from tracker.domain.numbers import ParseError, parse_decimal
from tracker.domain.vocab import SUPPORTED_LOCALES
from tracker.extract import lexicon as lex

# Scale words from small to large, to read a sum written in two of them.
_SCALE_ORDER = {"thousand": 1, "million": 2, "billion": 3, "trillion": 4}
_MARKS = "$€£¥"


def currency_mark(money_text: str) -> str:
    """The currency part of a money text ("€", "NOK", "euros"), reused for a bare figure."""
    words = money_text.split()
    if words[-1].lower() in lex.CURRENCY_WORDS.values() or words[-1] in lex.ISO_WORDS:
        return words[-1]
    mark = re.match(r"[^\d\s]+", words[0])
    if mark is not None and mark.group().lower() not in HEDGE_WORDS:
        return mark.group()
    return words[-1]


HEDGE_WORDS = frozenset(
    {"about", "around", "some", "over", "nearly", "almost", "up", "more", "than", "least"}
)


def only_reading(digits: str) -> Decimal | None:
    """The value of ``digits`` when all supported locales that read them agree."""
    readings = set()
    for locale in SUPPORTED_LOCALES:
        try:
            readings.add(parse_decimal(digits, locale))
        except ParseError:
            continue
    return readings.pop() if len(readings) == 1 else None


def two_scale_sum(
    text: str, tail: Decimal, smaller: str, read: Callable[[str], Decimal | None]
) -> str | None:
    """ "$1 billion" followed by "230 million": the money text of the sum ("$1230 million"),
    or None when ``smaller`` is not a smaller scale than the one ``text`` ends with or its
    number cannot be read (``read`` reads a number in the reader's locale)."""
    words = text.split()
    scale = words[-1].lower() if words else ""
    if scale not in _SCALE_ORDER or _SCALE_ORDER.get(smaller, 99) >= _SCALE_ORDER[scale]:
        return None
    head = read(" ".join(words[:-1]).lstrip(_MARKS))
    if head is None:
        return None
    total = head * Decimal(1000) ** (_SCALE_ORDER[scale] - _SCALE_ORDER[smaller]) + tail
    mark = text[: len(text) - len(text.lstrip(_MARKS))]
    return f"{mark}{format(total.normalize(), 'f')} {smaller}"


_SCALES = "|".join(sorted(lex.SCALE_WORDS, key=len, reverse=True))
_CURRENCY_WORDS = "|".join(sorted(lex.CURRENCY_WORDS, key=len, reverse=True))
_CODES = "|".join(f"(?<={code})" for code in sorted(lex.ISO_WORDS))
_HYPHENATED_MONEY_RE = re.compile(
    rf"(?<=[\w$€£])-(?=(?:{_SCALES})\b)|\b((?:{_SCALES}))-(?=(?:{_CURRENCY_WORDS})\b)"
    # "£3 billion-a-year support": the rate after the scale is no part of the number.
    rf"|\b((?:{_SCALES}))-(?=(?:a|per)-(?:year|month|week|day)\b)"
    rf"|\b((?:{_SCALES}))-(?=worth\b)"  # "£520 million-worth of donations"
    rf"|(?:{_CODES})-(?=\d)",  # "a GBP-300-million contract"
    re.IGNORECASE,
)


_ARTICLE_GAP_RE = re.compile(
    rf"\ba\s+(?:new|fresh|further|additional|separate)\s+(?=(?:{_SCALES})\s+(?:{_CURRENCY_WORDS})\b)",
    re.IGNORECASE,
)
_FRACTIONS = {"half": "0.5", "quarter": "0.25", "quarters": "0.75"}
_FRACTION_RE = re.compile(
    rf"\b(?:(half)(?:\s+an?)?|an?\s+(quarter)(?:\s+of\s+an?)?|three\s+(quarters)\s+of\s+an?)"
    rf"(?=\s+(?:{_SCALES})\b)",
    re.IGNORECASE,
)


def readable_money(text: str) -> str:
    """``text`` with money words the figure reader could not take apart rewritten in place:
    the hyphens of compound money made spaces ("a three-million-dollar grant", "a
    1.5-billion-krone package", "$400-million") and a fraction of a scale made a number
    ("half a billion euros", "a quarter of a billion pounds", "a quarter-million rounds").
    Same length, so offsets into ``text`` stay valid."""
    text = _HYPHENATED_MONEY_RE.sub(
        lambda m: (m.group(1) or m.group(2) or m.group(3) or "") + " ", text
    )
    # "a new billion-euro package": the article counts the scale, so it moves next to it.
    text = _ARTICLE_GAP_RE.sub(lambda m: "a ".rjust(len(m.group())), text)

    def number(match: re.Match[str]) -> str:
        word = next(g for g in match.groups() if g).lower()
        return _FRACTIONS[word].ljust(len(match.group()))

    return _FRACTION_RE.sub(number, text)
