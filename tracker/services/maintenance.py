"""Keeping the derived rows true to the ledger: rebuilt when a migration left them empty,
and checked against a fresh computation on demand (``tracker db check``)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session

from tracker.db import session_scope
from tracker.domain.tables import EFF, LEFF, REFF, E
from tracker.ledger import View, ensure_effects
from tracker.ledger.effects import EFFECT_COLUMNS, effect_rows, stored_line_sums
from tracker.ledger.line_sums import LINE_SUM_COLUMNS, REVIEWED_SUM_COLUMNS


def ensure_derived(engine: Engine) -> bool:
    """Rebuild the derived increments if the ledger has entries but they have none (a
    downgrade and upgrade drops and recreates their table). True when it rebuilt."""
    with session_scope(engine) as session:
        return ensure_effects(session)


@dataclass(frozen=True)
class DerivedCheck:
    """The stored derived rows against the ledger: counts and the entries that differ."""

    entries: int
    stored: int
    expected: int
    differing: tuple[int, ...]

    @property
    def ok(self) -> bool:
        return self.stored == self.expected and not self.differing


def check_derived(session: Session) -> DerivedCheck:
    """Recompute every derived row from the ledger (entry_effect, reviewed_effect for the
    lines the fresh computation marks complex, and the line sums of line_effect) and compare
    it with the stored one. An entry differs when its own row does or its line's sums do."""
    every = View(include_aggregate_claims=True)
    fresh = effect_rows(every).subquery("fresh")
    stored = _rows(session, EFF, False) | _rows(session, REFF, True)
    expected = _rows(session, fresh, False)
    complex_lines = {(r.package_id, r.item_key) for r in expected.values() if r.complex}
    reviewed = effect_rows(replace(every, reviewed_only=True)).subquery("fresh_reviewed")
    expected |= {
        key: row
        for key, row in _rows(session, reviewed, True).items()
        if (row.package_id, row.item_key) in complex_lines
    }
    differing = {
        entry
        for entry, in_reviewed in stored.keys() | expected.keys()
        if not _same(stored.get((entry, in_reviewed)), expected.get((entry, in_reviewed)))
    }
    stored_lines = _line_rows(session, sa.select(LEFF))
    expected_lines = _line_rows(session, stored_line_sums(source=fresh))
    wrong_lines = {
        line
        for line in stored_lines.keys() | expected_lines.keys()
        if stored_lines.get(line) != expected_lines.get(line)
    }
    differing |= {r.entry_id for r in expected.values() if _line_of(r) in wrong_lines}
    entries = session.execute(sa.select(sa.func.count()).select_from(E)).scalar_one()
    return DerivedCheck(
        entries,
        len(stored) + len(stored_lines),
        len(expected) + len(expected_lines),
        tuple(sorted(differing)),
    )


def _line_rows(session: Session, stmt: sa.Select) -> dict[tuple, tuple]:
    """Line sums by line and kind, each as the tuple of its sums (PostgreSQL sums BIGINTs
    as NUMERIC, whose Decimals equal the stored integers)."""
    return {_line_of(r): tuple(r._mapping[c] for c in _LINE_SUMS) for r in session.execute(stmt)}


_LINE_SUMS = (*LINE_SUM_COLUMNS, *REVIEWED_SUM_COLUMNS)


def _line_of(row) -> tuple[int, str, int]:
    return (row.package_id, row.kind, row.item_key)


def _rows(
    session: Session, source: sa.FromClause, reviewed: bool
) -> dict[tuple[int, bool], sa.Row]:
    """Derived rows of ``source`` by (entry, ``reviewed``: whether they are the reviewed
    view's rows), so an entry's two rows are compared each with its own."""
    return {(r.entry_id, reviewed): r for r in session.execute(sa.select(source))}


def _same(stored, expected) -> bool:
    """Every column equal: the derived rows are integers, so a fresh computation must give
    exactly what was stored."""
    if stored is None or expected is None:
        return False
    return all(getattr(stored, c) == getattr(expected, c) for c in EFFECT_COLUMNS)
