"""Balances for the pages and the CLI: views from page filters, rows as plain values."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlmodel import Session

from tracker.domain.tables import D, E, I, P, T, W, line_labels, with_lines
from tracker.domain.vocab import donor_code
from tracker.ledger import (
    ITEM_GROUPINGS,
    BalanceRow,
    View,
    balances,
    entry_conditions,
)


def make_view(
    *,
    donors: Iterable[str] = (),
    as_of: date | None = None,
    reviewed_only: bool = False,
    equipment: str | None = None,
    category: str | None = None,
    initiative: str | None = None,
    aid_type: str | None = None,
    package_ids: Iterable[int] = (),
    include_aggregate_claims: bool = False,
    source: str | None = None,
) -> View:
    """A :class:`View` from loose arguments (donor codes read by
    :func:`~tracker.domain.vocab.donor_code`)."""
    codes = tuple(donor_code(c) for c in donors if c.strip())
    return View(
        as_of=as_of,
        reviewed_only=reviewed_only,
        include_aggregate_claims=include_aggregate_claims,
        donors=codes,
        package_ids=tuple(package_ids),
        initiative=initiative,
        category=category,
        equipment=equipment,
        aid_type=aid_type,
        source=source,
    )


def _s(value: Decimal | None) -> str | None:
    """Decimal as a plain string (no exponent), for JSON."""
    if value is None:
        return None
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


DEFAULT_GROUPING = ("donor", "equipment")


def balance_rows(
    session: Session,
    view: View,
    *,
    group_by: Sequence[str] = DEFAULT_GROUPING,
    currency: str = "EUR",
    as_strings: bool = True,
) -> list[dict[str, object]]:
    """The balance per group (by default per donor and equipment; money-only lines have no
    equipment). Groupings that name the goods (equipment, category, family, unit) are
    counted in units, one row per unit; the others (donor, aid type, ...) are money totals,
    one row per group. Per donor and equipment, each row also has the number of
    reconciliation warnings on the entries behind it."""
    by_unit = bool(ITEM_GROUPINGS.intersection(group_by))
    rows = balances(session, view, group_by=tuple(group_by), currency=currency, by_unit=by_unit)
    warn = warning_counts(session, view) if tuple(group_by) == DEFAULT_GROUPING else None
    out = []
    for row in rows:
        record = {**row.keys, **_row_dict(row)}
        if warn is not None:
            record["warnings"] = warn.get((row.keys["donor"], row.keys["equipment"]), 0)
        out.append(record)
    if as_strings:
        out = [{k: (_s(v) if isinstance(v, Decimal) else v) for k, v in r.items()} for r in out]
    return out


def _row_dict(row: BalanceRow) -> dict[str, object]:
    return {
        "unit": row.unit,
        "pledged": row.pledged,
        "allocated": row.allocated,
        "delivered": row.delivered,
        "cancelled": row.cancelled,
        "outstanding": row.outstanding,
        "delivered_share": row.delivered_share,
        "currency": row.currency,
        "pledged_value": row.pledged_value,
        "allocated_value": row.allocated_value,
        "delivered_value": row.delivered_value,
        "cancelled_value": row.cancelled_value,
        "outstanding_value": row.outstanding_value,
        "pledged_estimated_value": row.pledged_estimated_value,
        "allocated_estimated_value": row.allocated_estimated_value,
        "delivered_estimated_value": row.delivered_estimated_value,
        "undisclosed_count": row.undisclosed_count,
        "unconverted_count": row.unconverted_count,
        "entry_count": row.entry_count,
    }


def warning_counts(session: Session, view: View) -> dict[tuple[str, str | None], int]:
    """Stored warnings per (donor, equipment) for the view's packages."""
    equipment = sa.func.coalesce(T.c.name, I.c.label)
    stmt = (
        sa.select(D.c.code, equipment, sa.func.count(W.c.id))
        .select_from(
            with_lines(W.join(E, E.c.id == W.c.entry_id), rows=W, source=False).outerjoin(
                T, T.c.id == I.c.equipment_type_id
            )
        )
        .group_by(D.c.code, equipment)
    )
    stmt = stmt.where(*entry_conditions(view))
    return {(d, e): n for d, e, n in session.execute(stmt)}


def warnings_in_view(session: Session, view: View) -> list[dict[str, object]]:
    """The stored reconciliation warnings on entries the view can see (same donors, filters,
    as-of date and review filter), newest first: the open questions beside the figures."""
    stmt = (
        sa.select(
            W.c.kind,
            W.c.message,
            *line_labels(),
            P.c.id.label("package_id"),
            E.c.key.label("entry"),
            E.c.event_date,
        )
        .select_from(with_lines(W.join(E, E.c.id == W.c.entry_id), rows=W, source=False))
        .where(*entry_conditions(view))
        .order_by(W.c.id.desc())
    )
    return [dict(r) for r in session.execute(stmt).mappings()]


def beside_kiel(session: Session, view: View, *, currency: str = "EUR") -> list[dict[str, object]]:
    """Per donor, the team's own figures beside the Kiel Institute's imported ones (pledged
    and allocated value; delivered for the team's own, which Kiel does not separate), and
    the gap between the allocated values, so a researcher sees where the two disagree.
    Empty when no Kiel release has been imported."""

    def per_donor(source: str) -> dict[str, BalanceRow]:
        scoped = replace(view, source=source)
        rows = balances(session, scoped, group_by=("donor",), currency=currency, by_unit=False)
        return {row.keys["donor"]: row for row in rows}

    kiel = per_donor("kiel")
    if not kiel:
        return []
    own = per_donor("own")
    out = []
    for donor in sorted(set(kiel) | set(own)):
        mine, theirs = own.get(donor), kiel.get(donor)
        own_allocated = mine.allocated_total_value if mine else Decimal(0)
        kiel_allocated = theirs.allocated_value if theirs else Decimal(0)
        out.append(
            {
                "donor": donor,
                "own_pledged_value": mine.pledged_total_value if mine else Decimal(0),
                "own_allocated_value": own_allocated,
                "own_delivered_value": mine.delivered_total_value if mine else Decimal(0),
                "kiel_pledged_value": theirs.pledged_value if theirs else Decimal(0),
                "kiel_allocated_value": kiel_allocated,
                "allocated_gap_value": own_allocated - kiel_allocated,
            }
        )
    return out
