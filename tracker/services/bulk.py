"""The one bulk writer: inserting many ledger entries fast."""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
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


def insert_entries(session: Session, rows: list[dict[str, Any]]) -> Inserted | None:
    """Insert new entries (all with the same keys); on SQLite, return them with their ids.

    On SQLite the parameters go to the driver after each column's own bind processor (the
    conversions SQLAlchemy would apply: scaled integers, ISO dates, naive UTC timestamps), one
    column at a time: SQLAlchemy's generic executemany spent about as long preparing the
    parameters as SQLite spent storing them. PostgreSQL takes SQLAlchemy's batched insert.
    """
    table = E
    connection = session.connection()
    dialect = connection.dialect
    if dialect.name != "sqlite":
        connection.execute(sa.insert(table), rows)
        return None
    defaults = model_defaults(m.LedgerEntry)  # what SQLAlchemy would fill in (version)
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
