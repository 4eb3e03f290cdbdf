"""The front end shared by money and quantities: hedge, figure, range and tail.

:func:`scan_figure` reads ``[hedge] [currency] number [scale words] [currency] [range
separator figure] [trailing hedge]`` and leaves the rest of the text (the unit words or a
stated conversion) as ``tail`` for :mod:`~tracker.domain.parsing.money` and
:mod:`~tracker.domain.parsing.quantity` to finish.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext

from tracker.domain.characters import LAYOUT, foreign_digit, hidden_character
from tracker.domain.money import NOT_MONEY, iso_currencies
from tracker.domain.numbers import ParseError, parse_decimal, plain
from tracker.domain.parsing.grammar import (
    CALIBRE_RE,
    CLOSING_HEDGE_RE,
    CURRENCY_RE,
    DIGITS_RE,
    GLUED_RE,
    HEDGE_TO_QUALIFIER,
    LEADING_HEDGE_RE,
    RANGE_AND_RE,
    RANGE_SEP_RE,
    SPACE_RUN,
    TRAILING_HEDGE_RE,
    UNDISCLOSED_ANY_RE,
    UNDISCLOSED_LEAD_RE,
    UNDISCLOSED_WHAT_RE,
    VAGUE_RE,
    Grammar,
    grammar_for,
)
from tracker.domain.parsing.lexicon import (
    AMBIGUOUS_M,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    TRAILING_HEDGES,
)
from tracker.domain.units import lookup_unit


@dataclass(frozen=True)
class Mark:
    """A currency mark as written ("$", "euros", "NOK") and what it stands for.

    ``code`` is an ISO code, or a key of AMBIGUOUS_CURRENCIES when the mark is shared.
    """

    code: str
    written: str


@dataclass
class _Figure:
    """One number with its scale and currency marks, as found at a position in the text."""

    number: Decimal
    scale: Decimal | None
    currencies: list[Mark]
    end: int
    lone_m: bool

    @property
    def value(self) -> Decimal:
        return self.number if self.scale is None else exact_product(self.number, self.scale)


def exact_product(a: Decimal, b: Decimal) -> Decimal:
    """``a * b`` with every digit kept: the default context rounds to 28 significant digits,
    which would silently change a long figure times "billion"."""
    with localcontext() as context:
        context.prec = len(a.as_tuple().digits) + len(b.as_tuple().digits) + 1
        return a * b


@dataclass
class Scan:
    """What the shared front end found; money and quantity parsing finish from here."""

    stated: str
    text: str
    qualifier: str
    value: Decimal | None
    high: Decimal | None
    currencies: list[Mark]
    tail: str
    calibre_mm: Decimal | None
    lone_m: bool
    notes: list[str]


def _normalise(text: str) -> str:
    return SPACE_RUN.sub(" ", text.replace("’", "'")).strip()


def _word_number(text: str, pos: int, grammar: Grammar) -> tuple[Decimal, int] | None:
    match = grammar.number_re.match(text, pos)
    if match is None:
        return None
    word = match.group(1).casefold()
    if word in grammar.number_words:
        return grammar.number_words[word], match.end()
    tens, ones = word.split("-")
    return grammar.number_words[tens] + grammar.number_words[ones], match.end()


def currency_at(text: str, pos: int) -> tuple[Mark | None, int]:
    match = CURRENCY_RE.match(text, pos)
    if match is None:
        return None, pos
    symbol, code, word = match.groups()
    if code is not None:
        if code in NOT_MONEY:
            raise ParseError("is an ISO 4217 code but not money", field="currency", value=code)
        if code not in iso_currencies():
            return None, pos
        return Mark(code, code), match.end()
    if symbol is not None:
        return Mark(CURRENCY_SYMBOLS[symbol], symbol), match.end()
    return Mark(CURRENCY_WORDS[word.casefold()], word), match.end()


def _figure_at(text: str, pos: int, grammar: Grammar, locale: str) -> _Figure | None:
    """Read ``[currency] number [scales] [currency]`` starting at ``pos``, or None."""
    currencies: list[Mark] = []
    before, pos = currency_at(text, pos)
    if before:
        currencies.append(before)
    start = pos + (1 if text[pos : pos + 1] == " " else 0)
    digits = DIGITS_RE.match(text, start)
    if digits is not None:
        number = parse_decimal(digits.group(), locale)
        pos = digits.end()
    else:
        word = _word_number(text, start, grammar)
        if word is None:
            return None
        number, pos = word
    scale: Decimal | None = None
    lone_m = False
    while (match := grammar.scale_re.match(text, pos)) is not None:
        word = match.group(1)
        scale = exact_product(scale or Decimal(1), grammar.scale(word))
        lone_m = lone_m or word == AMBIGUOUS_M
        pos = match.end()
    after, pos = currency_at(text, pos)
    if after:
        currencies.append(after)
    return _Figure(number, scale, currencies, pos, lone_m)


def _calibre(text: str, notes: list[str]) -> tuple[str, Decimal | None]:
    """Set aside a calibre ("155 mm", "155mm", "5,56 mm") so its digits are not a count."""
    found = list(CALIBRE_RE.finditer(text))
    if not found:
        return text, None
    if len(found) > 1:
        raise ParseError(
            "more than one calibre in one figure",
            field="calibre",
            value=text,
            hint="enter each calibre as its own item",
        )
    match = found[0]
    # Calibres are small numbers with no digit groups, so either decimal mark is unambiguous.
    calibre = Decimal(match.group(1).replace(",", "."))
    notes.append(f"calibre {plain(calibre)} mm set aside")
    return text[: match.start()] + text[match.end() :], plain(calibre)


def parse_qualifier(text: str) -> tuple[str, str]:
    """(qualifier, the text with the hedge removed): "about 300,000" -> ("about", "300,000").

    "between"/"from" give "range" (the figure parser then needs two ends). A text that says
    the figure is undisclosed, classified or unknown gives "undisclosed": a state, not zero.
    """
    body = _normalise(_checked_text(text, "figure"))
    undisclosed = UNDISCLOSED_LEAD_RE.match(body)
    if undisclosed is not None:
        return "undisclosed", body[undisclosed.end() :].strip()
    if not any(ch.isdigit() for ch in body) and UNDISCLOSED_ANY_RE.search(body):
        return "undisclosed", body
    qualifier = "exact"
    while (match := LEADING_HEDGE_RE.match(body)) is not None:
        found = HEDGE_TO_QUALIFIER[match.group(1).casefold()]
        if qualifier not in ("exact", found):
            raise ParseError("contradictory hedges", field="qualifier", value=text)
        qualifier = found
        body = body[match.end() :]
    return qualifier, body


def _checked_text(text: object, field: str) -> str:
    """``text`` if it is a string free of hidden characters and of digits outside 0-9."""
    if not isinstance(text, str):
        raise ParseError("expected text", field=field, value=text)
    if (hidden := hidden_character(text, allow=LAYOUT)) is not None:
        raise ParseError(f"holds the hidden character {hidden}", field=field, value=text)
    if (digit := foreign_digit(text)) is not None:
        raise ParseError(f"{digit} is not one of the digits 0-9", field=field, value=text)
    return text


# What may touch the end of a figure: a space, punctuation that closes or separates, a full
# stop that ends the sentence, or a hyphen joining a word ("10-ton").
_CLOSERS = frozenset(",;:()[]!?\"'«»“”")


def _check_whole(body: str, end: int, stated: str) -> None:
    """Refuse text glued to the end of a figure ("1e5", "1/2", "1..2", "€1.4bnbn"): the figure
    would otherwise be read as its first digits. A unit written against the number ("10t",
    "5kg") is the one word allowed to touch it."""
    rest = body[end:]
    if not rest or rest[0] == " " or rest[0] in _CLOSERS:
        return
    if rest[0] == "." and rest[1:2] in ("", " "):
        return
    if rest[0] in "-–—" and rest[1:2].isalpha():
        return
    glued = GLUED_RE.match(rest)
    if rest[0].isalpha() and glued is not None and lookup_unit(glued.group().rstrip(".")):
        return
    raise ParseError(
        f"text {rest.split(' ')[0]!r} is glued to the figure",
        field="figure",
        value=stated,
        hint="write the whole figure in digits with a space before the unit, e.g. '100000 tanks'",
    )


def scan_figure(text: str, locale: str) -> Scan:
    notes: list[str] = []
    qualifier, body = parse_qualifier(text)
    body, calibre = _calibre(body, notes)
    body = _normalise(body)
    if qualifier == "undisclosed":
        tail = UNDISCLOSED_WHAT_RE.sub("", body, count=1)
        return Scan(text, body, qualifier, None, None, [], tail, calibre, False, notes)
    # Before the figure: "a few" would otherwise read as the number word "a" (one).
    if VAGUE_RE.match(body) is not None:
        raise ParseError(
            "vague amount, no figure",
            field="figure",
            value=text,
            hint="enter the figure the source gives, or mark it undisclosed",
        )
    grammar = grammar_for(locale)
    first = _figure_at(body, 0, grammar, locale)
    if first is None:
        raise ParseError(
            "no number found at the start",
            field="figure",
            value=text,
            hint="start with the figure: '48 tanks', '$725m', 'about 300,000'",
        )
    value, high, end, currencies = first.value, None, first.end, list(first.currencies)
    separator = RANGE_SEP_RE.match(body, end)
    if separator is None and qualifier == "range":
        separator = RANGE_AND_RE.match(body, end)
    second = _figure_at(body, separator.end(), grammar, locale) if separator else None
    if separator is not None and second is None and not body[separator.end() :][:1].isalpha():
        raise ParseError(
            "the end of the range is not a figure",
            field="range",
            value=text,
            hint="write 'between 10 and 12' or '10-12'",
        )
    if second is not None:
        if second.scale is not None and first.scale is None:
            value = exact_product(
                first.number, second.scale
            )  # "1-2 billion": the scale covers both ends
        elif first.scale is not None and second.scale is None:
            raise ParseError(
                "the two ends of the range have different scales",
                field="range",
                value=text,
                hint="write the scale on both ends or only after the second",
            )
        high, end = second.value, second.end
        currencies += second.currencies
        if value > high:
            raise ParseError("range runs from high to low", field="range", value=text)
        if qualifier not in ("exact", "range"):
            notes.append(f"hedge '{qualifier}' on a range kept as the range")
        qualifier = "range"
    elif qualifier == "range":
        raise ParseError(
            "a range needs two figures",
            field="range",
            value=text,
            hint="write 'between 10 and 12' or '10-12'",
        )
    trailing = TRAILING_HEDGE_RE.match(body, end)
    if trailing is not None and qualifier == "exact":
        qualifier = TRAILING_HEDGES[trailing.group(1).casefold()]
        end = trailing.end()
    _check_whole(body, end, text)
    tail = body[end:]
    closing = CLOSING_HEDGE_RE.search(tail) if qualifier == "exact" else None
    if closing is not None:
        qualifier = TRAILING_HEDGES[closing.group(1).casefold()]
        tail = tail[: closing.start()]
    lone_m = first.lone_m or (second is not None and second.lone_m)
    return Scan(
        text,
        body,
        qualifier,
        plain(value),
        None if high is None else plain(high),
        currencies,
        tail,
        calibre,
        lone_m,
        notes,
    )


# --- public API ----------------------------------------------------------------------------


def parse_number(text: str, locale: str = "en") -> Decimal:
    """A bare number with optional scale words: "1.5 million", "nine", "a dozen", "1.000.000".

    Strict: the whole text must be the number; currencies, units and hedges are refused here.
    """
    body = _normalise(_checked_text(text, "number"))
    figure = _figure_at(body, 0, grammar_for(locale), locale)
    if figure is None or figure.currencies or figure.end != len(body):
        raise ParseError(
            "not a number",
            field="number",
            value=text,
            hint="digits with optional scale words, e.g. '1.5 million'",
        )
    return plain(figure.value)
