"""Human text -> exact figures: quantities, money and the hedges around them.

Researchers paste figures the way news prints them ("about 300,000 155 mm shells", "€1.4bn",
"11 billion euros ($11.8 bln)", "1,5 Mrd. €"). This module reads one figure per text into
:class:`ParsedQuantity` or :class:`ParsedMoney`, keeping the stated text and explaining in
``note`` every rule it applied (which currency a bare "$" became, which calibre it set aside).
Anything it cannot read for certain raises :class:`ParseError` naming the field and the
value: ambiguous figures are refused, never guessed.

The grammar of one figure is::

    [hedge] [currency] number [scale words] [currency] [range separator figure]
            [trailing hedge] [(stated conversion)] [unit / model words ...]

Numbers are strict per locale (:mod:`tracker.domain.numbers`); scale words are per locale too,
because "billion" is 10^9 in English but 10^12 in German and French. Unit words resolve
through plain dicts built from ``units.txt`` (:func:`tracker.domain.units.lookup_unit`), so the hot
path never calls pint; a single parse stays well under 50 microseconds.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from babel import Locale
from babel.numbers import get_currency_symbol

from tracker.domain.money import Money, check_currency, iso_currencies
from tracker.domain.numbers import (
    SPACES,
    SUPPORTED_LOCALES,
    ParseError,
    number_format,
    parse_decimal,
    plain,
)
from tracker.domain.units import AMBIGUOUS_UNITS, COUNTING_UNITS, lookup_unit
from tracker.domain.vocab import QUALIFIERS

__all__ = [
    "QUALIFIERS",
    "ParseError",
    "ParsedMoney",
    "ParsedQuantity",
    "parse",
    "parse_money",
    "parse_number",
    "parse_qualifier",
    "parse_quantity",
]


# --- results -------------------------------------------------------------------------------


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
        return _json(
            "quantity",
            None,
            None,
            self.value,
            self.unit,
            self.qualifier,
            self.value,
            self.high,
            self.note,
        )


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
        return _json(
            "money",
            self.amount,
            self.currency,
            None,
            None,
            self.qualifier,
            self.amount,
            self.high,
            self.note,
        )


def _text(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _json(
    kind: str,
    amount: Decimal | None,
    currency: str | None,
    quantity: Decimal | None,
    unit: str | None,
    qualifier: str,
    low: Decimal | None,
    high: Decimal | None,
    note: str,
) -> dict[str, str | None]:
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
        "note": note,
    }


# --- vocabulary ----------------------------------------------------------------------------

# Hedges people put in front of a figure, in the four supported languages.
_LEADING_HEDGES = {
    "about": (
        "about",
        "some",
        "around",
        "nearly",
        "almost",
        "close to",
        "an estimated",
        "estimated",
        "approximately",
        "approx.",
        "roughly",
        "circa",
        "ca.",
        "c.",
        "~",
        "etwa",
        "rund",
        "ungefähr",
        "fast",
        "knapp",
        "environ",
        "près de",
        "presque",
        "quelque",
        "близько",
        "приблизно",
        "майже",
        "орієнтовно",
    ),
    "at least": (
        "at least",
        "more than",
        "over",
        "not less than",
        "no less than",
        "no fewer than",
        "upwards of",
        "in excess of",
        "mindestens",
        "mehr als",
        "über",
        "au moins",
        "plus de",
        "щонайменше",
        "понад",
        "більше ніж",
        "більш ніж",
        "не менше ніж",
        "не менш ніж",
    ),
    "up to": (
        "up to",
        "less than",
        "fewer than",
        "under",
        "no more than",
        "not more than",
        "as many as",
        "bis zu",
        "weniger als",
        "jusqu'à",
        "moins de",
        "менше ніж",
        "не більше ніж",
        "до",
    ),
    "range": ("between", "from", "zwischen", "von", "entre", "de", "від"),
}
_TRAILING_HEDGES = {
    "or more": "at least",
    "+": "at least",
    "or so": "about",
    "oder mehr": "at least",
    "ou plus": "at least",
    "і більше": "at least",
}
_UNDISCLOSED_WORDS = (
    "undisclosed",
    "not disclosed",
    "unspecified",
    "unknown",
    "classified",
    "secret",
    "nicht genannt",
    "nicht bekannt",
    "ungenannt",
    "geheim",
    "non divulgué",
    "non communiqué",
    "inconnu",
    "confidentiel",
    "не розголошується",
)
# Ukrainian stems: the ending varies with case and gender ("таємна", "таємну", "засекречені").
_UNDISCLOSED_STEMS = ("нерозкрит", "невідом", "таємн", "засекреч")
# Words that stand where a figure should be but give none ("thousands of shells").
_VAGUE_WORDS = (
    "dozens",
    "hundreds",
    "thousands",
    "millions",
    "billions",
    "several",
    "many",
    "a few",
    "numerous",
    "dutzende",
    "hunderte",
    "tausende",
    "mehrere",
    "einige",
    "des dizaines",
    "des centaines",
    "des milliers",
    "plusieurs",
    "десятки",
    "сотні",
    "тисячі",
    "кілька",
    "декілька",
)

_NUMBER_WORDS = {
    "en": {
        "a": 1,
        "an": 1,
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "thirteen": 13,
        "fourteen": 14,
        "fifteen": 15,
        "sixteen": 16,
        "seventeen": 17,
        "eighteen": 18,
        "nineteen": 19,
        "twenty": 20,
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
        "half a": Decimal("0.5"),
    },
    "de": {
        "ein": 1,
        "eine": 1,
        "einen": 1,
        "eins": 1,
        "zwei": 2,
        "drei": 3,
        "vier": 4,
        "fünf": 5,
        "sechs": 6,
        "sieben": 7,
        "acht": 8,
        "neun": 9,
        "zehn": 10,
        "elf": 11,
        "zwölf": 12,
        "zwanzig": 20,
        "dreißig": 30,
        "fünfzig": 50,
        "hundert": 100,
    },
    "fr": {
        "un": 1,
        "une": 1,
        "deux": 2,
        "trois": 3,
        "quatre": 4,
        "cinq": 5,
        "six": 6,
        "sept": 7,
        "huit": 8,
        "neuf": 9,
        "dix": 10,
        "onze": 11,
        "douze": 12,
        "vingt": 20,
        "trente": 30,
        "cinquante": 50,
        "cent": 100,
    },
    "uk": {
        "один": 1,
        "одна": 1,
        "одне": 1,
        "два": 2,
        "дві": 2,
        "три": 3,
        "чотири": 4,
        "п'ять": 5,
        "шість": 6,
        "сім": 7,
        "вісім": 8,
        "дев'ять": 9,
        "десять": 10,
        "двадцять": 20,
        "сто": 100,
    },
}

_THOUSAND, _MILLION, _BILLION, _TRILLION = (Decimal(10) ** n for n in (3, 6, 9, 12))
# Spelled-out scale words, matched in any letter case. "billion" differs by language.
_SCALE_WORDS = {
    "en": {
        "thousand": _THOUSAND,
        "million": _MILLION,
        "billion": _BILLION,
        "trillion": _TRILLION,
        "dozen": Decimal(12),
        "hundred": Decimal(100),
        "mn": _MILLION,
        "mln": _MILLION,
        "bn": _BILLION,
        "bln": _BILLION,
        "tn": _TRILLION,
        "trn": _TRILLION,
    },
    "de": {
        "tausend": _THOUSAND,
        "tsd.": _THOUSAND,
        "tsd": _THOUSAND,
        "mio": _MILLION,
        "million": _MILLION,
        "millionen": _MILLION,
        "mrd": _BILLION,
        "milliarde": _BILLION,
        "milliarden": _BILLION,
        "bio": _TRILLION,
        "billion": _TRILLION,
        "billionen": _TRILLION,
        "dutzend": Decimal(12),
        "hundert": Decimal(100),
    },
    "fr": {
        "mille": _THOUSAND,
        "million": _MILLION,
        "millions": _MILLION,
        "milliard": _BILLION,
        "milliards": _BILLION,
        "mds": _BILLION,
        "mrd": _BILLION,
        "billion": _TRILLION,
        "billions": _TRILLION,
        "douzaine": Decimal(12),
        "douzaines": Decimal(12),
    },
    "uk": {
        "тисяча": _THOUSAND,
        "тисячі": _THOUSAND,
        "тисяч": _THOUSAND,
        "тис": _THOUSAND,
        "мільйон": _MILLION,
        "мільйона": _MILLION,
        "мільйони": _MILLION,
        "мільйонів": _MILLION,
        "мільярд": _BILLION,
        "мільярда": _BILLION,
        "мільярди": _BILLION,
        "мільярдів": _BILLION,
        "трильйон": _TRILLION,
        "трильйони": _TRILLION,
        "трильйонів": _TRILLION,
        "дюжина": Decimal(12),
    },
}
# Letter abbreviations that only count in the exact case written ("T" is a trillion in
# en compact notation, "t" is a tonne). CLDR's own compact forms are added from babel below.
_SCALE_ABBREVIATIONS = {
    "en": {"k": _THOUSAND, "m": _MILLION, "b": _BILLION},
    "de": {},
    "fr": {"k": _THOUSAND},
    "uk": {},
}
_AMBIGUOUS_M = "m"  # million in "$5m", metre in "5 m": read only where the context settles it


def _cldr_compact_scales(locale: str) -> dict[str, Decimal]:
    """The abbreviations babel prints in compact numbers ("Mrd.", "Md", "K", "млрд").

    Taken from CLDR so that whatever tracker.domain.display prints can be read back.
    """
    patterns = Locale.parse(locale).compact_decimal_formats["short"]
    scales: dict[str, Decimal] = {}
    for by_magnitude in patterns.values():
        for magnitude, pattern in by_magnitude.items():
            text = pattern.pattern
            zeros = text.count("0")
            word = text.replace("0", "").replace("'", "").replace("¤", "").strip(SPACES)
            if word and zeros:
                scales[word] = Decimal(int(magnitude)).scaleb(1 - zeros)
    return scales


def _cldr_currency_symbols() -> dict[str, str]:
    """Currency signs CLDR prints in the supported locales ("CA$", "$US", "£GB", "₴").

    Only signs with a currency character in them: letter-only ones ("F" for the old French
    franc) would match model names and words. So whatever tracker.domain.display prints reads back.
    """
    symbols: dict[str, str] = {}
    for locale in SUPPORTED_LOCALES:
        for code in iso_currencies():
            sign = get_currency_symbol(code, locale)
            if sign != code and any(unicodedata.category(ch) == "Sc" for ch in sign):
                symbols[sign] = code
    return symbols


# Currency marks. Values are ISO codes, or a key of _AMBIGUOUS_CURRENCIES.
_CURRENCY_SYMBOLS = _cldr_currency_symbols() | {
    "US$": "USD",
    "$US": "USD",
    "C$": "CAD",
    "CA$": "CAD",
    "$CA": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "$AU": "AUD",
    "NZ$": "NZD",
    "$": "$",
    "€": "EUR",
    "£": "GBP",
    "¥": "¥",
    "₴": "UAH",
    "₽": "RUB",
    "zł": "PLN",
    "kr.": "kr",
    "kr": "kr",
    "Fr.": "CHF",
    "CHF": "CHF",
}
_CURRENCY_WORDS = {
    "euros": "EUR",
    "euro": "EUR",
    "d'euros": "EUR",
    "євро": "EUR",
    "us dollars": "USD",
    "us dollar": "USD",
    "u.s. dollars": "USD",
    "us-dollar": "USD",
    "dollars américains": "USD",
    "доларів сша": "USD",
    "dollars": "$",
    "dollar": "$",
    "de dollars": "$",
    "доларів": "$",
    "долари": "$",
    "долара": "$",
    "дол.": "$",
    "canadian dollars": "CAD",
    "australian dollars": "AUD",
    "new zealand dollars": "NZD",
    "pounds sterling": "GBP",
    "pounds": "GBP",
    "pound": "GBP",
    "sterling": "GBP",
    "pfund": "GBP",
    "livres sterling": "GBP",
    "фунтів": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "swiss francs": "CHF",
    "franken": "CHF",
    "francs suisses": "CHF",
    "kronor": "SEK",
    "swedish kronor": "SEK",
    "norwegian kroner": "NOK",
    "danish kroner": "DKK",
    "kroner": "kroner",
    "krone": "kroner",
    "zlotys": "PLN",
    "zloty": "PLN",
    "złotych": "PLN",
    "zlotych": "PLN",
    "hryvnias": "UAH",
    "hryvnia": "UAH",
    "hryvnya": "UAH",
    "грн": "UAH",
    "гривень": "UAH",
    "гривні": "UAH",
    "гривня": "UAH",
    "roubles": "RUB",
    "rubles": "RUB",
    "рублів": "RUB",
}
# Marks shared by several currencies: (default when no donor settles it, the candidates).
_AMBIGUOUS_CURRENCIES = {
    "$": ("USD", ("USD", "CAD", "AUD", "NZD", "SGD", "HKD", "TWD", "MXN")),
    "¥": ("JPY", ("JPY", "CNY")),
    "kr": (None, ("NOK", "SEK", "DKK", "ISK")),
    "kroner": (None, ("NOK", "DKK")),
}

# Model names whose count implies the counting unit when the text names no unit word
# ("31 M1A1 Abrams" counts tanks). Lower case; a trailing plural "s" is stripped first.
_MODEL_UNITS = {
    "abrams": "tank",
    "leopard": "tank",
    "challenger": "tank",
    "t-72": "tank",
    "pt-91": "tank",
    "bradley": "vehicle",
    "marder": "vehicle",
    "stryker": "vehicle",
    "cv90": "vehicle",
    "m113": "vehicle",
    "gepard": "weapon",
    "himars": "launcher",
    "m270": "launcher",
    "mars": "launcher",
    "patriot": "system",
    "iris-t": "system",
    "nasams": "system",
    "samp/t": "system",
    "stinger": "missile",
    "javelin": "missile",
    "nlaw": "weapon",
    "atacms": "missile",
    "harpoon": "missile",
    "f-16": "aircraft",
    "mig-29": "aircraft",
    "su-25": "aircraft",
    "gripen": "aircraft",
    "caesar": "howitzer",
    "m777": "howitzer",
    "pzh": "howitzer",
    "archer": "howitzer",
    "krab": "howitzer",
    "zuzana": "howitzer",
    "bayraktar": "drone",
    "switchblade": "drone",
}
# Words after which the unit phrase is over ("10 tonnes of flour for Kharkiv").
_STOP_WORDS = frozenset(
    {
        "of",
        "for",
        "from",
        "to",
        "in",
        "into",
        "with",
        "worth",
        "and",
        "plus",
        "by",
        "on",
        "at",
        "as",
        "since",
        "via",
        "which",
        "that",
        "were",
        "was",
        "have",
        "has",
        "had",
        "will",
        "delivered",
        "pledged",
        "promised",
        "sent",
        "donated",
        "&",
        "für",
        "von",
        "aus",
        "mit",
        "nach",
        "und",
        "pour",
        "avec",
        "à",
        "au",
        "aux",
        "et",
        "de",
        "des",
        "du",
        "d'",
        "для",
        "з",
        "із",
        "та",
        "і",
        "й",
        "до",
    }
)
_CONJUNCTIONS = frozenset({"and", "plus", "&", "und", "et", "та", "і", "й", ","})


# --- compiled patterns ---------------------------------------------------------------------


def _alternation(words: list[str] | tuple[str, ...] | set[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NOT_LETTER = r"(?![^\W\d_])"  # the word ends here: no letter follows
_SPACE_RUN = re.compile("[" + SPACES + r"\s]+")
_HEDGE_TO_QUALIFIER = {w: q for q, words in _LEADING_HEDGES.items() for w in words}
_LEADING_HEDGE_RE = re.compile(r"(?i:(" + _alternation(_HEDGE_TO_QUALIFIER) + r"))(?:\s+|(?<=~)|$)")
# Whole words only: "Secretary Austin announced ..." is not a secret.
_UNDISCLOSED = (
    r"(?<![^\W\d_])(?i:(?:"
    + _alternation(_UNDISCLOSED_WORDS)
    + ")"
    + _NOT_LETTER
    + "|(?:"
    + _alternation(_UNDISCLOSED_STEMS)
    + r")\w*)"
)
_UNDISCLOSED_LEAD_RE = re.compile(r"(?i:(?:an?|the|ein(?:e|en)?|un(?:e)?)\s+)?" + _UNDISCLOSED)
_UNDISCLOSED_ANY_RE = re.compile(_UNDISCLOSED)
# "an undisclosed number of tanks": the words between the hedge and the unit.
_UNDISCLOSED_WHAT_RE = re.compile(
    r"^(?i:number|quantity|amount|sum|anzahl|menge|nombre|quantité|кількість)\s+"
    r"(?i:of|an|von|de|d'|des)?\s*"
)
_VAGUE_RE = re.compile(r"(?i:" + _alternation(_VAGUE_WORDS) + ")" + _NOT_LETTER)
_TRAILING_HEDGE_RE = re.compile(r"\s*(?i:(" + _alternation(_TRAILING_HEDGES) + r"))")
# The same words closing the text: "300,000 shells or more".
_CLOSING_HEDGE_RE = re.compile(
    r"\s(?i:(" + _alternation(set(_TRAILING_HEDGES) - {"+"}) + r"))[\s.]*$"
)
_DIGITS_RE = re.compile(r"[0-9]+(?:(?:[.,]|[ ](?=[0-9]{3}(?![0-9])))[0-9]+)*")
_CALIBRE_RE = re.compile(
    r"(?<![\w.,-])([0-9]+(?:[.,][0-9]+)?)[ -]?(?:mm|мм|millimetres?|millimeters?)(?![\w])"
)
_RANGE_SEP_RE = re.compile(r"\s*(?:[-–—]|\s(?i:to|bis|à|до)\s)\s*")
_RANGE_AND_RE = re.compile(r"\s+(?i:and|und|et|і|та)\s+")
_CURRENCY_RE = re.compile(
    r"\s*(?:("
    + _alternation(_CURRENCY_SYMBOLS)
    + r")(?:(?<=\W)|(?![^\W\d_]))|([A-Z]{3})(?![A-Za-z])|(?i:("
    + _alternation(_CURRENCY_WORDS)
    + "))"
    + _NOT_LETTER
    + ")"
)
_CONVERSION_RE = re.compile(r"\s*\(([^()]*)\)")
_TOKEN_RE = re.compile(r"([,;:()\[\]])|([^\s,;:()\[\]]+)")


@dataclass(frozen=True)
class _Grammar:
    """A locale's scale and number words, compiled once."""

    scale_re: re.Pattern[str]
    exact_scales: dict[str, Decimal]  # abbreviations, matched in the case written
    folded_scales: dict[str, Decimal]  # words, matched in any case
    number_re: re.Pattern[str]
    number_words: dict[str, Decimal]

    def scale(self, word: str) -> Decimal:
        return self.exact_scales.get(word) or self.folded_scales[word.casefold()]


@cache
def _grammar(locale: str) -> _Grammar:
    """The figure grammar of ``locale``; only en, de, fr, uk (and their regions) have one."""
    language = number_format(locale).locale.split("_")[0]
    if language not in SUPPORTED_LOCALES:
        raise ParseError(
            "no figure grammar for this locale",
            field="locale",
            value=locale,
            hint="use one of " + ", ".join(SUPPORTED_LOCALES),
        )
    words = {w.casefold(): v for w, v in _SCALE_WORDS[language].items()}
    exact = dict(_SCALE_ABBREVIATIONS[language])
    for word, scale in _cldr_compact_scales(locale).items():
        if word.casefold() not in words:
            exact[word] = scale
    # One alternation, longest first, so "Mio." wins over "Mio" and "mln" over "m".
    pieces = sorted(
        [(w, True) for w in words] + [(w, False) for w in exact],
        key=lambda piece: len(piece[0]),
        reverse=True,
    )
    scale_re = re.compile(
        r"\s?("
        + "|".join(f"(?i:{re.escape(w)})" if folded else re.escape(w) for w, folded in pieces)
        + r")(?:(?<=\.)|(?!\w))"
    )
    number_words = {w: Decimal(v) for w, v in _NUMBER_WORDS[language].items()}
    tens = "|".join(w for w, v in number_words.items() if v in range(20, 100, 10))
    ones = "|".join(w for w, v in number_words.items() if v in range(1, 10) and len(w) > 2)
    compound = rf"(?:{tens})-(?:{ones})|" if tens and ones else ""
    number_re = re.compile(r"(?i:(" + compound + _alternation(number_words) + r"))(?=\s|$)")
    return _Grammar(scale_re, exact, words, number_re, number_words)


# --- scanning ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Mark:
    """A currency mark as written ("$", "euros", "NOK") and what it stands for.

    ``code`` is an ISO code, or a key of _AMBIGUOUS_CURRENCIES when the mark is shared.
    """

    code: str
    written: str


@dataclass
class _Figure:
    """One number with its scale and currency marks, as found at a position in the text."""

    number: Decimal
    scale: Decimal | None
    currencies: list[_Mark]
    end: int
    lone_m: bool

    @property
    def value(self) -> Decimal:
        return self.number if self.scale is None else self.number * self.scale


@dataclass
class _Scan:
    """What the shared front end found; money and quantity parsing finish from here."""

    stated: str
    text: str
    qualifier: str
    value: Decimal | None
    high: Decimal | None
    currencies: list[_Mark]
    tail: str
    calibre_mm: Decimal | None
    lone_m: bool
    notes: list[str]


def _normalise(text: str) -> str:
    return _SPACE_RUN.sub(" ", text.replace("’", "'")).strip()


def _word_number(text: str, pos: int, grammar: _Grammar) -> tuple[Decimal, int] | None:
    match = grammar.number_re.match(text, pos)
    if match is None:
        return None
    word = match.group(1).casefold()
    if word in grammar.number_words:
        return grammar.number_words[word], match.end()
    tens, ones = word.split("-")
    return grammar.number_words[tens] + grammar.number_words[ones], match.end()


def _currency_at(text: str, pos: int) -> tuple[_Mark | None, int]:
    match = _CURRENCY_RE.match(text, pos)
    if match is None:
        return None, pos
    symbol, code, word = match.groups()
    if code is not None:
        if code not in iso_currencies():
            return None, pos
        return _Mark(code, code), match.end()
    if symbol is not None:
        return _Mark(_CURRENCY_SYMBOLS[symbol], symbol), match.end()
    return _Mark(_CURRENCY_WORDS[word.casefold()], word), match.end()


def _figure_at(text: str, pos: int, grammar: _Grammar, locale: str) -> _Figure | None:
    """Read ``[currency] number [scales] [currency]`` starting at ``pos``, or None."""
    currencies: list[_Mark] = []
    before, pos = _currency_at(text, pos)
    if before:
        currencies.append(before)
    start = pos + (1 if text[pos : pos + 1] == " " else 0)
    digits = _DIGITS_RE.match(text, start)
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
        scale = (scale or 1) * grammar.scale(word)
        lone_m = lone_m or word == _AMBIGUOUS_M
        pos = match.end()
    after, pos = _currency_at(text, pos)
    if after:
        currencies.append(after)
    return _Figure(number, scale, currencies, pos, lone_m)


def _calibre(text: str, notes: list[str]) -> tuple[str, Decimal | None]:
    """Set aside a calibre ("155 mm", "155mm", "5,56 mm") so its digits are not a count."""
    found = list(_CALIBRE_RE.finditer(text))
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
    body = _normalise(text)
    undisclosed = _UNDISCLOSED_LEAD_RE.match(body)
    if undisclosed is not None:
        return "undisclosed", body[undisclosed.end() :].strip()
    if not any(ch.isdigit() for ch in body) and _UNDISCLOSED_ANY_RE.search(body):
        return "undisclosed", body
    qualifier = "exact"
    while (match := _LEADING_HEDGE_RE.match(body)) is not None:
        found = _HEDGE_TO_QUALIFIER[match.group(1).casefold()]
        if qualifier not in ("exact", found):
            raise ParseError("contradictory hedges", field="qualifier", value=text)
        qualifier = found
        body = body[match.end() :]
    return qualifier, body


def _scan(text: str, locale: str) -> _Scan:
    if not isinstance(text, str):
        raise ParseError("expected text", field="figure", value=text)
    notes: list[str] = []
    qualifier, body = parse_qualifier(text)
    body, calibre = _calibre(body, notes)
    body = _normalise(body)
    if qualifier == "undisclosed":
        tail = _UNDISCLOSED_WHAT_RE.sub("", body, count=1)
        return _Scan(text, body, qualifier, None, None, [], tail, calibre, False, notes)
    # Before the figure: "a few" would otherwise read as the number word "a" (one).
    if _VAGUE_RE.match(body) is not None:
        raise ParseError(
            "vague amount, no figure",
            field="figure",
            value=text,
            hint="enter the figure the source gives, or mark it undisclosed",
        )
    grammar = _grammar(locale)
    first = _figure_at(body, 0, grammar, locale)
    if first is None:
        raise ParseError(
            "no number found at the start",
            field="figure",
            value=text,
            hint="start with the figure: '48 tanks', '$725m', 'about 300,000'",
        )
    value, high, end, currencies = first.value, None, first.end, list(first.currencies)
    separator = _RANGE_SEP_RE.match(body, end)
    if separator is None and qualifier == "range":
        separator = _RANGE_AND_RE.match(body, end)
    second = _figure_at(body, separator.end(), grammar, locale) if separator else None
    if second is not None:
        if second.scale is not None and first.scale is None:
            value = first.number * second.scale  # "1-2 billion": the scale covers both ends
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
    trailing = _TRAILING_HEDGE_RE.match(body, end)
    if trailing is not None and qualifier == "exact":
        qualifier = _TRAILING_HEDGES[trailing.group(1).casefold()]
        end = trailing.end()
    tail = body[end:]
    closing = _CLOSING_HEDGE_RE.search(tail) if qualifier == "exact" else None
    if closing is not None:
        qualifier = _TRAILING_HEDGES[closing.group(1).casefold()]
        tail = tail[: closing.start()]
    lone_m = first.lone_m or (second is not None and second.lone_m)
    return _Scan(
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
    if not isinstance(text, str):
        raise ParseError("expected text", field="number", value=text)
    body = _normalise(text)
    figure = _figure_at(body, 0, _grammar(locale), locale)
    if figure is None or figure.currencies or figure.end != len(body):
        raise ParseError(
            "not a number",
            field="number",
            value=text,
            hint="digits with optional scale words, e.g. '1.5 million'",
        )
    return plain(figure.value)


def _resolve_mark(mark: _Mark, donor_currency: str | None, text: str) -> tuple[str, str]:
    """(ISO code, the rule that chose it) for one currency mark."""
    if mark.code not in _AMBIGUOUS_CURRENCIES:
        return mark.code, f"stated as '{mark.written}'"
    default, candidates = _AMBIGUOUS_CURRENCIES[mark.code]
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
    marks: list[_Mark], donor_currency: str | None, text: str
) -> tuple[str | None, str]:
    """(ISO code, rule used) for the marks of one figure; refuses conflicts and 'kr' alone."""
    if donor_currency is not None:
        check_currency(donor_currency, field="donor_currency")
    if not marks:
        return None, "no currency stated"
    resolved = [_resolve_mark(mark, donor_currency, text) for mark in marks]
    codes = list(dict.fromkeys(code for code, _rule in resolved))
    if len(codes) > 1:
        raise ParseError(f"conflicting currencies {', '.join(codes)}", field="currency", value=text)
    # Report a defaulting rule over a plain "stated" one: it is the one a reader must check.
    rules = [rule for _code, rule in resolved]
    return codes[0], next((r for r in rules if not r.startswith("stated")), rules[0])


def _stated_conversion(tail: str, locale: str) -> tuple[Money | None, str]:
    """A conversion the source printed right after the figure, in parentheses."""
    match = _CONVERSION_RE.match(tail)
    if match is None:
        return None, tail
    try:
        inner = parse_money(match.group(1), locale)
    except ParseError:
        return None, tail
    if inner.amount is None or inner.currency is None:
        return None, tail
    return Money(inner.amount, inner.currency), tail[match.end() :]


def _money_from_scan(scan: _Scan, locale: str, donor_currency: str | None) -> ParsedMoney:
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


def _currency_in(text: str) -> _Mark | None:
    """The first currency mark anywhere in ``text`` (for "an undisclosed sum in euros")."""
    for pos in range(len(text)):
        if pos == 0 or not text[pos - 1].isalpha():
            mark, _end = _currency_at(text, pos)
            if mark:
                return mark
    return None


def _unit_from_tail(tail: str) -> tuple[str | None, str | None, bool]:
    """(unit, note on how it was found, whether another figure follows) from the words after
    the number. The last unit word wins ("Leopard 2 tanks"); a model name is the fallback."""
    unit: str | None = None
    model: tuple[str, str] | None = None
    tokens = list(_TOKEN_RE.finditer(tail))
    for index, token in enumerate(tokens):
        punctuation, word = token.groups()
        folded = (word or punctuation).casefold()
        if punctuation is not None or folded in _STOP_WORDS:
            if folded in _CONJUNCTIONS and index + 1 < len(tokens):
                following = tokens[index + 1].group(2) or ""
                if following[:1].isdigit():
                    return unit, model, True
            break
        bare = word.rstrip(".")
        if bare.casefold() in AMBIGUOUS_UNITS:
            raise ParseError(
                "ambiguous unit", field="unit", value=bare, hint=AMBIGUOUS_UNITS[bare.casefold()]
            )
        found = lookup_unit(bare) if not bare[:1].isdigit() else None
        if found is not None:
            unit = found
            continue
        key = folded.rstrip(".")
        key = key[:-2] if key.endswith("'s") else key
        implied = _MODEL_UNITS.get(key) or _MODEL_UNITS.get(key.removesuffix("s"))
        if model is None and implied is not None:
            model = (implied, bare)
    if unit is not None:
        return unit, None, False
    if model is not None:
        return model[0], f"unit {model[0]} inferred from model name {model[1]}", False
    return None, None, False


def _quantity_from_scan(scan: _Scan, default_unit: str | None) -> ParsedQuantity:
    if scan.currencies:
        raise ParseError(
            "this is an amount of money, not a quantity",
            field="quantity",
            value=scan.stated,
            hint="read it with parse_money",
        )
    notes = list(scan.notes)
    unit, how, another = _unit_from_tail(scan.tail)
    if another:
        raise ParseError(
            "more than one figure in one text",
            field="quantity",
            value=scan.stated,
            hint="enter each figure as its own item",
        )
    if how is not None:
        notes.append(how)
    if unit is None:
        unit = default_unit
        notes.append(f"no unit word; using {default_unit}" if default_unit else "no unit stated")
    if scan.lone_m and (unit is None or unit not in COUNTING_UNITS):
        raise ParseError(
            "'m' could mean million or metres",
            field="quantity",
            value=scan.stated,
            hint="write 'million' or 'metres'",
        )
    return ParsedQuantity(
        scan.value, scan.high, unit, scan.qualifier, scan.stated, scan.calibre_mm, "; ".join(notes)
    )


def parse_quantity(
    text: str, locale: str = "en", default_unit: str | None = None
) -> ParsedQuantity:
    """Read a count or physical amount: "48 Leopard 2 tanks" -> 48 tank.

    Model names keep their digits ("F-16", "MiG-29"); a calibre is set aside into
    ``calibre_mm``; with no unit word, a known model name implies the unit, else
    ``default_unit`` applies (and the note says so).
    """
    return _quantity_from_scan(_scan(text, locale), default_unit)


def parse_money(text: str, locale: str = "en", donor_currency: str | None = None) -> ParsedMoney:
    """Read an amount of money: "$725m", "€1.4bn", "NOK 10 billion", "1,5 Mrd. €" (de).

    A bare "$" is USD unless ``donor_currency`` is a dollar currency; "kr" needs the donor's
    currency to be read at all. The rule applied is returned in ``currency_rule``.
    """
    return _money_from_scan(_scan(text, locale), locale, donor_currency)


def parse(
    text: str, locale: str = "en", donor_currency: str | None = None
) -> ParsedMoney | ParsedQuantity:
    """Money when the figure carries a currency mark, a quantity otherwise.

    An undisclosed figure is a quantity when a unit is named ("an undisclosed number of
    tanks"), money otherwise ("value undisclosed").
    """
    scan = _scan(text, locale)
    if scan.currencies:
        return _money_from_scan(scan, locale, donor_currency)
    if scan.qualifier == "undisclosed" and _unit_from_tail(scan.tail)[0] is None:
        return _money_from_scan(scan, locale, donor_currency)
    return _quantity_from_scan(scan, None)
