"""News text -> sentences with their character offsets and the date each one speaks from.

Why separate from the fact finder: a live blog carries its dates outside the sentences (a
"Wednesday, November 29, 2023" heading, a "1249 GMT —" stamp, a "BERLIN, Jan 25 (Reuters) -"
dateline), and the review page needs exact offsets to highlight a sentence in the article.
Both are about the layout of the text, not about aid.

Dates are resolved the way a reader does: a heading sets the day for the entries under it, a
dateline sets its own day, and "on Monday" means the latest Monday on or before that day. A
sentence that places its event in a vaguer past ("last month", "in April") gets no date,
rather than the article's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:" + "|".join(WEEKDAYS) + r")"

# "Wednesday, November 29, 2023" / "Tuesday 3 December 2024 23:59 , Jabed Ahmed"
_HEADING_RE = re.compile(
    rf"^\s*(?:{_WEEKDAY},?\s+)?(?:(?P<d1>\d{{1,2}})\s+{_MONTH}|"
    rf"(?P<month2>{'|'.join(MONTHS)})\.?\s+(?P<d2>\d{{1,2}}),?)\s+(?P<year>\d{{4}})"
    r"(?P<rest>[^.!?]{0,60})$",
    re.IGNORECASE,
)
# "1249 GMT — ", "12:40 — ", "0915 GMT - " at the start of a live-blog entry.
_STAMP_RE = re.compile(
    r"^\s*(?:\d{4}|\d{1,2}[:.]\d{2})\s*(?:GMT|BST|CET|CEST|EET|EEST|UTC|Kyiv time)?\s*[—–-]+\s*"
)
# A line holding only a time and a byline ("05:05 , Arpan Rai").
_STAMP_LINE_RE = re.compile(r"^\s*\d{1,2}[:.]\d{2}\s*(?:GMT|BST|CET|UTC)?\s*(?:,.*)?$")
# "BERLIN, Jan 25 (Reuters) - ", "WASHINGTON (AP) — ", "April 17 (Reuters) – "
_DATELINE_RE = re.compile(
    r"^\s*(?:(?P<city>[A-Z][A-Z.'’ -]+?)(?:,\s*|\s+))?"
    rf"(?:(?P<month>{'|'.join(m.capitalize() for m in MONTHS)})\.?\s+(?P<day>\d{{1,2}})\s*)?"
    r"\((?:Reuters|AP|AFP|dpa|Bloomberg|Ukrinform|UNN|Interfax-Ukraine|RFE/RL)\)\s*[-–—]*\s*"
)
_SENTENCE_END_RE = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘(]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    {
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "d.c",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "gen",
        "lt",
        "col",
        "sgt",
        "sen",
        "rep",
        "gov",
        "prof",
        "no",
        "nos",
        "inc",
        "corp",
        "ltd",
        "co",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "approx",
        "bln",
        "mln",
        "bn",
        "ca",
        "a.m",
        "p.m",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    }
)
# Event placed in a vaguer past than the reference day: the fact gets no date.
_VAGUE_PAST_RE = re.compile(
    r"\b(?:last (?:month|year|week|summer|spring|autumn|winter)|earlier this year|"
    r"a year ago|months ago|previously|in (?:early |late |mid-)?(?:"
    + "|".join(m for m in MONTHS if len(m) > 3)
    + r")\b(?!\s+\d{1,2}\b))",
    re.IGNORECASE,
)
_STATED_DAY_RE = re.compile(
    rf"\b(?:on\s+)?(?:(?P<d1>\d{{1,2}})\s+{_MONTH}|"
    rf"(?P<month2>{'|'.join(sorted(MONTHS, key=len, reverse=True))})\.?\s+(?P<d2>\d{{1,2}})\b)"
    r"(?:,?\s+(?P<year>\d{4}))?",
    re.IGNORECASE,
)
_RELATIVE_DAY_RE = re.compile(
    rf"\b(?:on|last|this)\s+(?P<weekday>{_WEEKDAY})\b|\b(?P<word>yesterday|today)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Sentence:
    """One sentence of a document.

    ``start``/``end`` are offsets of ``text`` in the document; ``body_start`` is the offset
    where the words begin once a live-blog stamp or a dateline is set aside (the fact finder
    reads from there). ``day`` is the date the sentence speaks from (heading, dateline or the
    document's date); ``block`` numbers the paragraph, so context does not leak across entries.
    """

    text: str
    start: int
    end: int
    body_start: int
    day: date | None
    block: int

    @property
    def body(self) -> str:
        """The sentence without its stamp or dateline."""
        return self.text[self.body_start - self.start :]


def _month_day(month: str, day: str, year: int | None, reference: date | None) -> date | None:
    """A calendar date from parts; without a year, the latest such day not after ``reference``."""
    number = MONTHS[month.lower().rstrip(".")]
    if year is None:
        if reference is None:
            return None
        year = reference.year
        try:
            candidate = date(year, number, int(day))
        except ValueError:
            return None
        if candidate > reference + timedelta(days=1):
            year -= 1
    try:
        return date(year, number, int(day))
    except ValueError:
        return None


def heading_date(line: str) -> date | None:
    """The date of a live-blog heading line, or None if the line is not one."""
    match = _HEADING_RE.match(line)
    if match is None:
        return None
    month = match.group("month") or match.group("month2")
    day = match.group("d1") or match.group("d2")
    return _month_day(month, day, int(match.group("year")), None)


def _prefix(line: str, reference: date | None) -> tuple[int, date | None]:
    """(length of a stamp or dateline at the start of ``line``, the date it gives)."""
    stamp = _STAMP_RE.match(line)
    if stamp is not None:
        return stamp.end(), reference
    dateline = _DATELINE_RE.match(line)
    if dateline is not None and (dateline.group("city") or dateline.group("month")):
        day = reference
        if dateline.group("month"):
            day = _month_day(dateline.group("month"), dateline.group("day"), None, reference)
        return dateline.end(), day
    return 0, reference


def _sentence_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in one line, skipping abbreviations like "U.S." or "Dec."."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END_RE.finditer(line):
        word = re.search(r"([\w.]+)\.?$", line[start : match.start() + 1])
        token = (word.group(1) if word else "").lower().rstrip(".")
        if token in _ABBREVIATIONS or re.fullmatch(r"[a-z]", token):
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(line)))
    result = []
    for a, b in spans:
        piece = line[a:b]
        lead = len(piece) - len(piece.lstrip().lstrip("\ufeff").lstrip())  # a BOM is no text
        if piece.strip():
            result.append((a + lead, a + len(piece.rstrip())))
    return result


def split_sentences(text: str, published: date | None = None) -> list[Sentence]:
    """Every sentence of ``text`` with offsets, its stamp/dateline set aside and its day.

    Heading lines ("Wednesday, November 29, 2023") and bare time stamps set the day of what
    follows and are not sentences themselves.
    """
    sentences: list[Sentence] = []
    current_day = published
    offset = 0
    for block, line in enumerate(text.splitlines(keepends=True)):
        line_start = offset
        offset += len(line)
        content = line.rstrip("\r\n")
        if not content.strip("\ufeff \t"):
            continue
        day = heading_date(content.lstrip("\ufeff"))
        if day is not None:
            current_day = day
            continue
        if _STAMP_LINE_RE.match(content):
            continue
        skip, line_day = _prefix(content, current_day)
        for index, (a, b) in enumerate(_sentence_spans(content)):
            body_start = max(a, skip) if index == 0 else a
            sentences.append(
                Sentence(
                    text=content[a:b],
                    start=line_start + a,
                    end=line_start + b,
                    body_start=line_start + body_start,
                    day=line_day,
                    block=block,
                )
            )
    return sentences


def event_date(body: str, reference: date | None) -> date | None:
    """The day a sentence's event happened: a stated day, a weekday before ``reference``,
    or ``reference`` itself; None when the sentence points at a vaguer past."""
    stated = _STATED_DAY_RE.search(body)
    if stated is not None:
        month = stated.group("month") or stated.group("month2")
        day = stated.group("d1") or stated.group("d2")
        year = int(stated.group("year")) if stated.group("year") else None
        found = _month_day(month, day, year, reference)
        if found is not None:
            return found
    relative = _RELATIVE_DAY_RE.search(body)
    if relative is not None and reference is not None:
        if relative.group("word"):
            back = 1 if relative.group("word").lower() == "yesterday" else 0
            return reference - timedelta(days=back)
        weekday = WEEKDAYS.index(relative.group("weekday").lower())
        return reference - timedelta(days=(reference.weekday() - weekday) % 7)
    if _VAGUE_PAST_RE.search(body):
        return None
    return reference
