"""The tables the pages show and export: columns with their kinds, rows from SQL."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlmodel import Session

from tracker.domain.fx import Conversion, FxError, converter
from tracker.domain.money import Money
from tracker.domain.tables import INIT, D, E, I, P, S, T, with_lines
from tracker.domain.vocab import LEDGER_COLUMNS, PACKAGE_COLUMNS
from tracker.ledger import (
    View,
    entry_conditions,
    increments,
    totals_in_currency,
)
from tracker.queries.balances import balance_rows
from tracker.queries.ledger_rows import ledger_select, package_columns

# --- dashboard tables: one function per table, shown on screen and exported as is ---------

COLUMN_KINDS = ("text", "integer", "number", "money", "share", "date", "timestamp", "boolean")


@dataclass(frozen=True)
class Column:
    """One column of a dashboard table: the key of its value in every row, and its kind.

    The kind decides how a value is written, so the exporters never guess from the value:
    ``number`` (a quantity or an amount in its own currency), ``money`` (a value in the view's
    base currency), ``share`` (a fraction 0..1), ``integer``, ``date``, ``timestamp``,
    ``boolean`` and ``text`` (the only kind that can carry a spreadsheet formula, so the only
    one the exporters neutralise).
    """

    key: str
    kind: str = "text"

    def __post_init__(self) -> None:
        if self.kind not in COLUMN_KINDS:
            raise ValueError(f"column {self.key!r}: unknown kind {self.kind!r}")


@dataclass(frozen=True)
class Table:
    """A dashboard table: the columns in their on-screen order and the rows, each a mapping
    keyed by column key or a sequence in column order (the ledger streams database rows,
    which are sequences: a million of them are read faster by position). A page displays
    exactly these rows and hands the same object to the download buttons, so the file holds
    what the screen shows. The ledger table's rows are a stream read from the open session:
    consume them before the session closes."""

    name: str
    columns: tuple[Column, ...]
    rows: Iterable[Mapping[str, object] | Sequence[object]]


def _columns(kinds: dict[str, str], keys: Sequence[str]) -> tuple[Column, ...]:
    return tuple(Column(key, kinds.get(key, "text")) for key in keys)


_LEDGER_KINDS = {
    "package_date": "date",
    "event_date": "date",
    "source_published": "date",
    "package_ordinal": "integer",
    "aggregate_claim": "boolean",
    "cumulative": "boolean",
    "quantity": "number",
    "quantity_high": "number",
    "amount": "number",
    "amount_high": "number",
    "recorded_at": "timestamp",
}
LEDGER_TABLE_COLUMNS = _columns(_LEDGER_KINDS, LEDGER_COLUMNS)
# What the ledger adds beside an entry's stated amount and currency when a view has a base
# currency: the amount converted at the rate of the event's date, the rate's day and provider,
# and why an amount could not be converted (a note, never a silent blank).
LEDGER_VALUE_COLUMNS = (
    Column("value", "money"),
    Column("value_high", "money"),
    Column("value_currency"),
    Column("rate_date", "date"),
    Column("rate_provider"),
    Column("value_note"),
)
_AFTER_CURRENCY = LEDGER_COLUMNS.index("currency") + 1
VALUED_LEDGER_TABLE_COLUMNS = (
    *LEDGER_TABLE_COLUMNS[:_AFTER_CURRENCY],
    *LEDGER_VALUE_COLUMNS,
    *LEDGER_TABLE_COLUMNS[_AFTER_CURRENCY:],
)
_AMOUNT, _AMOUNT_HIGH, _CURRENCY, _EVENT_DATE = (
    LEDGER_COLUMNS.index(key) for key in ("amount", "amount_high", "currency", "event_date")
)

_VALUE_KEYS = (
    "pledged_value",
    "allocated_value",
    "delivered_value",
    "cancelled_value",
    "outstanding_value",
    "pledged_estimated_value",
    "allocated_estimated_value",
    "delivered_estimated_value",
)
_COUNT_KEYS = ("undisclosed_count", "unconverted_count", "entry_count")
_STAGE_KEYS = ("pledged", "allocated", "delivered", "cancelled", "outstanding")
_SUM_KINDS = {
    **dict.fromkeys(_STAGE_KEYS, "number"),
    **dict.fromkeys(_VALUE_KEYS, "money"),
    **dict.fromkeys((*_COUNT_KEYS, "warnings"), "integer"),
    "delivered_share": "share",
    "package_date": "date",
    "package_ordinal": "integer",
    "aggregate_claim": "boolean",
}
BALANCE_TABLE_COLUMNS = _columns(
    _SUM_KINDS,
    (
        "donor",
        "equipment",
        "unit",
        *_STAGE_KEYS,
        "delivered_share",
        "currency",
        *_VALUE_KEYS,
        *_COUNT_KEYS,
        "warnings",
        "sources",
    ),
)
PACKAGE_TABLE_COLUMNS = _columns(
    _SUM_KINDS,
    (
        "donor",
        "donor_name",
        *PACKAGE_COLUMNS[1:],
        "currency",
        *_VALUE_KEYS,
        *_COUNT_KEYS,
        "sources",
    ),
)

SOURCE_SEPARATOR = " | "


def ledger_statement(view: View) -> sa.Select:
    """The query of :func:`ledger_table` (the benchmark hands it to the bare driver): the
    entries the view's date, review, package and equipment conditions select."""
    return ledger_select().where(*entry_conditions(view))


def ledger_table(
    session: Session, view: View, *, currency: str | None = None, batch: int = 5000
) -> Table:
    """Every entry the view selects (superseded ones and corrections included: this is the
    ledger, not a balance), in the interchange columns and id order, streamed from the
    database. Amounts stay in the currency the source stated; with a base ``currency`` each
    amount also gets its value in that currency beside it (:data:`LEDGER_VALUE_COLUMNS`), at
    the rate of the event's date, as the page's totals convert it."""
    stmt = ledger_statement(view)
    result = session.connection().execution_options(yield_per=batch).execute(stmt)
    if tuple(result.keys()) != LEDGER_COLUMNS:
        raise RuntimeError("ledger_select() no longer lists LEDGER_COLUMNS in order")
    if currency is None:
        return Table("ledger", LEDGER_TABLE_COLUMNS, result)
    convert = converter(session, currency)
    rows = (
        (*row[:_AFTER_CURRENCY], *_entry_value(convert, row, currency), *row[_AFTER_CURRENCY:])
        for row in result
    )
    return Table("ledger", VALUED_LEDGER_TABLE_COLUMNS, rows)


def _entry_value(
    convert: Callable[[Money, date], Conversion], row: Sequence, currency: str
) -> tuple[object, ...]:
    """The :data:`LEDGER_VALUE_COLUMNS` cells of one ledger row."""
    amount, high, stated = row[_AMOUNT], row[_AMOUNT_HIGH], row[_CURRENCY]
    if amount is None or stated is None:  # a quantity, or an undisclosed amount
        return (None, None, None, None, None, None)
    if stated == currency:
        return (amount, high, currency, None, None, None)
    day = row[_EVENT_DATE]
    try:
        low = convert(Money(amount, stated), day)
        top = None if high is None else convert(Money(high, stated), day).amount
    except FxError as exc:
        return (None, None, currency, None, None, f"not converted: {exc}")
    note = f"stale rate: the latest one known, from {low.rate_date}" if low.stale else None
    return (low.amount, top, currency, low.rate_date, low.provider, note)


def balance_table(session: Session, view: View, *, currency: str = "EUR") -> Table:
    """:func:`balance_rows` (per donor, equipment and unit) with the sources behind each row."""
    equipment = sa.func.coalesce(T.c.name, I.c.label)
    sources = _sources_by(session, view, (D.c.code, equipment, I.c.unit))
    rows = balance_rows(session, view, currency=currency, as_strings=False)
    for row in rows:
        row["sources"] = sources.get((row["donor"], row["equipment"], row["unit"]), "")
    return Table("balance", BALANCE_TABLE_COLUMNS, rows)


def package_table(
    session: Session, view: View, *, currency: str = "EUR", search: str | None = None
) -> Table:
    """One row per package with entries in the view: what it is and its money in
    ``currency`` (reported values; in-kind estimates apart), with the sources behind it.

    ``search`` keeps the packages whose title, donor, initiative, instrument or secrecy, or
    the equipment of one of their items, contains the text (ignoring case): a researcher
    looking for "NASAMS" wants every package that holds a NASAMS system, not only those
    with the word in their title."""
    totals = {
        r.keys["package_id"]: r
        for r in totals_in_currency(session, view, group_by=("package_id",), currency=currency)
    }
    sources = _sources_by(session, view, (P.c.id,))
    stmt = (
        sa.select(P.c.id, D.c.name.label("donor_name"), *package_columns())
        .select_from(
            P.join(D, D.c.id == P.c.donor_id).outerjoin(INIT, INIT.c.id == P.c.initiative_id)
        )
        .where(P.c.id.in_(list(totals)))
        .order_by(D.c.code, P.c.announced_on, P.c.title)
    )
    if search and search.strip():
        stmt = stmt.where(_package_matches(search.strip()))
    rows = []
    for package in session.execute(stmt).mappings():
        total = totals[package["id"]]
        row = {key: package[key] for key in package if key != "id"}
        row["package_id"] = package["id"]  # not a column: the dashboards link to the package
        row["currency"] = currency
        row.update({key: getattr(total, key) for key in (*_VALUE_KEYS, *_COUNT_KEYS)})
        row["sources"] = sources.get((package["id"],), "")
        rows.append(row)
    return Table("packages", PACKAGE_TABLE_COLUMNS, rows)


def _package_matches(text: str) -> sa.ColumnElement[bool]:
    """The condition of :func:`package_table`'s search: ``text`` (ignoring case, ``%`` and
    ``_`` taken literally) in the package's own words or in an item's equipment name, family
    or label."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"

    def like(column: sa.ColumnElement) -> sa.ColumnElement[bool]:
        return sa.func.lower(column).like(pattern, escape="\\")

    items = (
        sa.select(I.c.package_id)
        .select_from(I.outerjoin(T, T.c.id == I.c.equipment_type_id))
        .where(sa.or_(like(T.c.name), like(T.c.family), like(I.c.label)))
    )
    own_words = (
        D.c.code,
        D.c.name,
        P.c.title,
        INIT.c.code,
        INIT.c.name,
        P.c.instrument,
        P.c.secrecy,
    )
    return sa.or_(*(like(column) for column in own_words), P.c.id.in_(items))


def _sources_by(session: Session, view: View, keys: Sequence[sa.ColumnElement]) -> dict[tuple, str]:
    """The distinct sources (URL, else title) behind the counting entries of each group,
    sorted and joined with :data:`SOURCE_SEPARATOR`: the trail from a figure to its sources."""
    inc = increments(view)
    stmt = (
        sa.select(*keys, sa.func.coalesce(S.c.url, S.c.title))
        .distinct()
        .select_from(with_lines(inc).outerjoin(T, T.c.id == I.c.equipment_type_id))
    )
    found: dict[tuple, set[str]] = defaultdict(set)
    for *key, source in session.execute(stmt):
        found[tuple(key)].add(source)
    return {key: SOURCE_SEPARATOR.join(sorted(names)) for key, names in found.items()}


def ledger_count(session: Session, view: View) -> int:
    """How many entries :func:`ledger_table` lists for ``view`` (superseded ones included),
    so a page that shows only the first rows can say how many there are."""
    stmt = (
        sa.select(sa.func.count(E.c.id))
        .select_from(E.join(P, P.c.id == E.c.package_id))
        .where(*entry_conditions(view))
    )
    return int(session.execute(stmt).scalar_one())
