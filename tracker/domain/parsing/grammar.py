"""The lexicon compiled into regular expressions once: the shared patterns at import, each
locale's scale and number words on first use (:func:`grammar_for`, cached)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from tracker.domain.numbers import SPACES, SUPPORTED_LOCALES, ParseError, number_format
from tracker.domain.parsing.lexicon import (
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    FOREIGN_PRESS_SCALE_WORDS,
    LEADING_HEDGES,
    NUMBER_WORDS,
    PRESS_SCALE_ABBREVIATIONS,
    PRESS_SCALE_WORDS,
    SCALE_ABBREVIATIONS,
    SCALE_WORDS,
    TRAILING_HEDGES,
    UNDISCLOSED_STEMS,
    UNDISCLOSED_WORDS,
    VAGUE_WORDS,
    cldr_compact_scales,
)


def _alternation(words: list[str] | tuple[str, ...] | set[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NOT_LETTER = r"(?![^\W\d_])"  # the word ends here: no letter follows
SPACE_RUN = re.compile("[" + SPACES + r"\s]+")
HEDGE_TO_QUALIFIER = {w: q for q, words in LEADING_HEDGES.items() for w in words}
LEADING_HEDGE_RE = re.compile(r"(?i:(" + _alternation(HEDGE_TO_QUALIFIER) + r"))(?:\s+|(?<=~)|$)")
# Whole words only: "Secretary Austin announced ..." is not a secret.
_UNDISCLOSED = (
    r"(?<![^\W\d_])(?i:(?:"
    + _alternation(UNDISCLOSED_WORDS)
    + ")"
    + _NOT_LETTER
    + "|(?:"
    + _alternation(UNDISCLOSED_STEMS)
    + r")\w*)"
)
UNDISCLOSED_LEAD_RE = re.compile(r"(?i:(?:an?|the|ein(?:e|en)?|un(?:e)?)\s+)?" + _UNDISCLOSED)
UNDISCLOSED_ANY_RE = re.compile(_UNDISCLOSED)
# "an undisclosed number of tanks": the words between the hedge and the unit.
UNDISCLOSED_WHAT_RE = re.compile(
    r"^(?i:number|quantity|amount|sum|anzahl|menge|nombre|quantité|кількість)\s+"
    r"(?i:of|an|von|de|d'|des)?\s*"
)
VAGUE_RE = re.compile(r"(?i:" + _alternation(VAGUE_WORDS) + ")" + _NOT_LETTER)
TRAILING_HEDGE_RE = re.compile(r"\s*(?i:(" + _alternation(TRAILING_HEDGES) + r"))")
# The same words closing the text: "300,000 shells or more".
CLOSING_HEDGE_RE = re.compile(
    r"\s(?i:(" + _alternation(set(TRAILING_HEDGES) - {"+"}) + r"))[\s.]*$"
)
DIGITS_RE = re.compile(r"[0-9]+(?:(?:[.,]|[ ](?=[0-9]{3}(?![0-9])))[0-9]+)*")
CALIBRE_RE = re.compile(
    r"(?<![\w.,-])([0-9]+(?:[.,][0-9]+)?)[ -]?(?:mm|мм|millimetres?|millimeters?)(?![\w])"
)
RANGE_SEP_RE = re.compile(r"\s*(?:[-–—]|\s(?i:to|bis|à|до)\s)\s*")
RANGE_AND_RE = re.compile(r"\s+(?i:and|und|et|і|та)\s+")
CURRENCY_RE = re.compile(
    r"\s*(?:("
    + _alternation(CURRENCY_SYMBOLS)
    + r")(?:(?<=\W)|(?![^\W\d_]))|([A-Z]{3})(?![A-Za-z])|(?i:("
    + _alternation(CURRENCY_WORDS)
    + "))"
    + _NOT_LETTER
    + ")"
)
CONVERSION_RE = re.compile(r"\s*\(([^()]*)\)")
# The word glued to the end of a figure, up to a space or punctuation.
GLUED_RE = re.compile(r"[^\s,;:()\[\]]+")
TOKEN_RE = re.compile(r"([,;:()\[\]])|([^\s,;:()\[\]]+)")


@dataclass(frozen=True)
class Grammar:
    """A locale's scale and number words, compiled once."""

    scale_re: re.Pattern[str]
    exact_scales: dict[str, Decimal]  # abbreviations, matched in the case written
    folded_scales: dict[str, Decimal]  # words, matched in any case
    number_re: re.Pattern[str]
    number_words: dict[str, Decimal]

    def scale(self, word: str) -> Decimal:
        return self.exact_scales.get(word) or self.folded_scales[word.casefold()]


@cache
def grammar_for(locale: str) -> Grammar:
    """The figure grammar of ``locale``; only en, de, fr, uk (and their regions) have one."""
    language = number_format(locale).locale.split("_")[0]
    if language not in SUPPORTED_LOCALES:
        raise ParseError(
            "no figure grammar for this locale",
            field="locale",
            value=locale,
            hint="use one of " + ", ".join(SUPPORTED_LOCALES),
        )
    words = {w.casefold(): v for w, v in SCALE_WORDS[language].items()}
    exact = dict(SCALE_ABBREVIATIONS[language])
    english = {w.casefold(): v for w, v in SCALE_WORDS["en"].items()}
    for word in PRESS_SCALE_WORDS:
        words.setdefault(word, english[word])
    for word, scale in FOREIGN_PRESS_SCALE_WORDS.items():
        words.setdefault(word, scale)
    for word, scale in PRESS_SCALE_ABBREVIATIONS.items():
        if word.casefold() not in words:
            exact.setdefault(word, scale)
    for word, scale in cldr_compact_scales(locale).items():
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
    number_words = {w: Decimal(v) for w, v in NUMBER_WORDS[language].items()}
    tens = "|".join(w for w, v in number_words.items() if v in range(20, 100, 10))
    ones = "|".join(w for w, v in number_words.items() if v in range(1, 10) and len(w) > 2)
    compound = rf"(?:{tens})-(?:{ones})|" if tens and ones else ""
    number_re = re.compile(r"(?i:(" + compound + _alternation(number_words) + r"))(?=\s|$)")
    return Grammar(scale_re, exact, words, number_re, number_words)
