"""Short names for the application's tables, for SQL built with SQLAlchemy Core.

Declared once here so that every query module uses the same alias for the same table (they
were redeclared in each module before and drifted)."""

from __future__ import annotations

import sqlalchemy as sa

from tracker.domain import models as m

A = m.AuditLog.__table__
D = m.Donor.__table__
E = m.LedgerEntry.__table__
EFF = m.EntryEffect.__table__
EFF_PERMIT = m.DerivedPermit.__table__
FX = m.FxRate.__table__
G = m.DonorGdp.__table__
I = m.Item.__table__
INIT = m.Initiative.__table__
LEFF = m.LineEffect.__table__
P = m.Package.__table__
REFF = m.ReviewedEffect.__table__
S = m.Source.__table__
T = m.EquipmentType.__table__
W = m.ReconciliationWarning.__table__


def with_lines(
    base: sa.FromClause, *, rows: sa.FromClause | None = None, source: bool = True
) -> sa.Join:
    """``base`` joined to the package, the package's donor, the source and (outer) the item of
    ``rows`` (``base`` itself unless it is a join: entries, increments or warnings, with
    ``package_id``, ``item_id`` and, when ``source``, ``source_id``): the context every
    listing of entries shows beside a figure."""
    rows = base if rows is None else rows
    joined = base.join(P, P.c.id == rows.c.package_id).join(D, D.c.id == P.c.donor_id)
    if source:
        joined = joined.join(S, S.c.id == rows.c.source_id)
    return joined.outerjoin(I, I.c.id == rows.c.item_id)


def line_labels() -> list[sa.Label]:
    """Donor code, package title and item label of a row joined by :func:`with_lines`, under
    the names every listing gives them (``donor``, ``package``, ``item``)."""
    return [D.c.code.label("donor"), P.c.title.label("package"), I.c.label.label("item")]


def source_columns(*names: str) -> list[sa.Label]:
    """Source columns labelled as the ledger CSV names them (``url`` -> ``source_url``)."""
    return [S.c[name].label(f"source_{name}") for name in names]
