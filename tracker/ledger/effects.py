"""Maintenance of the derived ``entry_effect`` rows (each counting entry's increment and
euro value), of their reviewed-only twins on complex lines (``reviewed_effect``) and of
their sums per line and kind (``line_effect``) after every write of ledger entries.

The database refuses writes to these tables unless the writing transaction holds a
``derived_permit`` row (migration 0003): this module is the one place that takes it, around
its own writes, so a hand-made edit of the derived rows fails instead of changing balances."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from operator import attrgetter

import sqlalchemy as sa
from sqlmodel import Session

from tracker.domain import models as m
from tracker.domain.fx import euro_cents, rate_subquery
from tracker.domain.tables import EFF, EFF_PERMIT, LEFF, REFF, E, I, P, T
from tracker.ledger.asof import View
from tracker.ledger.increments import _complex_lines, increments
from tracker.ledger.line_sums import (
    LINE_KEY,
    LINE_SUM_COLUMNS,
    REVIEWED_SUM_COLUMNS,
    line_sums,
)
from tracker.ledger.warnings import Inserted, _Fact, _facts, _findings, _store_findings


def _valued(
    inc: sa.CTE, complex_: sa.ColumnElement[bool]
) -> tuple[list[sa.ColumnElement], sa.FromClause]:
    """The effect columns of increment rows (``complex_`` is the caller's, it knows which
    lines it kept): flags, exact euro, converted euro, in-kind estimate in euro (the last
    two whole euro cents, rounded once per entry, so every sum of them is exact). The rate
    lookups sit in CASE branches, so they run only for amounts in another currency: SQLite
    evaluates every operand of an AND in a result column, so ``unconverted`` is a CASE too
    (joining a table of distinct currency/day pairs instead was far slower on SQLite, which
    will not index such a derived table)."""
    rate = rate_subquery(inc.c.currency, inc.c.applies_on)
    price = sa.type_coerce(T.c.ref_unit_price, sa.BigInteger)
    in_eur = inc.c.currency == "EUR"
    columns = [
        inc.c.package_id,
        inc.c.kind,
        sa.func.coalesce(inc.c.item_id, 0),
        inc.c.id,
        inc.c.applies_on,
        inc.c.event_date,
        inc.c.recorded_at,
        inc.c.review_status == "reviewed",
        complex_,
        P.c.aggregate_claim,
        sa.and_(
            inc.c.kind == "pledge",
            inc.c.qualifier == "undisclosed",
            inc.c.amount.is_(None),
            inc.c.quantity.is_(None),
        ),
        sa.case((sa.and_(inc.c.da.isnot(None), ~in_eur), rate.is_(None)), else_=sa.false()),
        inc.c.dq,
        inc.c.da,
        inc.c.currency,
        sa.case((in_eur, inc.c.da), else_=None),
        sa.case(
            (in_eur, None),
            (inc.c.da.is_(None), None),  # no money: skip the rate look-up (NULL either way)
            else_=euro_cents(inc.c.da, inc.c.currency, inc.c.applies_on),
        ),
        sa.case(
            (
                sa.and_(inc.c.da.is_(None), T.c.ref_unit_price.isnot(None)),
                euro_cents(
                    inc.c.dq * price,
                    T.c.ref_price_currency,
                    inc.c.applies_on,
                    per=10**m.QUANTITY_SCALE,
                ),
            ),
            else_=None,
        ),
    ]
    source = (
        inc.join(P, P.c.id == inc.c.package_id)
        .outerjoin(I, I.c.id == inc.c.item_id)
        .outerjoin(T, T.c.id == I.c.equipment_type_id)
    )
    return columns, source


# The columns of entry_effect in the order effect_rows() selects them.
EFFECT_COLUMNS = (
    "package_id",
    "kind",
    "item_key",
    "entry_id",
    "applies_on",
    "event_date",
    "recorded_at",
    "reviewed",
    "complex",
    "claim",
    "undisclosed",
    "unconverted",
    "dq",
    "da",
    "currency",
    "x_eur",
    "eur",
    "est_eur",
)


def effect_rows(view: View, *, complex_only: bool = False) -> sa.Select:
    """entry_effect rows computed from the ledger for ``view``, with the columns of
    :data:`EFFECT_COLUMNS`: what refreshing stores, and what a check compares the stored rows
    with (``View(include_aggregate_claims=True)`` for the whole ledger)."""
    inc = increments(view, complex_only=complex_only)
    if complex_only:
        # increments() kept only the lines in _complex_lines(), so every row is complex.
        complex_: sa.ColumnElement[bool] = sa.true()
    else:
        # The IN as a CASE condition, where unknown and false are the same: as a bare result
        # column SQLite scanned the whole list for NULLs for every row not in it (to return
        # NULL rather than false), which cost more than the window passes.
        line = sa.tuple_(inc.c.package_id, sa.func.coalesce(inc.c.item_id, 0))
        complex_ = sa.case((line.in_(_complex_lines(view)), True), else_=False)
    columns, source = _valued(inc, complex_)
    labelled = (c.label(n) for c, n in zip(columns, EFFECT_COLUMNS, strict=True))
    return sa.select(*labelled).select_from(source)


def refresh_effects(session: Session, package_ids: Iterable[int]) -> None:
    """Recompute the derived rows of these packages (after entries, reviews or prices
    change)."""
    ids = sorted(set(package_ids))
    with _permitted(session):
        for start in range(0, len(ids), 500):
            _fill(session, tuple(ids[start : start + 500]))


def rebuild_effects(session: Session) -> None:
    """Recompute the derived rows of the whole ledger (after rates are loaded, a restore, or
    a bulk load that bypassed the services)."""
    with _permitted(session):
        _fill(session, ())


def _fill(session: Session, package_ids: tuple[int, ...]) -> None:
    """Replace the derived rows of these packages (all of them for ``()``): entry_effect
    first, then the reviewed rows of the lines it marks complex (which is how
    :func:`effect_rows` finds those lines for ``complex_only``) and the line sums of the
    rows just written."""

    def of_packages(table: sa.Table) -> list[sa.ColumnElement[bool]]:
        return [table.c.package_id.in_(package_ids)] if package_ids else []

    session.execute(sa.delete(EFF).where(*of_packages(EFF)))
    session.execute(sa.delete(REFF).where(*of_packages(REFF)))
    session.execute(sa.delete(LEFF).where(*of_packages(LEFF)))
    every = View(package_ids=package_ids, include_aggregate_claims=True)
    session.execute(sa.insert(EFF).from_select(EFFECT_COLUMNS, effect_rows(every)))
    reviewed = effect_rows(replace(every, reviewed_only=True), complex_only=True)
    session.execute(sa.insert(REFF).from_select(EFFECT_COLUMNS, reviewed))
    session.execute(sa.insert(LEFF).from_select(LINE_COLUMNS, stored_line_sums(package_ids)))


# The columns of line_effect in the order stored_line_sums() selects them.
LINE_COLUMNS = (*LINE_KEY, *LINE_SUM_COLUMNS, *REVIEWED_SUM_COLUMNS)


def stored_line_sums(package_ids: tuple[int, ...] = (), source: sa.FromClause = EFF) -> sa.Select:
    """The line_effect rows of these packages (all for ``()``) summed from ``source``:
    the stored entry_effect rows when refreshing, a fresh computation when checking."""
    rows = sa.select(source)
    if package_ids:
        rows = rows.where(source.c.package_id.in_(package_ids))
    return line_sums(rows.subquery("effects"), "EUR", None, with_reviewed=True)


@contextmanager
def _permitted(session: Session) -> Iterator[None]:
    """Lift the database's guard on the derived rows for the writes inside, in this
    transaction only: the permit row is deleted before the transaction can commit. On an
    error it is not deleted here; the error aborts the caller's transaction, which takes the
    row with it."""
    session.execute(sa.insert(EFF_PERMIT))
    yield
    session.execute(sa.delete(EFF_PERMIT))


def ensure_effects(session: Session) -> bool:
    """Rebuild the derived rows if entry_effect or line_effect is empty while the ledger is
    not (e.g. after a downgrade and upgrade dropped and recreated them). Returns True when
    it rebuilt."""
    has_entries = session.execute(sa.select(E.c.id).limit(1)).first() is not None
    empty = (
        session.execute(sa.select(table.c.package_id).limit(1)).first() is None
        for table in (EFF, LEFF)
    )
    if has_entries and any(empty):
        rebuild_effects(session)
        return True
    return False


def after_write(
    session: Session, lines: Iterable[tuple[int, int | None]], inserted: Inserted | None = None
) -> int:
    """What every write of ledger entries must be followed by: the derived increments and the
    reconciliation warnings of the touched lines. Returns the number of new warnings.
    ``inserted``: entries the caller has just inserted in bulk (their facts are not read
    back)."""
    lines = set(lines)
    session.flush()
    if not lines:
        return 0
    packages = {package for package, _ in lines}
    facts = _facts(session, sorted(packages), inserted)
    if len(facts) + len(inserted.rows if inserted else ()) < _OVERLAP_FROM:
        refresh_effects(session, packages)
        return _store_findings(session, _findings(_merged(facts, inserted, session), lines))
    # A large write (an import): the effects are one long SQL statement per chunk, during
    # which the driver releases the GIL, so the findings are computed in Python meanwhile.
    # The session is used by one thread at a time: the worker runs the SQL while this
    # thread only works on the facts already fetched, and waits before writing the warnings.
    with ThreadPoolExecutor(max_workers=1) as worker:
        effects = worker.submit(refresh_effects, session, packages)
        findings = _findings(_merged(facts, inserted, session), lines)
        effects.result()
    return _store_findings(session, findings)


def _merged(facts: list[_Fact], inserted: Inserted | None, session: Session) -> list[_Fact]:
    """The facts read and those of the entries just inserted, in timeline order."""
    if inserted is None:
        return facts
    every = facts + inserted.facts(session.get_bind().dialect)
    every.sort(key=attrgetter("applies_on", "id"))
    return every


# Entries from which after_write overlaps the effects with the findings (a thread is not
# worth starting for a form's single entry).
_OVERLAP_FROM = 20_000
