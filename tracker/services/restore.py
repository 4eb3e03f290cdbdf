"""Restoring a backup folder into an empty database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session

from tracker import db
from tracker.io.backup import (
    BATCH,
    MANIFEST,
    BackupError,
    _check_files,
    _python_type,
    _read_manifest,
    _rows,
    non_empty_tables,
    tables,
)
from tracker.ledger import rebuild_effects


def _reset_sequences(conn: Connection) -> None:
    """PostgreSQL hands out ids from sequences that restored rows did not advance."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables():
        for column in table.primary_key.columns:
            if not column.autoincrement or _python_type(column) is not int:
                continue
            conn.execute(
                sa.text(
                    "SELECT setval(pg_get_serial_sequence(:t, :c), "
                    f"COALESCE((SELECT MAX({column.name}) FROM {table.name}), 0) + 1, false)"
                ),
                {"t": table.name, "c": column.name},
            )


def restore(
    engine: Engine, folder: Path, progress: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    """Restore a backup into ``engine``'s database (migrated here first), which must be empty.

    All or nothing: the files are checked first, then every row is inserted in one
    transaction. Returns the rows restored per table.
    """
    manifest = _read_manifest(folder)
    listed = _check_files(folder, manifest)
    db.upgrade(engine)
    current = db.current_revision(engine)
    if manifest.get("revision") != current:
        raise BackupError(
            f"the backup is at schema revision {manifest.get('revision')!r} and this database "
            f"at {current!r}; restore with the tracker version that made the backup"
        )
    restored: dict[str, int] = {}
    with engine.begin() as conn:
        occupied = non_empty_tables(conn)
        if occupied:
            listing = ", ".join(f"{name}: {n} rows" for name, n in occupied.items())
            raise BackupError(
                f"the database is not empty ({listing}); restore needs an empty database"
            )
        for table in tables():
            entry = listed[table.name]
            batch: list[dict[str, object]] = []
            count = 0
            for row in _rows(folder / entry["file"], table):
                batch.append(row)
                if len(batch) == BATCH:
                    conn.execute(table.insert(), batch)
                    count += len(batch)
                    batch = []
            if batch:
                conn.execute(table.insert(), batch)
                count += len(batch)
            if count != entry["rows"]:
                raise BackupError(
                    f"{entry['file']}: {count} rows read, {MANIFEST} says {entry['rows']}"
                )
            restored[table.name] = count
            if progress:
                progress(table.name, count)
        _reset_sequences(conn)
        with Session(bind=conn) as session:
            rebuild_effects(session)  # the derived increments are computed, never restored
            session.flush()
    return restored
