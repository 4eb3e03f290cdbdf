"""line_effect, the stored sums per line and kind, as a specification: after every kind of
write it holds exactly the sums of the entry rows it summarises, the views of the current
ledger read it and give the figures the entries give, and a stored sum that no longer
matches the ledger is reported by the check. Both backends (``session``)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa
from sqlmodel import Session

from tests.test_ledger import World, eu_shells
from tracker import services as svc
from tracker.domain import models as m
from tracker.domain.tables import EFF, EFF_PERMIT, LEFF
from tracker.ledger import View, balances
from tracker.services.maintenance import check_derived


@pytest.fixture
def world(session: Session) -> World:
    return World(session)


def stored_sums(session: Session) -> dict[tuple, tuple]:
    """line_effect as {(package, item, kind): (units, euro, other money in euro, estimate,
    entries, then the same five of the reviewed entries alone)}."""
    rows = session.execute(sa.select(LEFF)).all()
    return {
        (r.package_id, r.item_key, r.kind): (r.q, r.x, r.v, r.e, r.n, r.rq, r.rx, r.rv, r.re, r.rn)
        for r in rows
    }


def summed_in_python(session: Session) -> dict[tuple, tuple]:
    """The same sums worked out here from entry_effect's rows, one by one."""
    sums: dict[tuple, list] = defaultdict(lambda: [0, None, None, None, 0] * 2)
    for r in session.execute(sa.select(EFF)).all():
        line = sums[(r.package_id, r.item_key, r.kind)]
        for start in (0, 5) if r.reviewed else (0,):
            line[start] += r.dq
            for at, value in ((1, r.x_eur), (2, r.eur), (3, r.est_eur)):
                if value is not None:
                    line[start + at] = (line[start + at] or 0) + value
            line[start + 4] += 1
    return {key: tuple(value) for key, value in sums.items()}


def us_package(world: World) -> m.Package:
    """The US package of 725 million dollars (December 2024), at the ECB's rate of the day."""
    world.rate("USD", "2024-12-02", "1.0519")
    package = world.package("US", "Presidential drawdown 72")
    world.record(package, None, "pledge", "2024-12-02", amount=Decimal(725_000_000), currency="USD")
    return package


def test_the_sums_follow_running_totals_deliveries_and_corrections(world):
    package, shells = eu_shells(world)
    late = world.record(
        package, shells, "delivery", "2024-12-10", quantity=Decimal(5_000), unit="shell"
    )
    world.correct(
        package, shells, late, "2024-12-20", "miscounted", quantity=Decimal(4_000), unit="shell"
    )
    sums = stored_sums(world.session)
    assert sums == summed_in_python(world.session)
    # 1,000,000 delivered by the running totals, then 4,000 once the 5,000 was corrected
    assert sums[(package.id, shells.id, "delivery")][0] == 1_004_000_000
    assert sums[(package.id, shells.id, "pledge")][:1] == (1_000_000_000,)
    assert sums[(package.id, shells.id, "pledge")][5:] == (0, None, None, None, 0)  # drafts


def test_the_sums_follow_a_review_and_a_rate_loaded_later(world):
    package = us_package(world)
    entry = world.session.execute(sa.select(m.LedgerEntry)).scalars().one()
    svc.review_entry(world.session, entry.id, status="reviewed", reviewer="checker")
    world.session.flush()
    assert stored_sums(world.session) == summed_in_python(world.session)
    # 725,000,000 dollars / 1.0519 = 689,229,014.16 euro (to the cent)
    assert stored_sums(world.session)[(package.id, 0, "pledge")][2] == 68_922_901_416
    assert check_derived(world.session).ok


def test_the_current_view_in_dollars_counts_the_stored_units_and_converts_each_entry(world):
    package, _ = eu_shells(world)
    world.rate("USD", "2023-03-20", "1.0725")
    world.record(
        package, None, "pledge", "2023-03-20", amount=Decimal(1_000_000_000), currency="EUR"
    )
    us_package(world)
    rows = {
        (r.keys["donor"], r.unit): r
        for r in balances(world.session, View(), group_by=("donor",), currency="USD")
    }
    # The EU's euro billion at 1.0725 dollars; its million shells as counted, and their
    # estimate (3,000 euro each) converted too; the US dollars as stated.
    assert rows["EU", None].pledged_value == Decimal("1072500000.00")
    shells = rows["EU", "shell"]
    assert (shells.pledged, shells.delivered) == (1_000_000, 1_000_000)
    assert shells.pledged_estimated_value == Decimal("3217500000.00")
    assert rows["US", None].pledged_value == Decimal("725000000.00")
    assert len(rows) == 3


def test_a_view_of_one_donor_reads_only_its_lines(world):
    eu_shells(world)
    us_package(world)
    (row,) = balances(world.session, View(donors=("US",)), group_by=("donor",))
    assert (row.keys["donor"], row.entry_count) == ("US", 1)
    assert row.pledged_value == Decimal("689229014.16")


def test_the_check_reports_a_stored_sum_the_ledger_does_not_give(world):
    eu_shells(world)
    assert check_derived(world.session).ok
    world.session.execute(sa.insert(EFF_PERMIT))
    world.session.execute(
        sa.update(LEFF).where(LEFF.c.kind == "delivery").values(q=LEFF.c.q + 1000)
    )
    world.session.execute(sa.delete(EFF_PERMIT))
    found = check_derived(world.session)
    deliveries = world.session.execute(
        sa.select(m.LedgerEntry.id).where(m.LedgerEntry.event == "delivery")
    )
    assert not found.ok
    assert set(found.differing) == set(deliveries.scalars())


def test_a_line_a_correction_zeroes_keeps_a_sum_of_zero_not_the_old_figure(world):
    """A package's sums are rewritten as a whole: a line whose only entry a correction
    zeroes keeps a row of zero, never the old figure."""
    package = world.package("DE", "Leopard 2A6 for Ukraine", announced_on=date(2023, 1, 25))
    tanks = world.item(package, "Leopard 2A6", world.tank)
    pledge = world.record(package, tanks, "pledge", "2023-01-25", quantity=Decimal(14), unit="tank")
    world.correct(
        package, tanks, pledge, "2023-02-01", "entered twice", quantity=Decimal(0), unit="tank"
    )
    assert stored_sums(world.session) == summed_in_python(world.session)
    assert world.line()["pledged"] == 0


def test_a_view_of_reviewed_entries_reads_their_own_sums_beside_the_drafts(world):
    package = world.package("PL", "Generators for Kharkiv")
    sets = world.item(package, "generator")
    reviewed = world.record(
        package, sets, "delivery", "2023-01-10", quantity=Decimal(40), unit="item"
    )
    world.record(package, sets, "delivery", "2023-02-10", quantity=Decimal(25), unit="item")
    svc.review_entry(world.session, reviewed.id, status="reviewed", reviewer="checker")
    world.session.flush()
    assert stored_sums(world.session) == summed_in_python(world.session)
    assert world.line()["delivered"] == 65
    assert world.line(View(reviewed_only=True))["delivered"] == 40
    assert check_derived(world.session).ok
