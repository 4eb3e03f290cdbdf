"""Where a view's figures come from: rates used, sources, data version."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlmodel import Session

from tracker.domain import models as m
from tracker.domain.fx import rate_day_subquery
from tracker.domain.tables import FX, A, E, I, P, S, T
from tracker.ledger import (
    View,
    entry_conditions,
    increments,
    known_by,
)
from tracker.ledger.asof import package_conditions
from tracker.ledger.balances import contributions

# --- provenance of an export --------------------------------------------------------------


@dataclass(frozen=True)
class RatesUsed:
    """The exchange-rate days a view's conversions into its base currency used, for one
    currency (EUR is the pivot and needs none); ``missing`` are dates that found no rate, whose
    amounts are counted as unconverted."""

    currency: str
    providers: tuple[str, ...]
    days: tuple[date, ...]
    missing: tuple[date, ...]


def rates_used(session: Session, view: View, *, currency: str) -> list[RatesUsed]:
    """Which rate of which day converted the view's money (reported amounts and in-kind
    estimates) into ``currency``: the same choice :mod:`tracker.ledger` makes in SQL."""
    inc = increments(view)
    stated = sa.select(inc.c.currency.label("cur"), inc.c.applies_on.label("day")).where(
        inc.c.da.isnot(None), inc.c.currency != currency
    )
    priced = (
        sa.select(T.c.ref_price_currency.label("cur"), inc.c.applies_on.label("day"))
        .select_from(inc.join(I, I.c.id == inc.c.item_id).join(T, T.c.id == I.c.equipment_type_id))
        .where(
            inc.c.da.is_(None), T.c.ref_unit_price.isnot(None), T.c.ref_price_currency != currency
        )
    )
    return _rates_of(session, sa.union(stated, priced).subquery("pairs"), currency)


def ledger_rates_used(session: Session, view: View, *, currency: str) -> list[RatesUsed]:
    """Which rates converted the stated amounts of every entry the ledger lists for ``view``
    (superseded ones and corrections included, each at its event's date, as
    :func:`tracker.queries.ledger_table` converts them) into ``currency``."""
    pairs = (
        sa.select(E.c.currency.label("cur"), E.c.event_date.label("day"))
        .select_from(E.join(P, P.c.id == E.c.package_id))
        .where(*entry_conditions(view), E.c.amount.isnot(None), E.c.currency != currency)
        .distinct()
        .subquery("pairs")
    )
    return _rates_of(session, pairs, currency)


def _rates_of(session: Session, pairs: sa.Subquery, currency: str) -> list[RatesUsed]:
    """The rate days (and providers) that convert each (``cur``, ``day``) of ``pairs`` into
    ``currency`` through the euro, and the days that found no rate."""
    legs = [sa.select(pairs.c.cur.label("leg"), pairs.c.day).where(pairs.c.cur != "EUR")]
    if currency != "EUR":
        legs.append(sa.select(sa.literal(currency).label("leg"), pairs.c.day))
    leg = sa.union(*legs).subquery("legs")
    picked = session.execute(
        sa.select(leg.c.leg, leg.c.day, rate_day_subquery(leg.c.leg, leg.c.day)).distinct()
    ).all()
    found = {(cur, day) for cur, _, day in picked if day is not None}
    providers: dict[tuple[str, date], set[str]] = defaultdict(set)
    if found:
        rows = session.execute(
            sa.select(FX.c.currency, FX.c.day, FX.c.provider).where(
                sa.tuple_(FX.c.currency, FX.c.day).in_(sorted(found))
            )
        )
        for cur, day, provider in rows:
            providers[(cur, day)].add(provider)
    out = []
    for cur in sorted({c for c, _, _ in picked}):
        days = sorted({d for c, _, d in picked if c == cur and d is not None})
        chosen = {_preferred(providers[(cur, d)]) for d in days}
        missing = sorted({on for c, on, d in picked if c == cur and d is None})
        out.append(RatesUsed(cur, tuple(sorted(chosen)), tuple(days), tuple(missing)))
    return out


def _preferred(providers: set[str]) -> str:
    """The provider whose rate a conversion used on a day: ECB first, as in tracker.domain.fx."""
    return "ECB" if "ECB" in providers else min(providers)


@dataclass(frozen=True)
class DataVersion:
    """What the database held when an export was made: the ledger entries known on the as-of
    date, the latest recorded_at among them, and the latest audited change of any kind (a
    review, an edit) - so a reader can tell whether a rebuilt briefing used the same data."""

    entries: int
    latest_recorded_at: datetime | None
    latest_change_at: datetime | None


def data_version(session: Session, as_of: date | None) -> DataVersion:
    """The :class:`DataVersion` of the whole ledger as known on ``as_of`` (today if None)."""
    entries = sa.select(sa.func.count(E.c.id), sa.func.max(E.c.recorded_at))
    changes = sa.select(sa.func.max(A.c.at))
    if as_of is not None:
        entries = entries.where(E.c.recorded_at < known_by(as_of))
        changes = changes.where(A.c.at < known_by(as_of))
    count, latest = session.execute(entries).one()
    return DataVersion(int(count), latest, session.execute(changes).scalar())


# --- dashboard reads: choices, cache marker, the rows behind each page ------------------------


def change_marker(session: Session) -> tuple[int, ...]:
    """The highest id of every table a dashboard figure depends on, read in one statement.

    Why not a count or a timestamp: ledger entries are append-only and every other change
    (a review, a package edit) writes an audit row, so any write raises at least one of these
    maxima, and each is a primary-key lookup that costs the same on a million entries as on
    ten. The dashboards key their cached results on this tuple, so a write shows at once."""
    tables = (
        m.LedgerEntry,
        m.AuditLog,
        m.ReconciliationWarning,
        m.Package,
        m.Item,
        m.Source,
        m.Donor,
        m.DonorGdp,
        m.FxRate,
        m.EquipmentType,
        m.Initiative,
    )
    maxima = [
        sa.select(sa.func.coalesce(sa.func.max(t.__table__.c.id), 0)).scalar_subquery()
        for t in tables
    ]
    return tuple(int(v) for v in session.execute(sa.select(*maxima)).one())


def sources_behind(session: Session, view: View) -> list[dict[str, object]]:
    """The sources of the entries that count in the view, each with how many entries cite it
    and the span of their event dates, most cited first: a donor's bibliography."""
    inc = increments(view)
    cited = [
        S.c[name] for name in ("url", "outlet", "title", "published", "claimant", "reliability")
    ]
    stmt = (
        sa.select(
            *cited,
            sa.func.count(inc.c.id).label("entries"),
            sa.func.min(inc.c.applies_on).label("first_event"),
            sa.func.max(inc.c.applies_on).label("last_event"),
        )
        .select_from(inc.join(S, S.c.id == inc.c.source_id))
        .group_by(S.c.id, *cited)
        .order_by(sa.func.count(inc.c.id).desc(), S.c.published.desc(), S.c.id)
    )
    return [dict(r) for r in session.execute(stmt).mappings()]


# --- the basis of in-kind estimates ----------------------------------------------------------


@dataclass(frozen=True)
class PriceBasis:
    """A catalogue reference price that values in-kind entries of a view."""

    equipment: str
    unit: str
    price: Decimal
    currency: str
    year: int | None
    source: str | None
    entries: int


# The catalogue columns a price basis shows, in the order of PriceBasis's first six fields.
_PRICE_COLUMNS = (
    "name",
    "unit",
    "ref_unit_price",
    "ref_price_currency",
    "ref_price_year",
    "ref_price_source",
)


def price_basis(session: Session, view: View) -> list[PriceBasis]:
    """The reference prices behind the view's in-kind estimates (entries stated without money
    whose catalogue item has a price), most used first: what a headline's "estimated" means."""
    c = contributions(view)
    price = [T.c[name] for name in _PRICE_COLUMNS]
    stmt = (
        sa.select(*price, sa.func.count().label("entries"))
        .select_from(
            c.join(P, P.c.id == c.c.package_id)
            .join(I, I.c.id == c.c.item_key)
            .join(T, T.c.id == I.c.equipment_type_id)
        )
        .where(c.c.est_eur.isnot(None), *package_conditions(view))
        .group_by(*price)
        .order_by(sa.func.count().desc(), T.c.name)
    )
    return [PriceBasis(*row) for row in session.execute(stmt)]
