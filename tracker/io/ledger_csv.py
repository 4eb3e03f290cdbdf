"""The ledger CSV (docs/ledger-csv.md): validating and importing it, and writing it (the
file is read into columns by :mod:`tracker.io.csv_columns`).

Import is all or nothing: every row is checked and every problem is reported with its line,
field and value; only a file without a single error is kept, in one transaction (the caller
rolls back a refused file, including whatever was written while checking it).
Re-importing a file adds nothing (rows are matched by ``entry_id``), and a row whose
``entry_id`` exists with other figures is an error, never an overwrite.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from operator import methodcaller
from typing import Any

from tracker.domain import models as m
from tracker.domain.characters import LAYOUT, foreign_digit, hidden_character
from tracker.domain.vocab import PACKAGE_COLUMNS, SOURCE_COLUMNS
from tracker.io.csv_columns import (
    LEDGER_COLUMNS,
    RowError,
    Table,
)
from tracker.services.core import ValidationError
from tracker.services.entries import EntryInput
from tracker.services.packages import PackageInput
from tracker.services.sources import SourceInput

_PLAIN_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?")
_WHOLE_NUMBER = re.compile(r"[0-9]+")
# The longest cell accepted, in characters: the csv module's default limit, so a file that
# any CSV tool reads is read here too. The reader itself reads longer cells (the limit is
# raised in tracker.io.backup); a longer cell is refused here with its line and column.
CELL_LIMIT = 131_072
# Cells where a line break or a tab is part of the text; elsewhere it is a hidden error.
_FREE_TEXT = frozenset({"source_quote", "source_title", "reason", "stated", "initiative"})
# Cells that hold numbers, dates or codes: a digit of another script is refused by name there
# (in a title or a quote it is text like any other).
_FIGURE_CELLS = frozenset(
    {"entry_id", "corrects", "donor", "currency", "package_ordinal", "recorded_at"}
    | {"quantity", "quantity_high", "amount", "amount_high"}
    | {"package_date", "event_date", "source_published"}
)
# Trimmed from cells: the spaces people type, never a control character that Python's
# str.strip() would also remove (and so hide).
_BLANKS = " \t\r\n\u00a0\u202f\u2009"
_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no", ""}


# --- reading and checking -------------------------------------------------------------------


@dataclass
class ParsedRow:
    line: int
    entry_id: str
    package: PackageInput
    item: str | None
    equipment: str | None
    entry: EntryInput
    source: SourceInput
    recorded_by: str | None


class _Cells:
    """Typed access to one row's cells that records an error per bad cell instead of stopping,
    so one pass reports every problem of the row."""

    def __init__(self, line: int, raw: dict[str, str], errors: list[RowError]) -> None:
        self.line, self.raw, self.errors = line, raw, errors

    def text(self, name: str) -> str | None:
        value = self.raw.get(name) or None
        if value is not None and (problem := cell_problem(name, value)) is not None:
            self.fail(name, problem)
            return None
        return value

    def fail(self, name: str, message: str) -> None:
        value = self.raw.get(name, "")
        shown = value if len(value) <= 80 else value[:80] + "..."
        self.errors.append(RowError(self.line, name, shown, message))

    def required(self, name: str) -> str:
        value = self.text(name)
        if value is None and self.raw.get(name):
            return ""  # refused by text() already
        if value is None:
            self.fail(name, "is required")
            return ""
        return value

    def decimal(self, name: str, *, signed: bool = False) -> Decimal | None:
        """A plain number; ``signed`` admits a leading minus (an amount may be a downward
        revision; whether this entry may carry one is the services' check)."""
        value = self.text(name)
        if value is None:
            return None
        negative = value.startswith("-")
        if negative and not signed:
            self.fail(name, "must not be negative")
            return None
        digits = value[1:] if negative else value
        if not _PLAIN_NUMBER.fullmatch(digits):
            self.fail(name, "must be a plain number with a dot decimal mark and no separators")
            return None
        try:
            number = Decimal(digits)
        except InvalidOperation:
            self.fail(name, "is not a number")
            return None
        return -number if negative else number

    def integer(self, name: str) -> int | None:
        value = self.text(name)
        if value is None:
            return None
        if not _WHOLE_NUMBER.fullmatch(value):
            self.fail(name, "must be a whole number written with the digits 0-9")
            return None
        if len(value) > 10 or int(value) > m.ORDINAL_MAX:
            self.fail(name, f"must be at most {m.ORDINAL_MAX}")
            return None
        return int(value)

    def date(self, name: str) -> date | None:
        value = self.text(name)
        if value is None:
            return None
        try:
            return date.fromisoformat(value) if len(value) == 10 else _bad_date()
        except ValueError:
            self.fail(name, "must be a date as YYYY-MM-DD")
            return None

    def timestamp(self, name: str) -> datetime | None:
        value = self.text(name)
        if value is None:
            return None
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            self.fail(name, "must be an ISO timestamp such as 2024-12-02T14:00:00+00:00")
            return None
        if parsed.tzinfo is None:
            self.fail(name, "needs a UTC offset (e.g. +00:00)")
            return None
        return parsed.astimezone(UTC)

    def boolean(self, name: str) -> bool:
        value = (self.text(name) or "").lower()
        if value in _TRUE:
            return True
        if value not in _FALSE:
            self.fail(name, "must be true or false")
        return False

    def choice(self, name: str, choices: tuple[str, ...], default: str | None) -> str | None:
        value = self.text(name) or default
        if value is not None and value not in choices:
            self.fail(name, f"must be one of {', '.join(choices)}")
        return value


def cell_problem(name: str, value: str) -> str | None:
    """Why the cell ``value`` of column ``name`` is refused before it is read (too long, a
    hidden character, a digit outside 0-9 where a number or code belongs), or None."""
    if value.isascii() and value.isprintable() and len(value) <= CELL_LIMIT:
        return None  # the usual case (no hidden character, no foreign digit), checked in C
    if len(value) > CELL_LIMIT:
        return f"is longer than {CELL_LIMIT} characters ({len(value)})"
    free = name in _FREE_TEXT
    if (hidden := hidden_character(value, allow=LAYOUT if free else "")) is not None:
        return f"holds the hidden character {hidden}"
    if name in _FIGURE_CELLS and (digit := foreign_digit(value)) is not None:
        return f"{digit} is not one of the digits 0-9"
    return None


def refusal(line: int, exc: ValidationError) -> RowError:
    """A service's refusal as the problem of one line."""
    return RowError(line, exc.field, str(exc.value or ""), exc.message)


def _bad_date() -> date:
    raise ValueError("not YYYY-MM-DD")


def _read_package(c: _Cells) -> PackageInput:
    return PackageInput(
        donor=c.required("donor"),
        title=c.required("package"),
        aid_type=c.choice("aid_type", m.AID_TYPES, None) or "",
        announced_on=c.date("package_date"),
        ordinal=c.integer("package_ordinal"),
        instrument=c.choice("instrument", m.INSTRUMENTS, None),
        secrecy=c.choice("secrecy", m.SECRECY_LEVELS, "public") or "public",
        initiative=c.text("initiative"),
        aggregate_claim=c.boolean("aggregate_claim"),
    )


def _read_source(c: _Cells) -> SourceInput:
    """The row's source, validated (a row without a URL or title is refused here)."""
    source = SourceInput(
        url=c.text("source_url"),
        outlet=c.text("source_outlet"),
        title=c.text("source_title"),
        published=c.date("source_published"),
        quote=c.text("source_quote"),
        claimant=c.text("source_claimant"),
        reliability=c.choice("source_reliability", m.RELIABILITY_GRADES, "media") or "media",
    )
    try:
        return source.validated()
    except ValidationError as exc:
        c.errors.append(refusal(c.line, exc))
        return source


def _read_event(c: _Cells) -> str:
    if c.text("event") is None:
        c.fail("event", "is required")
        return ""
    return c.choice("event", m.EVENT_KINDS, None) or ""


def _read_event_date(c: _Cells) -> date:
    if c.text("event_date") is None:
        c.fail("event_date", "is required")
        return date.min
    return c.date("event_date") or date.min


def _text(name: str) -> Callable[[_Cells], Any]:
    return methodcaller("text", name)


# How each entry cell is read, in the order a row's problems are reported (after its package
# and source cells). The figures are checked together (check_entry_figures) when the
# entry's values are built, once its package and item are known.
_ENTRY_CELLS: tuple[tuple[str, Callable[[_Cells], Any]], ...] = (
    ("event", _read_event),
    ("event_date", _read_event_date),
    ("quantity", methodcaller("decimal", "quantity")),
    ("quantity_high", methodcaller("decimal", "quantity_high")),
    ("unit", _text("unit")),
    ("amount", methodcaller("decimal", "amount", signed=True)),
    ("amount_high", methodcaller("decimal", "amount_high")),
    ("currency", _text("currency")),
    ("qualifier", methodcaller("choice", "qualifier", m.QUALIFIERS, "exact")),
    ("cumulative", methodcaller("boolean", "cumulative")),
    ("corrects", _text("corrects")),
    ("reason", _text("reason")),
    ("stated", _text("stated")),
    ("review_status", methodcaller("choice", "review_status", m.REVIEW_STATUSES, "draft")),
    ("recorded_at", methodcaller("timestamp", "recorded_at")),
    ("item", _text("item")),
    ("equipment", _text("equipment")),
    ("recorded_by", _text("recorded_by")),
)


class RowReader:
    """Turns a table's text into typed inputs, a column at a time; every bad cell adds a
    RowError naming its line.

    A file repeats most of its cells from row to row (a package's lines, an article's
    figures, a handful of dates, units and statuses), so each distinct cell, and each
    distinct combination of package and of source cells, is read and checked once, and its
    problems are reported again for every line that carries it. Reading 100,000 rows this
    way costs a few dictionary look-ups per cell instead of a parse.
    """

    def __init__(self, table: Table) -> None:
        self.table = table
        self.lines = table.lines
        self._bad: dict[int, list[RowError]] = {}

    def _note(self, position: int, problem: RowError) -> None:
        self._bad.setdefault(position, []).append(problem)

    def _column(self, names: tuple[str, ...], read: Callable[[_Cells], Any]) -> list[Any]:
        """One value per row, read by ``read`` from the cells ``names`` (each distinct
        combination once); a row with a bad cell has its problems noted (its value is then
        a placeholder)."""
        present = [name for name in names if name in self.table.columns]
        columns = [self.table.column(name) for name in present]
        if len(columns) == 1:  # one cell: the column's codes are the combinations
            keys: list[Any] = columns[0].codes
            combos: dict[Any, Any] = {i: (cell,) for i, cell in enumerate(columns[0].distinct)}
        else:
            keys = list(zip(*(c.codes for c in columns), strict=True)) or [()] * len(self.lines)
            combos = {
                key: tuple(c.distinct[i] for c, i in zip(columns, key, strict=True))
                for key in dict.fromkeys(keys)
            }
        memo: dict[Any, tuple[Any, list[tuple[str, str, str]]]] = {}
        for key, cells in combos.items():
            found: list[RowError] = []
            raw = dict(zip(present, map(methodcaller("strip", _BLANKS), cells), strict=True))
            value = read(_Cells(0, raw, found))
            memo[key] = (value, [(e.field, e.value, e.message) for e in found])
        if any(problems for _, problems in memo.values()):
            for position, key in enumerate(keys):
                for problem in memo[key][1]:
                    self._note(position, RowError(self.lines[position], *problem))
        values = [value for value, _ in memo.values()]
        if len(columns) == 1:
            return list(map(values.__getitem__, keys))  # in C: 18 columns of every row
        return [memo[key][0] for key in keys]

    def _entry_ids(self) -> list[str]:
        """entry_id cells, trimmed (distinct in a good file: not worth remembering)."""
        column = self.table.column("entry_id")
        ids = [cell.strip(_BLANKS) for cell in column.distinct]
        problems = [cell_problem("entry_id", cell) if cell else "is required" for cell in ids]
        for position, code in enumerate(column.codes):
            if problems[code] is not None:
                line = self.lines[position]
                self._note(position, RowError(line, "entry_id", ids[code][:80], problems[code]))
        return list(map(ids.__getitem__, column.codes))

    def parse(self, errors: list[RowError]) -> list[ParsedRow]:
        """Every row as typed inputs; rows with problems are left out and their problems
        added to ``errors`` (a row's problems in column order)."""
        packages = self._column(PACKAGE_COLUMNS, _read_package)
        sources = self._column(SOURCE_COLUMNS, _read_source)
        ids = self._entry_ids()
        cells = {name: self._column((name,), read) for name, read in _ENTRY_CELLS}
        cells["key"] = ids
        # Built column-wise (a KeyError here means EntryInput gained a field without a cell).
        entries = map(EntryInput, *(cells[f.name] for f in fields(EntryInput)))
        rows = map(
            ParsedRow,
            self.lines,
            ids,
            packages,
            cells["item"],
            cells["equipment"],
            entries,
            sources,
            cells["recorded_by"],
        )
        if not self._bad:
            return list(rows)
        for position in sorted(self._bad):
            errors.extend(self._bad[position])
        return [row for position, row in enumerate(rows) if position not in self._bad]


def write_ledger_csv(rows: Iterable[dict[str, str]], out: io.TextIOBase) -> int:
    """Write interchange rows (header first); returns the number of rows."""
    # CRLF (RFC 4180): with a bare "\n" terminator the csv module leaves a cell holding a
    # lone "\r" unquoted, and a reader splits the row there.
    writer = csv.DictWriter(out, fieldnames=LEDGER_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count
