"""The ledger CSV (docs/ledger-csv.md): reading, validating and importing it, and writing it.

Import is all or nothing: every row is checked first and every problem is reported with its
line, field and value; only a file without a single error is written, in one transaction.
Re-importing a file adds nothing (rows are matched by ``entry_id``), and a row whose
``entry_id`` exists with other figures is an error, never an overwrite.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from tracker import models as m
from tracker import services as svc
from tracker.ledger import refresh_warnings

LEDGER_COLUMNS = (
    "entry_id", "donor", "package", "package_date", "package_ordinal", "instrument", "aid_type",
    "secrecy", "initiative", "aggregate_claim", "item", "equipment", "event", "event_date",
    "quantity", "quantity_high", "unit", "amount", "amount_high", "currency", "qualifier",
    "cumulative", "corrects", "reason", "stated", "source_url", "source_outlet", "source_title",
    "source_published", "source_claimant", "source_reliability", "source_quote", "recorded_at",
    "recorded_by", "review_status",
)  # fmt: skip
REQUIRED_COLUMNS = ("entry_id", "donor", "package", "aid_type", "event", "event_date")

_PLAIN_NUMBER = re.compile(r"^\d+(\.\d+)?$")
_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no", ""}


@dataclass(frozen=True)
class RowError:
    line: int
    field: str
    value: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "file"
        return f"{where}, {self.field}: {self.message} (got {self.value!r})"


class ImportFailed(Exception):
    """The file was refused; nothing was written. ``errors`` lists every problem found."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        shown = "\n".join(f"  {e}" for e in errors[:50])
        more = f"\n  ... and {len(errors) - 50} more" if len(errors) > 50 else ""
        super().__init__(f"{len(errors)} problem(s); nothing was imported:\n{shown}{more}")


@dataclass
class ImportReport:
    rows: int = 0
    inserted: int = 0
    unchanged: int = 0
    new_warnings: int = 0


# --- reading and checking -------------------------------------------------------------------


def decode(data: bytes) -> str:
    """UTF-8 text (a byte order mark is dropped); other encodings are refused with the line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFailed(
            [RowError(line, "encoding", repr(data[exc.start : exc.start + 4]),
                      "the file is not UTF-8; save it as UTF-8 and try again")]
        ) from exc  # fmt: skip


def read_rows(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) pairs after checking the header; the header is line 1."""
    if not text.strip():
        raise ImportFailed([RowError(0, "file", "", "the file is empty")])
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(reader)]
    problems = []
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        problems.append(
            RowError(1, "header", ",".join(header)[:200],
                     f"missing column(s) {', '.join(missing)}; see docs/ledger-csv.md")
        )  # fmt: skip
    extra = [c for c in header if c not in LEDGER_COLUMNS]
    if extra:
        problems.append(RowError(1, "header", ", ".join(extra), "unknown column(s)"))
    dupes = sorted({c for c in header if header.count(c) > 1})
    if dupes:
        problems.append(RowError(1, "header", ", ".join(dupes), "repeated column(s)"))
    if problems:
        raise ImportFailed(problems)
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            message = f"has {len(cells)} cells, the header has {len(header)}"
            bad = RowError(line, "row", ",".join(cells)[:80], message)
            yield line, {"__error__": bad}  # type: ignore[dict-item]
            continue
        yield line, {h: c.strip() for h, c in zip(header, cells, strict=True)}


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


def _bad_date() -> date:
    raise ValueError("not YYYY-MM-DD")


def parse_row(line: int, raw: dict[str, Any], errors: list[RowError]) -> ParsedRow | None:
    """Turn one row's text into typed inputs; every bad cell adds a RowError."""
    if "__error__" in raw:
        errors.append(raw["__error__"])
        return None
    before = len(errors)
    c = _Cells(line, raw, errors)
    entry_id = c.required("entry_id")
    package = svc.PackageInput(
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
    event = c.choice("event", m.EVENT_KINDS, None)
    if c.text("event") is None:
        c.fail("event", "is required")
    event_date = c.date("event_date")
    if c.text("event_date") is None:
        c.fail("event_date", "is required")
    entry = svc.EntryInput(
        key=entry_id,
        event=event or "",
        event_date=event_date or date.min,
        quantity=c.decimal("quantity"),
        quantity_high=c.decimal("quantity_high"),
        unit=c.text("unit"),
        amount=c.decimal("amount"),
        amount_high=c.decimal("amount_high"),
        currency=c.text("currency"),
        qualifier=c.choice("qualifier", m.QUALIFIERS, "exact") or "exact",
        cumulative=c.boolean("cumulative"),
        corrects=c.text("corrects"),
        reason=c.text("reason"),
        stated=c.text("stated"),
        review_status=c.choice("review_status", m.REVIEW_STATUSES, "draft") or "draft",
        recorded_at=c.timestamp("recorded_at"),
    )
    source = svc.SourceInput(
        url=c.text("source_url"),
        outlet=c.text("source_outlet"),
        title=c.text("source_title"),
        published=c.date("source_published"),
        quote=c.text("source_quote"),
        claimant=c.text("source_claimant"),
        reliability=c.choice("source_reliability", m.RELIABILITY_GRADES, "media") or "media",
    )
    if len(errors) > before:
        return None
    try:
        svc.check_entry_figures(entry)
        source.validated()
    except svc.ValidationError as exc:
        errors.append(RowError(line, exc.field, str(exc.value or ""), exc.message))
        return None
    return ParsedRow(
        line=line,
        entry_id=entry_id,
        package=package,
        item=c.text("item"),
        equipment=c.text("equipment"),
        entry=entry,
        source=source,
        recorded_by=c.text("recorded_by"),
    )


# --- writing to the database -----------------------------------------------------------------


class _Resolver:
    """Caches of natural key -> row for one import, so 100,000 rows cost a few hundred queries."""

    def __init__(self, session: Session, actor: str) -> None:
        self.session, self.actor = session, actor
        self.packages: dict[tuple[str, str], m.Package] = {}
        self.sources: dict[str, m.Source] = {}
        self.items: dict[tuple[int, str], m.Item] = {}
        self.equipment: dict[str | None, m.EquipmentType | None] = {}

    def package(self, data: svc.PackageInput) -> m.Package:
        """Cached by (donor, title); a row describing the package differently is refused."""
        key = (data.donor.upper(), data.title)
        cached = self.packages.get(key)
        if cached is None or _differs(cached, data):
            cached = svc.get_or_create_package(self.session, data, actor=self.actor)
            self.packages[key] = cached
        return cached

    def source(self, data: svc.SourceInput) -> m.Source:
        valid = data.validated()
        key = svc.source_key(valid.url, valid.outlet, valid.title, valid.published)
        if key not in self.sources:
            self.sources[key] = svc.get_or_create_source(self.session, valid, actor=self.actor)
        return self.sources[key]

    def item(self, package: m.Package, label: str | None,
             equipment_name: str | None) -> m.Item | None:  # fmt: skip
        if not label and not equipment_name:
            return None
        if equipment_name not in self.equipment:
            self.equipment[equipment_name] = svc.find_equipment(self.session, equipment_name)
        label = label or equipment_name or ""
        key = (package.id, label)
        if key not in self.items:
            self.items[key] = svc.get_or_create_item(
                self.session, package, label, equipment=self.equipment[equipment_name],
                unit=None, actor=self.actor,
            )  # fmt: skip
        return self.items[key]


def _differs(package: m.Package, data: svc.PackageInput) -> bool:
    return (
        (data.announced_on is not None and data.announced_on != package.announced_on)
        or (data.ordinal is not None and data.ordinal != package.ordinal)
        or (data.instrument is not None and data.instrument != package.instrument)
        or data.aid_type != package.aid_type
    )


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
) -> ImportReport:
    """Validate and import a ledger CSV in the caller's transaction; raise ImportFailed (and
    write nothing: the caller rolls back) on any problem.

    Rows without ``recorded_at`` are stamped with the import time, or, with
    ``known_from_source`` (the seed facts), with the day their source was published (else the
    event date): that is when the fact became known, so as-of views of past dates show it."""
    notify = progress or (lambda _fraction, _message: None)
    text = decode(data)
    errors: list[RowError] = []
    parsed = [p for line, raw in read_rows(text) if (p := parse_row(line, raw, errors))]
    if known_from_source:
        parsed = [_dated_by_source(row) for row in parsed]
    seen: dict[str, int] = {}
    for row in parsed:
        if row.entry_id in seen:
            errors.append(RowError(row.line, "entry_id", row.entry_id,
                                   f"repeats line {seen[row.entry_id]}"))  # fmt: skip
        seen.setdefault(row.entry_id, row.line)
    if errors:
        raise ImportFailed(errors)
    notify(0.2, f"{len(parsed)} rows read")
    report = ImportReport(rows=len(parsed))
    existing = _existing_entries(session, [r.entry_id for r in parsed])
    resolver = _Resolver(session, actor)
    pending: list[tuple[ParsedRow, dict[str, Any]]] = []
    keys_in_file: dict[str, ParsedRow] = {r.entry_id: r for r in parsed}
    corrections: list[tuple[ParsedRow, m.Package, m.Item | None, m.Source]] = []
    touched: set[tuple[int, int | None]] = set()
    for n, row in enumerate(parsed):
        if n % 2000 == 0:
            notify(0.2 + 0.5 * n / max(len(parsed), 1), f"checking row {n + 1}")
        try:
            package = resolver.package(row.package)
            item = resolver.item(package, row.item, row.equipment)
            source = resolver.source(row.source)
            if row.entry.event == "correction":
                target = row.entry.corrects or ""
                known = target in keys_in_file or target in existing
                if not known and svc.find_entry(session, target) is None:
                    raise svc.ValidationError("corrects", target, "is not a known entry_id")
                corrections.append((row, package, item, source))
                continue
            values = svc.entry_values(
                session, package=package, item=item, data=row.entry, source=source,
                recorded_by=row.recorded_by or actor,
            )  # fmt: skip
        except svc.ValidationError as exc:
            errors.append(RowError(row.line, exc.field, str(exc.value or ""), exc.message))
            continue
        if not _check_existing(row, values, existing, errors, report):
            pending.append((row, values))
            touched.add((values["package_id"], values["item_id"]))
    if errors:
        raise ImportFailed(errors)
    notify(0.75, f"writing {len(pending)} entries")
    if pending:
        session.execute(sa.insert(m.LedgerEntry.__table__), [v for _, v in pending])
    _write_corrections(session, corrections, existing, errors, report, touched, actor)
    if errors:
        raise ImportFailed(errors)
    report.inserted += len(pending)
    notify(0.9, "checking running totals")
    report.new_warnings = refresh_warnings(session, touched)
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
    found: dict[str, m.LedgerEntry] = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        for entry in session.scalars(select(m.LedgerEntry).where(m.LedgerEntry.key.in_(chunk))):
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


def _write_corrections(session, corrections, existing, errors, report, touched, actor) -> None:
    """Corrections go in file order after the entries they may point at have ids."""
    for row, package, item, source in corrections:
        corrected = svc.find_entry(session, row.entry.corrects or "")
        try:
            values = svc.entry_values(
                session, package=package, item=item, data=row.entry, source=source,
                recorded_by=row.recorded_by or actor, corrected=corrected,
            )  # fmt: skip
        except svc.ValidationError as exc:
            errors.append(RowError(row.line, exc.field, str(exc.value or ""), exc.message))
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
            D.c.code.label("donor"),
            P.c.title.label("package"),
            P.c.announced_on.label("package_date"),
            P.c.ordinal.label("package_ordinal"),
            P.c.instrument,
            P.c.aid_type,
            P.c.secrecy,
            INIT.c.code.label("initiative"),
            P.c.aggregate_claim,
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
        from tracker.ledger import _known_by

        stmt = stmt.where(E.c.event_date <= as_of, E.c.recorded_at < _known_by(as_of))
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
