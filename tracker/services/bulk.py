"""The one bulk writer: inserting many ledger entries fast."""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from functools import partial
from itertools import chain
from operator import itemgetter
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from tracker.db import each_distinct
from tracker.domain import models as m
from tracker.domain.tables import E
from tracker.ledger import Inserted
from tracker.services.core import model_defaults


@contextmanager
def no_cycle_collection() -> Iterator[None]:
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


# Rows per block handed to the worker: a multiple of the 1,000 rows of one statement, and
# small enough that the last block, which nothing overlaps, is short.
BLOCK_ROWS = 5000


class EntryWriter:
    """Inserts new entries (all with the same keys) while the caller is still checking the
    next ones; :meth:`finish` returns them with their ids on SQLite.

    The database stores a block of rows with the interpreter lock released (SQLite while it
    steps a statement, psycopg while it waits for the server), so each full block is written
    by one worker thread while this thread checks the rows that follow: one after the other,
    storing 50,000 rows took 0.9 s and checking them 0.5 s. That gains only when a second
    core is free; on a busy machine it costs nothing either. One thread at a time uses the
    session: the caller calls :meth:`wait` before it queries the database itself, and
    leaving the ``with`` block waits for the worker whatever happened, so a refused file is
    rolled back with nothing still writing. Rows written before a later row is refused are
    rolled back with the rest (an import is all or nothing in its transaction).
    """

    def __init__(self, session: Session) -> None:
        self.connection = session.connection()
        self.block = BLOCK_ROWS  # read here, so a test can write small files in blocks
        self.rows: list[dict[str, Any]] = []
        self._written = 0  # rows handed to the worker so far
        self._worker = ThreadPoolExecutor(max_workers=1)
        self._running: Future[None] | None = None
        self._statement: _SqliteInsert | None = None

    def __enter__(self) -> EntryWriter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            self.wait()
        finally:
            self._worker.shutdown()

    def add(self, values: dict[str, Any]) -> None:
        """One more entry; a full block goes to the worker (after the previous one)."""
        self.rows.append(values)
        if len(self.rows) - self._written >= self.block:
            block = self.rows[self._written :]
            self._written = len(self.rows)
            write = self._prepared(block)  # here: the worker needs the lock only to bind
            self.wait()
            self._running = self._worker.submit(write)

    def wait(self) -> None:
        """Return once the worker is idle (re-raising what its last block raised)."""
        running, self._running = self._running, None
        if running is not None:
            running.result()

    def finish(self) -> Inserted | None:
        """Write the rows not yet written; on SQLite, all rows with their ids."""
        self.wait()
        if self._written < len(self.rows):
            self._prepared(self.rows[self._written :])()
            self._written = len(self.rows)
        if not self.rows or self.connection.dialect.name != "sqlite":
            return None
        return _numbered(self.connection, self.rows)

    def _prepared(self, rows: list[dict[str, Any]]) -> Callable[[], None]:
        """The insert of ``rows``, its parameters ready."""
        if self.connection.dialect.name != "sqlite":
            return partial(self.connection.execute, sa.insert(E), rows)
        if self._statement is None:
            self._statement = _SqliteInsert(self.connection, rows[0])
        return self._statement.prepared(rows)


class _SqliteInsert:
    """The SQLite insert of entries with the keys of ``first``.

    The parameters go to the driver after each column's own bind processor (the conversions
    SQLAlchemy would apply: scaled integers, ISO dates, naive UTC timestamps), one column at
    a time: SQLAlchemy's generic executemany spent about as long preparing the parameters as
    SQLite spent storing them.
    """

    def __init__(self, connection: sa.Connection, first: dict[str, Any]) -> None:
        dialect = connection.dialect
        self.connection = connection
        self.defaults = model_defaults(m.LedgerEntry)  # what SQLAlchemy would fill in (version)
        self.given = [c.name for c in E.columns if c.name in first]
        columns = [c for c in E.columns if c.name in first] + [
            c for c in E.columns if c.name in self.defaults and c.name not in first
        ]
        self.columns = [
            (c.name, c.type.dialect_impl(dialect).bind_processor(dialect)) for c in columns
        ]
        quote = dialect.identifier_preparer.quote
        names = ", ".join(quote(c.name) for c in columns)
        self.insert = f"INSERT INTO {quote(E.name)} ({names}) VALUES "
        self.one = f"({', '.join('?' for _ in columns)})"
        # Up to 1,000 rows per statement (within this SQLite's limit on parameters): the
        # work SQLite does per statement (reset, bind, step) then counts once per batch
        # instead of once per row, a fifth of the insert time here.
        raw = connection.connection.dbapi_connection
        limit = raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)  # type: ignore[union-attr]
        self.per = max(1, min(1000, limit // len(columns)))
        self.many = self.insert + ", ".join([self.one] * self.per)

    def prepared(self, rows: list[dict[str, Any]]) -> Callable[[], None]:
        """The statements inserting ``rows``, their parameters converted and flattened."""
        # Rows to columns in C: itemgetter picks each row's values, zip transposes.
        cells = zip(*map(itemgetter(*self.given), rows), strict=True)
        by_column = []
        for name, process in self.columns:
            values = next(cells) if name in self.given else (self.defaults[name],) * len(rows)
            by_column.append(values if process is None else each_distinct(process, values))
        values = list(zip(*by_column, strict=True))
        per = self.per
        whole = len(values) - len(values) % per
        batches = [tuple(chain.from_iterable(values[i : i + per])) for i in range(0, whole, per)]
        rest = values[whole:]

        def write() -> None:
            if batches:
                self.connection.exec_driver_sql(self.many, batches)
            if rest:
                self.connection.exec_driver_sql(self.insert + self.one, rest)

        return write


def _numbered(connection: sa.Connection, rows: list[dict[str, Any]]) -> Inserted | None:
    """The rows just inserted with their ids, or None if they cannot be told for sure.

    From its first INSERT this transaction holds SQLite's write lock, and SQLite gives a new
    row the largest id plus one, so the rows hold the last ``len(rows)`` ids, in order. That
    is checked (count and the keys at both ends) rather than trusted."""
    last = connection.execute(sa.select(sa.func.max(E.c.id))).scalar_one()
    first = last - len(rows) + 1
    count = connection.execute(
        sa.select(sa.func.count()).where(E.c.id.between(first, last))
    ).scalar_one()
    ends = (
        connection.execute(sa.select(E.c.key).where(E.c.id.in_([first, last])).order_by(E.c.id))
        .scalars()
        .all()
    )
    expected = [row["key"] for row in (rows[:1] if first == last else [rows[0], rows[-1]])]
    if count != len(rows) or ends != expected:
        return None
    return Inserted(first, rows)
