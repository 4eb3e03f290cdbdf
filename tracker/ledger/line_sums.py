"""The sums of effect rows per line (package and item) and kind, in any currency: what every
balance view adds up first, and what ``line_effect`` stores for the current view in euro.

Kept apart from the views (``balances``) because the maintenance (``effects``) fills
``line_effect`` with the very same sums, and it must not depend on the views."""

from __future__ import annotations

import sqlalchemy as sa

from tracker.domain.fx import from_euro_cents, rate_subquery
from tracker.domain.tables import FX, E

# The columns of a line sum after its key (package_id, kind, item_key), as line_effect
# stores them: units, exact and converted money and estimates in the currency, whether an
# undisclosed pledge is among the entries, entries without a rate, entries, estimated ones.
LINE_SUM_COLUMNS = ("q", "x", "v", "e", "und", "unconv", "n", "ne")
LINE_KEY = ("package_id", "kind", "item_key")
# line_effect's further columns: the same sums of the reviewed entries alone, and whether the
# line has running totals or corrections (a view of reviewed entries reads those lines from
# reviewed_effect instead).
REVIEWED_SUM_COLUMNS = (*(f"r{name}" for name in LINE_SUM_COLUMNS), "complex")


def line_sums(
    c: sa.Subquery,
    currency: str,
    per: sa.CTE | None,
    *,
    month: bool = False,
    dialect: str = "",
    money_only: bool = False,
    with_reviewed: bool = False,
) -> sa.Select:
    """The sums of contributions ``c`` (effect rows) per line and kind (and month), in
    ``currency`` (converted at ``per``'s rate of each day when that is not the euro, rounded
    per entry). ``money_only``: units and counts are left out (zero), for a caller that
    has them from line_effect (SQLite computes every aggregate of a grouped select, used or
    not, and these cost a fifth of the money's sums). ``with_reviewed``: the same sums of
    the reviewed entries alone beside them (:data:`REVIEWED_SUM_COLUMNS`) and the line's
    ``complex`` flag, as line_effect keeps them.

    On SQLite, which has no hash join, each entry with a euro value or estimate looks up
    its day's rate in a subquery that also does the arithmetic, and the others look up
    nothing: a join to the days cost every row a pass through the join, and the rate a
    read at each of its uses (balance_usd at a million entries: 0.87 s of line sums against
    0.80 s). PostgreSQL hashes the days once and joins them, where the subquery would scan
    them for every entry."""
    months = [month_of(c.c.applies_on).label("month")] if month else []
    source: sa.FromClause = c
    if per is None:
        exact, converted, estimate = c.c.x_eur, c.c.eur, c.c.est_eur
        unconverted = sa.case((c.c.unconverted.is_(True), 1), else_=0)
    else:
        in_base = c.c.currency == currency
        exact = sa.case((in_base, c.c.da), else_=None)
        # The entry's euro cents: x_eur holds those of euro amounts, eur the others'.
        euro = sa.func.coalesce(c.c.x_eur, c.c.eur)
        if dialect == "sqlite":

            def at_rate(cents: sa.ColumnElement) -> sa.ColumnElement:
                day = per.c.day == c.c.applies_on
                return sa.select(from_euro_cents(cents, per.c.rate)).where(day).scalar_subquery()

            # No rate of the day: the day is before the currency's first rate (or it has none).
            first = sa.select(sa.func.min(FX.c.day)).where(FX.c.currency == currency)
            first_day = first.scalar_subquery()
            no_rate = sa.or_(first_day.is_(None), c.c.applies_on < first_day)
        else:
            rate = per.c.rate

            def at_rate(cents: sa.ColumnElement) -> sa.ColumnElement:
                return from_euro_cents(cents, rate)

            no_rate = rate.is_(None)
            # The rate is joined only for entries with a euro value or estimate: the day of
            # the others is NULL, which no rate row matches.
            priced = sa.or_(euro.isnot(None), c.c.est_eur.isnot(None))
            source = c.outerjoin(per, per.c.day == sa.case((priced, c.c.applies_on), else_=None))
        # Entries without money (most of them) skip the arithmetic, which SQLite would
        # otherwise run on NULLs for every row.
        converted = sa.case((sa.or_(euro.is_(None), in_base), None), else_=at_rate(euro))
        estimate = sa.case((c.c.est_eur.is_(None), None), else_=at_rate(c.c.est_eur))
        # Not converted: no euro value or no rate of the day (not ``converted IS NULL``,
        # which SQLite would compute again for every row).
        missing = sa.or_(euro.is_(None), no_rate)
        unconverted = sa.case((sa.and_(c.c.da.isnot(None), ~in_base, missing), 1), else_=0)
    sums = {
        "q": sa.func.sum(c.c.dq),
        "x": sa.func.sum(exact),
        "v": sa.func.sum(converted),
        "e": sa.func.sum(estimate),
        "und": sa.func.max(sa.case((c.c.undisclosed.is_(True), 1), else_=0)),
        "unconv": sa.func.sum(unconverted),
        "n": sa.func.count(),
        "ne": sa.func.count(c.c.est_eur),
    }
    if money_only:
        sums.update(dict.fromkeys(("q", "und", "n", "ne"), sa.literal(0, sa.BigInteger)))
    if with_reviewed:
        reviewed = c.c.reviewed.is_(True)

        def of_reviewed(value: sa.ColumnElement) -> sa.ColumnElement:
            return sa.case((reviewed, value), else_=None)

        sums |= {
            "rq": sa.func.coalesce(sa.func.sum(of_reviewed(c.c.dq)), 0),
            "rx": sa.func.sum(of_reviewed(exact)),
            "rv": sa.func.sum(of_reviewed(converted)),
            "re": sa.func.sum(of_reviewed(estimate)),
            "rund": sa.func.max(
                sa.case((sa.and_(reviewed, c.c.undisclosed.is_(True)), 1), else_=0)
            ),
            "runconv": sa.func.sum(sa.case((reviewed, unconverted), else_=0)),
            "rn": sa.func.sum(sa.case((reviewed, 1), else_=0)),
            "rne": sa.func.count(of_reviewed(c.c.est_eur)),
            "complex": sa.func.max(sa.case((c.c.complex.is_(True), 1), else_=0)),
        }
    names = (*LINE_SUM_COLUMNS, *(REVIEWED_SUM_COLUMNS if with_reviewed else ()))
    # Per line (package and item) and kind, in entry_effect's key order, so SQLite sums each
    # line as it reads it, without a sort. Lines are always per item: the stage rule
    # compares a line's allocations with its deliveries, which only makes sense per item.
    keys = [c.c.package_id, c.c.kind, c.c.item_key]
    return (
        sa.select(*keys, *months, *(sums[name].label(name) for name in names))
        .select_from(source)
        .group_by(*keys, *(m_.element for m_ in months))
    )


def per_eur_by_day(currency: str) -> sa.CTE:
    """``currency`` per euro (the scaled integer of :func:`rate_subquery`) for each day that
    some ledger entry applies on (one rate lookup per day, not per entry; every view's days
    are among them, and an index lists them without reading the entries)."""
    days = sa.select(E.c.applies_on.label("day")).distinct().subquery("days")
    rate = sa.type_coerce(rate_subquery(currency, days.c.day), sa.BigInteger)
    # MATERIALIZED: the rate is used several times per entry (the exact conversion), and
    # SQLite would otherwise flatten this into the outer query and look it up for each use.
    return sa.select(days.c.day, rate.label("rate")).cte("per_eur").prefix_with("MATERIALIZED")


def month_of(column: sa.ColumnElement) -> sa.ColumnElement:
    """First day of the month of ``column`` as ISO text, on SQLite and PostgreSQL alike."""
    # Literal positions, not bound parameters: PostgreSQL must see the same expression text
    # in SELECT and GROUP BY.
    one, seven = sa.literal_column("1"), sa.literal_column("7")
    return sa.func.substr(sa.cast(column, sa.String), one, seven)
