"""Reconciliation warnings: running totals that go down, deliveries beyond the pledge."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

import sqlalchemy as sa
from sqlmodel import Session

from tracker.db import each_distinct
from tracker.domain import models as m
from tracker.domain.tables import D, E, I, P, W, with_lines

# --- reconciliation warnings ----------------------------------------------------------


class _Fact(NamedTuple):
    """What the checks read of an entry."""

    id: int
    package_id: int
    item_id: int | None
    effective_event: str
    applies_on: date
    quantity: Decimal | None
    amount: Decimal | None
    cumulative: bool
    corrects_id: int | None
    source_id: int


@dataclass
class _Line:
    entries: list[_Fact] = field(default_factory=list)


@dataclass(frozen=True)
class Inserted:
    """Entries a caller has just inserted: the column values it wrote, with the ids
    ``first_id``, ``first_id + 1`` ... in order. The checks take their facts from here
    instead of reading them back (a third of the checks' time after a large import)."""

    first_id: int
    rows: Sequence[dict]

    @property
    def last_id(self) -> int:
        return self.first_id + len(self.rows) - 1

    def facts(self, dialect: sa.Dialect) -> list[_Fact]:
        """The rows' facts as :func:`_facts` would read them back (figures through their
        column's storage and back, so 18 reads as the stored 18.000)."""

        def as_stored(name: str) -> list[Decimal | None]:
            kind = E.c[name].type

            def round_trip(value: Decimal | None) -> Decimal | None:
                return kind.process_result_value(kind.process_bind_param(value, dialect), dialect)

            return each_distinct(round_trip, [row[name] for row in self.rows])

        return [
            _Fact(
                entry_id,
                row["package_id"],
                row["item_id"],
                row["effective_event"],
                row["applies_on"],
                quantity,
                amount,
                row["cumulative"],
                row["corrects_id"],
                row["source_id"],
            )
            for entry_id, row, quantity, amount in zip(
                range(self.first_id, self.last_id + 1),
                self.rows,
                as_stored("quantity"),
                as_stored("amount"),
                strict=True,
            )
        ]


def _facts(
    session: Session, package_ids: list[int], inserted: Inserted | None = None
) -> list[_Fact]:
    """The entries of these packages in timeline order (per chunk of 500 packages), except
    those of ``inserted``.

    Values are fetched raw and each distinct one goes through its column's result processing
    once: a large import repeats its dates and figures, and converting them row by row (and
    building ORM objects before that) took most of the time of the checks."""
    columns = [E.c[name] for name in _Fact._fields]
    dialect = session.get_bind().dialect
    raw = [sa.type_coerce(c, sa.types.NullType()).label(c.name) for c in columns]
    conds = []
    if inserted is not None:
        conds.append(sa.not_(E.c.id.between(inserted.first_id, inserted.last_id)))
    fetched: list[tuple] = []
    for start in range(0, len(package_ids), 500):
        chunk = package_ids[start : start + 500]
        fetched += session.execute(
            sa.select(*raw)
            .where(E.c.package_id.in_(chunk), *conds)
            .order_by(E.c.applies_on, E.c.id)
        ).all()
    if not fetched:
        return []
    values = []
    for column, cells in zip(columns, zip(*fetched, strict=True), strict=True):
        process = column.type.dialect_impl(dialect).result_processor(dialect, None)
        if process is None:
            values.append(cells)
            continue
        values.append(each_distinct(process, cells))
    return list(map(_Fact, *values))


Finding = tuple[str, _Fact, _Fact | None, str]  # kind, entry, the other entry, message


def _findings(entries: list[_Fact], lines: set[tuple[int, int | None]]) -> list[Finding]:
    """What the checks find on these lines (and their packages) given their entries."""
    by_line: dict[tuple[int, int | None], _Line] = defaultdict(_Line)
    by_package: dict[int, list[_Fact]] = defaultdict(list)
    for entry in entries:
        by_package[entry.package_id].append(entry)
        if (entry.package_id, entry.item_id) in lines:
            by_line[(entry.package_id, entry.item_id)].entries.append(entry)
    findings: list[Finding] = []
    for line in by_line.values():
        findings += _line_findings(line.entries)
    for package_id in {p for p, _ in lines}:
        findings += _money_overlap(by_package[package_id])
    return findings


def _store_findings(session: Session, findings: list[Finding]) -> int:
    """Store the findings not stored yet; returns how many are new."""
    existing = {
        (kind, entry_id)
        for kind, entry_id in session.execute(
            sa.select(m.ReconciliationWarning.kind, m.ReconciliationWarning.entry_id).where(
                m.ReconciliationWarning.entry_id.in_([f[1].id for f in findings] or [-1])
            )
        )
    }
    new = []
    for kind, entry, other, message in findings:
        if (kind, entry.id) in existing:
            continue
        existing.add((kind, entry.id))
        new.append(
            {
                "kind": kind,
                "entry_id": entry.id,
                "other_entry_id": other.id if other else None,
                "package_id": entry.package_id,
                "item_id": entry.item_id,
                "message": message,
                "created_at": m.utcnow(),
            }
        )
    if new:
        session.execute(sa.insert(m.ReconciliationWarning.__table__), new)
    return len(new)


def _figure(entry: _Fact) -> Decimal | None:
    return entry.quantity if entry.quantity is not None else entry.amount


def _line_findings(entries: list[_Fact]):
    """Walk one line in timeline order, keeping running totals per kind as they were known."""
    superseded = {e.corrects_id for e in entries if e.corrects_id is not None}
    current = [e for e in entries if e.id not in superseded]
    running: dict[str, Decimal] = defaultdict(Decimal)
    first_pledge: date | None = None
    last_by_kind_date: dict[tuple[str, date, bool], _Fact] = {}
    for entry in current:
        figure = _figure(entry)
        kind = entry.effective_event
        if kind == "pledge" and first_pledge is None:
            first_pledge = entry.applies_on
        if figure is None:
            continue
        twin_key = (kind, entry.applies_on, entry.cumulative)
        twin = last_by_kind_date.get(twin_key)
        if (
            twin is not None
            and twin.source_id != entry.source_id
            and _figure(twin) != figure
            and (entry.cumulative or kind == "pledge")
        ):
            yield (
                "sources_disagree",
                entry,
                twin,
                f"two sources give different {kind} figures for {entry.applies_on}: "
                f"{_figure(twin)} and {figure}",
            )
        last_by_kind_date[twin_key] = entry
        if entry.cumulative:
            if figure < running[kind]:
                yield (
                    "running_total_down",
                    entry,
                    None,
                    f"running {kind} total goes down from {running[kind]} to {figure}",
                )
            running[kind] = figure
        else:
            running[kind] += figure
        if kind == "delivery":
            if first_pledge is None or entry.applies_on < first_pledge:
                yield (
                    "delivery_before_pledge",
                    entry,
                    None,
                    "delivery recorded before any pledge of this line",
                )
            elif running["delivery"] > running["pledge"] - running["cancellation"]:
                yield (
                    "delivered_beyond_pledge",
                    entry,
                    None,
                    f"delivered {running['delivery']} exceeds pledged "
                    f"{running['pledge'] - running['cancellation']}",
                )


def _money_overlap(entries: list[_Fact]):
    """A package whose total value is stated and whose items also carry money may count the
    same euro twice; flag the item-level money so a researcher decides."""
    superseded = {e.corrects_id for e in entries if e.corrects_id is not None}
    current = [e for e in entries if e.id not in superseded and e.effective_event == "pledge"]
    if not any(e.item_id is None and e.amount is not None for e in current):
        return
    for entry in current:
        if entry.item_id is not None and entry.amount is not None:
            yield (
                "money_overlap",
                entry,
                None,
                "the package states a total value and this item has its own value too",
            )


def list_warnings(session: Session) -> list[dict[str, object]]:
    """Every stored warning with its entry, package and donor, newest first."""
    stmt = (
        sa.select(
            W.c.id,
            W.c.kind,
            W.c.message,
            W.c.created_at,
            E.c.key.label("entry"),
            E.c.event_date,
            P.c.title.label("package"),
            D.c.code.label("donor"),
            I.c.label.label("item"),
        )
        .select_from(with_lines(W.join(E, E.c.id == W.c.entry_id), rows=W, source=False))
        .order_by(W.c.id.desc())
    )
    return [dict(r) for r in session.execute(stmt).mappings()]
