"""The pledged-versus-delivered ledger: the as-of rule, increments, the derived effects,
balances, conflicting claims and reconciliation warnings. Read-only but for the derived
tables, which the services refresh after every write."""

from __future__ import annotations

from tracker.ledger.asof import (
    ITEM_GROUPINGS,
    View,
    entry_conditions,
    known_by,
    known_on,
)
from tracker.ledger.balances import (
    BalanceRow,
    balances,
    contributions,
    entries_behind,
    time_series,
    totals_in_currency,
)
from tracker.ledger.claims import (
    Claim,
    conflicting_claims,
)
from tracker.ledger.effects import (
    after_write,
    ensure_effects,
    rebuild_effects,
    refresh_effects,
)
from tracker.ledger.increments import (
    increments,
)
from tracker.ledger.warnings import (
    Finding,
    Inserted,
    list_warnings,
)

__all__ = [
    "ITEM_GROUPINGS",
    "BalanceRow",
    "Claim",
    "Finding",
    "Inserted",
    "View",
    "after_write",
    "balances",
    "conflicting_claims",
    "contributions",
    "ensure_effects",
    "entries_behind",
    "entry_conditions",
    "increments",
    "known_by",
    "known_on",
    "list_warnings",
    "rebuild_effects",
    "refresh_effects",
    "time_series",
    "totals_in_currency",
]
