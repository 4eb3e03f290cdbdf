"""Full backup and restore: every table to a folder of CSV files, and back into an empty database.

A backup folder holds (docs/exports.md):

* ``manifest.json`` - schema revision, and per table its file, columns, row count and SHA-256;
* ``<table>.csv`` - one file per table, every column, ids kept, rows in id order, values in
  plain text (ISO dates, UTC timestamps, exact decimals) with ``\\N`` for NULL, so an empty text
  and a missing value stay different (a text that starts with a backslash gets one more);
* ``ledger.csv`` - the same ledger in the interchange format (docs/ledger-csv.md), for people
  and other tools; ``tracker import`` reads it.

Restore writes the table files back with their ids (the audit log included), in one
transaction, into a database that is migrated to the backup's revision and holds no row at
all; then it moves PostgreSQL's id sequences past the restored ids and rebuilds the derived
tables (:data:`DERIVED_TABLES`), which a backup leaves out. Backups are exact and are
meant for the tracker, not for spreadsheets: text is not neutralised here (the exports are).
The ``app_user`` file holds password hashes: keep backups where the database itself may be.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session

from tracker import db
from tracker.domain import models as m
from tracker.io.ledger_csv import write_ledger_csv
from tracker.queries.ledger_rows import ledger_rows

FORMAT = "tracker-backup"
VERSION = 1
NULL = "\\N"
BATCH = 5000
LEDGER_FILE = "ledger.csv"
MANIFEST = "manifest.json"

# Cells can hold long quotes and audit snapshots; the csv module's default cap is 128 KiB.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


class BackupError(Exception):
    """A backup that cannot be restored (or a database that cannot take it); one line."""


# Rebuilt after a restore, not saved; derived_permit is empty outside the ledger's maintenance.
DERIVED_TABLES = frozenset(
    table.__tablename__
    for table in (m.EntryEffect, m.ReviewedEffect, m.LineEffect, m.DerivedPermit)
)


def tables() -> list[sa.Table]:
    """Every table of record, parents before children (the order a restore inserts them in)."""
    return [t for t in m.SQLModel.metadata.sorted_tables if t.name not in DERIVED_TABLES]


# --- values <-> text ----------------------------------------------------------------------------


def _python_type(column: sa.Column) -> type:
    """What a column holds: bool, Decimal, datetime, date, int, else text."""
    if isinstance(column.type, m.UTCDateTime):
        return datetime  # a TypeDecorator reports ``object``
    try:
        kind = column.type.python_type
    except NotImplementedError:
        return str
    return kind if kind in (bool, Decimal, date, int) else str


def _to_text(kind: type) -> Callable[[object], str]:
    if kind is bool:
        return lambda v: "true" if v else "false"
    if kind is Decimal:
        return lambda v: format(v, "f")
    if kind is datetime:
        return lambda v: v.astimezone(UTC).isoformat()  # type: ignore[union-attr]
    if kind is date:
        return lambda v: v.isoformat()  # type: ignore[union-attr]
    if kind is int:
        return str
    return lambda v: "\\" + str(v) if str(v).startswith("\\") else str(v)


def _from_text(kind: type) -> Callable[[str], object]:
    if kind is bool:
        return {"true": True, "false": False}.__getitem__
    if kind is Decimal:
        return Decimal
    if kind is datetime:
        return datetime.fromisoformat
    if kind is date:
        return date.fromisoformat
    if kind is int:
        return int
    return lambda text: text[1:] if text.startswith("\\") else text


def _encoders(table: sa.Table) -> list[Callable[[object], str]]:
    encoders = []
    for column in table.columns:
        encode = _to_text(_python_type(column))
        encoders.append(lambda v, e=encode: NULL if v is None else e(v))
    return encoders


# --- backup -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TableFile:
    name: str
    file: str
    columns: list[str]
    rows: int
    sha256: str


class _HashingWriter:
    """A text sink that writes UTF-8 to a file and hashes what it writes."""

    def __init__(self, path: Path) -> None:
        self.handle = path.open("wb")
        self.digest = hashlib.sha256()

    def write(self, text: str) -> int:
        data = text.encode("utf-8")
        self.handle.write(data)
        self.digest.update(data)
        return len(text)

    def close(self) -> str:
        self.handle.close()
        return self.digest.hexdigest()


def _dump_table(conn: Connection, table: sa.Table, folder: Path) -> TableFile:
    file = f"{table.name}.csv"
    sink = _HashingWriter(folder / file)
    writer = csv.writer(sink, lineterminator="\r\n")  # CRLF: cells with a lone CR get quoted
    writer.writerow([c.name for c in table.columns])
    encoders = _encoders(table)
    order = table.primary_key.columns.values()
    result = conn.execution_options(yield_per=BATCH).execute(sa.select(table).order_by(*order))
    rows = 0
    for partition in result.partitions():
        writer.writerows([e(v) for e, v in zip(encoders, row, strict=True)] for row in partition)
        rows += len(partition)
    return TableFile(table.name, file, [c.name for c in table.columns], rows, sink.close())


def backup(engine: Engine, folder: Path) -> list[TableFile]:
    """Write every table (and the interchange ledger) into ``folder``, read in one transaction
    so the files agree with each other. The folder must be new or empty."""
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        raise BackupError(f"folder {str(folder)!r} is not empty; back up into a new folder")
    revision = db.current_revision(engine)
    written = []
    ledger_file = _HashingWriter(folder / LEDGER_FILE)
    try:
        with engine.connect() as conn, conn.begin():
            for table in tables():
                written.append(_dump_table(conn, table, folder))
            with Session(bind=conn) as session:
                write_ledger_csv(ledger_rows(session), ledger_file)  # type: ignore[arg-type]
    finally:
        ledger_sha256 = ledger_file.close()
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "revision": revision,
        "made_at": datetime.now(UTC).isoformat(),
        "source_dialect": engine.dialect.name,
        "null": NULL,
        "tables": [t.__dict__ for t in written],
        "ledger_csv": LEDGER_FILE,
        # Every file of the backup with its checksum, so no file can change unnoticed.
        "files": {**{t.file: t.sha256 for t in written}, LEDGER_FILE: ledger_sha256},
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")
    return written


# --- restore ------------------------------------------------------------------------------------


def _read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    if not path.is_file():
        raise BackupError(f"{str(folder)!r} holds no {MANIFEST}; is it a tracker backup?")
    try:
        manifest = json.loads(path.read_text("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise BackupError(f"{MANIFEST}: not readable JSON ({exc})") from exc
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(
            f"{MANIFEST}: format {manifest.get('format')!r} version {manifest.get('version')!r}"
            f" is not a {FORMAT} version {VERSION}"
        )
    return manifest


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda h=handle: h.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _check_checksums(folder: Path, manifest: dict) -> None:
    """Every file in the folder is listed in the manifest with the checksum it has now."""
    files = manifest.get("files")
    if not isinstance(files, dict):
        raise BackupError(f"{MANIFEST}: lists no checksum per file; make the backup again")
    for path in sorted(folder.iterdir()):
        if path.name != MANIFEST and path.name not in files:
            raise BackupError(f"{path.name}: not part of the backup (not listed in {MANIFEST})")
    for name, expected in files.items():
        path = folder / name
        if not path.is_file():
            raise BackupError(f"{name}: file missing from {str(folder)!r}")
        if _sha256(path) != expected:
            raise BackupError(f"{name}: checksum differs from {MANIFEST}; the file was changed")


def _check_files(folder: Path, manifest: dict) -> dict[str, dict]:
    """Every file of the backup is unchanged and every table has its file, with the right
    columns, before a row is written."""
    _check_checksums(folder, manifest)
    listed = {entry["name"]: entry for entry in manifest["tables"]}
    for table in tables():
        entry = listed.get(table.name)
        if entry is None:
            raise BackupError(f"{MANIFEST}: table {table.name!r} is missing from the backup")
        expected = [c.name for c in table.columns]
        if entry["columns"] != expected:
            raise BackupError(
                f"{entry['file']}: columns {','.join(entry['columns'])!r} differ from table "
                f"{table.name!r} ({','.join(expected)})"
            )
        if manifest["files"].get(entry["file"]) != entry["sha256"]:
            raise BackupError(f"{entry['file']}: checksum differs from {MANIFEST}; file changed")
    return listed


def non_empty_tables(conn: Connection) -> dict[str, int]:
    """Row counts of the tables that hold any row."""
    counts = {}
    for table in tables():
        n = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
        if n:
            counts[table.name] = n
    return counts


def _portable(column: sa.Column, decode: Callable[[str], object]) -> Callable[[str], object]:
    """``decode`` plus the limits both databases share, so a backup that SQLite took is refused
    by line and field before a row is written, not by PostgreSQL's driver halfway through: no
    NUL in text, whole numbers within their column's 32 or 64 bits, scaled figures exact."""
    kind = _python_type(column)
    if kind is int:
        bits = 64 if isinstance(column.type, sa.BigInteger) else 32

        def whole(text: str) -> object:
            value = decode(text)
            if not -(2 ** (bits - 1)) <= value < 2 ** (bits - 1):  # type: ignore[operator]
                raise ValueError(f"over the {bits}-bit column's limit of {2 ** (bits - 1) - 1:,}")
            return value

        return whole
    if isinstance(column.type, m.ScaledDecimal):
        scale = column.type.scale

        def scaled(text: str) -> object:
            value = decode(text)
            if (problem := m.scaled_problem(value, scale)) is not None:  # type: ignore[arg-type]
                raise ValueError(problem)
            return value

        return scaled
    if kind is str:

        def text_only(text: str) -> object:
            if "\x00" in text:
                raise ValueError("a NUL character (U+0000), which PostgreSQL cannot store")
            return decode(text)

        return text_only
    return decode


def _rows(path: Path, table: sa.Table) -> Iterator[dict[str, object]]:
    decoders = [(c.name, _portable(c, _from_text(_python_type(c)))) for c in table.columns]
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        for cells in reader:
            line = reader.line_num
            if len(cells) != len(decoders):
                raise BackupError(
                    f"{path.name}, line {line}: {len(cells)} cells, expected {len(decoders)}"
                )
            row = {}
            for (name, decode), text in zip(decoders, cells, strict=True):
                try:
                    row[name] = None if text == NULL else decode(text)
                except (ValueError, KeyError, InvalidOperation) as exc:
                    raise BackupError(
                        f"{path.name}, line {line}, {name}: cannot read {text!r} ({exc})"
                    ) from exc
            yield row
