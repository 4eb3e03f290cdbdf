"""Choices for filters and forms: donors, packages, items, sources, equipment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlmodel import Session

from tracker.domain import models as m
from tracker.domain.tables import FX, INIT, D, E, G, I, P, S, T
from tracker.ledger import (
    View,
    totals_in_currency,
)
from tracker.ledger.asof import item_filter


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


def gdp_shares(session: Session, view: View) -> list[dict[str, object]]:
    """Each donor's pledged and delivered money as a share of its GDP, for donors in the view
    with a GDP figure: the latest year on or before the as-of year (else the earliest), with
    its source. Money is converted into the GDP's own currency at each event's date, so the
    share does not depend on the base currency a reader picked."""
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


def claim_initiatives(session: Session) -> list[dict[str, object]]:
    """Initiatives that have an aggregate claim (a coalition's own total), with the equipment
    families and categories it is about, so a page knows where to show the conflicting claims."""
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
        entry = found.setdefault(
            code, {"code": code, "name": name, "families": set(), "categories": set()}
        )
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


# --- data entry: what the forms pick from, the review queue, the audit trail -----------------


def find_sources(session: Session, text: str | None = None, *, limit: int = 200) -> list[dict]:
    """Sources whose URL, outlet, title or claimant contains ``text`` (any case), newest
    first; the newest ``limit`` when ``text`` is empty. For the searchable source pickers."""
    stmt = sa.select(S.c.id, S.c.url, S.c.outlet, S.c.title, S.c.published, S.c.reliability)
    needle = (text or "").strip().lower()
    if needle:
        pattern = f"%{needle}%"
        stmt = stmt.where(
            sa.or_(
                *(
                    sa.func.lower(c).like(pattern)
                    for c in (S.c.url, S.c.outlet, S.c.title, S.c.claimant)
                )
            )
        )
    rows = session.execute(stmt.order_by(S.c.id.desc()).limit(limit)).mappings()
    return [dict(r) for r in rows]


def package_choices(session: Session, donor: str | None = None) -> list[dict]:
    """Packages (id, donor, title, announced_on, aid_type) to record figures against, newest
    announcement first, optionally of one donor."""
    stmt = (
        sa.select(
            P.c.id,
            D.c.code.label("donor"),
            P.c.title,
            P.c.announced_on,
            P.c.aid_type,
            D.c.currency.label("donor_currency"),
        )
        .select_from(P.join(D, D.c.id == P.c.donor_id))
        .order_by(P.c.announced_on.desc().nulls_last(), P.c.id.desc())
    )
    if donor:
        stmt = stmt.where(D.c.code == donor)
    return [dict(r) for r in session.execute(stmt).mappings()]


def donor_currency(session: Session, code: str | None) -> str | None:
    """The donor's own currency: how a bare "$" or "kr" in its figures is read."""
    return session.execute(sa.select(D.c.currency).where(D.c.code == code)).scalar()


def package_version(session: Session, package_id: int) -> int | None:
    """The package's version now: an edit form remembers it, and the save is refused if it
    changed meanwhile (optimistic locking)."""
    return session.execute(sa.select(P.c.version).where(P.c.id == package_id)).scalar()


def item_choices(session: Session, package_id: int) -> list[dict]:
    """A package's lines (id, label, unit, equipment name), by label."""
    stmt = (
        sa.select(I.c.id, I.c.label, I.c.unit, T.c.name.label("equipment"))
        .select_from(I.outerjoin(T, T.c.id == I.c.equipment_type_id))
        .where(I.c.package_id == package_id)
        .order_by(I.c.label)
    )
    return [dict(r) for r in session.execute(stmt).mappings()]


def equipment_choices(session: Session) -> list[dict]:
    """The equipment catalogue (name, family, category, unit), by name."""
    stmt = sa.select(T.c.name, T.c.family, T.c.category, T.c.unit).order_by(T.c.name)
    return [dict(r) for r in session.execute(stmt).mappings()]


def filter_problems(session: Session, view: View) -> list[str]:
    """What in ``view``'s filters names nothing the database knows: an unknown donor code, a
    category not in the catalogue, equipment text that matches no catalogue name, family or
    item label. Every command checks its filters with this one function, so they all refuse
    the same values the same way (an empty table would read as "nothing pledged")."""
    problems = []
    known = set(session.execute(sa.select(D.c.code)).scalars())
    for code in view.donors:
        if code not in known:
            problems.append(f"donor {code!r} is not a known donor code")
    if view.category:
        categories = {c.lower() for c in session.execute(sa.select(T.c.category)).scalars()}
        if view.category.lower() not in categories:
            problems.append(f"category {view.category!r} is not a category of the catalogue")
    if view.equipment:
        # The ledger's own item filter, so a text matches here exactly when it selects rows.
        items = item_filter(View(equipment=view.equipment))
        if session.execute(items.limit(1)).first() is None:
            problems.append(f"equipment {view.equipment!r} matches no catalogue entry or item")
    return problems


def has_rates(session: Session, currency: str) -> bool:
    """Whether any exchange rate of ``currency`` is stored (a base currency without rates
    would turn every total into zero)."""
    found = session.execute(sa.select(FX.c.day).where(FX.c.currency == currency).limit(1))
    return found.first() is not None
