"""Every read the dashboards, the CLI and the exports need, as plain rows.

Pages never build SQL: they call these functions with a :class:`tracker.ledger.View` and get
lists of dicts whose numbers are Decimals (money already in the chosen base currency).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlmodel import Session

from tracker import models as m
from tracker.fx import rate_day_subquery
from tracker.ledger import (
    BalanceRow,
    View,
    _filters,
    _known_by,
    _visibility,
    balances,
    increments,
    totals_in_currency,
)
from tracker.ledger_csv import LEDGER_COLUMNS, ledger_select


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
) -> View:
    """A :class:`View` from loose arguments (donor codes upper-cased, UK read as GB)."""
    aliases = {"UK": "GB"}
    codes = tuple(aliases.get(c.strip().upper(), c.strip().upper()) for c in donors if c.strip())
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
    )


def _s(value: Decimal | None) -> str | None:
    """Decimal as a plain string (no exponent), for JSON."""
    if value is None:
        return None
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def balance_rows(
    session: Session, view: View, *, currency: str = "EUR", as_strings: bool = True
) -> list[dict[str, object]]:
    """The balance per donor and equipment (money-only lines have no equipment), with the
    number of reconciliation warnings on the entries behind each row."""
    rows = balances(session, view, group_by=("donor", "equipment"), currency=currency)
    warn = warning_counts(session, view)
    out = []
    for row in rows:
        donor, equipment = row.keys["donor"], row.keys["equipment"]
        record = _row_dict(row)
        record.update(donor=donor, equipment=equipment, warnings=warn.get((donor, equipment), 0))
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
        "delivered_estimated_value": row.delivered_estimated_value,
        "undisclosed_count": row.undisclosed_count,
        "unconverted_count": row.unconverted_count,
        "entry_count": row.entry_count,
    }


def warning_counts(session: Session, view: View) -> dict[tuple[str, str | None], int]:
    """Stored warnings per (donor, equipment) for the view's packages."""
    W, E, P, D, I, T = (
        t.__table__
        for t in (
            m.ReconciliationWarning,
            m.LedgerEntry,
            m.Package,
            m.Donor,
            m.Item,
            m.EquipmentType,
        )
    )
    equipment = sa.func.coalesce(T.c.name, I.c.label)
    stmt = (
        sa.select(D.c.code, equipment, sa.func.count(W.c.id))
        .select_from(
            W.join(E, E.c.id == W.c.entry_id)
            .join(P, P.c.id == W.c.package_id)
            .join(D, D.c.id == P.c.donor_id)
            .outerjoin(I, I.c.id == W.c.item_id)
            .outerjoin(T, T.c.id == I.c.equipment_type_id)
        )
        .group_by(D.c.code, equipment)
    )
    if view.donors:
        stmt = stmt.where(D.c.code.in_(list(view.donors)))
    if view.as_of:
        stmt = stmt.where(E.c.event_date <= view.as_of)
    return {(d, e): n for d, e, n in session.execute(stmt)}


# --- dashboard tables: one function per table, shown on screen and exported as is ---------

COLUMN_KINDS = ("text", "integer", "number", "money", "share", "date", "timestamp", "boolean")


@dataclass(frozen=True)
class Column:
    """One column of a dashboard table: the key of its value in every row, and its kind.

    The kind decides how a value is written, so the exporters never guess from the value:
    ``number`` (a quantity or an amount in its own currency), ``money`` (a value in the view's
    base currency), ``share`` (a fraction 0..1), ``integer``, ``date``, ``timestamp``,
    ``boolean`` and ``text`` (the only kind that can carry a spreadsheet formula, so the only
    one the exporters neutralise).
    """

    key: str
    kind: str = "text"

    def __post_init__(self) -> None:
        if self.kind not in COLUMN_KINDS:
            raise ValueError(f"column {self.key!r}: unknown kind {self.kind!r}")


@dataclass(frozen=True)
class Table:
    """A dashboard table: the columns in their on-screen order and the rows (dicts keyed by
    column key). A page displays exactly these rows and hands the same object to the download
    buttons, so the file holds what the screen shows. The ledger table's rows are a stream read
    from the open session: consume them before the session closes."""

    name: str
    columns: tuple[Column, ...]
    rows: Iterable[dict[str, object]]


def _columns(kinds: dict[str, str], keys: Sequence[str]) -> tuple[Column, ...]:
    return tuple(Column(key, kinds.get(key, "text")) for key in keys)


_LEDGER_KINDS = {
    "package_date": "date", "event_date": "date", "source_published": "date",
    "package_ordinal": "integer", "aggregate_claim": "boolean", "cumulative": "boolean",
    "quantity": "number", "quantity_high": "number", "amount": "number", "amount_high": "number",
    "recorded_at": "timestamp",
}  # fmt: skip
LEDGER_TABLE_COLUMNS = _columns(_LEDGER_KINDS, LEDGER_COLUMNS)

_VALUE_KEYS = (
    "pledged_value", "allocated_value", "delivered_value", "cancelled_value", "outstanding_value",
    "pledged_estimated_value", "delivered_estimated_value",
)  # fmt: skip
_COUNT_KEYS = ("undisclosed_count", "unconverted_count", "entry_count")
_SUM_KINDS = {
    **dict.fromkeys(("pledged", "allocated", "delivered", "cancelled", "outstanding"), "number"),
    **dict.fromkeys(_VALUE_KEYS, "money"),
    **dict.fromkeys((*_COUNT_KEYS, "warnings"), "integer"),
    "delivered_share": "share",
    "package_date": "date",
    "package_ordinal": "integer",
    "aggregate_claim": "boolean",
}
BALANCE_TABLE_COLUMNS = _columns(
    _SUM_KINDS,
    ("donor", "equipment", "unit", "pledged", "allocated", "delivered", "cancelled",
     "outstanding", "delivered_share", "currency", *_VALUE_KEYS, *_COUNT_KEYS, "warnings",
     "sources"),
)  # fmt: skip
PACKAGE_TABLE_COLUMNS = _columns(
    _SUM_KINDS,
    ("donor", "donor_name", "package", "package_date", "package_ordinal", "instrument",
     "aid_type", "secrecy", "initiative", "aggregate_claim", "currency", *_VALUE_KEYS,
     *_COUNT_KEYS, "sources"),
)  # fmt: skip

SOURCE_SEPARATOR = " | "


def ledger_table(session: Session, view: View, *, batch: int = 5000) -> Table:
    """Every entry the view selects (superseded ones and corrections included: this is the
    ledger, not a balance), in the interchange columns and id order, streamed from the
    database. Amounts stay in the currency the source stated; nothing is converted."""
    stmt = ledger_select().where(*_visibility(m.LedgerEntry.__table__, view), *_filters(view))
    result = session.execute(stmt.execution_options(yield_per=batch))
    return Table("ledger", LEDGER_TABLE_COLUMNS, (dict(row) for row in result.mappings()))


def balance_table(session: Session, view: View, *, currency: str = "EUR") -> Table:
    """:func:`balance_rows` (per donor, equipment and unit) with the sources behind each row."""
    T, I, D = m.EquipmentType.__table__, m.Item.__table__, m.Donor.__table__
    equipment = sa.func.coalesce(T.c.name, I.c.label)
    sources = _sources_by(session, view, (D.c.code, equipment, I.c.unit))
    rows = balance_rows(session, view, currency=currency, as_strings=False)
    for row in rows:
        row["sources"] = sources.get((row["donor"], row["equipment"], row["unit"]), "")
    return Table("balance", BALANCE_TABLE_COLUMNS, rows)


def package_table(session: Session, view: View, *, currency: str = "EUR") -> Table:
    """One row per package with entries in the view: what it is and its money in
    ``currency`` (reported values; in-kind estimates apart), with the sources behind it."""
    P, D, INIT = m.Package.__table__, m.Donor.__table__, m.Initiative.__table__
    totals = {
        r.keys["package_id"]: r
        for r in totals_in_currency(session, view, group_by=("package_id",), currency=currency)
    }
    sources = _sources_by(session, view, (P.c.id,))
    stmt = (
        sa.select(
            P.c.id,
            D.c.code.label("donor"),
            D.c.name.label("donor_name"),
            P.c.title.label("package"),
            P.c.announced_on.label("package_date"),
            P.c.ordinal.label("package_ordinal"),
            P.c.instrument,
            P.c.aid_type,
            P.c.secrecy,
            INIT.c.code.label("initiative"),
            P.c.aggregate_claim,
        )
        .select_from(
            P.join(D, D.c.id == P.c.donor_id).outerjoin(INIT, INIT.c.id == P.c.initiative_id)
        )
        .where(P.c.id.in_(list(totals)))
        .order_by(D.c.code, P.c.announced_on, P.c.title)
    )
    rows = []
    for package in session.execute(stmt).mappings():
        total = totals[package["id"]]
        row = {key: package[key] for key in package if key != "id"}
        row["currency"] = currency
        row.update({key: getattr(total, key) for key in (*_VALUE_KEYS, *_COUNT_KEYS)})
        row["sources"] = sources.get((package["id"],), "")
        rows.append(row)
    return Table("packages", PACKAGE_TABLE_COLUMNS, rows)


def _sources_by(
    session: Session, view: View, keys: Sequence[sa.ColumnElement]
) -> dict[tuple, str]:
    """The distinct sources (URL, else title) behind the counting entries of each group,
    sorted and joined with :data:`SOURCE_SEPARATOR`: the trail from a figure to its sources."""
    inc = increments(view)
    S, P, D, I, T = (
        t.__table__ for t in (m.Source, m.Package, m.Donor, m.Item, m.EquipmentType)
    )
    stmt = (
        sa.select(*keys, sa.func.coalesce(S.c.url, S.c.title))
        .distinct()
        .select_from(
            inc.join(S, S.c.id == inc.c.source_id)
            .join(P, P.c.id == inc.c.package_id)
            .join(D, D.c.id == P.c.donor_id)
            .outerjoin(I, I.c.id == inc.c.item_id)
            .outerjoin(T, T.c.id == I.c.equipment_type_id)
        )
    )
    found: dict[tuple, set[str]] = defaultdict(set)
    for *key, source in session.execute(stmt):
        found[tuple(key)].add(source)
    return {key: SOURCE_SEPARATOR.join(sorted(names)) for key, names in found.items()}


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
    I, T, FX = m.Item.__table__, m.EquipmentType.__table__, m.FxRate.__table__
    stated = sa.select(inc.c.currency.label("cur"), inc.c.applies_on.label("day")).where(
        inc.c.da.isnot(None), inc.c.currency != currency
    )
    priced = (
        sa.select(T.c.ref_price_currency.label("cur"), inc.c.applies_on.label("day"))
        .select_from(
            inc.join(I, I.c.id == inc.c.item_id).join(T, T.c.id == I.c.equipment_type_id)
        )
        .where(
            inc.c.da.is_(None), T.c.ref_unit_price.isnot(None), T.c.ref_price_currency != currency
        )
    )
    pairs = sa.union(stated, priced).subquery("pairs")
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
    """The provider whose rate a conversion used on a day: ECB first, as in tracker.fx."""
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
    E, A = m.LedgerEntry.__table__, m.AuditLog.__table__
    entries = sa.select(sa.func.count(E.c.id), sa.func.max(E.c.recorded_at))
    changes = sa.select(sa.func.max(A.c.at))
    if as_of is not None:
        entries = entries.where(E.c.recorded_at < _known_by(as_of))
        changes = changes.where(A.c.at < _known_by(as_of))
    count, latest = session.execute(entries).one()
    return DataVersion(int(count), latest, session.execute(changes).scalar())

