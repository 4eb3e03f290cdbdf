"""Increments of the counting entries, computed from the ledger itself with window functions."""

from __future__ import annotations

import sqlalchemy as sa

from tracker.domain.tables import EFF, E, P
from tracker.ledger.asof import View, _visibility, entry_conditions


def increments(view: View, *, complex_only: bool = False) -> sa.CTE:
    """One row per counting entry with its increment (``dq`` in thousandths of a unit,
    ``da`` in cents of its currency), computed from the ledger itself with window functions.

    Within a line and kind, a running-total statement starts a new segment; an entry's
    increment is its figure, except a statement's, which is its figure minus the sum of the
    segment before it (the running total just before the statement). The window passes
    carry only the few columns they need and the entry's other columns are joined back by
    primary key at the end: on SQLite every pass materialises its rows, so carrying the
    wide columns through them cost more than the windows themselves. ``complex_only``
    limits the work to lines with running totals or corrections (the only ones whose
    increments depend on the view's date)."""
    steps = _steps(view, complex_only=complex_only)
    rows = sa.select(
        steps.c.id,
        E.c.package_id,
        E.c.item_id,
        E.c.effective_event.label("kind"),
        E.c.applies_on,
        E.c.event_date,
        E.c.recorded_at,
        E.c.review_status,
        E.c.cumulative,
        E.c.qualifier,
        E.c.quantity,
        E.c.amount,
        E.c.currency,
        E.c.source_id,
        steps.c.dq,
        steps.c.da,
    ).select_from(steps.join(E, E.c.id == steps.c.id))
    if view.package_ids:
        # Already true of every row; said again so that PostgreSQL reads only these packages'
        # entries for the join back (it hashed the whole ledger for a refresh otherwise).
        rows = rows.where(E.c.package_id.in_(list(view.package_ids)))
    return rows.cte("inc")


def _steps(view: View, *, complex_only: bool) -> sa.CTE:
    """(entry id, ``dq``, ``da``) of the counting entries of ``view``, in two window passes:
    the first numbers the segments of each line and kind (a running-total statement opens
    one), the second sums the previous segment (the peer group before the statement's own)
    for each statement. Taking a running total and then its lag needed a third pass, and
    each pass sorts every row again. Only the lines and kinds with a statement among the
    visible entries go through the windows: every other entry's increment is its figure
    (most of them; lines that are complex only through a correction are half of the
    recomputed entries at a million)."""
    superseding = E.alias("superseding")
    superseded = sa.exists(
        sa.select(1)
        .select_from(superseding)
        .where(superseding.c.corrects_id == E.c.id, *_visibility(superseding, view))
    )
    conds = [*entry_conditions(view), ~superseded]
    if complex_only:
        conds.append(E.c.id.in_(_complex_entries(view)))
    visible = (
        sa.select(
            E.c.id,
            E.c.package_id,
            sa.func.coalesce(E.c.item_id, 0).label("item_key"),
            E.c.effective_event.label("kind"),
            E.c.applies_on,
            E.c.cumulative,
            sa.type_coerce(sa.func.coalesce(E.c.quantity, 0), sa.BigInteger).label("q"),
            sa.type_coerce(E.c.amount, sa.BigInteger).label("a"),
        )
        .select_from(E.join(P, P.c.id == E.c.package_id))
        .where(*conds)
        .cte("visible")
    )
    partition = (visible.c.package_id, visible.c.item_key, visible.c.kind)
    stated = sa.tuple_(*partition).in_(
        sa.select(*partition).where(visible.c.cumulative.is_(True)).distinct()
    )
    opens = sa.case((visible.c.cumulative.is_(True), 1), else_=0)
    numbered = (
        sa.select(
            visible,
            sa.func.sum(opens)
            .over(
                partition_by=partition,
                order_by=(visible.c.applies_on, visible.c.id),
                rows=(None, 0),
            )
            .label("grp"),
        )
        .where(stated)
        .cte("segments")
    )
    seg = numbered.c

    def before(figure: sa.ColumnElement) -> sa.ColumnElement:
        """The sum of ``figure`` over the previous segment of the line and kind (0 if none)."""
        window = sa.func.sum(figure).over(
            partition_by=(seg.package_id, seg.item_key, seg.kind),
            order_by=seg.grp,
            groups=(-1, -1),
        )
        return sa.func.coalesce(window, 0)

    statement = seg.cumulative.is_(True)
    dq = sa.case((statement, seg.q - before(seg.q)), else_=seg.q)
    da = sa.case(
        (seg.a.is_(None), None),
        (statement, seg.a - before(sa.func.coalesce(seg.a, 0))),
        else_=seg.a,
    )
    windowed = sa.select(
        seg.id,
        sa.type_coerce(dq, sa.BigInteger).label("dq"),  # raw thousandths, unscaled later
        sa.type_coerce(da, sa.BigInteger).label("da"),  # raw cents
    )
    # Not "NOT IN": SQLite cannot tell that the list holds no NULL and would scan all of it
    # for every entry not in it; as a CASE condition unknown and false are the same.
    unstated = sa.case((stated, False), else_=True)
    as_stated = sa.select(visible.c.id, visible.c.q, visible.c.a).where(unstated)
    return sa.union_all(windowed, as_stated).cte("steps")


def _complex_lines(view: View) -> sa.Select:
    """(package, item key) of lines with a running-total statement or a correction, whatever
    the view's date or review filter: the only lines whose increments depend on the date a
    view is taken at. Only of the view's packages when it names them (a refresh), so that
    refreshing one package does not read the whole ledger; other filters are left to the
    caller (joining packages here made the as-of views slower)."""
    lines = sa.select(E.c.package_id, sa.func.coalesce(E.c.item_id, 0)).where(
        sa.or_(E.c.cumulative.is_(True), E.c.corrects_id.isnot(None))
    )
    if view.package_ids:
        lines = lines.where(E.c.package_id.in_(list(view.package_ids)))
    return lines


def _complex_entries(view: View) -> sa.Select:
    """Ids of every ledger entry of the lines :func:`_stored_complex_lines` lists, found
    through the ledger's index on (package, item): a condition on the line's key
    (coalesce(item_id, 0)) could only use the package part of it and read every entry of
    those packages, four times the entries of their complex lines at a million entries.
    NULLIF turns the money-only key 0 back into the NULL item it stands for, and IS NOT
    DISTINCT FROM (SQLite: IS) matches it."""
    lines = _stored_complex_lines(view).distinct().subquery("complex_lines")
    entry = E.alias("complex_entry")
    return sa.select(entry.c.id).select_from(
        lines.join(
            entry,
            sa.and_(
                entry.c.package_id == lines.c.package_id,
                entry.c.item_id.is_not_distinct_from(sa.func.nullif(lines.c.item_key, 0)),
            ),
        )
    )


def _stored_complex_lines(view: View) -> sa.Select:
    """(package, item key) of the lines that entry_effect marks complex: the lines a view of
    a past date or of reviewed entries recomputes, exactly those it does not read from the
    stored rows. Read from an index of entry_effect, not from the ledger, whose full scan
    (to find the few lines with running totals or corrections) cost more at a million
    entries than recomputing those lines."""
    lines = sa.select(EFF.c.package_id, EFF.c.item_key).where(EFF.c.complex.is_(True))
    if view.package_ids:
        lines = lines.where(EFF.c.package_id.in_(list(view.package_ids)))
    return lines
