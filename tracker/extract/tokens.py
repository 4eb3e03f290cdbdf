"""Sentence tokens and whole-word cue matching, shared by the figure reader and the rules.

Why a module of its own: both :mod:`tracker.extract.figures` (which walks tokens) and
:mod:`tracker.extract.extractor` (which looks for cue words around a figure) need the same idea
of a word; one tokenizer keeps them from disagreeing about where "F-16" or "2A6" ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

# Scale words glued to their digits: "£10m", "€2bn", and the written-out "£10million" of a
# hurried release.
_SCALE_SUFFIX = r"(?:billion|million|thousand|trillion|bn|Bn|mln|bln|mn|tn|trn|m|b|k|B|M|K)"
_TOKEN_RE = re.compile(
    r"(?P<cur>(?:USD|US|U\.S\.|CAN|CA|C|AU|A|NZ|NT|HK|S)\$|\$(?:CAN|CA|US|AU)|[€£¥₴$]|[NDS][Kk]r(?=\d))"
    r"|(?P<code>(?:USD|EUR|GBP|NOK|SEK|DKK|CHF|PLN|CZK|JPY|CAD|AUD|NZD|HUF|RON|BGN|ISK|UAH)"
    r"(?=\d))"
    # A calibre or a hyphened measure describes the thing counted, it counts nothing: "155mm
    # shells", "50 37-ton CV90s", "277 1,000-pound bombs", "a 30-kilowatt transformer".
    r"|(?P<measure>\d+(?:[.,]\d+)?[ -]?(?:mm|millimetres?|millimeters?)(?!\w)"
    r"|\d+(?:[.,]\d+)*-(?:tons?|tonnes?|pounds?|kilowatts?|megawatts?|kw|mw|kva|litres?|liters?"
    r"|metres?|meters?|kilograms?|kg|seats?|beds?|wheels?)(?![\w-]))"
    # A space-grouped number may close its clause ("worth €200 000."), not run into digits.
    r"|(?P<num>\d{1,3}(?:[ \u00a0\u202f]\d{3}(?![\w-]|[.,]\d)(?!\s?mm\b))+(?:[.,]\d+)?"
    r"|\d+(?:[.,]\d+)*)"
    rf"(?=(?:{_SCALE_SUFFIX})\b|[^\w]|$)"
    rf"|(?P<scale>(?<=\d){_SCALE_SUFFIX}\b)"
    r"|(?P<word>(?:[A-Z]\.){2,}|[^\W_][\w'’]*(?:[-/][\w'’]+)*)"
    r"|(?P<punct>\S)"
)


@dataclass(frozen=True)
class Token:
    """A word, number, currency mark or punctuation mark with its offsets in the sentence."""

    text: str
    start: int
    end: int
    kind: str

    @property
    def low(self) -> str:
        return self.text.lower().replace("’", "'")

    @property
    def bare(self) -> str:
        """Lower case without a possessive "'s"."""
        return self.low.removesuffix("'s")


def tokenize(text: str) -> list[Token]:
    """Split a sentence into tokens; numbers glued to letters ("2A6", "F-16") stay words."""
    tokens = []
    for match in _TOKEN_RE.finditer(text):
        kind = match.lastgroup or "punct"
        tokens.append(Token(match.group(), match.start(), match.end(), kind))
    return tokens


@cache
def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    words = "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{words})(?![\w-])")


def cue_spans(text: str, cues: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where any of ``cues`` occurs in ``text`` as whole words (case-insensitive)."""
    return [(m.start(), m.end()) for m in _cue_pattern(cues).finditer(text.lower())]


def has_cue(text: str, cues: tuple[str, ...]) -> bool:
    return bool(_cue_pattern(cues).search(text.lower()))


def alternation(words: tuple[str, ...]) -> str:
    """A regex group matching any of ``words``, longest first, a space matching any run of
    white space: lets a pattern take its vocabulary from the lexicon instead of spelling a
    private copy of it."""
    ordered = sorted(words, key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in ordered) + ")"


def blank_out(pattern: re.Pattern[str], text: str) -> str:
    """``text`` with every match of ``pattern`` made spaces of the same length, so that cue
    words inside it are not read while offsets into ``text`` stay valid."""
    return pattern.sub(lambda m: " " * len(m.group()), text)


# A bullet opening a line of a list ("• 16 Bradley vehicles", "- €140 million for ...").
BULLET_RE = re.compile(r"^\s*[•·▪*\-–]\s*")
