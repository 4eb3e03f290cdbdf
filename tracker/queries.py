"""Every read the dashboards, the CLI and the exports need, as plain rows.

Pages never build SQL: they call these functions with a :class:`tracker.ledger.View` and get
lists of dicts whose numbers are Decimals (money already in the chosen base currency).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

import sqlalchemy as sa
from sqlmodel import Session

from tracker import models as m
from tracker.fx import rate_day_subquery
from tracker.ledger import (
    BalanceRow,
    View,
    balances,
    entry_conditions,
    increments,
    known_by,
    totals_in_currency,
)
from tracker.ledger_csv import LEDGER_COLUMNS, ledger_select, package_columns
from tracker.parsing import ParsedMoney, ParsedQuantity


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
    """A dashboard table: the columns in their on-screen order and the rows, each a mapping
    keyed by column key or a sequence in column order (the ledger streams database rows,
    which are sequences: a million of them are read faster by position). A page displays
    exactly these rows and hands the same object to the download buttons, so the file holds
    what the screen shows. The ledger table's rows are a stream read from the open session:
    consume them before the session closes."""

    name: str
    columns: tuple[Column, ...]
    rows: Iterable[Mapping[str, object] | Sequence[object]]


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


def ledger_statement(view: View) -> sa.Select:
    """The query of :func:`ledger_table` (the benchmark hands it to the bare driver): the
    entries the view's date, review, package and equipment conditions select."""
    return ledger_select().where(*entry_conditions(view))


def ledger_table(session: Session, view: View, *, batch: int = 5000) -> Table:
    """Every entry the view selects (superseded ones and corrections included: this is the
    ledger, not a balance), in the interchange columns and id order, streamed from the
    database. Amounts stay in the currency the source stated; nothing is converted."""
    stmt = ledger_statement(view)
    result = session.connection().execution_options(yield_per=batch).execute(stmt)
    if tuple(result.keys()) != LEDGER_COLUMNS:
        raise RuntimeError("ledger_select() no longer lists LEDGER_COLUMNS in order")
    return Table("ledger", LEDGER_TABLE_COLUMNS, result)


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
        sa.select(P.c.id, D.c.name.label("donor_name"), *package_columns())
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
        row["package_id"] = package["id"]  # not a column: the dashboards link to the package
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
        m.LedgerEntry, m.AuditLog, m.ReconciliationWarning, m.Package, m.Item, m.Source,
        m.Donor, m.DonorGdp, m.FxRate, m.EquipmentType, m.Initiative,
    )  # fmt: skip
    maxima = [
        sa.select(sa.func.coalesce(sa.func.max(t.__table__.c.id), 0)).scalar_subquery()
        for t in tables
    ]
    return tuple(int(v) for v in session.execute(sa.select(*maxima)).one())


@dataclass(frozen=True)
class Choices:
    """What a dashboard filter may be set to: the link parameters are checked against these,
    so a link naming an unknown donor or category is refused with a message, not obeyed."""

    donors: tuple[tuple[str, str], ...]  # (code, name), by name
    currencies: tuple[str, ...]  # base currencies a view can be converted into
    aid_types: tuple[str, ...]
    categories: tuple[str, ...]
    families: tuple[tuple[str, str], ...]  # (category, family), sorted
    initiatives: tuple[tuple[str, str], ...]  # (code, name)


def choices(session: Session) -> Choices:
    """The current :class:`Choices`: donors, rate currencies (EUR, USD and GBP first), aid
    types, the catalogue's categories and families, and the initiatives."""
    D, T, FX, INIT = (t.__table__ for t in (m.Donor, m.EquipmentType, m.FxRate, m.Initiative))
    named = sa.select(D.c.code, D.c.name).order_by(D.c.name)
    donors = tuple(tuple(r) for r in session.execute(named))
    rated = set(session.scalars(sa.select(FX.c.currency).distinct()))
    first = ("EUR", "USD", "GBP")
    currencies = tuple(c for c in first if c == "EUR" or c in rated) + tuple(
        sorted(rated - set(first))
    )
    family = sa.func.coalesce(T.c.family, T.c.name)
    families = tuple(
        tuple(r)
        for r in session.execute(
            sa.select(T.c.category, family).distinct().order_by(T.c.category, family)
        )
    )
    initiatives = tuple(
        tuple(r) for r in session.execute(sa.select(INIT.c.code, INIT.c.name).order_by(INIT.c.code))
    )
    return Choices(
        donors=donors,
        currencies=currencies,
        aid_types=m.AID_TYPES,
        categories=tuple(sorted({c for c, _ in families})),
        families=families,
        initiatives=initiatives,
    )


def warnings_in_view(session: Session, view: View) -> list[dict[str, object]]:
    """The stored reconciliation warnings on entries the view can see (same donors, filters,
    as-of date and review filter), newest first: the open questions beside the figures."""
    W, E, P, D, I = (
        t.__table__
        for t in (m.ReconciliationWarning, m.LedgerEntry, m.Package, m.Donor, m.Item)
    )
    stmt = (
        sa.select(
            W.c.kind,
            W.c.message,
            D.c.code.label("donor"),
            P.c.title.label("package"),
            P.c.id.label("package_id"),
            I.c.label.label("item"),
            E.c.key.label("entry"),
            E.c.event_date,
        )
        .select_from(
            W.join(E, E.c.id == W.c.entry_id)
            .join(P, P.c.id == W.c.package_id)
            .join(D, D.c.id == P.c.donor_id)
            .outerjoin(I, I.c.id == W.c.item_id)
        )
        .where(*entry_conditions(view))
        .order_by(W.c.id.desc())
    )
    return [dict(r) for r in session.execute(stmt).mappings()]


def gdp_shares(session: Session, view: View) -> list[dict[str, object]]:
    """Each donor's pledged and delivered money as a share of its GDP, for donors in the view
    with a GDP figure: the latest year on or before the as-of year (else the earliest), with
    its source. Money is converted into the GDP's own currency at each event's date, so the
    share does not depend on the base currency a reader picked."""
    D, G = m.Donor.__table__, m.DonorGdp.__table__
    stmt = sa.select(D.c.code, G.c.year, G.c.gdp, G.c.currency, G.c.source_url, G.c.source_title)
    stmt = stmt.select_from(G.join(D, D.c.id == G.c.donor_id)).order_by(D.c.code, G.c.year)
    if view.donors:
        stmt = stmt.where(D.c.code.in_(list(view.donors)))
    cutoff = (view.as_of or date.today()).year
    gdp: dict[str, dict[str, object]] = {}
    for row in session.execute(stmt).mappings():
        if row["code"] not in gdp or row["year"] <= cutoff:
            gdp[row["code"]] = dict(row)
    out = []
    for currency in sorted({g["currency"] for g in gdp.values()}):
        codes = tuple(code for code, g in gdp.items() if g["currency"] == currency)
        scoped = View(**{**view.__dict__, "donors": codes})
        totals = totals_in_currency(session, scoped, group_by=("donor",), currency=currency)
        for total in totals:
            ref = gdp[total.keys["donor"]]
            out.append(
                {
                    "donor": ref["code"],
                    "gdp_year": ref["year"],
                    "gdp": ref["gdp"],
                    "gdp_currency": currency,
                    "pledged_value": total.pledged_value,
                    "delivered_value": total.delivered_value,
                    "pledged_share": total.pledged_value / ref["gdp"],
                    "delivered_share": total.delivered_value / ref["gdp"],
                    "source_url": ref["source_url"],
                    "source_title": ref["source_title"],
                }
            )
    return sorted(out, key=lambda r: r["donor"])


def sources_behind(session: Session, view: View) -> list[dict[str, object]]:
    """The sources of the entries that count in the view, each with how many entries cite it
    and the span of their event dates, most cited first: a donor's bibliography."""
    inc = increments(view)
    S = m.Source.__table__
    stmt = (
        sa.select(
            S.c.url,
            S.c.outlet,
            S.c.title,
            S.c.published,
            S.c.claimant,
            S.c.reliability,
            sa.func.count(inc.c.id).label("entries"),
            sa.func.min(inc.c.applies_on).label("first_event"),
            sa.func.max(inc.c.applies_on).label("last_event"),
        )
        .select_from(inc.join(S, S.c.id == inc.c.source_id))
        .group_by(*(S.c[k] for k in ("id", "url", "outlet", "title", "published", "claimant",
                                     "reliability")))
        .order_by(sa.func.count(inc.c.id).desc(), S.c.published.desc(), S.c.id)
    )
    return [dict(r) for r in session.execute(stmt).mappings()]


def claim_initiatives(session: Session) -> list[dict[str, object]]:
    """Initiatives that have an aggregate claim (a coalition's own total), with the equipment
    families and categories it is about, so a page knows where to show the conflicting claims."""
    INIT, P, E, I, T = (
        t.__table__ for t in (m.Initiative, m.Package, m.LedgerEntry, m.Item, m.EquipmentType)
    )
    stmt = (
        sa.select(
            INIT.c.code,
            INIT.c.name,
            sa.func.coalesce(T.c.family, T.c.name).label("family"),
            T.c.category,
        )
        .distinct()
        .select_from(
            P.join(INIT, INIT.c.id == P.c.initiative_id)
            .join(E, E.c.package_id == P.c.id)
            .outerjoin(I, I.c.id == E.c.item_id)
            .outerjoin(T, T.c.id == I.c.equipment_type_id)
        )
        .where(P.c.aggregate_claim.is_(True))
        .order_by(INIT.c.code)
    )
    found: dict[str, dict[str, object]] = {}
    for code, name, family, category in session.execute(stmt):
        entry = found.setdefault(code, {"code": code, "name": name, "families": set(),
                                        "categories": set()})  # fmt: skip
        if family:
            entry["families"].add(family)
        if category:
            entry["categories"].add(category)
    for entry in found.values():
        entry["families"] = tuple(sorted(entry["families"]))
        entry["categories"] = tuple(sorted(entry["categories"]))
    return list(found.values())


def package_header(session: Session, package_id: int) -> dict[str, object] | None:
    """What a package is (donor, title, dates, instrument, aid type, secrecy, initiative,
    whether it is an aggregate claim, notes), or None when there is no such package."""
    P, D, INIT = m.Package.__table__, m.Donor.__table__, m.Initiative.__table__
    stmt = (
        sa.select(
            P.c.id,
            D.c.code.label("donor"),
            D.c.name.label("donor_name"),
            P.c.title,
            P.c.ordinal,
            P.c.announced_on,
            P.c.instrument,
            P.c.aid_type,
            P.c.secrecy,
            P.c.aggregate_claim,
            P.c.notes,
            INIT.c.code.label("initiative"),
            INIT.c.name.label("initiative_name"),
        )
        .select_from(
            P.join(D, D.c.id == P.c.donor_id).outerjoin(INIT, INIT.c.id == P.c.initiative_id)
        )
        .where(P.c.id == package_id)
    )
    row = session.execute(stmt).mappings().first()
    return dict(row) if row is not None else None


def ledger_count(session: Session, view: View) -> int:
    """How many entries :func:`ledger_table` lists for ``view`` (superseded ones included),
    so a page that shows only the first rows can say how many there are."""
    E, P = m.LedgerEntry.__table__, m.Package.__table__
    stmt = (
        sa.select(sa.func.count(E.c.id))
        .select_from(E.join(P, P.c.id == E.c.package_id))
        .where(*entry_conditions(view))
    )
    return int(session.execute(stmt).scalar_one())


# --- data entry: what the forms pick from, the review queue, the audit trail -----------------


def find_sources(session: Session, text: str | None = None, *, limit: int = 200) -> list[dict]:
    """Sources whose URL, outlet, title or claimant contains ``text`` (any case), newest
    first; the newest ``limit`` when ``text`` is empty. For the searchable source pickers."""
    S = m.Source.__table__
    stmt = sa.select(S.c.id, S.c.url, S.c.outlet, S.c.title, S.c.published, S.c.reliability)
    needle = (text or "").strip().lower()
    if needle:
        pattern = f"%{needle}%"
        stmt = stmt.where(
            sa.or_(*(sa.func.lower(c).like(pattern) for c in (S.c.url, S.c.outlet, S.c.title,
                                                              S.c.claimant)))
        )  # fmt: skip
    rows = session.execute(stmt.order_by(S.c.id.desc()).limit(limit)).mappings()
    return [dict(r) for r in rows]


def package_choices(session: Session, donor: str | None = None) -> list[dict]:
    """Packages (id, donor, title, announced_on, aid_type) to record figures against, newest
    announcement first, optionally of one donor."""
    P, D = m.Package.__table__, m.Donor.__table__
    stmt = (
        sa.select(P.c.id, D.c.code.label("donor"), P.c.title, P.c.announced_on, P.c.aid_type,
                  D.c.currency.label("donor_currency"))
        .select_from(P.join(D, D.c.id == P.c.donor_id))
        .order_by(P.c.announced_on.desc().nulls_last(), P.c.id.desc())
    )  # fmt: skip
    if donor:
        stmt = stmt.where(D.c.code == donor)
    return [dict(r) for r in session.execute(stmt).mappings()]


def donor_currency(session: Session, code: str | None) -> str | None:
    """The donor's own currency: how a bare "$" or "kr" in its figures is read."""
    D = m.Donor.__table__
    return session.execute(sa.select(D.c.currency).where(D.c.code == code)).scalar()


def package_version(session: Session, package_id: int) -> int | None:
    """The package's version now: an edit form remembers it, and the save is refused if it
    changed meanwhile (optimistic locking)."""
    P = m.Package.__table__
    return session.execute(sa.select(P.c.version).where(P.c.id == package_id)).scalar()


def item_choices(session: Session, package_id: int) -> list[dict]:
    """A package's lines (id, label, unit, equipment name), by label."""
    I, T = m.Item.__table__, m.EquipmentType.__table__
    stmt = (
        sa.select(I.c.id, I.c.label, I.c.unit, T.c.name.label("equipment"))
        .select_from(I.outerjoin(T, T.c.id == I.c.equipment_type_id))
        .where(I.c.package_id == package_id)
        .order_by(I.c.label)
    )
    return [dict(r) for r in session.execute(stmt).mappings()]


def equipment_choices(session: Session) -> list[dict]:
    """The equipment catalogue (name, family, category, unit), by name."""
    T = m.EquipmentType.__table__
    stmt = sa.select(T.c.name, T.c.family, T.c.category, T.c.unit).order_by(T.c.name)
    return [dict(r) for r in session.execute(stmt).mappings()]


def _entry_summary_columns() -> list[sa.ColumnElement]:
    E = m.LedgerEntry.__table__
    return [E.c.id, E.c.key, E.c.event, E.c.event_date, E.c.quantity, E.c.quantity_high,
            E.c.unit, E.c.amount, E.c.amount_high, E.c.currency, E.c.qualifier,
            E.c.cumulative, E.c.stated, E.c.review_status, E.c.version]  # fmt: skip


def line_entries(session: Session, package_id: int, item_id: int | None) -> list[dict]:
    """The entries of one line (a package's item, or its money when ``item_id`` is None) in
    timeline order: what a correction can point at."""
    E = m.LedgerEntry.__table__
    line = E.c.item_id.is_(None) if item_id is None else E.c.item_id == item_id
    stmt = (
        sa.select(*_entry_summary_columns())
        .where(E.c.package_id == package_id, line)
        .order_by(E.c.applies_on, E.c.id)
    )
    return [dict(r) for r in session.execute(stmt).mappings()]


def review_queue(
    session: Session, *, statuses: Sequence[str] = ("draft",), donor: str | None = None,
    limit: int = 500,
) -> list[dict]:  # fmt: skip
    """Entries waiting for a reviewer (or sent back), oldest recorded first, with what a
    reviewer checks them against: donor, package, line, the figure as stated, the source."""
    E, P, D, I, S = (t.__table__ for t in (m.LedgerEntry, m.Package, m.Donor, m.Item, m.Source))
    stmt = (
        sa.select(
            *_entry_summary_columns(),
            D.c.code.label("donor"), P.c.title.label("package"), I.c.label.label("item"),
            E.c.recorded_by, E.c.recorded_at, E.c.reviewed_by, E.c.review_comment,
            S.c.url.label("source_url"), S.c.title.label("source_title"),
            S.c.outlet.label("source_outlet"), S.c.reliability.label("source_reliability"),
        )
        .select_from(
            E.join(P, P.c.id == E.c.package_id).join(D, D.c.id == P.c.donor_id)
            .join(S, S.c.id == E.c.source_id).outerjoin(I, I.c.id == E.c.item_id)
        )
        .where(E.c.review_status.in_(list(statuses)))
        .order_by(E.c.recorded_at, E.c.id)
        .limit(limit)
    )  # fmt: skip
    if donor:
        stmt = stmt.where(D.c.code == donor)
    return [dict(r) for r in session.execute(stmt).mappings()]


@dataclass(frozen=True)
class AuditFilters:
    """What the audit trail can be narrowed to: the people and tables that appear in it."""

    actors: tuple[str, ...]
    tables: tuple[str, ...]


def audit_filters(session: Session) -> AuditFilters:
    A = m.AuditLog.__table__
    actors = tuple(session.scalars(sa.select(A.c.actor).distinct().order_by(A.c.actor)))
    tables = tuple(session.scalars(sa.select(A.c.table_name).distinct().order_by(A.c.table_name)))
    return AuditFilters(actors, tables)


def audit_trail(
    session: Session, *, actor: str | None = None, table: str | None = None,
    since: date | None = None, until: date | None = None, limit: int = 500,
) -> list[dict]:  # fmt: skip
    """Audit records, newest first, with the changed fields of each worked out: who changed
    what and when, before and after. ``since``/``until`` are whole UTC days, both included."""
    A = m.AuditLog.__table__
    stmt = sa.select(A).order_by(A.c.id.desc()).limit(limit)
    if actor:
        stmt = stmt.where(A.c.actor == actor)
    if table:
        stmt = stmt.where(A.c.table_name == table)
    if since:
        stmt = stmt.where(A.c.at >= known_by(since - timedelta(days=1)))
    if until:
        stmt = stmt.where(A.c.at < known_by(until))
    rows = []
    for record in session.execute(stmt).mappings():
        row = dict(record)
        row["changes"] = audit_changes(row["before"], row["after"])
        rows.append(row)
    return rows


def audit_changes(before: str | None, after: str | None) -> list[tuple[str, object, object]]:
    """(field, before, after) for each field an audit record changed; every field of a
    created row (before None); an import's summary as it was recorded."""
    old = json.loads(before) if before else {}
    new = json.loads(after) if after else {}
    return [
        (name, old.get(name), new.get(name))
        for name in sorted(set(old) | set(new))
        if old.get(name) != new.get(name)
    ]


def figure_preview(
    session: Session, figure: ParsedMoney | ParsedQuantity, *, on: date, currency: str,
    locale: str = "en",
) -> str:  # fmt: skip
    """How a typed figure was read, for the line under a form's input: "€1.4bn -> 1,400,000,000
    EUR = 1,528,xxx,xxx USD at the ECB rate of 1 Mar 2024". Money is converted into
    ``currency`` (or, when already in it, into EUR/USD) at the rate of ``on``; a figure that
    cannot be converted says why instead."""
    from tracker import display
    from tracker.fx import FxError, convert
    from tracker.money import Money
    from tracker.units import unit_label

    if isinstance(figure, ParsedQuantity):
        low = None if figure.value is None else display.format_number(figure.value, locale)
        high = None if figure.high is None else display.format_number(figure.high, locale)
        shown = display.format_hedged(low, figure.qualifier, high, locale)
        count = figure.high or figure.value or 0
        read = f"{shown} {unit_label(figure.unit, count)}" if figure.unit else shown
        return _with_note(f"{figure.stated} -> {read}", figure.note)
    if figure.amount is None or figure.currency is None:
        return _with_note(f"{figure.stated} -> " + display.format_hedged(None, "undisclosed",
                                                                         locale=locale),
                          figure.note)  # fmt: skip
    low = display.format_number(figure.amount, locale)
    high = None if figure.high is None else display.format_number(figure.high, locale)
    read = f"{figure.stated} -> {display.format_hedged(low, figure.qualifier, high, locale)} "
    read += figure.currency
    target = currency if currency != figure.currency else ("USD" if currency == "EUR" else "EUR")
    try:
        converted = convert(session, Money(figure.amount, figure.currency), target, on)
    except FxError as exc:
        return _with_note(f"{read} (not converted to {target}: {exc})", figure.note)
    rate_day = display.format_day(converted.rate_date, locale)
    read += (f" = {display.format_number(converted.amount, locale)} {target} "
             f"at the {converted.provider} rate of {rate_day}")  # fmt: skip
    if converted.stale:
        read += " (the latest rate known; none published for that date yet)"
    return _with_note(read, figure.note)


def _with_note(text: str, note: str) -> str:
    return f"{text} ({note})" if note else text
