"""Importing a ledger CSV: every row checked, then written all or nothing."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from tracker.db import DatabaseError
from tracker.domain import models as m
from tracker.domain.numbers import shown
from tracker.io.csv_columns import (
    ImportFailed,
    RowError,
    load_table,
)
from tracker.io.ledger_csv import ParsedRow, RowReader, refusal
from tracker.ledger import after_write
from tracker.services.bulk import EntryWriter, no_cycle_collection
from tracker.services.core import (
    ValidationError,
    audit,
    find_donor,
    insert_audited,
    require_text,
    row_snapshot,
)
from tracker.services.entries import (
    check_entry_figures,
    entry_values,
    find_entry,
    key_spellings,
)
from tracker.services.items import find_equipment
from tracker.services.packages import (
    PackageInput,
    check_package_agrees,
    package_key,
    package_values,
)
from tracker.services.sources import source_key


@dataclass
class ImportReport:
    rows: int = 0
    inserted: int = 0
    unchanged: int = 0
    new_warnings: int = 0


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
        sources = self._sources(rows, errors)
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

    def _packages(self, rows: list[ParsedRow], errors: list[RowError]) -> dict[int, m.Package]:
        """id() of each package description -> its package. A description that contradicts
        the stored package, or the file's first description of it, is refused."""
        refused: dict[PackageInput, ValidationError] = {}
        described: dict[PackageInput, dict[str, Any]] = {}
        donors: dict[str, Any] = {}
        inputs = _distinct(row.package for row in rows)
        for data in dict.fromkeys(inputs):
            try:
                donor = _lookup(
                    donors, data.donor, lambda code=data.donor: find_donor(self.session, code)
                )
                described[data] = package_values(self.session, data, donor=donor)
            except ValidationError as exc:
                refused[data] = exc
        keys = {(v["donor_id"], v["title"]) for v in described.values()}
        stored = {
            (p.donor_id, p.title): p
            for p in self._load(m.Package, m.Package.title, {t for _, t in keys})
            if (p.donor_id, p.title) in keys
        }
        first: dict[tuple[int, str], tuple[PackageInput, dict[str, Any]]] = {}
        for data, values in described.items():
            key = (values["donor_id"], values["title"])
            try:
                if key in stored:
                    check_package_agrees(row_snapshot(stored[key]), values)
                elif key in first:
                    check_package_agrees(first[key][1], values)
                else:
                    first[key] = (data, values)
            except ValidationError as exc:
                refused[data] = exc
        ids = insert_audited(
            self.session,
            m.Package,
            [values for _, values in first.values()],
            actor=self.actor,
            row_keys=[package_key(data) for data, _ in first.values()],
        )
        stored.update({(p.donor_id, p.title): p for p in self._load(m.Package, m.Package.id, ids)})
        for row in rows if refused else ():
            if row.package in refused:
                exc = refused[row.package]
                errors.append(refusal(row.line, exc))
        return {
            id(data): stored[(described[data]["donor_id"], described[data]["title"])]
            for data in inputs
            if data not in refused
        }

    def _sources(self, rows: list[ParsedRow], errors: list[RowError]) -> dict[int, m.Source]:
        """id() of each (validated) source description -> its Source.

        Every row citing one source (one natural key) must describe it alike, and like the
        stored source: two different quotes, claimants or grades for one source are refused,
        naming both lines (or the stored value) and the field, since one of them would be
        lost. A cell left empty says nothing; what a row adds to a stored source (a quote the
        reference tables did not have) completes it, audited."""
        inputs = _distinct(row.source for row in rows)
        keyed = {
            data: source_key(data.url, data.outlet, data.title, data.published)
            for data in dict.fromkeys(inputs)
        }
        stored = {s.key: s for s in self._load(m.Source, m.Source.key, set(keyed.values()))}
        first_line: dict[int, int] = {}
        for row in rows:
            first_line.setdefault(id(row.source), row.line)
        described: dict[str, dict[str, Any]] = {}  # key -> the fields the file states
        said_by: dict[tuple[str, str], int] = {}  # (key, field) -> the line that stated it
        for data in inputs:
            key, line = keyed[data], first_line[id(data)]
            known = described.setdefault(key, {})
            for name in _SOURCE_CELLS:
                value = getattr(data, name)
                if value is None:
                    continue
                if name not in known:
                    known[name], said_by[(key, name)] = value, line
                elif known[name] != value:
                    where = f"line {said_by[(key, name)]}"
                    errors.append(_source_conflict(line, name, value, known[name], where))
        for key, known in described.items():
            if key in stored:
                self._complete(stored[key], known, said_by, errors)
        new = {key: described[key] for key in described if key not in stored}
        ids = insert_audited(
            self.session,
            m.Source,
            [{"key": key, "created_by": self.actor, **known} for key, known in new.items()],
            actor=self.actor,
            row_keys=list(new),
        )
        stored.update({s.key: s for s in self._load(m.Source, m.Source.id, ids)})
        return {id(data): stored[keyed[data]] for data in inputs}

    def _complete(
        self,
        source: m.Source,
        known: dict[str, Any],
        said_by: dict[tuple[str, str], int],
        errors: list[RowError],
    ) -> None:
        """Fill the fields ``source`` lacks with what the file states; a stated value that
        differs from a stored one is refused."""
        before = row_snapshot(source)
        added = False
        for name, value in known.items():
            current = getattr(source, name)
            if current is None:
                setattr(source, name, value)
                added = True
            elif current != value:
                line = said_by[(source.key, name)]
                errors.append(_source_conflict(line, name, value, current, "the stored source"))
        if added:
            source.version += 1
            self.session.add(source)
            audit(self.session, actor=self.actor, action="update", row=source, before=before)

    def _items(
        self, placed: list[tuple[ParsedRow, m.Package]], errors: list[RowError]
    ) -> dict[int, m.Item | None]:
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
                        catalogue,
                        row.equipment,
                        lambda name=row.equipment: find_equipment(self.session, name),
                    )
                    label = require_text("item", row.item or row.equipment, 300)
                    chosen[key] = (package.id, label, equipment or None)
                except ValidationError as exc:
                    chosen[key] = exc
            choice = chosen[key]
            if isinstance(choice, ValidationError):
                errors.append(refusal(row.line, choice))
                continue
            wanted[row.line] = key
        choices = [c for c in chosen.values() if not isinstance(c, ValidationError)]
        package_ids = {package_id for package_id, _, _ in choices}
        stored = {
            (i.package_id, i.label): i for i in self._load(m.Item, m.Item.package_id, package_ids)
        }
        titles = {package.id: package.title for package in _distinct(p for _, p in placed)}
        new: dict[tuple[int, str], dict[str, Any]] = {}
        for package_id, label, equipment in choices:
            if (package_id, label) not in stored and (package_id, label) not in new:
                new[(package_id, label)] = {
                    "package_id": package_id,
                    "label": label,
                    "equipment_type_id": equipment.id if equipment else None,
                    "unit": equipment.unit if equipment else None,
                }
        ids = insert_audited(
            self.session,
            m.Item,
            list(new.values()),
            actor=self.actor,
            row_keys=[f"{titles[package_id]}/{label}" for package_id, label in new],
        )
        stored.update({(i.package_id, i.label): i for i in self._load(m.Item, m.Item.id, ids)})
        found: dict[Any, m.Item | RowError] = {}  # each choice's item, or why it is refused
        for key, choice in chosen.items():
            if isinstance(choice, ValidationError):
                continue
            package_id, label, equipment = choice
            item = stored[(package_id, label)]
            found[key] = item
            if equipment is not None and item.equipment_type_id not in (None, equipment.id):
                found[key] = RowError(0, "equipment", equipment.name, f"contradicts item {label!r}")
        for line, key in wanted.items():
            item = found[key]
            if isinstance(item, RowError):
                errors.append(replace(item, line=line))
                continue
            lines[line] = item
        return lines


# A source's fields as the ledger CSV names them.
_SOURCE_CELLS = {
    "url": "source_url",
    "outlet": "source_outlet",
    "title": "source_title",
    "published": "source_published",
    "claimant": "source_claimant",
    "reliability": "source_reliability",
    "quote": "source_quote",
}


def _source_conflict(line: int, name: str, value: Any, other: Any, where: str) -> RowError:
    """A source field of line ``line`` that contradicts ``where`` (an earlier line, or the
    stored source), with both values."""
    message = (
        f"differs from {where}, which gives the same source {shown(_cell(other))}; "
        "every row citing one source must describe it alike"
    )
    return RowError(line, _SOURCE_CELLS[name], _cell(value) or "", message)


def _cell(value: object) -> str | None:
    """A stored or read value as the ledger CSV writes it (None for an empty cell)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _distinct(inputs: Iterable[Any]) -> list[Any]:
    """The distinct objects of ``inputs`` by identity, in first-seen order."""
    return list({id(data): data for data in inputs}.values())


def _lookup(cache: dict[str, Any], key: str, find: Callable[[], Any]) -> Any:
    """``find()`` once per key; a refusal (ValidationError) is remembered and raised again."""
    if key not in cache:
        try:
            cache[key] = find()
        except ValidationError as exc:
            cache[key] = exc
    found = cache[key]
    if isinstance(found, ValidationError):
        raise found
    return found


# The stored columns compared when a row's entry_id exists already, each with the ledger CSV
# column a difference is reported under. recorded_at and recorded_by are compared when the
# row states them (left empty, they mean "now" and "whoever imports").
_COMPARED = {
    "package_id": "package",
    "item_id": "item",
    "event": "event",
    "event_date": "event_date",
    "quantity": "quantity",
    "quantity_high": "quantity_high",
    "unit": "unit",
    "amount": "amount",
    "amount_high": "amount_high",
    "currency": "currency",
    "qualifier": "qualifier",
    "cumulative": "cumulative",
    "corrects_id": "corrects",
    "reason": "reason",
    "stated": "stated",
    "source_id": "source",
    "review_status": "review_status",
}


def import_in_transaction(
    engine: Engine, data: bytes, *, write: bool, **options: Any
) -> ImportReport:
    """:func:`import_ledger` in a transaction of its own: committed when ``write``, rolled back
    otherwise (a dry run that checks every row against the database as it is). For callers
    without a session of their own: the Import page and ``tracker import``.

    Two imports that name the same new package, source or line at once both look it up, find
    nothing and insert it; the one that writes second fails on the unique key (on SQLite
    possibly on the write lock instead, when its snapshot is outdated). That import is
    rolled back and run again from the start, when it finds and reuses what the first one
    created, so both succeed with one package. Only those conflicts are retried."""
    for attempt in range(1, _ATTEMPTS + 1):
        try:
            return _import_once(engine, data, write=write, **options)
        except (sa.exc.IntegrityError, sa.exc.OperationalError) as exc:
            if not _lost_a_race(exc):
                raise
            if attempt == _ATTEMPTS:
                reason = str(exc.orig).strip().splitlines()[0]
                raise DatabaseError(
                    f"other imports kept writing the same packages or sources ({reason}); "
                    f"tried {_ATTEMPTS} times, nothing was imported: try again"
                ) from exc
    raise AssertionError("unreachable")  # the loop returns or raises


_ATTEMPTS = 5
# PostgreSQL: unique violation, serialization failure, deadlock.
_RACE_STATES = frozenset({"23505", "40001", "40P01"})
_RACE_MESSAGES = ("UNIQUE constraint failed", "database is locked")


def _lost_a_race(exc: sa.exc.DBAPIError) -> bool:
    """Whether ``exc`` is a concurrent writer's doing rather than something in the file."""
    if getattr(exc.orig, "sqlstate", None) in _RACE_STATES:
        return True
    return any(message in str(exc.orig) for message in _RACE_MESSAGES)


def _import_once(engine: Engine, data: bytes, *, write: bool, **options: Any) -> ImportReport:
    with Session(engine, expire_on_commit=False) as session:
        try:
            report = import_ledger(session, data, **options)
            if write:
                session.commit()
            return report
        finally:
            if session.in_transaction():
                session.rollback()


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
    with no_cycle_collection():
        return _import(
            session,
            data,
            actor=actor,
            label=label,
            progress=progress,
            known_from_source=known_from_source,
            may_review=may_review,
        )


def _import(
    session: Session,
    data: bytes,
    *,
    actor: str,
    label: str,
    progress: Callable[[float, str], None] | None,
    known_from_source: bool,
    may_review: bool,
) -> ImportReport:
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
        spellings = key_spellings(row.entry_id)
        first = next((seen[k] for k in spellings if k in seen), None)
        if first is not None:
            errors.append(RowError(row.line, "entry_id", row.entry_id, f"repeats line {first}"))
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
                    check_entry_figures(row.entry)
                except ValidationError as exc:
                    errors.append(refusal(row.line, exc))
    keys_in_file: dict[str, ParsedRow] = {r.entry_id: r for r in parsed}
    corrections: list[tuple[ParsedRow, m.Package, m.Item | None, m.Source]] = []
    touched: set[tuple[int, int | None]] = set()
    # New entries are written while the rows after them are checked; the checks below wait
    # for the writer before they query the database themselves. Once a row is refused the
    # file will be rolled back, so nothing more is written.
    with EntryWriter(session) as writer:
        for n, (row, (package, item, source)) in enumerate(resolved):
            if n % 5000 == 0:
                notify(0.3 + 0.4 * n / max(len(resolved), 1), f"checking row {n + 1}")
            try:
                if row.entry.event == "correction":
                    target = row.entry.corrects or ""
                    spellings = key_spellings(target)
                    known = any(k in keys_in_file or k in existing for k in spellings)
                    if not known:
                        writer.wait()
                        if find_entry(session, target) is None:
                            raise ValidationError("corrects", target, "is not a known entry_id")
                    corrections.append((row, package, item, source))
                    continue
                values = _row_values(session, row, (package, item, source), actor, now)
            except ValidationError as exc:
                errors.append(refusal(row.line, exc))
                continue
            if row.entry_id in existing:
                writer.wait()
                if _check_existing(session, row, values, existing, errors, report):
                    continue
            if not errors:
                writer.add(values)
                touched.add((values["package_id"], values["item_id"]))
        if errors:
            raise ImportFailed(sorted(errors, key=lambda e: e.line))
        notify(0.75, f"writing {len(writer.rows)} entries")
        inserted = writer.finish()
    _write_corrections(session, corrections, existing, errors, report, touched, actor, now)
    if errors:
        raise ImportFailed(errors)
    report.inserted += len(writer.rows)
    notify(0.9, "checking running totals")
    report.new_warnings = after_write(session, touched, inserted)
    if report.inserted:
        _audit_import(session, actor, label, data, report)
    notify(1.0, f"{report.inserted} entries imported, {report.unchanged} already present")
    return report


def _dated_by_source(row: ParsedRow) -> ParsedRow:
    if row.entry.recorded_at is not None:
        return row
    known = row.source.published or row.entry.event_date
    stamp = datetime.combine(max(known, row.entry.event_date), time.min, tzinfo=UTC)
    return replace(row, entry=replace(row.entry, recorded_at=stamp))


def _existing_entries(session: Session, keys: list[str]) -> dict[str, m.LedgerEntry]:
    """The stored entries of ``keys``, each under every spelling that names it: a row whose
    key differs from a stored one only by a spreadsheet's apostrophe is that entry."""
    wanted = [spelling for key in keys for spelling in key_spellings(key)]
    found: dict[str, m.LedgerEntry] = {}
    query = select(m.LedgerEntry).where(
        m.LedgerEntry.key.in_(sa.bindparam("chunk", expanding=True))
    )
    for start in range(0, len(wanted), 500):
        for entry in session.scalars(query, {"chunk": wanted[start : start + 500]}):
            for spelling in key_spellings(entry.key):
                found.setdefault(spelling, entry)
    return found


def _check_existing(
    session: Session,
    row: ParsedRow,
    values: dict[str, Any],
    existing: dict[str, m.LedgerEntry],
    errors: list[RowError],
    report: ImportReport,
) -> bool:
    """True when the entry is already stored: identical, it is skipped ("already present");
    differing in any field, each difference is an error naming the field and both values."""
    stored = existing.get(row.entry_id)
    if stored is None:
        return False
    compared = list(_COMPARED)
    if row.entry.recorded_at is not None:
        compared.append("recorded_at")
    if row.recorded_by:
        compared.append("recorded_by")
    differing = [name for name in compared if getattr(stored, name) != values[name]]
    for name in differing:
        was = _readable(session, name, getattr(stored, name))
        message = (
            f"entry {stored.key} exists already with {shown(was)}; "
            "record a correction instead of importing a changed row"
        )
        errors.append(
            RowError(
                row.line,
                _COMPARED.get(name, name),
                _readable(session, name, values[name]) or "",
                message,
            )
        )
    if not differing:
        report.unchanged += 1
    return True


def _readable(session: Session, column: str, value: Any) -> str | None:
    """A stored entry's value as the ledger CSV names it: the package's title, the item's
    label, the source's address, the corrected entry's key, else the cell's text."""
    if value is None:
        return None
    referred = {
        "package_id": (m.Package, "title"),
        "item_id": (m.Item, "label"),
        "corrects_id": (m.LedgerEntry, "key"),
    }
    if column in referred:
        model, attribute = referred[column]
        return getattr(session.get(model, value), attribute)
    if column == "source_id":
        source = session.get(m.Source, value)
        return source.url or source.title
    return _cell(value)


def _row_values(session, row, parents, actor, now, corrected=None) -> dict:
    """The checked column values of one file row (a correction names the entry it corrects);
    the entry's author is the row's own, else the importing actor."""
    package, item, source = parents
    return entry_values(
        session,
        package=package,
        item=item,
        data=row.entry,
        source=source,
        recorded_by=row.recorded_by or actor,
        corrected=corrected,
        now=now,
    )


def _write_corrections(session, corrections, existing, errors, report, touched, actor, now) -> None:
    """Corrections go in file order after the entries they may point at have ids."""
    for row, package, item, source in corrections:
        corrected = find_entry(session, row.entry.corrects or "")
        try:
            values = _row_values(session, row, (package, item, source), actor, now, corrected)
        except ValidationError as exc:
            errors.append(refusal(row.line, exc))
            continue
        if _check_existing(session, row, values, existing, errors, report):
            continue
        session.add(m.LedgerEntry(**values))
        session.flush()
        report.inserted += 1
        touched.add((values["package_id"], values["item_id"]))


def _audit_import(
    session: Session, actor: str, label: str, data: bytes, report: ImportReport
) -> None:
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


def import_file(
    session: Session,
    path: Path,
    *,
    actor: str,
    progress: Callable[[float, str], None] | None = None,
) -> ImportReport:
    """:func:`import_ledger` on a file, with the file name in the audit record."""
    return import_ledger(
        session, path.read_bytes(), actor=actor, label=path.name, progress=progress
    )
