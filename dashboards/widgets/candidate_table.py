"""The review table of the "From an article" page: candidates in, reviewed facts out.

The extractor's candidates become rows a researcher can edit in ``st.data_editor``; the rows
they tick become :class:`tracker.services.accept.ReviewedFact`. Figures are shown as text in the
reader's locale (through :mod:`tracker.domain.display`, like every number on the dashboards) and
read back strictly in that locale, so "1.200" typed in German is 1200, and a figure that cannot be
read is refused with its row and column, never guessed.

Also here: the sentences with their figures marked, as escaped HTML, so the researcher sees
where each row was read.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

import pandas as pd

from tracker import services as svc
from tracker.domain.display import format_number
from tracker.domain.numbers import ParseError
from tracker.domain.parsing import ParsedMoney, ParsedQuantity, parse, parse_number
from tracker.extract import CandidateFact
from tracker.i18n import gettext as _
from tracker.services import accept

# Column headers (also the keys of each row).
ROW, ACCEPT, CHECK = "#", "Accept", "Check"
DONOR, EVENT, AID_TYPE = "Donor", "Event", "Aid type"
ITEM, EQUIPMENT = "Item", "Equipment"
QUANTITY, QUANTITY_HIGH, UNIT = "Quantity", "Quantity to", "Unit"
AMOUNT, AMOUNT_HIGH, CURRENCY = "Amount", "Amount to", "Currency"
QUALIFIER, CUMULATIVE, DATE, SENTENCE = "Qualifier", "Running total", "Date", "Sentence"
COLUMNS = (
    ROW,
    ACCEPT,
    DONOR,
    EVENT,
    ITEM,
    EQUIPMENT,
    QUANTITY,
    QUANTITY_HIGH,
    UNIT,
    AMOUNT,
    AMOUNT_HIGH,
    CURRENCY,
    QUALIFIER,
    CUMULATIVE,
    DATE,
    AID_TYPE,
    CHECK,
    SENTENCE,
)
READ_ONLY = (ROW, CHECK, SENTENCE)
# The field each table column feeds (how a refusal names it, and what the services call it).
_FIELDS = {
    QUANTITY: "quantity",
    QUANTITY_HIGH: "quantity_high",
    AMOUNT: "amount",
    AMOUNT_HIGH: "amount_high",
    DATE: "event_date",
}
# Marks around the figure inside the table's plain-text sentence cell.
FIGURE_OPEN, FIGURE_CLOSE = "⟦", "⟧"


def figure_text(fact: CandidateFact, text: str) -> str | None:
    """The figure as written in the article ("between 40 and 50 tanks"), kept as stated."""
    if fact.figure_start is None or fact.figure_end is None:
        return None
    return text[fact.figure_start : fact.figure_end].strip() or None


def range_high(fact: CandidateFact, stated: str | None, locale: str) -> Decimal | None:
    """The high end of a range candidate, read again from its figure's text (the candidate
    itself carries only the low end); None when that reading does not agree with it."""
    if fact.qualifier != "range" or stated is None:
        return None
    try:
        figure = parse(stated, locale)
    except ParseError:
        return None
    if isinstance(figure, ParsedMoney) and figure.amount == fact.amount:
        return figure.high
    if isinstance(figure, ParsedQuantity) and figure.value == fact.quantity:
        return figure.high
    return None


def checks(fact: CandidateFact, high: Decimal | None) -> str:
    """What the researcher must look at before the row can be accepted (and the reader's
    own notes), in words."""
    found = []
    if fact.kind == "estimate":
        found.append(
            _(
                "An estimate or plan, not an event: choose pledge, allocation, delivery or "
                "cancellation to accept it."
            )
        )
    if fact.donor is None:
        found.append(_("No donor found: choose one."))
    if fact.date is None:
        found.append(_("The text gives no day: enter the date."))
    if fact.qualifier == "range" and high is None:
        found.append(_("A range: enter its high end."))
    if fact.note:
        found.append(fact.note[0].upper() + fact.note[1:] + ".")
    return " ".join(found)


def _shown(value: Decimal | None, locale: str) -> str | None:
    return None if value is None else format_number(value, locale)


def _marked_sentence(fact: CandidateFact, text: str) -> str:
    """The sentence as plain text with the figure between marks."""
    if fact.figure_start is None or fact.figure_end is None:
        return fact.sentence
    a, b = fact.figure_start, fact.figure_end
    return (
        text[fact.start : a] + FIGURE_OPEN + text[a:b] + FIGURE_CLOSE + text[b : fact.end]
    ).strip()


def candidate_rows(
    facts: Sequence[CandidateFact], text: str, *, locale: str, read_locale: str = "en"
) -> pd.DataFrame:
    """The review table: one row per candidate, numbered from 1, figures in ``locale``.

    ``read_locale`` is the language the article's numbers are written in (to re-read a
    range's high end). Estimates start unticked: they cannot be accepted as they are."""
    rows = []
    for number, fact in enumerate(facts, start=1):
        stated = figure_text(fact, text)
        high = range_high(fact, stated, read_locale)
        is_amount = fact.amount is not None
        rows.append(
            {
                ROW: number,
                ACCEPT: fact.kind != "estimate",
                DONOR: fact.donor,
                EVENT: fact.kind,
                ITEM: fact.item,
                EQUIPMENT: fact.equipment,
                QUANTITY: _shown(fact.quantity, locale),
                QUANTITY_HIGH: None if is_amount else _shown(high, locale),
                UNIT: fact.unit,
                AMOUNT: _shown(fact.amount, locale),
                AMOUNT_HIGH: _shown(high, locale) if is_amount else None,
                CURRENCY: fact.currency,
                QUALIFIER: fact.qualifier or "exact",
                CUMULATIVE: fact.cumulative,
                DATE: fact.date,
                AID_TYPE: "military",
                CHECK: checks(fact, high),
                SENTENCE: _marked_sentence(fact, text),
            }
        )
    return pd.DataFrame(rows, columns=list(COLUMNS))


# --- reading the edited table back --------------------------------------------------------


def _blank(value: object) -> bool:
    if value is None or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _text(value: object) -> str | None:
    return None if _blank(value) else str(value).strip()


def _number(column: str, value: object, locale: str) -> Decimal | None:
    """A figure cell as typed ("1,200,000,000", "1.2 billion"), read strictly in ``locale``."""
    text = _text(value)
    if text is None:
        return None
    try:
        return parse_number(text, locale)
    except ParseError as exc:
        message = str(exc).removeprefix(f"{exc.field} {exc.value!r}: ")
        raise svc.ValidationError(_FIELDS[column], text, message) from exc


def _day(value: object) -> date | None:
    """A date cell (the editor hands back dates, timestamps or ISO text)."""
    if _blank(value):
        return None
    if isinstance(value, datetime | pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise svc.ValidationError("event_date", value, "is not a date (YYYY-MM-DD)") from exc


def _fact(row: dict, stated: str | None, locale: str) -> accept.ReviewedFact:
    return accept.ReviewedFact(
        row=int(row[ROW]),
        donor=_text(row[DONOR]) or "",
        event=_text(row[EVENT]) or "",
        aid_type=_text(row[AID_TYPE]) or "",
        event_date=_day(row[DATE]),
        item=_text(row[ITEM]),
        equipment=_text(row[EQUIPMENT]),
        quantity=_number(QUANTITY, row[QUANTITY], locale),
        quantity_high=_number(QUANTITY_HIGH, row[QUANTITY_HIGH], locale),
        unit=_text(row[UNIT]),
        amount=_number(AMOUNT, row[AMOUNT], locale),
        amount_high=_number(AMOUNT_HIGH, row[AMOUNT_HIGH], locale),
        currency=_text(row[CURRENCY]),
        qualifier=_text(row[QUALIFIER]) or "exact",
        cumulative=bool(row[CUMULATIVE]) if not _blank(row[CUMULATIVE]) else False,
        stated=stated,
    )


def reviewed_facts(
    table: pd.DataFrame, stated: Sequence[str | None], *, locale: str
) -> tuple[list[accept.ReviewedFact], list[accept.RowProblem]]:
    """The ticked rows of the edited ``table`` as facts to accept (``stated`` is each row's
    figure as written, by position), and the ticked rows that cannot be read, one problem
    per row (for :func:`tracker.services.accept.accept_candidates` to report with its own)."""
    facts, problems = [], []
    for position, row in enumerate(table.to_dict("records")):
        if _blank(row[ACCEPT]) or not row[ACCEPT]:
            continue
        try:
            facts.append(_fact(row, stated[position], locale))
        except svc.ValidationError as exc:
            problems.append(accept.RowProblem(int(row[ROW]), exc.field, exc.value, exc.message))
    return facts, problems


# --- the sentences with their figures marked -------------------------------------------------


def _merged_marks(facts: Sequence[tuple[int, CandidateFact]]) -> list[tuple[int, int, list[int]]]:
    """(start, end, row numbers) of the figures in one sentence, overlapping ones merged (a
    stated conversion read as one fact, two facts sharing a figure)."""
    marks: list[tuple[int, int, list[int]]] = []
    spans = sorted(
        (f.figure_start, f.figure_end, n)
        for n, f in facts
        if f.figure_start is not None and f.figure_end is not None
    )
    for start, end, number in spans:
        if marks and start < marks[-1][1]:
            last = marks[-1]
            marks[-1] = (last[0], max(last[1], end), [*last[2], number])
        else:
            marks.append((start, end, [number]))
    return marks


def marked_sentences_html(
    facts: Sequence[CandidateFact], text: str, notes: Sequence[str] = ()
) -> str:
    """Each sentence that holds candidates, once, with every figure in ``<mark>`` followed by
    its row numbers, and under it the ``notes`` (by row: what to check) of its rows. All
    article text and notes are HTML-escaped: only the marks are markup."""
    by_sentence: dict[tuple[int, int], list[tuple[int, CandidateFact]]] = {}
    for number, fact in enumerate(facts, start=1):
        by_sentence.setdefault((fact.start, fact.end), []).append((number, fact))
    paragraphs = []
    for (start, end), group in by_sentence.items():
        parts, cursor = [], start
        marks = _merged_marks(group)
        for a, b, numbers in marks:
            rows = ", ".join(str(n) for n in numbers)
            parts.append(html.escape(text[cursor:a]))
            parts.append(f"<mark>{html.escape(text[a:b])}</mark><sup>{rows}</sup>")
            cursor = b
        parts.append(html.escape(text[cursor:end]))
        marked = {n for *_span, numbers in marks for n in numbers}
        unmarked = [str(n) for n, _fact in group if n not in marked]
        if unmarked:
            parts.append(f"<sup>{', '.join(unmarked)}</sup>")
        paragraphs.append("<p>" + "".join(parts).strip() + "</p>")
        paragraphs.extend(
            "<p><small><b>"
            + html.escape(_("Row {n}:").format(n=n))
            + f"</b> {html.escape(notes[n - 1])}</small></p>"
            for n, _fact in group
            if n <= len(notes) and notes[n - 1]
        )
    return "\n".join(paragraphs)
