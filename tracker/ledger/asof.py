"""What a figure is "as of", and the rules every read of the ledger follows.

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

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import sqlalchemy as sa

from tracker.domain import models as m
from tracker.domain.tables import INIT, D, E, I, P, S, T
from tracker.domain.vocab import EFFECTIVE_EVENTS, KIEL_OUTLET

KINDS = EFFECTIVE_EVENTS
QUANTITY_UNIT = Decimal(1).scaleb(-m.QUANTITY_SCALE)
CENT = Decimal(1).scaleb(-m.MONEY_SCALE)

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
# Every name balances() groups by: the columns above, the equipment (catalogue name, else
# the item's label) and the month of the timeline date.
GROUP_NAMES = (*GROUPINGS, "equipment", "month")


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
    source: str | None = None  # one of vocab.ENTRY_SOURCES, or None for all entries

    @property
    def basis(self) -> str:
        """One line saying which figures the view shows (printed beside every table)."""
        parts = ["donors' own pledges and deliveries"]
        if self.include_aggregate_claims:
            parts = ["all claims, including initiative-wide statements"]
        parts.append(f"as known on {self.as_of.isoformat()}" if self.as_of else "as known today")
        parts.append("reviewed entries only" if self.reviewed_only else "drafts included")
        if self.source == "kiel":
            parts.append("Kiel Institute data only")
        elif self.source == "own":
            parts.append("Kiel Institute data left out")
        return "; ".join(parts)


def known_by(as_of: date) -> datetime:
    """Entries recorded before the end of ``as_of`` (UTC) were known on that day (the last
    day the calendar has, 9999-12-31, ends at the last moment it has)."""
    if as_of == date.max:
        return datetime.max.replace(tzinfo=UTC)
    return datetime.combine(as_of + timedelta(days=1), time.min, tzinfo=UTC)


def known_on(table: sa.Table, as_of: date) -> list[sa.ColumnElement[bool]]:
    """The as-of rule, for any table with ``event_date`` and ``recorded_at`` (the ledger and
    its derived increments): the event happened by ``as_of`` and was recorded by its end."""
    return [table.c.event_date <= as_of, table.c.recorded_at < known_by(as_of)]


def _visibility(table: sa.Table, view: View) -> list[sa.ColumnElement[bool]]:
    conds: list[sa.ColumnElement[bool]] = []
    if view.as_of is not None:
        conds += known_on(table, view.as_of)
    if view.reviewed_only:
        conds.append(table.c.review_status == "reviewed")
    return conds


def package_conditions(view: View, *, claims: bool = True) -> list[sa.ColumnElement[bool]]:
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
    if view.source:
        # The Kiel importer keeps Kiel's rows in packages of their own, so the source filter
        # is a package filter: packages with an entry cited to a Kiel release.
        kiel = (
            sa.select(E.c.package_id)
            .join(S, S.c.id == E.c.source_id)
            .where(S.c.outlet == KIEL_OUTLET)
            .distinct()
        )
        conds.append(P.c.id.in_(kiel) if view.source == "kiel" else P.c.id.not_in(kiel))
    return conds


def item_filter(view: View) -> sa.Select | None:
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
    conds = [*_visibility(E, view), *package_conditions(view)]
    items = item_filter(view)
    if items is not None:
        conds.append(E.c.item_id.in_(items))
    return conds
