"""The ledger CSV (docs/ledger-csv.md): validating and importing it, and writing it (the
file is read into columns by :mod:`tracker.ledger_table`).

Import is all or nothing: every row is checked and every problem is reported with its line,
field and value; only a file without a single error is kept, in one transaction (the caller
rolls back a refused file, including whatever was written while checking it).
Re-importing a file adds nothing (rows are matched by ``entry_id``), and a row whose
``entry_id`` exists with other figures is an error, never an overwrite.
"""

from __future__ import annotations

import csv
import gc
import hashlib
import io
import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from itertools import chain
from operator import itemgetter, methodcaller
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from tracker import models as m
from tracker import services as svc
from tracker.db import each_distinct
from tracker.ledger import Inserted, after_write
from tracker.ledger_table import (
    LEDGER_COLUMNS,
    ImportFailed,
    RowError,
    Table,
    load_table,
)

_PLAIN_NUMBER = re.compile(r"^\d+(\.\d+)?$")
_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no", ""}


@dataclass
class ImportReport:
    rows: int = 0
    inserted: int = 0
    unchanged: int = 0
    new_warnings: int = 0


# --- reading and checking -------------------------------------------------------------------


@dataclass
class ParsedRow:
    line: int
    entry_id: str
    package: svc.PackageInput
    item: str | None
    equipment: str | None
    entry: svc.EntryInput
    source: svc.SourceInput
    recorded_by: str | None


class _Cells:
    """Typed access to one row's cells that records an error per bad cell instead of stopping,
    so one pass reports every problem of the row."""

    def __init__(self, line: int, raw: dict[str, str], errors: list[RowError]) -> None:
        self.line, self.raw, self.errors = line, raw, errors

    def text(self, name: str) -> str | None:
        return self.raw.get(name) or None

    def fail(self, name: str, message: str) -> None:
        self.errors.append(RowError(self.line, name, self.raw.get(name, ""), message))

    def required(self, name: str) -> str:
        value = self.text(name)
        if value is None:
            self.fail(name, "is required")
            return ""
        return value

    def decimal(self, name: str) -> Decimal | None:
        value = self.text(name)
        if value is None:
            return None
        if value.startswith("-"):
            self.fail(name, "must not be negative")
            return None
        if not _PLAIN_NUMBER.match(value):
            self.fail(name, "must be a plain number with a dot decimal mark and no separators")
            return None
        try:
            return Decimal(value)
        except InvalidOperation:
            self.fail(name, "is not a number")
            return None

    def integer(self, name: str) -> int | None:
        value = self.text(name)
        if value is None:
            return None
        if not value.isdigit():
            self.fail(name, "must be a whole number")
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


def _refusal(line: int, exc: svc.ValidationError) -> RowError:
    """A service's refusal as the problem of one line."""
    return RowError(line, exc.field, str(exc.value or ""), exc.message)


def _bad_date() -> date:
    raise ValueError("not YYYY-MM-DD")


_PACKAGE_CELLS = ("donor", "package", "package_date", "package_ordinal", "instrument", "aid_type",
                  "secrecy", "initiative", "aggregate_claim")  # fmt: skip
_SOURCE_CELLS = ("source_url", "source_outlet", "source_title", "source_published",
                 "source_quote", "source_claimant", "source_reliability")  # fmt: skip


def _read_package(c: _Cells) -> svc.PackageInput:
    return svc.PackageInput(
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


def _read_source(c: _Cells) -> svc.SourceInput:
    """The row's source, validated (a row without a URL or title is refused here)."""
    source = svc.SourceInput(
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
    except svc.ValidationError as exc:
        c.errors.append(_refusal(c.line, exc))
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
# and source cells). The figures are checked together (svc.check_entry_figures) when the
# entry's values are built, once its package and item are known.
_ENTRY_CELLS: tuple[tuple[str, Callable[[_Cells], Any]], ...] = (
    ("event", _read_event),
    ("event_date", _read_event_date),
    ("quantity", methodcaller("decimal", "quantity")),
    ("quantity_high", methodcaller("decimal", "quantity_high")),
    ("unit", _text("unit")),
    ("amount", methodcaller("decimal", "amount")),
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
            combos = {key: tuple(c.distinct[i] for c, i in zip(columns, key, strict=True))
                      for key in dict.fromkeys(keys)}  # fmt: skip
        memo: dict[Any, tuple[Any, list[tuple[str, str, str]]]] = {}
        for key, cells in combos.items():
            found: list[RowError] = []
            raw = dict(zip(present, map(str.strip, cells), strict=True))
            value = read(_Cells(0, raw, found))
            memo[key] = (value, [(e.field, e.value, e.message) for e in found])
        if any(problems for _, problems in memo.values()):
            for position, key in enumerate(keys):
                for problem in memo[key][1]:
                    self._note(position, RowError(self.lines[position], *problem))
        values = [value for value, _ in memo.values()]
        if len(columns) == 1:
            return [values[code] for code in keys]
        return [memo[key][0] for key in keys]

    def _entry_ids(self) -> list[str]:
        """entry_id cells, trimmed (distinct in a good file: not worth remembering)."""
        column = self.table.column("entry_id")
        ids = [cell.strip() for cell in column.distinct]
        for position in (p for p, code in enumerate(column.codes) if not ids[code]):
            self._note(position, RowError(self.lines[position], "entry_id", "", "is required"))
        return [ids[code] for code in column.codes]

    def parse(self, errors: list[RowError]) -> list[ParsedRow]:
        """Every row as typed inputs; rows with problems are left out and their problems
        added to ``errors`` (a row's problems in column order)."""
        packages = self._column(_PACKAGE_CELLS, _read_package)
        sources = self._column(_SOURCE_CELLS, _read_source)
        ids = self._entry_ids()
        cells = {name: self._column((name,), read) for name, read in _ENTRY_CELLS}
        cells["key"] = ids
        # Built column-wise (a KeyError here means EntryInput gained a field without a cell).
        entries = map(svc.EntryInput, *(cells[f.name] for f in fields(svc.EntryInput)))
        rows = map(ParsedRow, self.lines, ids, packages, cells["item"], cells["equipment"],
                   entries, sources, cells["recorded_by"])  # fmt: skip
        if not self._bad:
            return list(rows)
        for position in sorted(self._bad):
            errors.extend(self._bad[position])
        return [row for position, row in enumerate(rows) if position not in self._bad]


# --- writing to the database -----------------------------------------------------------------


Parents = tuple[m.Package, m.Item | None, m.Source]


class _Resolver:
    """The packages, items and sources of all rows, found or created at once.

    One query per kind finds what exists and one INSERT per kind adds what is new (audited
    like the one-by-one service functions), instead of a query and a flush per row, which
    dominated the time of a large file. Each row whose package or item is refused gets a
    RowError; the same checks apply as in the services.
    """

    def __init__(self, session: Session, actor: str) -> None:
        self.session, self.actor = session, actor

    def resolve(
        self, rows: list[ParsedRow], errors: list[RowError]
    ) -> list[tuple[ParsedRow, Parents]]:
        # The reader hands out one input object per distinct package and source description,
        # so rows are matched to them by identity: hashing a dataclass per row cost more than
        # the look-ups themselves.
        packages = self._packages(rows, errors)
        placed = [(row, p) for row in rows if (p := packages.get(id(row.package))) is not None]
        sources = self._sources(rows)
        items = self._items(placed, errors)
        return [
            (row, (package, items[row.line], sources[id(row.source)]))
            for row, package in placed
            if row.line in items
        ]

    def _load(self, model: type, column: sa.Column, values: Iterable[Any]) -> list[Any]:
        """Rows of ``model`` whose ``column`` is one of ``values`` (in chunks of 500)."""
        values = list(values)
        found: list[Any] = []
        query = select(model).where(column.in_(sa.bindparam("chunk", expanding=True)))
        for start in range(0, len(values), 500):
            found += self.session.scalars(query, {"chunk": values[start : start + 500]})
        return found

    def _packages(
        self, rows: list[ParsedRow], errors: list[RowError]
    ) -> dict[int, m.Package]:
        """id() of each package description -> its package. A description that contradicts
        the stored package, or the file's first description of it, is refused."""
        refused: dict[svc.PackageInput, svc.ValidationError] = {}
        described: dict[svc.PackageInput, dict[str, Any]] = {}
        donors: dict[str, Any] = {}
        inputs = _distinct(row.package for row in rows)
        for data in dict.fromkeys(inputs):
            try:
                donor = _lookup(
                    donors, data.donor, lambda code=data.donor: svc.find_donor(self.session, code)
                )
                described[data] = svc.package_values(self.session, data, donor=donor)
            except svc.ValidationError as exc:
                refused[data] = exc
        keys = {(v["donor_id"], v["title"]) for v in described.values()}
        stored = {(p.donor_id, p.title): p
                  for p in self._load(m.Package, m.Package.title, {t for _, t in keys})
                  if (p.donor_id, p.title) in keys}  # fmt: skip
        first: dict[tuple[int, str], tuple[svc.PackageInput, dict[str, Any]]] = {}
        for data, values in described.items():
            key = (values["donor_id"], values["title"])
            try:
                if key in stored:
                    svc.check_package_agrees(svc.row_snapshot(stored[key]), values)
                elif key in first:
                    svc.check_package_agrees(first[key][1], values)
                else:
                    first[key] = (data, values)
            except svc.ValidationError as exc:
                refused[data] = exc
        ids = svc.insert_audited(
            self.session, m.Package, [values for _, values in first.values()], actor=self.actor,
            row_keys=[svc.package_key(data) for data, _ in first.values()],
        )  # fmt: skip
        stored.update({(p.donor_id, p.title): p for p in self._load(m.Package, m.Package.id, ids)})
        for row in rows if refused else ():
            if row.package in refused:
                exc = refused[row.package]
                errors.append(_refusal(row.line, exc))
        return {
            id(data): stored[(described[data]["donor_id"], described[data]["title"])]
            for data in inputs
            if data not in refused
        }

    def _sources(self, rows: list[ParsedRow]) -> dict[int, m.Source]:
        """id() of each (validated) source description -> its Source; the first description
        of a new source is the one stored, as get_or_create_source does."""
        inputs = _distinct(row.source for row in rows)
        keyed = {data: svc.source_key(data.url, data.outlet, data.title, data.published)
                 for data in dict.fromkeys(inputs)}  # fmt: skip
        stored = {s.key: s for s in self._load(m.Source, m.Source.key, set(keyed.values()))}
        new: dict[str, svc.SourceInput] = {}
        for data, key in keyed.items():
            if key not in stored:
                new.setdefault(key, data)
        ids = svc.insert_audited(
            self.session, m.Source,
            [{"key": key, "created_by": self.actor, **data.__dict__} for key, data in new.items()],
            actor=self.actor, row_keys=list(new),
        )  # fmt: skip
        stored.update({s.key: s for s in self._load(m.Source, m.Source.id, ids)})
        return {id(data): stored[keyed[data]] for data in inputs}

    def _items(self, placed: list[tuple[ParsedRow, m.Package]],
               errors: list[RowError]) -> dict[int, m.Item | None]:  # fmt: skip
        """Line number -> the row's item (None for a money-only row); refused rows are left
        out. A row naming other equipment than its item has is refused."""
        catalogue: dict[str, Any] = {}
        chosen: dict[tuple[int, str | None, str | None], Any] = {}
        wanted: dict[int, tuple[int, str | None, str | None]] = {}  # line -> its choice
        lines: dict[int, m.Item | None] = {}
        for row, package in placed:
            if not row.item and not row.equipment:
                lines[row.line] = None
                continue
            key = (id(row.package), row.item, row.equipment)
            if key not in chosen:
                try:
                    equipment = row.equipment and _lookup(
                        catalogue, row.equipment,
                        lambda name=row.equipment: svc.find_equipment(self.session, name),
                    )  # fmt: skip
                    label = svc.require_text("item", row.item or row.equipment, 300)
                    chosen[key] = (package.id, label, equipment or None)
                except svc.ValidationError as exc:
                    chosen[key] = exc
            choice = chosen[key]
            if isinstance(choice, svc.ValidationError):
                errors.append(_refusal(row.line, choice))
                continue
            wanted[row.line] = key
        choices = [c for c in chosen.values() if not isinstance(c, svc.ValidationError)]
        package_ids = {package_id for package_id, _, _ in choices}
        stored = {(i.package_id, i.label): i
                  for i in self._load(m.Item, m.Item.package_id, package_ids)}  # fmt: skip
        titles = {package.id: package.title for package in _distinct(p for _, p in placed)}
        new: dict[tuple[int, str], dict[str, Any]] = {}
        for package_id, label, equipment in choices:
            if (package_id, label) not in stored and (package_id, label) not in new:
                new[(package_id, label)] = {
                    "package_id": package_id, "label": label,
                    "equipment_type_id": equipment.id if equipment else None,
                    "unit": equipment.unit if equipment else None,
                }  # fmt: skip
        ids = svc.insert_audited(
            self.session, m.Item, list(new.values()), actor=self.actor,
            row_keys=[f"{titles[package_id]}/{label}" for package_id, label in new],
        )  # fmt: skip
        stored.update({(i.package_id, i.label): i for i in self._load(m.Item, m.Item.id, ids)})
        found: dict[Any, m.Item | RowError] = {}  # each choice's item, or why it is refused
        for key, choice in chosen.items():
            if isinstance(choice, svc.ValidationError):
                continue
            package_id, label, equipment = choice
            item = stored[(package_id, label)]
            found[key] = item
            if equipment is not None and item.equipment_type_id not in (None, equipment.id):
                found[key] = RowError(0, "equipment", equipment.name,
                                      f"contradicts item {label!r}")  # fmt: skip
        for line, key in wanted.items():
            item = found[key]
            if isinstance(item, RowError):
                errors.append(replace(item, line=line))
                continue
            lines[line] = item
        return lines


def _distinct(inputs: Iterable[Any]) -> list[Any]:
    """The distinct objects of ``inputs`` by identity, in first-seen order."""
    return list({id(data): data for data in inputs}.values())


def _lookup(cache: dict[str, Any], key: str, find: Callable[[], Any]) -> Any:
    """``find()`` once per key; a refusal (ValidationError) is remembered and raised again."""
    if key not in cache:
        try:
            cache[key] = find()
        except svc.ValidationError as exc:
            cache[key] = exc
    found = cache[key]
    if isinstance(found, svc.ValidationError):
        raise found
    return found


_COMPARED = ("package_id", "item_id", "event", "event_date", "quantity", "unit", "amount",
             "currency", "qualifier", "cumulative")  # fmt: skip


def import_ledger(
    session: Session,
    data: bytes,
    *,
    actor: str,
    label: str = "upload",
    progress: Callable[[float, str], None] | None = None,
    known_from_source: bool = False,
    may_review: bool = True,
) -> ImportReport:
    """Validate and import a ledger CSV in the caller's transaction; raise ImportFailed (and
    write nothing: the caller rolls back) on any problem.

    Rows without ``recorded_at`` are stamped with the import time, or, with
    ``known_from_source`` (the seed facts), with the day their source was published (else the
    event date): that is when the fact became known, so as-of views of past dates show it.
    Without ``may_review`` (an editor's upload) a row marked reviewed is refused: importing
    must not be a way around the review."""
    with _no_cycle_collection():
        return _import(session, data, actor=actor, label=label, progress=progress,
                       known_from_source=known_from_source, may_review=may_review)  # fmt: skip


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused: an import holds millions of small objects (cells,
    inputs, rows) that reference counting frees, and the collector walked all of them again
    and again, a quarter of the time of a 100,000-row file. Nothing here builds cycles that
    must be collected before the import ends; the collector resumes afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _import(session: Session, data: bytes, *, actor: str, label: str,
            progress: Callable[[float, str], None] | None, known_from_source: bool,
            may_review: bool) -> ImportReport:  # fmt: skip
    notify = progress or (lambda _fraction, _message: None)
    now = m.utcnow()  # the one time every entry of this import was recorded at
    table = load_table(data)
    errors: list[RowError] = list(table.errors)
    parsed = RowReader(table).parse(errors)
    if known_from_source:
        parsed = [_dated_by_source(row) for row in parsed]
    seen: dict[str, int] = {}
    for row in parsed:
        if not may_review and row.entry.review_status != "draft":
            message = "only a reviewer may import entries that are not drafts"
            errors.append(RowError(row.line, "review_status", row.entry.review_status, message))
        if row.entry_id in seen:
            errors.append(RowError(row.line, "entry_id", row.entry_id,
                                   f"repeats line {seen[row.entry_id]}"))  # fmt: skip
        seen.setdefault(row.entry_id, row.line)
    notify(0.2, f"{len(parsed)} rows read")
    report = ImportReport(rows=len(parsed))
    existing = _existing_entries(session, [r.entry_id for r in parsed])
    # Rows with bad cells are still resolved, so one report names every bad row.
    resolved = _Resolver(session, actor).resolve(parsed, errors)
    if len(resolved) < len(parsed):  # rows refused for their package or item: their figures
        placed = {row.line for row, _ in resolved}  # are checked too, for a complete report
        for row in parsed:
            if row.line not in placed:
                try:
                    svc.check_entry_figures(row.entry)
                except svc.ValidationError as exc:
                    errors.append(_refusal(row.line, exc))
    pending: list[tuple[ParsedRow, dict[str, Any]]] = []
    keys_in_file: dict[str, ParsedRow] = {r.entry_id: r for r in parsed}
    corrections: list[tuple[ParsedRow, m.Package, m.Item | None, m.Source]] = []
    touched: set[tuple[int, int | None]] = set()
    for n, (row, (package, item, source)) in enumerate(resolved):
        if n % 5000 == 0:
            notify(0.3 + 0.4 * n / max(len(resolved), 1), f"checking row {n + 1}")
        try:
            if row.entry.event == "correction":
                target = row.entry.corrects or ""
                known = target in keys_in_file or target in existing
                if not known and svc.find_entry(session, target) is None:
                    raise svc.ValidationError("corrects", target, "is not a known entry_id")
                corrections.append((row, package, item, source))
                continue
            values = svc.entry_values(
                session, package=package, item=item, data=row.entry, source=source,
                recorded_by=row.recorded_by or actor, now=now,
            )  # fmt: skip
        except svc.ValidationError as exc:
            errors.append(_refusal(row.line, exc))
            continue
        if row.entry_id not in existing or not _check_existing(
            row, values, existing, errors, report
        ):
            pending.append((row, values))
            touched.add((values["package_id"], values["item_id"]))
    if errors:
        raise ImportFailed(sorted(errors, key=lambda e: e.line))
    notify(0.75, f"writing {len(pending)} entries")
    inserted = _insert_entries(session, [v for _, v in pending]) if pending else None
    _write_corrections(session, corrections, existing, errors, report, touched, actor, now)
    if errors:
        raise ImportFailed(errors)
    report.inserted += len(pending)
    notify(0.9, "checking running totals")
    report.new_warnings = after_write(session, touched, inserted)
    if report.inserted:
        _audit_import(session, actor, label, data, report)
    notify(1.0, f"{report.inserted} entries imported, {report.unchanged} already present")
    return report


def _insert_entries(session: Session, rows: list[dict[str, Any]]) -> Inserted | None:
    """Insert new entries (all with the same keys); on SQLite, return them with their ids.

    On SQLite the parameters go to the driver after each column's own bind processor (the
    conversions SQLAlchemy would apply: scaled integers, ISO dates, naive UTC timestamps), one
    column at a time: SQLAlchemy's generic executemany spent about as long preparing the
    parameters as SQLite spent storing them. PostgreSQL takes SQLAlchemy's batched insert.
    """
    table = m.LedgerEntry.__table__
    connection = session.connection()
    dialect = connection.dialect
    if dialect.name != "sqlite":
        connection.execute(sa.insert(table), rows)
        return None
    defaults = svc.model_defaults(m.LedgerEntry)  # what SQLAlchemy would fill in (version)
    given = [c for c in table.columns if c.name in rows[0]]
    columns = given + [c for c in table.columns if c.name in defaults and c.name not in rows[0]]
    # Rows to columns in C: itemgetter picks each row's values, zip transposes.
    cells = zip(*map(itemgetter(*(c.name for c in given)), rows), strict=True)
    by_column = []
    for column in columns:
        values = next(cells) if column.name in rows[0] else (defaults[column.name],) * len(rows)
        process = column.type.dialect_impl(dialect).bind_processor(dialect)
        if process is None:
            by_column.append(values)
            continue
        by_column.append(each_distinct(process, values))
    quote = dialect.identifier_preparer.quote
    names = ", ".join(quote(c.name) for c in columns)
    insert = f"INSERT INTO {quote(table.name)} ({names}) VALUES "
    one = f"({', '.join('?' for _ in columns)})"
    values = list(zip(*by_column, strict=True))
    # Up to 1,000 rows per statement (within this SQLite's limit on parameters): the work
    # SQLite does per statement (reset, bind, step) then counts once per batch instead of
    # once per row, a fifth of the insert time here.
    limit = connection.connection.dbapi_connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    per = max(1, min(1000, limit // len(columns)))
    whole = len(values) - len(values) % per
    if whole:
        connection.exec_driver_sql(
            insert + ", ".join([one] * per),
            [tuple(chain.from_iterable(values[i : i + per])) for i in range(0, whole, per)],
        )
    if whole < len(values):
        connection.exec_driver_sql(insert + one, values[whole:])
    return _numbered(connection, rows)


def _numbered(connection: sa.Connection, rows: list[dict[str, Any]]) -> Inserted | None:
    """The rows just inserted with their ids, or None if they cannot be told for sure.

    From its first INSERT this transaction holds SQLite's write lock, and SQLite gives a new
    row the largest id plus one, so the rows hold the last ``len(rows)`` ids, in order. That
    is checked (count and the keys at both ends) rather than trusted."""
    E = m.LedgerEntry.__table__
    last = connection.execute(sa.select(sa.func.max(E.c.id))).scalar_one()
    first = last - len(rows) + 1
    count = connection.execute(
        sa.select(sa.func.count()).where(E.c.id.between(first, last))
    ).scalar_one()
    ends = connection.execute(
        sa.select(E.c.key).where(E.c.id.in_([first, last])).order_by(E.c.id)
    ).scalars().all()
    expected = [row["key"] for row in (rows[:1] if first == last else [rows[0], rows[-1]])]
    if count != len(rows) or ends != expected:
        return None
    return Inserted(first, rows)


def _dated_by_source(row: ParsedRow) -> ParsedRow:
    if row.entry.recorded_at is not None:
        return row
    known = row.source.published or row.entry.event_date
    stamp = datetime.combine(max(known, row.entry.event_date), time.min, tzinfo=UTC)
    return replace(row, entry=replace(row.entry, recorded_at=stamp))


def _existing_entries(session: Session, keys: list[str]) -> dict[str, m.LedgerEntry]:
    found: dict[str, m.LedgerEntry] = {}
    query = select(m.LedgerEntry).where(
        m.LedgerEntry.key.in_(sa.bindparam("chunk", expanding=True))
    )
    for start in range(0, len(keys), 500):
        for entry in session.scalars(query, {"chunk": keys[start : start + 500]}):
            found[entry.key] = entry
    return found


def _check_existing(row: ParsedRow, values: dict[str, Any],
                    existing: dict[str, m.LedgerEntry], errors: list[RowError],
                    report: ImportReport) -> bool:  # fmt: skip
    """True when the entry is already stored (identical: skipped; different: an error)."""
    stored = existing.get(row.entry_id)
    if stored is None:
        return False
    differing = [f for f in _COMPARED if getattr(stored, f) != values[f]]
    if differing:
        errors.append(RowError(row.line, "entry_id", row.entry_id,
                               f"exists already with other {', '.join(differing)}; "
                               "record a correction instead"))  # fmt: skip
    else:
        report.unchanged += 1
    return True


def _write_corrections(session, corrections, existing, errors, report, touched, actor,
                       now) -> None:  # fmt: skip
    """Corrections go in file order after the entries they may point at have ids."""
    for row, package, item, source in corrections:
        corrected = svc.find_entry(session, row.entry.corrects or "")
        try:
            values = svc.entry_values(
                session, package=package, item=item, data=row.entry, source=source,
                recorded_by=row.recorded_by or actor, corrected=corrected, now=now,
            )  # fmt: skip
        except svc.ValidationError as exc:
            errors.append(_refusal(row.line, exc))
            continue
        if _check_existing(row, values, existing, errors, report):
            continue
        session.add(m.LedgerEntry(**values))
        session.flush()
        report.inserted += 1
        touched.add((values["package_id"], values["item_id"]))


def _audit_import(session: Session, actor: str, label: str, data: bytes,
                  report: ImportReport) -> None:  # fmt: skip
    """One audit record per import: the entries carry recorded_by/recorded_at themselves."""
    session.add(
        m.AuditLog(
            actor=actor,
            action="import",
            table_name="ledger_entry",
            row_key=label,
            after=json.dumps(
                {
                    "file": label,
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "rows": report.rows,
                    "inserted": report.inserted,
                    "unchanged": report.unchanged,
                }
            ),
        )
    )
    session.flush()


# --- writing the interchange format ---------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def package_columns() -> list[sa.ColumnElement]:
    """A package as the interchange format describes it (donor code, title, date, ordinal,
    instrument, aid type, secrecy, initiative code, aggregate claim), for a select from
    ``package`` joined to ``donor`` and outer-joined to ``initiative``; shared by the
    ledger rows and the packages table so both describe a package alike."""
    P, D, INIT = m.Package.__table__, m.Donor.__table__, m.Initiative.__table__
    return [
        D.c.code.label("donor"),
        P.c.title.label("package"),
        P.c.announced_on.label("package_date"),
        P.c.ordinal.label("package_ordinal"),
        P.c.instrument,
        P.c.aid_type,
        P.c.secrecy,
        INIT.c.code.label("initiative"),
        P.c.aggregate_claim,
    ]


def ledger_select() -> sa.Select:
    """The query behind the interchange rows: one row per entry with the columns of
    :data:`LEDGER_COLUMNS` (typed values), in id order. Callers add their filters: the
    interchange export below, and the ledger table the dashboards show and export."""
    E, P, D, I, T, INIT, S = (
        t.__table__
        for t in (
            m.LedgerEntry,
            m.Package,
            m.Donor,
            m.Item,
            m.EquipmentType,
            m.Initiative,
            m.Source,
        )
    )
    C = E.alias("corrected")
    return (
        sa.select(
            E.c.key.label("entry_id"),
            *package_columns(),
            I.c.label.label("item"),
            T.c.name.label("equipment"),
            E.c.event,
            E.c.event_date,
            E.c.quantity,
            E.c.quantity_high,
            E.c.unit,
            E.c.amount,
            E.c.amount_high,
            E.c.currency,
            E.c.qualifier,
            E.c.cumulative,
            C.c.key.label("corrects"),
            E.c.reason,
            E.c.stated,
            S.c.url.label("source_url"),
            S.c.outlet.label("source_outlet"),
            S.c.title.label("source_title"),
            S.c.published.label("source_published"),
            S.c.claimant.label("source_claimant"),
            S.c.reliability.label("source_reliability"),
            S.c.quote.label("source_quote"),
            E.c.recorded_at,
            E.c.recorded_by,
            E.c.review_status,
        )
        .select_from(
            E.join(P, P.c.id == E.c.package_id)
            .join(D, D.c.id == P.c.donor_id)
            .join(S, S.c.id == E.c.source_id)
            .outerjoin(INIT, INIT.c.id == P.c.initiative_id)
            .outerjoin(I, I.c.id == E.c.item_id)
            .outerjoin(T, T.c.id == I.c.equipment_type_id)
            .outerjoin(C, C.c.id == E.c.corrects_id)
        )
        .order_by(E.c.id)
    )


def ledger_rows(session: Session, *, donors: Iterable[str] = (), as_of: date | None = None,
                batch: int = 5000) -> Iterator[dict[str, str]]:  # fmt: skip
    """Every entry as an interchange row (plain values), streamed in id order."""
    E, D = m.LedgerEntry.__table__, m.Donor.__table__
    stmt = ledger_select()
    if donors:
        stmt = stmt.where(D.c.code.in_(list(donors)))
    if as_of is not None:
        from tracker.ledger import known_by

        stmt = stmt.where(E.c.event_date <= as_of, E.c.recorded_at < known_by(as_of))
    result = session.execute(stmt.execution_options(yield_per=batch))
    for row in result.mappings():
        yield {name: _cell(row[name]) for name in LEDGER_COLUMNS}


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


def import_file(session: Session, path: Path, *, actor: str,
                progress: Callable[[float, str], None] | None = None) -> ImportReport:  # fmt: skip
    """:func:`import_ledger` on a file, with the file name in the audit record."""
    return import_ledger(session, path.read_bytes(), actor=actor, label=path.name,
                         progress=progress)  # fmt: skip
