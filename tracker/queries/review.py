"""The review queue and the audit trail."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from sqlmodel import Session

from tracker.domain.tables import A, D, E, line_labels, source_columns, with_lines
from tracker.domain.vocab import FIGURE_COLUMNS
from tracker.ledger import (
    known_by,
)


def _entry_summary_columns() -> list[sa.ColumnElement]:
    return [
        E.c.id,
        E.c.key,
        E.c.event,
        E.c.event_date,
        *(E.c[name] for name in FIGURE_COLUMNS),
        E.c.stated,
        E.c.review_status,
        E.c.version,
    ]


def line_entries(session: Session, package_id: int, item_id: int | None) -> list[dict]:
    """The entries of one line (a package's item, or its money when ``item_id`` is None) in
    timeline order: what a correction can point at."""
    line = E.c.item_id.is_(None) if item_id is None else E.c.item_id == item_id
    stmt = (
        sa.select(*_entry_summary_columns())
        .where(E.c.package_id == package_id, line)
        .order_by(E.c.applies_on, E.c.id)
    )
    return [dict(r) for r in session.execute(stmt).mappings()]


def review_queue(
    session: Session,
    *,
    statuses: Sequence[str] = ("draft",),
    donor: str | None = None,
    limit: int = 500,
) -> list[dict]:
    """Entries waiting for a reviewer (or sent back), oldest recorded first, with what a
    reviewer checks them against: donor, package, line, the figure as stated, the source."""
    stmt = (
        sa.select(
            *_entry_summary_columns(),
            *line_labels(),
            E.c.recorded_by,
            E.c.recorded_at,
            E.c.reviewed_by,
            E.c.review_comment,
            *source_columns("url", "title", "outlet", "reliability"),
        )
        .select_from(with_lines(E))
        .where(E.c.review_status.in_(list(statuses)))
        .order_by(E.c.recorded_at, E.c.id)
        .limit(limit)
    )
    if donor:
        stmt = stmt.where(D.c.code == donor)
    return [dict(r) for r in session.execute(stmt).mappings()]


@dataclass(frozen=True)
class AuditFilters:
    """What the audit trail can be narrowed to: the people and tables that appear in it."""

    actors: tuple[str, ...]
    tables: tuple[str, ...]


def audit_filters(session: Session) -> AuditFilters:
    actors = tuple(session.scalars(sa.select(A.c.actor).distinct().order_by(A.c.actor)))
    tables = tuple(session.scalars(sa.select(A.c.table_name).distinct().order_by(A.c.table_name)))
    return AuditFilters(actors, tables)


def audit_trail(
    session: Session,
    *,
    actor: str | None = None,
    table: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 500,
) -> list[dict]:
    """Audit records, newest first, with the changed fields of each worked out: who changed
    what and when, before and after. ``since``/``until`` are whole UTC days, both included."""
    stmt = sa.select(A).order_by(A.c.id.desc()).limit(limit)
    if actor:
        stmt = stmt.where(A.c.actor == actor)
    if table:
        stmt = stmt.where(A.c.table_name == table)
    if since:
        stmt = stmt.where(A.c.at >= known_by(since - timedelta(days=1)))
    if until:
        stmt = stmt.where(A.c.at < known_by(until))
    rows = []
    for record in session.execute(stmt).mappings():
        row = dict(record)
        row["changes"] = audit_changes(row["before"], row["after"])
        rows.append(row)
    return rows


def audit_changes(before: str | None, after: str | None) -> list[tuple[str, object, object]]:
    """(field, before, after) for each field an audit record changed; every field of a
    created row (before None); an import's summary as it was recorded."""
    old = json.loads(before) if before else {}
    new = json.loads(after) if after else {}
    return [
        (name, old.get(name), new.get(name))
        for name in sorted(set(old) | set(new))
        if old.get(name) != new.get(name)
    ]
