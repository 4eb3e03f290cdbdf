"""Balances, running totals and time series read from the derived increments."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import sqlalchemy as sa
from sqlmodel import Session

from tracker.domain.fx import from_euro_cents, rate_subquery
from tracker.domain.tables import (
    EFF,
    INIT,
    LEFF,
    REFF,
    D,
    E,
    I,
    P,
    T,
    line_labels,
    source_columns,
    with_lines,
)
from tracker.domain.vocab import POINT_FIGURE_COLUMNS
from tracker.ledger.asof import (
    CENT,
    GROUPINGS,
    ITEM_GROUPINGS,
    KINDS,
    QUANTITY_UNIT,
    View,
    item_filter,
    known_on,
    package_conditions,
)
from tracker.ledger.effects import EFFECT_COLUMNS, effect_rows
from tracker.ledger.increments import increments
from tracker.ledger.line_sums import LINE_KEY, LINE_SUM_COLUMNS, line_sums, month_of, per_eur_by_day


def contributions(view: View) -> sa.Subquery:
    """What each counting entry adds under ``view`` (entry_effect's columns): the rows of
    :func:`contribution_parts` in one subquery."""
    parts = contribution_parts(view)
    if len(parts) == 1:
        return parts[0].subquery("contrib")
    return sa.union_all(*parts).subquery("contrib")


def contribution_parts(view: View) -> list[sa.Select]:
    """What each counting entry adds under ``view``, as one or two selects of entry_effect's
    columns whose lines (package and item) never overlap.

    The current view reads entry_effect only; a view of a past date or of reviewed entries
    reads it for lines without running totals or corrections (their increments are their
    figures). The others are recomputed from the ledger, except for the current view of
    reviewed entries, which reads them from reviewed_effect. The parts are kept apart so
    that a caller can sum each on its own: the stored parts then stream in line order,
    while their union would have to be sorted (a million rows on SQLite) before it could
    be grouped."""
    if view.as_of is None and not view.reviewed_only:
        return [_stored(EFF, view)]
    extra = known_on(EFF, view.as_of) if view.as_of is not None else []
    if view.reviewed_only:
        extra.append(EFF.c.reviewed.is_(True))
    # "IS NOT true", which no index serves: with "= false" SQLite read nine rows in ten
    # through the index on (complex, package), one lookup each, instead of scanning the
    # table in its order (three times slower at a million entries).
    simple = _stored(EFF, view).where(EFF.c.complex.isnot(True), *extra)
    if view.as_of is None:
        return [simple, _stored(REFF, view)]
    return [simple, effect_rows(view, complex_only=True)]


def _stored(table: sa.Table, view: View) -> sa.Select:
    """The rows of a derived effect table (entry_effect or reviewed_effect) that the view's
    package and item filters keep; the claim rule is applied after the per-line sums."""
    return sa.select(*(table.c[name] for name in EFFECT_COLUMNS)).where(*_kept(table, view))


def _kept(table: sa.Table, view: View) -> list[sa.ColumnElement[bool]]:
    """The view's package and item filters on a derived table (one keyed by package_id and
    item_key); the claim rule is left to the per-group sums."""
    narrowing = package_conditions(view, claims=False)
    conds = [table.c.package_id.in_(sa.select(P.c.id).where(*narrowing))] if narrowing else []
    items = item_filter(view)
    if items is not None:
        conds.append(table.c.item_key.in_(items))
    return conds


@dataclass
class BalanceRow:
    """One row of a balance view; quantities in ``unit``, values in ``currency``."""

    keys: dict[str, object]
    unit: str | None
    pledged: Decimal
    allocated: Decimal
    delivered: Decimal
    cancelled: Decimal
    currency: str
    pledged_value: Decimal
    allocated_value: Decimal
    delivered_value: Decimal
    cancelled_value: Decimal
    pledged_estimated_value: Decimal
    allocated_estimated_value: Decimal
    delivered_estimated_value: Decimal
    undisclosed_count: int
    unconverted_count: int
    entry_count: int
    warnings: int = 0
    entry_ids: list[int] = field(default_factory=list)

    @property
    def outstanding(self) -> Decimal:
        return self.pledged - self.delivered - self.cancelled

    @property
    def outstanding_value(self) -> Decimal:
        return self.pledged_value - self.delivered_value - self.cancelled_value

    @property
    def pledged_total_value(self) -> Decimal:
        """Pledged money plus the in-kind estimate of pledges stated without money."""
        return self.pledged_value + self.pledged_estimated_value

    @property
    def allocated_total_value(self) -> Decimal:
        return self.allocated_value + self.allocated_estimated_value

    @property
    def delivered_total_value(self) -> Decimal:
        """Delivered money plus the in-kind estimate of deliveries stated without money."""
        return self.delivered_value + self.delivered_estimated_value

    @property
    def outstanding_total_value(self) -> Decimal:
        """Pledged minus delivered minus cancelled value, in-kind estimates included."""
        return self.pledged_total_value - self.delivered_total_value - self.cancelled_value

    @property
    def delivered_value_share(self) -> Decimal | None:
        """Delivered / pledged by value, in-kind estimates included on both sides (one of two
        NASAMS systems delivered is half of that pledge's value, not 0%)."""
        if not self.pledged_total_value:
            return None
        return (self.delivered_total_value / self.pledged_total_value).quantize(Decimal("0.0001"))

    @property
    def delivered_share(self) -> Decimal | None:
        """Delivered / pledged, by units where there are units, else by value."""
        if self.pledged:
            return (self.delivered / self.pledged).quantize(Decimal("0.0001"))
        if self.pledged_value:
            return (self.delivered_value / self.pledged_value).quantize(Decimal("0.0001"))
        return None


def balances(
    session: Session,
    view: View | None = None,
    *,
    group_by: Sequence[str] = ("donor", "equipment"),
    currency: str = "EUR",
    by_unit: bool = True,
) -> list[BalanceRow]:
    """Pledged / allocated / delivered / cancelled per group, in units and in ``currency``.

    ``group_by`` names come from :data:`GROUPINGS` plus ``equipment`` (catalogue name, else
    the item's label; money-only lines have none) and ``month`` (of the timeline date).
    Rows are grouped by unit too, so different units are never added. Two steps, both in SQL:
    plain sums per package line and kind (a narrow, ordered scan), then the lines joined to
    their donor, item and equipment and summed per group.
    """
    view = view or View()
    dialect = session.get_bind().dialect.name
    stages = line_stages(view, currency=currency, month="month" in group_by, dialect=dialect)
    stmt = grouped(stages, view, group_by, by_unit=by_unit)
    # NULLs (money-only lines, no initiative) first on both backends, so a view lists its
    # rows in the same order on SQLite and PostgreSQL.
    keys = stmt.selected_columns[: len(group_by) + by_unit]
    stmt = stmt.order_by(*(col.asc().nulls_first() for col in keys))
    return [_balance_row(r, group_by, currency) for r in session.execute(stmt).all()]


def line_stages(
    view: View, *, currency: str = "EUR", month: bool = False, dialect: str = ""
) -> sa.Subquery:
    """One row per line (package and item, and month if ``month``) with each kind's sums in
    units and in ``currency`` side by side and the line's allocated stage (see
    :func:`_stages`); ``ne`` counts its entries valued by a reference price. Every grouping
    of a view is a sum over these rows (:func:`grouped`), so a page needing several
    groupings can read the ledger once. ``dialect``: the database's dialect name, which
    decides how the day's rate of another currency is found (see :func:`line_sums`)."""
    if view.as_of is None and not view.reviewed_only and not month:
        return _stages(_current_lines(view, currency, dialect), month=False)
    if view.as_of is None and not month and currency == "EUR":
        return _stages(_reviewed_lines(view), month=False)
    per = None if currency == "EUR" else per_eur_by_day(currency)
    parts = [
        line_sums(part.subquery(f"contrib{n}"), currency, per, month=month, dialect=dialect)
        for n, part in enumerate(contribution_parts(view))
    ]
    lines = (parts[0] if len(parts) == 1 else sa.union_all(*parts)).subquery("lines")
    return _stages(lines, month=month)


def _line_effect_rows(view: View, *columns: sa.ColumnElement) -> sa.Select:
    """``columns`` of the line_effect rows that the view's package and item filters keep."""
    return sa.select(*columns).where(*_kept(LEFF, view))


def _reviewed_lines(view: View) -> sa.Subquery:
    """The line sums of the current view of reviewed entries, in euro: line_effect's sums of
    the reviewed entries on lines without running totals or corrections, and the other
    lines summed from the rows reviewed_effect keeps for them."""
    simple = _line_effect_rows(
        view,
        *(LEFF.c[name] for name in LINE_KEY),
        *(LEFF.c[f"r{name}"].label(name) for name in LINE_SUM_COLUMNS),
    ).where(LEFF.c.complex == 0, LEFF.c.rn > 0)
    complex_ = line_sums(_stored(REFF, view).subquery("reviewed_rows"), "EUR", None)
    return sa.union_all(simple, complex_).subquery("lines")


def _current_lines(view: View, currency: str, dialect: str) -> sa.Subquery:
    """The line sums of the current view from ``line_effect``, which the maintenance keeps:
    as stored in euro; in another currency its units and counts beside the money of the
    entries that have some (four in ten), converted per entry and summed per line and kind.
    A join, not a union, so the lines stay one row per line and kind in line_effect's key
    order, which :func:`_stages` then pivots without a sort."""
    if currency == "EUR":
        stored = (LEFF.c[name] for name in (*LINE_KEY, *LINE_SUM_COLUMNS))
        return _line_effect_rows(view, *stored).subquery("lines")
    priced = _stored(EFF, view).where(sa.or_(EFF.c.da.isnot(None), EFF.c.est_eur.isnot(None)))
    per = per_eur_by_day(currency)
    money = line_sums(
        priced.subquery("priced"), currency, per, dialect=dialect, money_only=True
    ).subquery("money")
    same_line = sa.and_(*(money.c[name] == LEFF.c[name] for name in LINE_KEY))
    converted = {"x", "v", "e", "unconv"}
    columns = (
        *(LEFF.c[name] for name in LINE_KEY),
        *((money if name in converted else LEFF).c[name] for name in LINE_SUM_COLUMNS),
    )
    joined = _line_effect_rows(view, *columns).select_from(LEFF.outerjoin(money, same_line))
    return joined.subquery("lines")


def grouped(
    stages: sa.FromClause, view: View, group_by: Sequence[str], *, by_unit: bool
) -> sa.Select:
    """The sums of :func:`line_stages` rows per group (and per unit if ``by_unit``; without
    it the quantities are zero, as units cannot be added), unordered: columns are the
    groups, ``unit_``, :data:`_SUMMED` and ``undisclosed``."""
    group_cols = _group_columns(group_by, stages)
    per_item = by_unit or bool(ITEM_GROUPINGS.intersection(group_by))
    unit = I.c.unit if by_unit else sa.null()
    joins = stages.join(P, P.c.id == stages.c.package_id).join(D, D.c.id == P.c.donor_id)
    joins = joins.outerjoin(INIT, INIT.c.id == P.c.initiative_id)
    if per_item:
        joins = joins.outerjoin(I, I.c.id == stages.c.item_key).outerjoin(
            T, T.c.id == I.c.equipment_type_id
        )

    def summed(name: str) -> sa.ColumnElement:
        if not by_unit and name in _QUANTITIES:
            return sa.literal(0, sa.BigInteger).label(name)
        return sa.func.coalesce(sa.func.sum(stages.c[name]), 0).label(name)

    return (
        sa.select(
            *group_cols,
            unit.label("unit_"),
            *(summed(name) for name in _SUMMED),
            sa.func.count(
                sa.distinct(sa.case((stages.c.und == 1, stages.c.package_id), else_=None))
            ).label("undisclosed"),
        )
        .select_from(joins)
        .where(*package_conditions(view))
        .group_by(*group_cols, *([unit] if by_unit else []))
    )


# Per-line stage sums carried to the groups: quantity (q), value in the base currency exact (x)
# and converted (v), in-kind estimate (e) per kind, plus the allocated stage (a*).
_SUMMED = (
    *(f"{col}_{kind}" for col in "qxve" for kind in KINDS),
    "qa",
    "xa",
    "va",
    "ea",
    "unconverted",
    "n",
)
_QUANTITIES = frozenset((*(f"q_{kind}" for kind in KINDS), "qa"))


def _stages(lines: sa.Subquery, *, month: bool) -> sa.Subquery:
    """One row per line (package and item, and month for a time series) with each kind's
    sums side by side, and the line's *allocated* stage: pledged ⊇ allocated ⊇ delivered, so
    a line's allocation is the larger of what was allocated and what was delivered (a
    delivery without an earlier allocation counts as allocated; a delivery of what was
    allocated before is not counted twice). Values compare as reported money plus the
    in-kind estimate; quantity, reported value and estimate are each taken from the kind
    (allocation or delivery) that is larger by that measure.

    Per month the rule applies to the running totals, not to each month alone: a line's
    allocated stage in a month is max(allocated so far, delivered so far) minus the same at
    the month before, so 600 allocated in January and 400 delivered in March count 600 once,
    not 600 + 400."""
    keys = [lines.c.package_id, lines.c.item_key, *([lines.c.month] if month else [])]

    def per_kind(column: str, kind: str) -> sa.ColumnElement:
        picked = sa.case((lines.c.kind == kind, lines.c[column]), else_=None)
        return sa.func.coalesce(sa.func.sum(picked), 0)

    pivot = sa.select(
        *keys,
        *(per_kind(col, k).label(f"{col}_{k}") for col in "qxve" for k in KINDS),
        sa.func.max(lines.c.und).label("und"),
        sa.func.coalesce(sa.func.sum(lines.c.unconv), 0).label("unconverted"),
        sa.func.coalesce(sa.func.sum(lines.c.n), 0).label("n"),
        sa.func.coalesce(sa.func.sum(lines.c.ne), 0).label("ne"),
    ).group_by(*keys)
    p = pivot.subquery("pivot")
    compared = [f"{col}_{kind}" for col in "qxve" for kind in ("allocation", "delivery")]
    if not month:
        return sa.select(p, *_larger_stage(p.c)).subquery("stages")
    line = (p.c.package_id, p.c.item_key)
    # Running totals of both kinds per line, then the stage of the running totals, then its
    # change from month to month (three steps: a window cannot take another window's result).
    running = sa.select(
        p,
        *(
            sa.func.sum(p.c[name]).over(partition_by=line, order_by=p.c.month).label(f"run_{name}")
            for name in compared
        ),
    ).subquery("running")
    staged = sa.select(running, *_larger_stage(running.c, prefix="run_", suffix="_run")).subquery(
        "staged"
    )
    after = (staged.c.package_id, staged.c.item_key)

    def monthly(name: str) -> sa.ColumnElement:
        total = staged.c[f"{name}_run"]
        before = sa.func.lag(total).over(partition_by=after, order_by=staged.c.month)
        return (total - sa.func.coalesce(before, 0)).label(name)

    kept = [col for col in staged.c if not col.name.startswith("run_")]
    kept = [col for col in kept if not col.name.endswith("_run")]
    return sa.select(*kept, *(monthly(n) for n in ("qa", "xa", "va", "ea"))).subquery("stages")


def _larger_stage(
    c: sa.ColumnCollection, *, prefix: str = "", suffix: str = ""
) -> list[sa.ColumnElement]:
    """The allocated stage (qa, xa, va, ea) from a row's allocation and delivery sums:
    the quantity of the larger kind by quantity, the values of the larger kind by value."""

    def col(name: str) -> sa.ColumnElement:
        return c[f"{prefix}{name}"]

    def total(kind: str) -> sa.ColumnElement:
        return col(f"x_{kind}") + col(f"v_{kind}") + col(f"e_{kind}")

    more_units = col("q_delivery") > col("q_allocation")
    more_value = total("delivery") > total("allocation")
    return [
        sa.case((more_units, col("q_delivery")), else_=col("q_allocation")).label(f"qa{suffix}"),
        *(
            sa.case((more_value, col(f"{name}_delivery")), else_=col(f"{name}_allocation")).label(
                f"{name}a{suffix}"
            )
            for name in "xve"
        ),
    ]


def _group_columns(group_by: Sequence[str], inc: sa.Subquery) -> list[sa.Label]:
    cols = []
    for name in group_by:
        if name == "equipment":
            cols.append(sa.func.coalesce(T.c.name, I.c.label).label("equipment"))
        elif name == "month":
            cols.append(inc.c.month.label("month"))
        elif name in GROUPINGS:
            column, label = GROUPINGS[name]
            cols.append(column.label(label))
        else:
            raise ValueError(f"cannot group by {name!r}")
    return cols


def _q(raw) -> Decimal:
    return (Decimal(int(raw or 0)) * QUANTITY_UNIT).normalize() + 0


def _v(raw) -> Decimal:
    return (Decimal(str(raw or 0)) * CENT).quantize(CENT)


def _balance_row(r, group_by: Sequence[str], currency: str) -> BalanceRow:
    data = r._mapping
    return BalanceRow(
        keys={name: data[name] for name in group_by},
        unit=data["unit_"],
        pledged=_q(data["q_pledge"]),
        allocated=_q(data["qa"]),
        delivered=_q(data["q_delivery"]),
        cancelled=_q(data["q_cancellation"]),
        currency=currency,
        pledged_value=_v(data["x_pledge"]) + _v(data["v_pledge"]),
        allocated_value=_v(data["xa"]) + _v(data["va"]),
        delivered_value=_v(data["x_delivery"]) + _v(data["v_delivery"]),
        cancelled_value=_v(data["x_cancellation"]) + _v(data["v_cancellation"]),
        pledged_estimated_value=_v(data["e_pledge"]),
        allocated_estimated_value=_v(data["ea"]),
        delivered_estimated_value=_v(data["e_delivery"]),
        undisclosed_count=int(data["undisclosed"] or 0),
        unconverted_count=int(data["unconverted"] or 0),
        entry_count=int(data["n"] or 0),
    )


def totals_in_currency(
    session: Session,
    view: View | None = None,
    *,
    group_by: Sequence[str] = (),
    currency: str = "EUR",
) -> list[BalanceRow]:
    """Money totals only, e.g. per donor: the headline figures. Units are dropped (the
    quantity fields are zero), so lines in different units add up in money alone."""
    return balances(session, view, group_by=group_by, currency=currency, by_unit=False)


def entries_behind(
    session: Session, view: View = View(), *, limit: int | None = None
) -> list[dict[str, object]]:
    """The counting entries behind a figure (same view), with their increments and sources:
    what a reader clicks through to from any number."""
    inc = increments(view)
    stmt = (
        sa.select(
            inc.c.id,
            E.c.key,
            *line_labels(),
            E.c.event,
            inc.c.kind,
            E.c.event_date,
            inc.c.applies_on,
            *(E.c[name] for name in POINT_FIGURE_COLUMNS),
            inc.c.dq,
            inc.c.da,
            E.c.stated,
            E.c.review_status,
            E.c.recorded_at,
            E.c.recorded_by,
            *source_columns("url", "outlet", "title", "published"),
        )
        .select_from(with_lines(inc).join(E, E.c.id == inc.c.id))
        .order_by(inc.c.applies_on, inc.c.id)
    )
    if limit:
        stmt = stmt.limit(limit)
    out = []
    for r in session.execute(stmt).mappings():
        row = dict(r)
        row["increment_quantity"] = _q(row.pop("dq")) if row["quantity"] is not None else None
        raw_da = row.pop("da")
        row["increment_amount"] = _v(raw_da) if raw_da is not None else None
        out.append(row)
    return out


def time_series(
    session: Session,
    view: View = View(),
    *,
    currency: str = "EUR",
    group_by: Sequence[str] = (),
) -> list[dict[str, object]]:
    """Monthly pledged/delivered values (base currency) and their running totals."""
    if not group_by and _is_whole_current(view):
        rows = _timeline(session, currency)
    else:
        rows = totals_in_currency(session, view, group_by=(*group_by, "month"), currency=currency)
    running: dict[tuple, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    out = []
    for row in sorted(
        rows, key=lambda r: (tuple(str(r.keys[g]) for g in group_by), r.keys["month"])
    ):
        key = tuple(row.keys[g] for g in group_by)
        acc = running[key]
        acc[0] += row.pledged_value
        acc[1] += row.delivered_value
        out.append(
            {
                **{g: row.keys[g] for g in group_by},
                "month": row.keys["month"],
                "pledged_value": row.pledged_value,
                "delivered_value": row.delivered_value,
                "cumulative_pledged_value": acc[0],
                "cumulative_delivered_value": acc[1],
            }
        )
    return out


def _is_whole_current(view: View) -> bool:
    """The default view: today's, every package and item, donors' own figures."""
    return view == View()


def _timeline(session: Session, currency: str) -> list[BalanceRow]:
    """Monthly totals of the whole current ledger from per-day sums of euro cents, which an
    index of entry_effect delivers in day order (the month split of :func:`balances` would
    sort a million rows). In another currency each day's sum is converted at that day's
    rate and rounded once (exact, but per day: a balance in that currency rounds per entry,
    so the two may differ by a few cents)."""
    claims = EFF.c.claim.is_(False)
    daily = (
        sa.select(
            EFF.c.applies_on.label("day"),
            EFF.c.kind,
            sa.func.sum(EFF.c.x_eur).label("xe"),
            sa.func.sum(EFF.c.eur).label("e"),
        )
        .where(claims)
        .group_by(EFF.c.applies_on, EFF.c.kind)
        .subquery("daily")
    )
    value = sa.func.coalesce(daily.c.xe, 0) + sa.func.coalesce(daily.c.e, 0)
    if currency != "EUR":
        value = from_euro_cents(value, rate_subquery(currency, daily.c.day))
    month = month_of(daily.c.day)
    stmt = (
        sa.select(
            month.label("month"),
            *(
                sa.func.coalesce(
                    sa.func.sum(sa.case((daily.c.kind == k, value), else_=None)), 0
                ).label(k)
                for k in KINDS
            ),
        )
        .select_from(daily)
        .group_by(month)
        .order_by(month)
    )
    # A month mixes units and counts no estimates: only its money is filled in.
    estimates = (
        "pledged_estimated_value",
        "allocated_estimated_value",
        "delivered_estimated_value",
    )
    money_only = {
        **dict.fromkeys(("pledged", "allocated", "delivered", "cancelled", *estimates), Decimal(0)),
        **dict.fromkeys(("undisclosed_count", "unconverted_count", "entry_count"), 0),
    }
    return [
        BalanceRow(
            keys={"month": r.month},
            unit=None,
            currency=currency,
            pledged_value=_v(r.pledge),
            allocated_value=_v(r.allocation),
            delivered_value=_v(r.delivery),
            cancelled_value=_v(r.cancellation),
            **money_only,
        )
        for r in session.execute(stmt)
    ]
