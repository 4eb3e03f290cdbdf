"""Short names for the application's tables, for SQL built with SQLAlchemy Core.

Declared once here so that every query module uses the same alias for the same table (they
were redeclared in each module before and drifted)."""

from __future__ import annotations

from tracker.domain import models as m

A = m.AuditLog.__table__
D = m.Donor.__table__
E = m.LedgerEntry.__table__
EFF = m.EntryEffect.__table__
FX = m.FxRate.__table__
G = m.DonorGdp.__table__
I = m.Item.__table__
INIT = m.Initiative.__table__
P = m.Package.__table__
S = m.Source.__table__
T = m.EquipmentType.__table__
W = m.ReconciliationWarning.__table__
