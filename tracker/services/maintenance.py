"""Keeping the derived rows true to the ledger: rebuilt when a migration left them empty,
and checked against a fresh computation on demand (``tracker db check``)."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session

from tracker.db import session_scope
from tracker.domain.tables import EFF, E
from tracker.ledger import View, ensure_effects
from tracker.ledger.effects import EFFECT_COLUMNS, effect_rows


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
    """Recompute every derived row from the ledger and compare it with the stored one."""
    fresh = effect_rows(View(include_aggregate_claims=True)).subquery("fresh")
    stored = {r.entry_id: r for r in session.execute(sa.select(EFF))}
    expected = {r.entry_id: r for r in session.execute(sa.select(fresh))}
    differing = sorted(
        entry
        for entry in stored.keys() | expected.keys()
        if not _same(stored.get(entry), expected.get(entry))
    )
    entries = session.execute(sa.select(sa.func.count()).select_from(E)).scalar_one()
    return DerivedCheck(entries, len(stored), len(expected), tuple(differing))


def _same(stored, expected) -> bool:
    """Every column equal: the derived rows are integers, so a fresh computation must give
    exactly what was stored."""
    if stored is None or expected is None:
        return False
    return all(getattr(stored, c) == getattr(expected, c) for c in EFFECT_COLUMNS)
