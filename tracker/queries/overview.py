"""The overview page's figures in one statement: the headline total, donors, aid types,
categories and the reference prices behind the estimates.

Each of them is a sum over the same per-line stage rows (``tracker.ledger.balances``), so the
statement computes those rows once, in a common table expression that both SQLite and
PostgreSQL materialise when it is used more than once, and adds one grouped query per figure
family to it (UNION ALL; SQLite has no GROUPING SETS). Six separate queries read the million
derived rows six times; this reads them once and groups a few tens of thousands of lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import sqlalchemy as sa
from sqlmodel import Session

from tracker.domain import models as m
from tracker.domain.tables import I, P, T
from tracker.ledger import View
from tracker.ledger.asof import package_conditions
from tracker.ledger.balances import _SUMMED, BalanceRow, _balance_row, grouped, line_stages
from tracker.queries.provenance import PriceBasis

# family: (groups, rows per unit)
_FAMILIES: dict[str, tuple[tuple[str, ...], bool]] = {
    "total": ((), False),
    "donors": (("donor", "donor_name"), False),
    "aid_types": (("aid_type",), False),
    "categories": (("category",), True),
}
_BASIS = "basis"
_KEYS = ("k1", "k2")
_BASIS_COLUMNS = {
    "k1": T.c.name,
    "k2": T.c.unit,
    "price_currency": T.c.ref_price_currency,
    "price_source": T.c.ref_price_source,
    "price": sa.type_coerce(T.c.ref_unit_price, sa.BigInteger),
    "price_year": T.c.ref_price_year,
}


@dataclass(frozen=True)
class OverviewFigures:
    """Everything the overview shows apart from the monthly series and the warnings."""

    total: BalanceRow | None
    donors: list[BalanceRow]
    aid_types: list[BalanceRow]
    categories: list[BalanceRow]
    basis: list[PriceBasis]


def overview_figures(session: Session, view: View, currency: str = "EUR") -> OverviewFigures:
    """The overview's figures for ``view`` in ``currency``: the same rows as
    ``totals_in_currency`` (total, per donor and name, per aid type), ``balances`` per
    category and ``price_basis``, from one pass over the ledger's derived rows."""
    dialect = session.get_bind().dialect.name
    stages = sa.select(line_stages(view, currency=currency, dialect=dialect)).cte("line_stages")
    parts = [_family(name, stages, view) for name in _FAMILIES]
    parts.append(_price_basis(stages, view))
    union = sa.union_all(*parts).subquery("figures")
    stmt = sa.select(union).order_by(
        union.c.family, *(union.c[k].asc().nulls_first() for k in (*_KEYS, "unit_"))
    )
    found: dict[str, list] = {name: [] for name in (*_FAMILIES, _BASIS)}
    for r in session.execute(stmt).all():
        data = r._mapping
        if data["family"] == _BASIS:
            found[_BASIS].append(_basis_row(data))
            continue
        group_by = _FAMILIES[data["family"]][0]
        keyed = {**data, **{name: data[k] for name, k in zip(group_by, _KEYS, strict=False)}}
        found[data["family"]].append(_balance_row(_Row(keyed), group_by, currency))
    # the reference prices most used first, as price_basis orders them
    found[_BASIS].sort(key=lambda b: (-b.entries, b.equipment))
    totals = found["total"]
    return OverviewFigures(
        total=totals[0] if totals else None,
        donors=found["donors"],
        aid_types=found["aid_types"],
        categories=found["categories"],
        basis=found[_BASIS],
    )


def _columns(
    family: str, given: dict[str, sa.ColumnElement], *, sums: Sequence[sa.ColumnElement] = ()
) -> list[sa.ColumnElement]:
    """One part's columns in the union's order, typed NULL where the family has none."""
    out = [sa.literal(family, sa.String).label("family")]
    for name in _KEYS:
        out.append(given.get(name, sa.cast(sa.null(), sa.String)).label(name))
    out.append(given.get("unit_", sa.cast(sa.null(), sa.String)).label("unit_"))
    for name in ("price_currency", "price_source"):
        out.append(given.get(name, sa.cast(sa.null(), sa.String)).label(name))
    for name in ("price", "price_year"):
        out.append(given.get(name, sa.cast(sa.null(), sa.BigInteger)).label(name))
    out.extend(sums)
    return out


def _family(name: str, stages: sa.CTE, view: View) -> sa.Select:
    group_by, by_unit = _FAMILIES[name]
    inner = grouped(stages, view, group_by, by_unit=by_unit).subquery(f"{name}_rows")
    keys = {k: sa.cast(inner.c[g], sa.String) for g, k in zip(group_by, _KEYS, strict=False)}
    if by_unit:
        keys["unit_"] = sa.cast(inner.c.unit_, sa.String)
    sums = [inner.c[s] for s in (*_SUMMED, "undisclosed")]
    return sa.select(*_columns(name, keys, sums=sums))


def _price_basis(stages: sa.CTE, view: View) -> sa.Select:
    """The reference prices behind the estimates: lines with estimated entries (``ne``)
    summed per item first, then per equipment type into ``n``; zeros in the other sums.
    Per item first so that PostgreSQL, which guesses the CTE's size, looks up each item
    once instead of reading the lines again for every item of the catalogue."""
    items = (
        sa.select(stages.c.item_key, sa.func.sum(stages.c.ne).label("ne"))
        .select_from(stages.join(P, P.c.id == stages.c.package_id))
        .where(stages.c.ne > 0, *package_conditions(view))
        .group_by(stages.c.item_key)
        .subquery("estimated_items")
    )
    zero = sa.literal(0, sa.BigInteger)
    sums = [sa.func.sum(items.c.ne) if s == "n" else zero for s in _SUMMED]
    labelled = [c.label(s) for c, s in zip(sums, _SUMMED, strict=True)]
    return (
        sa.select(*_columns(_BASIS, _BASIS_COLUMNS, sums=[*labelled, zero.label("undisclosed")]))
        .select_from(
            items.join(I, I.c.id == items.c.item_key).join(T, T.c.id == I.c.equipment_type_id)
        )
        .group_by(*_BASIS_COLUMNS.values())
    )


def _basis_row(data) -> PriceBasis:
    return PriceBasis(
        data["k1"],
        data["k2"],
        Decimal(int(data["price"])).scaleb(-m.MONEY_SCALE),
        data["price_currency"],
        data["price_year"],
        data["price_source"],
        int(data["n"]),
    )


class _Row:
    """A mapping seen as a result row (``_balance_row`` reads ``row._mapping``)."""

    def __init__(self, mapping: dict) -> None:
        self._mapping = mapping
