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
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import sqlalchemy as sa
from sqlmodel import Session

from tracker import models as m
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


def _known_by(as_of: date) -> datetime:
    """Entries recorded before the end of ``as_of`` (UTC) were known on that day."""
    return datetime.combine(as_of + timedelta(days=1), time.min, tzinfo=UTC)


def _visibility(table: sa.Table, view: View) -> list[sa.ColumnElement[bool]]:
    conds: list[sa.ColumnElement[bool]] = []
    if view.as_of is not None:
        conds.append(table.c.event_date <= view.as_of)
        conds.append(table.c.recorded_at < _known_by(view.as_of))
    if view.reviewed_only:
        conds.append(table.c.review_status == "reviewed")
    return conds


def _filters(view: View) -> list[sa.ColumnElement[bool]]:
    conds: list[sa.ColumnElement[bool]] = []
    if not view.include_aggregate_claims:
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
    if view.category or view.equipment:
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
        conds.append(E.c.item_id.in_(items))
    return conds


def increments(view: View) -> sa.Subquery:
    """One row per counting entry with its increment (``dq`` in thousandths of a unit,
    ``da`` in cents of its currency), computed with window functions so that cumulative
    statements become increments without any Python loop."""
    superseding = E.alias("superseding")
    superseded = sa.exists(
        sa.select(1)
        .select_from(superseding)
        .where(superseding.c.corrects_id == E.c.id, *_visibility(superseding, view))
    )
    line_key = sa.func.coalesce(E.c.item_id, 0).label("item_key")
    visible = (
        sa.select(
            E.c.id,
            E.c.package_id,
            E.c.item_id,
            line_key,
            E.c.effective_event.label("kind"),
            E.c.applies_on,
            E.c.cumulative,
            E.c.quantity,
            E.c.amount,
            E.c.currency,
            E.c.qualifier,
            E.c.source_id,
        )
        .select_from(E.join(P, P.c.id == E.c.package_id))
        .where(*_visibility(E, view), *_filters(view), ~superseded)
        .cte("visible")
    )
    part = (visible.c.package_id, visible.c.item_key, visible.c.kind)
    cum_int = sa.case((visible.c.cumulative.is_(True), 1), else_=0)
    seq = sa.select(
        visible,
        sa.func.sum(cum_int)
        .over(partition_by=part, order_by=(visible.c.applies_on, visible.c.id), rows=(None, 0))
        .label("grp"),
    ).cte("seq")
    seg = (
        sa.select(
            seq.c.package_id,
            seq.c.item_key,
            seq.c.kind,
            seq.c.grp,
            sa.func.sum(sa.func.coalesce(seq.c.quantity, 0)).label("q_tot"),
            sa.func.sum(sa.func.coalesce(seq.c.amount, 0)).label("a_tot"),
        )
        .group_by(seq.c.package_id, seq.c.item_key, seq.c.kind, seq.c.grp)
        .cte("seg")
    )
    seg_part = (seg.c.package_id, seg.c.item_key, seg.c.kind)
    segp = sa.select(
        seg.c.package_id,
        seg.c.item_key,
        seg.c.kind,
        seg.c.grp,
        sa.func.lag(seg.c.q_tot, 1, 0)
        .over(partition_by=seg_part, order_by=seg.c.grp)
        .label("q_prev"),
        sa.func.lag(seg.c.a_tot, 1, 0)
        .over(partition_by=seg_part, order_by=seg.c.grp)
        .label("a_prev"),
    ).cte("segp")
    is_cum = seq.c.cumulative.is_(True)
    dq = sa.case(
        (is_cum, sa.func.coalesce(seq.c.quantity, 0) - segp.c.q_prev),
        else_=sa.func.coalesce(seq.c.quantity, 0),
    )
    da = sa.case(
        (seq.c.amount.is_(None), None),
        (is_cum, seq.c.amount - segp.c.a_prev),
        else_=seq.c.amount,
    )
    return (
        sa.select(
            seq.c.id,
            seq.c.package_id,
            seq.c.item_id,
            seq.c.kind,
            seq.c.applies_on,
            seq.c.cumulative,
            seq.c.qualifier,
            seq.c.quantity,
            seq.c.amount,
            seq.c.currency,
            seq.c.source_id,
            sa.type_coerce(dq, sa.BigInteger).label("dq"),  # raw thousandths, unscaled later
            sa.type_coerce(da, sa.BigInteger).label("da"),  # raw cents
        )
        .select_from(
            seq.join(
                segp,
                sa.and_(
                    segp.c.package_id == seq.c.package_id,
                    segp.c.item_key == seq.c.item_key,
                    segp.c.kind == seq.c.kind,
                    segp.c.grp == seq.c.grp,
                ),
            )
        )
        .subquery("inc")
    )


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


def _kind_sum(inc: sa.Subquery, kind: str, expr: sa.ColumnElement) -> sa.Label:
    return sa.func.coalesce(sa.func.sum(sa.case((inc.c.kind == kind, expr), else_=None)), 0)


def balances(
    session: Session,
    view: View = View(),
    *,
    group_by: Sequence[str] = ("donor", "equipment"),
    currency: str = "EUR",
) -> list[BalanceRow]:
    """Pledged / allocated / delivered / cancelled per group, in units and in ``currency``.

    ``group_by`` names come from :data:`GROUPINGS` plus ``equipment`` (catalogue name, else
    the item's label; money-only lines have none) and ``month`` (of the timeline date).
    Rows are grouped by unit too, so different units are never added.
    """
    inc = increments(view)
    exact = sa.case((inc.c.currency == currency, inc.c.da), else_=None)
    value = _convert(inc.c.da, inc.c.currency, currency, inc.c.applies_on)
    price = sa.type_coerce(T.c.ref_unit_price, sa.BigInteger)
    priced = sa.and_(inc.c.da.is_(None), T.c.ref_unit_price.isnot(None))
    estimate = sa.case(
        (priced, _price_in(inc.c.dq * price, T.c.ref_price_currency, currency, inc.c.applies_on)),
        else_=None,
    )
    group_cols = _group_columns(group_by, inc)
    undisclosed = sa.func.count(
        sa.distinct(
            sa.case(
                (
                    sa.and_(
                        inc.c.kind == "pledge",
                        inc.c.qualifier == "undisclosed",
                        inc.c.amount.is_(None),
                        inc.c.quantity.is_(None),
                    ),
                    inc.c.package_id,
                ),
                else_=None,
            )
        )
    )
    unconverted = sa.func.sum(
        sa.case(
            (sa.and_(inc.c.da.isnot(None), inc.c.currency != currency, value.is_(None)), 1),
            else_=0,
        )
    )
    stmt = (
        sa.select(
            *group_cols,
            I.c.unit.label("unit_"),
            *(_kind_sum(inc, k, inc.c.dq).label(f"q_{k}") for k in KINDS),
            *(_kind_sum(inc, k, exact).label(f"x_{k}") for k in KINDS),
            *(_kind_sum(inc, k, value).label(f"v_{k}") for k in KINDS),
            _kind_sum(inc, "pledge", estimate).label("e_pledge"),
            _kind_sum(inc, "delivery", estimate).label("e_delivery"),
            undisclosed.label("undisclosed"),
            unconverted.label("unconverted"),
            sa.func.count(inc.c.id).label("n"),
        )
        .select_from(
            inc.join(P, P.c.id == inc.c.package_id)
            .join(D, D.c.id == P.c.donor_id)
            .outerjoin(INIT, INIT.c.id == P.c.initiative_id)
            .outerjoin(I, I.c.id == inc.c.item_id)
            .outerjoin(T, T.c.id == I.c.equipment_type_id)
        )
        .group_by(*group_cols, I.c.unit)
        .order_by(*group_cols, I.c.unit)
    )
    rows = session.execute(stmt).all()
    return [_balance_row(r, group_by, currency) for r in rows]


def _group_columns(group_by: Sequence[str], inc: sa.Subquery) -> list[sa.Label]:
    cols = []
    for name in group_by:
        if name == "equipment":
            cols.append(sa.func.coalesce(T.c.name, I.c.label).label("equipment"))
        elif name == "month":
            cols.append(_month(inc.c.applies_on).label("month"))
        elif name in GROUPINGS:
            column, label = GROUPINGS[name]
            cols.append(column.label(label))
        else:
            raise ValueError(f"cannot group by {name!r}")
    return cols


def _month(column: sa.ColumnElement) -> sa.ColumnElement:
    """First day of the month of ``column`` as ISO text, on SQLite and PostgreSQL alike."""
    return sa.func.substr(sa.cast(column, sa.String), 1, 7)


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
    session: Session, view: View = View(), *, group_by: Sequence[str] = (), currency: str = "EUR"
) -> list[BalanceRow]:
    """Money totals only (units dropped), e.g. per donor: the headline figures."""
    rows = balances(session, view, group_by=group_by, currency=currency)
    merged: dict[tuple, BalanceRow] = {}
    for row in rows:
        key = tuple(row.keys.values())
        if key not in merged:
            merged[key] = BalanceRow(
                keys=row.keys, unit=None, pledged=Decimal(0), allocated=Decimal(0),
                delivered=Decimal(0), cancelled=Decimal(0), currency=currency,
                pledged_value=Decimal(0), allocated_value=Decimal(0), delivered_value=Decimal(0),
                cancelled_value=Decimal(0), pledged_estimated_value=Decimal(0),
                delivered_estimated_value=Decimal(0), undisclosed_count=0, unconverted_count=0,
                entry_count=0,
            )  # fmt: skip
        total = merged[key]
        for name in (
            "pledged_value", "allocated_value", "delivered_value", "cancelled_value",
            "pledged_estimated_value", "delivered_estimated_value",
        ):  # fmt: skip
            setattr(total, name, getattr(total, name) + getattr(row, name))
        total.undisclosed_count += row.undisclosed_count
        total.unconverted_count += row.unconverted_count
        total.entry_count += row.entry_count
    return list(merged.values())


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


@dataclass
class _Line:
    entries: list[m.LedgerEntry] = field(default_factory=list)


def refresh_warnings(session: Session, lines: Iterable[tuple[int, int | None]]) -> int:
    """Recompute the reconciliation findings of the given lines and store the new ones.

    Findings are never deleted: a warning stays listed even after a later correction,
    because a briefing may have been built while it stood.
    """
    lines = set(lines)
    if not lines:
        return 0
    session.flush()
    package_ids = sorted({p for p, _ in lines})
    entries: list[m.LedgerEntry] = []
    for chunk_start in range(0, len(package_ids), 500):
        chunk = package_ids[chunk_start : chunk_start + 500]
        entries += list(
            session.scalars(
                sa.select(m.LedgerEntry)
                .where(m.LedgerEntry.package_id.in_(chunk))
                .order_by(m.LedgerEntry.applies_on, m.LedgerEntry.id)
            )
        )
    by_line: dict[tuple[int, int | None], _Line] = defaultdict(_Line)
    by_package: dict[int, list[m.LedgerEntry]] = defaultdict(list)
    for entry in entries:
        by_package[entry.package_id].append(entry)
        if (entry.package_id, entry.item_id) in lines:
            by_line[(entry.package_id, entry.item_id)].entries.append(entry)
    findings: list[tuple[str, m.LedgerEntry, m.LedgerEntry | None, str]] = []
    for line in by_line.values():
        findings += _line_findings(line.entries)
    for package_id in {p for p, _ in lines}:
        findings += _money_overlap(by_package[package_id])
    existing = {
        (kind, entry_id)
        for kind, entry_id in session.execute(
            sa.select(m.ReconciliationWarning.kind, m.ReconciliationWarning.entry_id).where(
                m.ReconciliationWarning.entry_id.in_([f[1].id for f in findings] or [-1])
            )
        )
    }
    new = 0
    for kind, entry, other, message in findings:
        if (kind, entry.id) in existing:
            continue
        existing.add((kind, entry.id))
        session.add(
            m.ReconciliationWarning(
                kind=kind,
                entry_id=entry.id,
                other_entry_id=other.id if other else None,
                package_id=entry.package_id,
                item_id=entry.item_id,
                message=message,
            )
        )
        new += 1
    session.flush()
    return new


def _figure(entry: m.LedgerEntry) -> Decimal | None:
    return entry.quantity if entry.quantity is not None else entry.amount


def _line_findings(entries: list[m.LedgerEntry]):
    """Walk one line in timeline order, keeping running totals per kind as they were known."""
    superseded = {e.corrects_id for e in entries if e.corrects_id is not None}
    current = [e for e in entries if e.id not in superseded]
    running: dict[str, Decimal] = defaultdict(Decimal)
    first_pledge: date | None = None
    last_by_kind_date: dict[tuple[str, date, bool], m.LedgerEntry] = {}
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


def _money_overlap(entries: list[m.LedgerEntry]):
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
