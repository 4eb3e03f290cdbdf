"""The date an article gives itself: its dateline ("Kyiv, 3 March 2024 —", "Jan. 20, 2026",
"20 January 2026", "2026-01-20"), read from the top of a pasted text.

News copy dates itself once, near the top, and dates its sentences relative to that ("on
Tuesday"); the article's date is therefore what its undated facts are dated by. Month names
come from CLDR through babel in every language the interface speaks (full and abbreviated,
with or without the dot, in the form a date uses: "3 березня 2024", "3. März 2024"), so a
German or Ukrainian release is read the same way. A day that does not exist ("31 April") is
no date; the next candidate is tried.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from babel.dates import get_month_names

from tracker.domain.vocab import SUPPORTED_LOCALES

# How far into the text a dateline can stand: the first lines, not the body's history.
DATELINE_REACH = 400
# Abbreviations newsrooms use that CLDR does not list.
_EXTRA_MONTHS = {"sept": 9}

_WORD = r"([^\W\d_]+)\.?"
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\.?\s+{_WORD},?\s+(\d{{4}})\b")
_MONTH_DAY_YEAR = re.compile(rf"\b{_WORD}\s+(\d{{1,2}}),?\s+(\d{{4}})\b")


@lru_cache(maxsize=1)
def month_numbers() -> dict[str, int]:
    """Month name (lower case, without a trailing dot) -> month number, in every supported
    language, full and abbreviated, as written in a date and standing alone."""
    names: dict[str, int] = dict(_EXTRA_MONTHS)
    for locale in SUPPORTED_LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    names[name.lower().rstrip(".")] = number
    return names


def _day(year: str, month: int | None, day: str) -> date | None:
    if month is None:
        return None
    try:
        return date(int(year), month, int(day))
    except ValueError:
        return None


def _candidates(head: str) -> list[tuple[int, date | None]]:
    """Every date-shaped phrase of ``head`` with its position (None where it is no date)."""
    months = month_numbers()
    found = [(m.start(), _day(m[1], int(m[2]), m[3])) for m in _ISO.finditer(head)]
    found += [
        (m.start(), _day(m[3], months.get(m[2].lower()), m[1]))
        for m in _DAY_MONTH_YEAR.finditer(head)
    ]
    found += [
        (m.start(), _day(m[3], months.get(m[1].lower()), m[2]))
        for m in _MONTH_DAY_YEAR.finditer(head)
    ]
    return sorted(found, key=lambda pair: pair[0])


def find_dateline(text: str) -> date | None:
    """The first date written near the top of ``text``, or None when it names none."""
    for _start, day in _candidates((text or "")[:DATELINE_REACH]):
        if day is not None:
            return day
    return None
