"""Ledger entries as rows of the interchange CSV (for export and the ledger page)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from tracker.domain.tables import INIT, D, E, I, P, T, source_columns, with_lines
from tracker.domain.vocab import FIGURE_COLUMNS, LEDGER_COLUMNS, SOURCE_COLUMNS
from tracker.ledger.asof import known_on


def package_columns() -> list[sa.ColumnElement]:
    """A package as the interchange format describes it (donor code, title, date, ordinal,
    instrument, aid type, secrecy, initiative code, aggregate claim), for a select from
    ``package`` joined to ``donor`` and outer-joined to ``initiative``; shared by the
    ledger rows and the packages table so both describe a package alike."""
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
    C = E.alias("corrected")
    return (
        sa.select(
            E.c.key.label("entry_id"),
            *package_columns(),
            I.c.label.label("item"),
            T.c.name.label("equipment"),
            E.c.event,
            E.c.event_date,
            *(E.c[name] for name in FIGURE_COLUMNS),
            C.c.key.label("corrects"),
            E.c.reason,
            E.c.stated,
            *source_columns(*(name.removeprefix("source_") for name in SOURCE_COLUMNS)),
            E.c.recorded_at,
            E.c.recorded_by,
            E.c.review_status,
        )
        .select_from(
            with_lines(E)
            .outerjoin(INIT, INIT.c.id == P.c.initiative_id)
            .outerjoin(T, T.c.id == I.c.equipment_type_id)
            .outerjoin(C, C.c.id == E.c.corrects_id)
        )
        .order_by(E.c.id)
    )


def ledger_rows(
    session: Session, *, donors: Iterable[str] = (), as_of: date | None = None, batch: int = 5000
) -> Iterator[dict[str, str]]:
    """Every entry as an interchange row (plain values), streamed in id order."""
    stmt = ledger_select()
    if donors:
        stmt = stmt.where(D.c.code.in_(list(donors)))
    if as_of is not None:
        stmt = stmt.where(*known_on(E, as_of))
    result = session.execute(stmt.execution_options(yield_per=batch))
    for row in result.mappings():
        yield {name: _cell(row[name]) for name in LEDGER_COLUMNS}


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
