"""The pledged-versus-delivered ledger: balances, running totals, as-of views, warnings.

Every figure the dashboards and exports show is computed here, in SQL, from the append-only
ledger entries. The rules:

* A *line* is a package's item, or the package itself for money-only entries. Balances are
  kept per line and per kind (pledge, allocation, delivery, cancellation); a correction counts
  as the kind of the entry it supersedes, and a superseded entry no longer counts.
* A ``cumulative`` entry states the running total of its line and kind as of its date; its
  increment is that total minus the running total before it. Entries that are not cumulative
  add their figure.
* As of a date D, only entries known on D count: event date <= D and recorded on or before D.
  Corrections recorded after D are ignored, so an old briefing can be rebuilt exactly.
* Packages marked ``aggregate_claim`` restate figures that overlap the members' own packages
  (a coalition's "48 Leopard 2"). They are kept out of donor and all-donor totals and shown
  beside them by :func:`conflicting_claims`.
* Money is converted to the base currency in SQL at each increment's date with the latest
  rate on or before that date (ECB first, then any imported provider).
* In-kind value estimates (quantity x the catalogue's reference price) are kept apart from
  reported values: ``*_value`` columns are reported money, ``*_estimated_value`` columns the
  estimate for lines that report no money.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from operator import attrgetter
from typing import NamedTuple

import sqlalchemy as sa
from sqlmodel import Session

from tracker import models as m
from tracker.db import each_distinct
from tracker.fx import rate_subquery

KINDS = ("pledge", "allocation", "delivery", "cancellation")
QUANTITY_UNIT = Decimal(1).scaleb(-m.QUANTITY_SCALE)
CENT = Decimal(1).scaleb(-m.MONEY_SCALE)

E = m.LedgerEntry.__table__
P = m.Package.__table__
D = m.Donor.__table__
I = m.Item.__table__
T = m.EquipmentType.__table__
INIT = m.Initiative.__table__

ITEM_GROUPINGS = frozenset({"equipment", "category", "family", "unit"})
GROUPINGS = {
    "donor": (D.c.code, "donor"),
    "donor_name": (D.c.name, "donor_name"),
    "package": (P.c.title, "package"),
    "package_id": (P.c.id, "package_id"),
    "initiative": (INIT.c.code, "initiative"),
    "aid_type": (P.c.aid_type, "aid_type"),
    "instrument": (P.c.instrument, "instrument"),
    "category": (T.c.category, "category"),
    "family": (T.c.family, "family"),
    "unit": (I.c.unit, "unit"),
}


@dataclass(frozen=True)
class View:
    """What a figure is "as of": knowledge cut-off, review filter, claim basis, filters."""

    as_of: date | None = None
    reviewed_only: bool = False
    include_aggregate_claims: bool = False
    donors: tuple[str, ...] = ()
    package_ids: tuple[int, ...] = ()
    initiative: str | None = None
    category: str | None = None
    equipment: str | None = None
    aid_type: str | None = None

    @property
    def basis(self) -> str:
        """One line saying which figures the view shows (printed beside every table)."""
        parts = ["donors' own pledges and deliveries"]
        if self.include_aggregate_claims:
            parts = ["all claims, including initiative-wide statements"]
        parts.append(f"as known on {self.as_of.isoformat()}" if self.as_of else "as known today")
        parts.append("reviewed entries only" if self.reviewed_only else "drafts included")
        return "; ".join(parts)


def known_by(as_of: date) -> datetime:
    """Entries recorded before the end of ``as_of`` (UTC) were known on that day."""
    return datetime.combine(as_of + timedelta(days=1), time.min, tzinfo=UTC)


def _visibility(table: sa.Table, view: View) -> list[sa.ColumnElement[bool]]:
    conds: list[sa.ColumnElement[bool]] = []
    if view.as_of is not None:
        conds.append(table.c.event_date <= view.as_of)
        conds.append(table.c.recorded_at < known_by(view.as_of))
    if view.reviewed_only:
        conds.append(table.c.review_status == "reviewed")
    return conds


def _filters(view: View, *, claims: bool = True) -> list[sa.ColumnElement[bool]]:
    """Package-level conditions of the view (on the package table); ``claims=False`` leaves
    out the aggregate-claim rule (for narrowing a scan whose result is filtered later)."""
    conds: list[sa.ColumnElement[bool]] = []
    if claims and not view.include_aggregate_claims:
        conds.append(P.c.aggregate_claim.is_(False))
    if view.donors:
        conds.append(P.c.donor_id.in_(sa.select(D.c.id).where(D.c.code.in_(list(view.donors)))))
    if view.package_ids:
        conds.append(P.c.id.in_(list(view.package_ids)))
    if view.aid_type:
        conds.append(P.c.aid_type == view.aid_type)
    if view.initiative:
        conds.append(
            P.c.initiative_id.in_(sa.select(INIT.c.id).where(INIT.c.code == view.initiative))
        )
    return conds


def _item_filter(view: View) -> sa.Select | None:
    """Ids of the items the view's equipment/category text selects, or None for all."""
    if not (view.category or view.equipment):
        return None
    items = sa.select(I.c.id).select_from(I.outerjoin(T, T.c.id == I.c.equipment_type_id))
    if view.category:
        items = items.where(sa.func.lower(T.c.category) == view.category.lower())
    if view.equipment:
        pattern = f"%{view.equipment.lower()}%"
        items = items.where(
            sa.or_(
                sa.func.lower(T.c.name).like(pattern),
                sa.func.lower(T.c.family).like(pattern),
                sa.func.lower(I.c.label).like(pattern),
            )
        )
    return items


def entry_conditions(view: View) -> list[sa.ColumnElement[bool]]:
    """Every condition the view puts on ledger entries (date and review, package filters,
    equipment/category), for a select over ``ledger_entry`` joined to ``package``: one place,
    so no listing, count or balance forgets one of them."""
    conds = [*_visibility(E, view), *_filters(view)]
    items = _item_filter(view)
    if items is not None:
        conds.append(E.c.item_id.in_(items))
    return conds


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
    each pass sorts every row again."""
    superseding = E.alias("superseding")
    superseded = sa.exists(
        sa.select(1)
        .select_from(superseding)
        .where(superseding.c.corrects_id == E.c.id, *_visibility(superseding, view))
    )
    conds = [*entry_conditions(view), ~superseded]
    if complex_only:
        line = sa.tuple_(E.c.package_id, sa.func.coalesce(E.c.item_id, 0))
        conds.append(line.in_(_complex_lines(view)))
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
    opens = sa.case((visible.c.cumulative.is_(True), 1), else_=0)
    numbered = sa.select(
        visible,
        sa.func.sum(opens)
        .over(
            partition_by=(visible.c.package_id, visible.c.item_key, visible.c.kind),
            order_by=(visible.c.applies_on, visible.c.id),
            rows=(None, 0),
        )
        .label("grp"),
    ).cte("segments")
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
    return sa.select(
        seg.id,
        sa.type_coerce(dq, sa.BigInteger).label("dq"),  # raw thousandths, unscaled later
        sa.type_coerce(da, sa.BigInteger).label("da"),  # raw cents
    ).cte("steps")


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


# --- the derived increments (entry_effect) ----------------------------------------------

EFF = m.EntryEffect.__table__


def _valued(
    inc: sa.CTE, complex_: sa.ColumnElement[bool]
) -> tuple[list[sa.ColumnElement], sa.FromClause]:
    """The effect columns of increment rows (``complex_`` is the caller's, it knows which
    lines it kept): flags, exact euro, converted euro, in-kind estimate in euro. The rate
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
            else_=sa.cast(inc.c.da, sa.Float) * (10**m.RATE_SCALE) / rate,
        ),
        sa.case(
            (
                sa.and_(inc.c.da.is_(None), T.c.ref_unit_price.isnot(None)),
                _price_in(inc.c.dq * price, T.c.ref_price_currency, "EUR", inc.c.applies_on),
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


_EFFECT_COLUMNS = (
    "package_id", "kind", "item_key", "entry_id", "applies_on", "event_date", "recorded_at",
    "reviewed", "complex", "claim", "undisclosed", "unconverted", "dq", "da", "currency",
    "x_eur", "eur", "est_eur",
)  # fmt: skip


def _effect_rows(view: View, *, complex_only: bool = False) -> sa.Select:
    """entry_effect rows computed from the ledger for ``view``."""
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
    labelled = (c.label(n) for c, n in zip(columns, _EFFECT_COLUMNS, strict=True))
    return sa.select(*labelled).select_from(source)


def refresh_effects(session: Session, package_ids: Iterable[int]) -> None:
    """Recompute entry_effect for these packages (after entries, reviews or prices change)."""
    ids = sorted(set(package_ids))
    _without_jit(session)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        session.execute(sa.delete(EFF).where(EFF.c.package_id.in_(chunk)))
        rows = _effect_rows(View(package_ids=tuple(chunk), include_aggregate_claims=True))
        session.execute(sa.insert(EFF).from_select(_EFFECT_COLUMNS, rows))


def _without_jit(session: Session) -> None:
    """PostgreSQL: no JIT compilation for the rest of this transaction. The effect rows'
    estimated cost (per-row rate look-ups) passes the JIT threshold once statistics exist,
    and LLVM then spent ~0.6 s compiling for every chunk of a refresh that runs in less."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(sa.text("SET LOCAL jit = off"))


def rebuild_effects(session: Session) -> None:
    """Recompute entry_effect for the whole ledger (after rates are loaded, a restore, or a
    bulk load that bypassed the services)."""
    _without_jit(session)
    session.execute(sa.delete(EFF))
    rows = _effect_rows(View(include_aggregate_claims=True))
    session.execute(sa.insert(EFF).from_select(_EFFECT_COLUMNS, rows))


def ensure_effects(session: Session) -> bool:
    """Rebuild entry_effect if it is empty while the ledger is not (e.g. right after the
    migration that created it). Returns True when it rebuilt."""
    has_effects = session.execute(sa.select(EFF.c.entry_id).limit(1)).first() is not None
    has_entries = session.execute(sa.select(E.c.id).limit(1)).first() is not None
    if has_entries and not has_effects:
        rebuild_effects(session)
        return True
    return False


def after_write(session: Session, lines: Iterable[tuple[int, int | None]],
                inserted: Inserted | None = None) -> int:  # fmt: skip
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


def contributions(view: View) -> sa.Subquery:
    """What each counting entry adds under ``view`` (entry_effect's columns).

    The current view reads entry_effect only; a view of a past date or of reviewed entries
    reads it for packages without running totals or corrections (their increments are their
    figures) and recomputes the others from the ledger."""
    narrowing = _filters(view, claims=False)
    fast = [EFF.c.package_id.in_(sa.select(P.c.id).where(*narrowing))] if narrowing else []
    item_filter = _item_filter(view)
    if item_filter is not None:
        fast.append(EFF.c.item_key.in_(item_filter))
    columns = [EFF.c[name] for name in _EFFECT_COLUMNS]
    if view.as_of is None and not view.reviewed_only:
        return sa.select(*columns).where(*fast).subquery("contrib")
    if view.as_of is not None:
        fast += [EFF.c.event_date <= view.as_of, EFF.c.recorded_at < known_by(view.as_of)]
    if view.reviewed_only:
        fast.append(EFF.c.reviewed.is_(True))
    simple = sa.select(*columns).where(EFF.c.complex.is_(False), *fast)
    return sa.union_all(simple, _effect_rows(view, complex_only=True)).subquery("contrib")


def _price_in(scaled: sa.ColumnElement, currency: sa.ColumnElement, base: str,
              on: sa.ColumnElement) -> sa.ColumnElement:  # fmt: skip
    """Quantity (thousandths) x unit price (cents) -> cents in ``base``."""
    as_float = sa.cast(scaled, sa.Float) / (10**m.QUANTITY_SCALE)
    return sa.case(
        (currency == base, as_float),
        else_=as_float * rate_subquery(base, on) / rate_subquery(currency, on),
    )


def _convert(cents: sa.ColumnElement, currency: sa.ColumnElement, base: str,
             on: sa.ColumnElement) -> sa.ColumnElement:  # fmt: skip
    """Cents in another currency than ``base`` -> cents in ``base`` at the rates of ``on``
    (through EUR); NULL for amounts already in ``base`` (summed exactly apart) and when a rate
    is missing (counted as unconverted, never as zero).

    Float arithmetic: rates carry about six significant digits, so a converted total is an
    estimate to that precision anyway; amounts in their own currency stay exact integers."""
    as_float = sa.cast(cents, sa.Float)
    return sa.case(
        (currency == base, None),
        else_=as_float * rate_subquery(base, on) / rate_subquery(currency, on),
    )


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
    c = contributions(view)
    month = [_month(c.c.applies_on).label("month")] if "month" in group_by else []
    if currency == "EUR":
        exact, converted, estimate = c.c.x_eur, c.c.eur, c.c.est_eur
        unconverted = sa.case((c.c.unconverted.is_(True), 1), else_=0)
        source: sa.FromClause = c
    else:
        per = _per_eur_by_day(c, currency)
        in_base = c.c.currency == currency
        exact = sa.case((in_base, c.c.da), else_=None)
        euro = sa.case((c.c.currency == "EUR", sa.cast(c.c.x_eur, sa.Float)), else_=c.c.eur)
        converted = sa.case((in_base, None), else_=euro * per.c.f)
        estimate = c.c.est_eur * per.c.f
        unconverted = sa.case(
            (sa.and_(c.c.da.isnot(None), ~in_base, converted.is_(None)), 1), else_=0
        )
        source = c.outerjoin(per, per.c.day == c.c.applies_on)
    per_item = by_unit or bool(ITEM_GROUPINGS.intersection(group_by))
    # In entry_effect's key order, so SQLite sums each line as it reads it, without a sort.
    keys = [c.c.package_id, c.c.kind, *([c.c.item_key] if per_item else [])]
    lines = (
        sa.select(
            *keys,
            *month,
            sa.func.sum(c.c.dq if by_unit else sa.literal(0)).label("q"),
            sa.func.sum(exact).label("x"),
            sa.func.sum(converted).label("v"),
            sa.func.sum(estimate).label("e"),
            sa.func.max(sa.case((c.c.undisclosed.is_(True), 1), else_=0)).label("und"),
            sa.func.sum(unconverted).label("unconv"),
            sa.func.count().label("n"),
        )
        .select_from(source)
        .group_by(*keys, *(m_.element for m_ in month))
        .subquery("lines")
    )
    group_cols = _group_columns(group_by, lines)

    def per_kind(column: str, kind: str) -> sa.ColumnElement:
        picked = sa.case((lines.c.kind == kind, lines.c[column]), else_=None)
        return sa.func.coalesce(sa.func.sum(picked), 0).label(f"{column}_{kind}")

    unit = I.c.unit if by_unit else sa.null()
    joins = lines.join(P, P.c.id == lines.c.package_id).join(D, D.c.id == P.c.donor_id)
    joins = joins.outerjoin(INIT, INIT.c.id == P.c.initiative_id)
    if per_item:
        joins = joins.outerjoin(I, I.c.id == lines.c.item_key).outerjoin(
            T, T.c.id == I.c.equipment_type_id
        )
    stmt = (
        sa.select(
            *group_cols,
            unit.label("unit_"),
            *(per_kind(col, k) for col in "qxv" for k in KINDS),
            per_kind("e", "pledge"),
            per_kind("e", "delivery"),
            sa.func.count(
                sa.distinct(sa.case((lines.c.und == 1, lines.c.package_id), else_=None))
            ).label("undisclosed"),
            sa.func.coalesce(sa.func.sum(lines.c.unconv), 0).label("unconverted"),
            sa.func.coalesce(sa.func.sum(lines.c.n), 0).label("n"),
        )
        .select_from(joins)
        .where(*_filters(view))
        .group_by(*group_cols, *([unit] if by_unit else []))
        # NULLs (money-only lines, no initiative) first on both backends, so a view lists its
        # rows in the same order on SQLite and PostgreSQL.
        .order_by(*(col.asc().nulls_first() for col in (*group_cols, *([unit] if by_unit else []))))
    )
    return [_balance_row(r, group_by, currency) for r in session.execute(stmt).all()]


def _per_eur_by_day(c: sa.Subquery, currency: str) -> sa.Subquery:
    """``currency`` per euro for each day that occurs in ``c`` (one rate lookup per day,
    not per entry)."""
    days = sa.select(c.c.applies_on.label("day")).distinct().subquery("days")
    rate = rate_subquery(currency, days.c.day)
    return sa.select(
        days.c.day, (sa.cast(rate, sa.Float) / (10**m.RATE_SCALE)).label("f")
    ).subquery("per_eur")


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


def _month(column: sa.ColumnElement) -> sa.ColumnElement:
    """First day of the month of ``column`` as ISO text, on SQLite and PostgreSQL alike."""
    # Literal positions, not bound parameters: PostgreSQL must see the same expression text
    # in SELECT and GROUP BY.
    one, seven = sa.literal_column("1"), sa.literal_column("7")
    return sa.func.substr(sa.cast(column, sa.String), one, seven)


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
        allocated=_q(data["q_allocation"]),
        delivered=_q(data["q_delivery"]),
        cancelled=_q(data["q_cancellation"]),
        currency=currency,
        pledged_value=_v(data["x_pledge"]) + _v(data["v_pledge"]),
        allocated_value=_v(data["x_allocation"]) + _v(data["v_allocation"]),
        delivered_value=_v(data["x_delivery"]) + _v(data["v_delivery"]),
        cancelled_value=_v(data["x_cancellation"]) + _v(data["v_cancellation"]),
        pledged_estimated_value=_v(data["e_pledge"]),
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
    S = m.Source.__table__
    stmt = (
        sa.select(
            inc.c.id,
            E.c.key,
            D.c.code.label("donor"),
            P.c.title.label("package"),
            I.c.label.label("item"),
            E.c.event,
            inc.c.kind,
            E.c.event_date,
            inc.c.applies_on,
            E.c.quantity,
            E.c.unit,
            E.c.amount,
            E.c.currency,
            E.c.qualifier,
            E.c.cumulative,
            inc.c.dq,
            inc.c.da,
            E.c.stated,
            E.c.review_status,
            E.c.recorded_at,
            E.c.recorded_by,
            S.c.url.label("source_url"),
            S.c.outlet.label("source_outlet"),
            S.c.title.label("source_title"),
            S.c.published.label("source_published"),
        )
        .select_from(
            inc.join(E, E.c.id == inc.c.id)
            .join(P, P.c.id == inc.c.package_id)
            .join(D, D.c.id == P.c.donor_id)
            .join(S, S.c.id == E.c.source_id)
            .outerjoin(I, I.c.id == inc.c.item_id)
        )
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
    """Monthly money totals of the whole current ledger from per-day sums, which an index
    of entry_effect delivers in day order (the month split of :func:`balances` would sort a
    million rows); converted with one rate per day."""
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
    if currency == "EUR":
        value = sa.cast(sa.func.coalesce(daily.c.xe, 0), sa.Float) + sa.func.coalesce(daily.c.e, 0)
        source: sa.FromClause = daily
    else:
        rate = sa.cast(rate_subquery(currency, daily.c.day), sa.Float) / (10**m.RATE_SCALE)
        euro = sa.cast(sa.func.coalesce(daily.c.xe, 0), sa.Float) + sa.func.coalesce(daily.c.e, 0)
        value = euro * rate
        source = daily
    month = _month(daily.c.day)
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
        .select_from(source)
        .group_by(month)
        .order_by(month)
    )
    zero = Decimal(0)
    return [
        BalanceRow(
            keys={"month": r.month},
            unit=None,
            pledged=zero,
            allocated=zero,
            delivered=zero,
            cancelled=zero,
            currency=currency,
            pledged_value=_v(r.pledge),
            allocated_value=_v(r.allocation),
            delivered_value=_v(r.delivery),
            cancelled_value=_v(r.cancellation),
            pledged_estimated_value=zero,
            delivered_estimated_value=zero,
            undisclosed_count=0,
            unconverted_count=0,
            entry_count=0,
        )
        for r in session.execute(stmt)
    ]


# --- conflicting claims ---------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    """One figure for an initiative-wide quantity, with where it comes from."""

    basis: str  # "initiative statement" or "sum of members' own pledges"
    donor: str
    quantity: Decimal
    unit: str | None
    sources: tuple[str, ...]


def conflicting_claims(
    session: Session, initiative: str, view: View = View(), *, kind: str = "pledge"
) -> list[Claim]:
    """The initiative's own aggregate statements beside the sum of its members' packages,
    each with its sources, so a reader sees both figures and which is which."""
    with_claims = View(
        **{**view.__dict__, "initiative": initiative, "include_aggregate_claims": True}
    )
    inc = increments(with_claims)
    S = m.Source.__table__
    stmt = (
        sa.select(
            P.c.aggregate_claim,
            D.c.code,
            I.c.unit,
            sa.func.sum(inc.c.dq).label("q"),
            S.c.url,
            S.c.title,
        )
        .select_from(
            inc.join(P, P.c.id == inc.c.package_id)
            .join(D, D.c.id == P.c.donor_id)
            .join(S, S.c.id == inc.c.source_id)
            .outerjoin(I, I.c.id == inc.c.item_id)
        )
        .where(inc.c.kind == kind)
        .group_by(P.c.aggregate_claim, D.c.code, I.c.unit, S.c.url, S.c.title)
    )
    statements: dict[tuple, list] = defaultdict(lambda: [Decimal(0), []])
    members: dict[str | None, list] = defaultdict(lambda: [Decimal(0), [], set()])
    for aggregate, donor, unit, q, url, title in session.execute(stmt):
        if aggregate:
            acc = statements[(donor, unit)]
            acc[0] += _q(q)
            acc[1].append(url or title)
        else:
            acc = members[unit]
            acc[0] += _q(q)
            acc[1].append(url or title)
            acc[2].add(donor)
    claims = [
        Claim("initiative statement", donor, q, unit, tuple(dict.fromkeys(srcs)))
        for (donor, unit), (q, srcs) in sorted(statements.items())
    ]
    claims += [
        Claim(
            "sum of members' own pledges" if kind == "pledge" else f"sum of members' {kind}",
            ", ".join(sorted(donors)),
            q,
            unit,
            tuple(dict.fromkeys(srcs)),
        )
        for unit, (q, srcs, donors) in sorted(members.items(), key=lambda kv: str(kv[0]))
    ]
    return claims


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
            _Fact(entry_id, row["package_id"], row["item_id"], row["effective_event"],
                  row["applies_on"], quantity, amount, row["cumulative"], row["corrects_id"],
                  row["source_id"])
            for entry_id, row, quantity, amount in zip(
                range(self.first_id, self.last_id + 1), self.rows,
                as_stored("quantity"), as_stored("amount"), strict=True)
        ]  # fmt: skip


def _facts(session: Session, package_ids: list[int],
           inserted: Inserted | None = None) -> list[_Fact]:  # fmt: skip
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


def refresh_warnings(session: Session, lines: Iterable[tuple[int, int | None]]) -> int:
    """Recompute the reconciliation findings of the given lines and store the new ones.

    Findings are never deleted: a warning stays listed even after a later correction,
    because a briefing may have been built while it stood.
    """
    lines = set(lines)
    if not lines:
        return 0
    session.flush()
    entries = _facts(session, sorted({p for p, _ in lines}))
    return _store_findings(session, _findings(entries, lines))


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
    W = m.ReconciliationWarning.__table__
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
        .select_from(
            W.join(E, E.c.id == W.c.entry_id)
            .join(P, P.c.id == W.c.package_id)
            .join(D, D.c.id == P.c.donor_id)
            .outerjoin(I, I.c.id == W.c.item_id)
        )
        .order_by(W.c.id.desc())
    )
    return [dict(r) for r in session.execute(stmt).mappings()]
