"""The ledger, as a specification: running totals, corrections, as-of views, claims, warnings.

Scenarios are built through the service layer on both backends (``session`` runs each test
on SQLite and on PostgreSQL). Figures come from real public statements where they exist.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from tracker import services as svc
from tracker.domain import models as m
from tracker.io.exports import provenance
from tracker.ledger import View, balances, conflicting_claims, entries_behind, time_series
from tracker.services.maintenance import check_derived

EDITOR = "test-researcher"


def at(day: str) -> datetime:
    """A recording time on ``day`` (UTC noon), so as-of views see what was known then."""
    return datetime.fromisoformat(day + "T12:00:00+00:00")


class World:
    """A small ledger built through the services, with helpers that read like prose."""

    def __init__(self, session: Session) -> None:
        self.session = session
        for code, kind, name, currency in [
            ("EU", "organisation", "European Union", "EUR"),
            ("DE", "country", "Germany", "EUR"),
            ("PL", "country", "Poland", "PLN"),
            ("US", "country", "United States", "USD"),
            ("GB", "country", "United Kingdom", "GBP"),
            ("NATO", "organisation", "NATO", None),
            ("IT", "country", "Italy", "EUR"),
        ]:
            session.add(m.Donor(code=code, kind=kind, name=name, currency=currency))
        session.add(m.Initiative(code="LEO", name="Leopard 2 coalition"))
        session.flush()
        self.shell = svc.get_or_create_equipment(
            session,
            svc.EquipmentInput(
                name="155mm shell",
                category="artillery ammunition",
                unit="shell",
                ref_unit_price=Decimal("3000"),
                ref_price_currency="EUR",
                ref_price_year=2023,
                ref_price_source="test price list",
            ),
            actor=EDITOR,
        )
        self.tank = svc.get_or_create_equipment(
            session,
            svc.EquipmentInput(
                name="Leopard 2A6", family="Leopard 2", category="main battle tank", unit="tank"
            ),
            actor=EDITOR,
        )
        self.sources: dict[str, m.Source] = {}

    def source(self, name: str) -> m.Source:
        if name not in self.sources:
            self.sources[name] = svc.get_or_create_source(
                self.session,
                svc.SourceInput(url=f"https://example.org/{name}", title=name),
                actor=EDITOR,
            )
        return self.sources[name]

    def package(self, donor: str, title: str, **kw) -> m.Package:
        data = svc.PackageInput(
            donor=donor, title=title, aid_type=kw.pop("aid_type", "military"), **kw
        )
        return svc.get_or_create_package(self.session, data, actor=EDITOR)

    def item(self, package: m.Package, label: str, equipment=None) -> m.Item:
        return svc.get_or_create_item(
            self.session, package, label, equipment=equipment, unit=None, actor=EDITOR
        )

    def record(self, package, item, event, day, *, source="src", known=None, **figures):
        data = svc.EntryInput(
            event=event, event_date=date.fromisoformat(day), recorded_at=at(known or day), **figures
        )
        entry = svc.record_entry(
            self.session,
            package=package,
            item=item,
            data=data,
            source=self.source(source),
            recorded_by=EDITOR,
        )
        self.session.flush()
        return entry

    def correct(self, package, item, earlier, day, reason, **kw):
        """A correction of ``earlier`` on ``day``, saying why (``kw``: its figures, source...)."""
        return self.record(
            package, item, "correction", day, corrects=earlier.key, reason=reason, **kw
        )

    def rate(self, currency: str, day: str, rate: str) -> None:
        self.session.add(
            m.FxRate(
                day=date.fromisoformat(day), currency=currency, rate=Decimal(rate), provider="ECB"
            )
        )
        self.session.flush()

    def line(self, view: View | None = None, **kw) -> dict:
        """The single balance row of the view, as a dict of its figures."""
        rows = balances(self.session, view or View(), **kw)
        assert len(rows) == 1, rows
        row = rows[0]
        return {
            "pledged": row.pledged,
            "delivered": row.delivered,
            "cancelled": row.cancelled,
            "allocated": row.allocated,
            "outstanding": row.outstanding,
            "share": row.delivered_share,
            "pledged_value": row.pledged_value,
            "delivered_value": row.delivered_value,
            "estimated": row.pledged_estimated_value,
            "undisclosed": row.undisclosed_count,
            "unconverted": row.unconverted_count,
        }


@pytest.fixture
def world(session: Session) -> World:
    return World(session)


def eu_shells(world: World) -> tuple[m.Package, m.Item]:
    """The EU's one-million-shell promise of March 2023 and the running totals reported since."""
    package = world.package("EU", "One million shells", announced_on=date(2023, 3, 20))
    shells = world.item(package, "155mm shells", world.shell)
    world.record(package, shells, "pledge", "2023-03-20", quantity=Decimal(1_000_000), unit="shell")
    for day, total, hedge in [
        ("2023-11-29", 300_000, "about"),
        ("2024-01-31", 330_000, "about"),
        ("2024-11-18", 1_000_000, "exact"),
    ]:
        world.record(
            package,
            shells,
            "delivery",
            day,
            quantity=Decimal(total),
            unit="shells",
            qualifier=hedge,
            cumulative=True,
            source=f"report-{day}",
        )
    return package, shells


def one_more_shell_delivery(world, day: str, count: int, source: str, **known: str) -> None:
    """The EU shells of :func:`eu_shells`, and one more delivery of ``count`` shells on ``day``
    (a plain figure, not a running total); ``known`` when it was recorded later."""
    package, shells = eu_shells(world)
    world.record(
        package,
        shells,
        "delivery",
        day,
        quantity=Decimal(count),
        unit="shell",
        source=source,
        **known,
    )


class TestRunningTotals:
    def test_eu_shells_as_of_december_2023_show_300000_delivered_700000_outstanding(self, world):
        eu_shells(world)
        line = world.line(View(as_of=date(2023, 12, 1)))
        assert (line["pledged"], line["delivered"], line["outstanding"]) == (
            1_000_000,
            300_000,
            700_000,
        )
        assert line["share"] == Decimal("0.3")

    def test_eu_shells_as_of_december_2024_show_nothing_outstanding(self, world):
        eu_shells(world)
        line = world.line(View(as_of=date(2024, 12, 1)))
        assert (line["delivered"], line["outstanding"]) == (1_000_000, 0)

    def test_cumulative_statements_become_increments_and_later_additions_add_on(self, world):
        one_more_shell_delivery(world, "2024-12-10", 5_000, "extra")
        increments = {
            r["event_date"]: r["increment_quantity"]
            for r in entries_behind(world.session, View(donors=("EU",)))
            if r["kind"] == "delivery"
        }
        assert increments == {
            date(2023, 11, 29): 300_000,
            date(2024, 1, 31): 30_000,
            date(2024, 11, 18): 670_000,
            date(2024, 12, 10): 5_000,
        }
        assert world.line()["delivered"] == 1_005_000

    def test_an_entry_recorded_later_is_not_known_earlier(self, world):
        one_more_shell_delivery(world, "2023-06-01", 1000, "late", known="2024-03-01")
        assert world.line(View(as_of=date(2023, 7, 1)))["delivered"] == 0
        # Known by 2024-03-01, and included in the 300,000 running total of November.
        assert world.line(View(as_of=date(2024, 3, 1)))["delivered"] == 330_000

    def test_units_of_a_kind_convert_and_other_kinds_are_refused(self, world):
        package = world.package("DE", "Humanitarian convoy", aid_type="humanitarian")
        flour = world.item(package, "flour")
        world.record(package, flour, "pledge", "2023-01-10", quantity=Decimal(2), unit="tonne")
        world.record(
            package, flour, "delivery", "2023-02-10", quantity=Decimal(500), unit="kilogram"
        )
        assert world.line()["delivered"] == Decimal("0.5")
        with pytest.raises(svc.ValidationError) as refused:
            world.record(package, flour, "delivery", "2023-03-10", quantity=Decimal(5), unit="tank")
        assert refused.value.field == "unit"


class TestCorrections:
    def test_a_correction_chain_rebuilds_every_past_state(self, world):
        package = world.package("US", "PDA tranche 2022-05-06", instrument="PDA")
        first = world.record(
            package, None, "pledge", "2022-05-06", amount=Decimal(150_000_000), currency="USD"
        )
        second = world.correct(
            package,
            None,
            first,
            "2023-06-20",
            "DoD revalued drawdowns (accounting error)",
            known="2023-06-20",
            source="revaluation",
            amount=Decimal(120_000_000),
            currency="USD",
        )
        world.correct(
            package,
            None,
            second,
            "2024-01-15",
            "partial reversal",
            source="second-look",
            amount=Decimal(130_000_000),
            currency="USD",
        )
        value = lambda day: world.line(  # noqa: E731
            View(as_of=date.fromisoformat(day) if day else None), currency="USD"
        )["pledged_value"]
        assert value("2022-12-31") == 150_000_000
        assert value("2023-07-01") == 120_000_000
        assert value(None) == 130_000_000
        # The corrected value sits on the original tranche's date in the timeline.
        months = [r["month"] for r in time_series(world.session, View(), currency="USD")]
        assert months == ["2022-05"]

    def test_a_correction_must_point_at_an_entry_of_its_own_line(self, world):
        package = world.package("US", "PDA tranche A", instrument="PDA")
        other = world.package("US", "PDA tranche B", instrument="PDA")
        entry = world.record(
            package, None, "pledge", "2022-05-06", amount=Decimal(1), currency="USD"
        )
        with pytest.raises(svc.ValidationError) as refused:
            world.correct(other, None, entry, "2023-01-01", "x", amount=Decimal(2), currency="USD")
        assert refused.value.field == "corrects"


class TestReviewedView:
    """A view of reviewed entries reads the complex lines' reviewed rows kept by the
    maintenance (reviewed_effect); they must match what the ledger says at every review."""

    def test_a_running_total_counts_only_reviewed_entries_before_it(self, world):
        package = world.package("PL", "Field ambulances")
        vans = world.item(package, "ambulance")
        first = world.record(
            package, vans, "delivery", "2023-02-01", quantity=Decimal(4), unit="vehicle"
        )
        draft = world.record(
            package, vans, "delivery", "2023-03-01", quantity=Decimal(3), unit="vehicle"
        )
        total = world.record(
            package,
            vans,
            "delivery",
            "2023-04-01",
            quantity=Decimal(10),
            unit="vehicle",
            cumulative=True,
        )
        for entry in (first, total):
            svc.review_entry(world.session, entry.id, status="reviewed", reviewer="checker")
        reviewed = View(reviewed_only=True)
        # The draft's 3 ambulances are not behind the statement in the reviewed view: 4 + 6.
        assert world.line()["delivered"] == 10
        assert world.line(reviewed)["delivered"] == 10
        assert _reviewed_increments(world) == {first.id: 4000, total.id: 6000}
        svc.review_entry(world.session, draft.id, status="reviewed", reviewer="checker")
        assert world.line(reviewed)["delivered"] == 10
        assert _reviewed_increments(world) == {first.id: 4000, draft.id: 3000, total.id: 3000}

    def test_a_draft_correction_leaves_the_reviewed_figure_counting(self, world):
        package = world.package("IT", "Air defence batch")
        pledged = world.record(
            package, None, "pledge", "2023-05-02", amount=Decimal("2500000"), currency="EUR"
        )
        svc.review_entry(world.session, pledged.id, status="reviewed", reviewer="checker")
        fix = world.correct(
            package,
            None,
            pledged,
            "2023-06-01",
            "typo in the amount",
            amount=Decimal("2400000"),
            currency="EUR",
        )
        reviewed = View(reviewed_only=True)
        assert world.line()["pledged_value"] == Decimal("2400000")
        assert world.line(reviewed)["pledged_value"] == Decimal("2500000")
        svc.review_entry(world.session, fix.id, status="reviewed", reviewer="checker")
        assert world.line(reviewed)["pledged_value"] == Decimal("2400000")
        assert _reviewed_increments(world) == {fix.id: 240_000_000}
        assert check_derived(world.session).ok


def _reviewed_increments(world: World) -> dict[int, int]:
    """Stored reviewed-view increments (raw dq, else raw da) by entry."""
    rows = world.session.execute(sa.select(m.ReviewedEffect)).scalars()
    return {r.entry_id: r.dq if r.da is None else r.da for r in rows}


class TestAppendOnly:
    def test_the_database_refuses_to_edit_or_delete_an_entry(self, world, session):
        eu_shells(world)
        session.commit()
        entry = session.exec(select(m.LedgerEntry).where(m.LedgerEntry.event == "pledge")).one()
        entry.quantity = Decimal(2_000_000)
        with pytest.raises(sa.exc.DatabaseError, match="append-only"):
            session.commit()
        session.rollback()
        with pytest.raises(sa.exc.DatabaseError, match="append-only"):
            session.execute(sa.delete(m.LedgerEntry.__table__))
        session.rollback()
        assert world.line()["pledged"] == 1_000_000

    def test_the_service_layer_offers_no_way_to_change_figures(self):
        writers = [name for name in dir(svc) if name.startswith(("update_", "delete_", "edit_"))]
        assert writers == ["update_package"]


class TestMoney:
    def test_values_convert_at_each_events_date_through_eur(self, world):
        world.rate("USD", "2024-11-29", "1.0565")
        world.rate("USD", "2024-12-02", "1.0500")
        world.rate("GBP", "2024-12-02", "0.8300")
        package = world.package("US", "PDA tranche 2024-12-02", instrument="PDA")
        world.record(
            package, None, "pledge", "2024-12-02", amount=Decimal(725_000_000), currency="USD"
        )
        assert world.line(currency="EUR")["pledged_value"] == (
            Decimal(725_000_000) / Decimal("1.05")
        ).quantize(Decimal("0.01"))
        gbp = world.line(currency="GBP")["pledged_value"]
        assert abs(gbp - Decimal(725_000_000) * Decimal("0.83") / Decimal("1.05")) < 1
        assert world.line(currency="USD")["pledged_value"] == 725_000_000

    def test_each_converted_entry_is_rounded_to_the_cent_once_and_totals_add_exactly(self, world):
        # 0.05 USD at 1.0832 per euro is 4.6159... euro cents, stored as 5; the total is the
        # sum of what was stored (15 cents), not a rounded float sum (13.85 -> 14 cents).
        world.rate("USD", "2024-03-01", "1.0832")
        package = world.package("US", "Three small tranches")
        for n in range(3):
            world.record(
                package,
                None,
                "pledge",
                "2024-03-04",
                amount=Decimal("0.05"),
                currency="USD",
                key=f"small-{n}",
            )
        stored = world.session.execute(sa.select(m.EntryEffect.eur)).scalars().all()
        assert stored == [5, 5, 5]
        assert world.line()["pledged_value"] == Decimal("0.15")

    def test_a_negative_increment_rounds_away_from_zero_like_a_positive_one(self, world):
        world.rate("USD", "2024-03-01", "2")
        package = world.package("US", "Half a cent either way")
        world.record(package, None, "pledge", "2024-03-04", amount=Decimal("0.05"), currency="USD")
        world.record(
            package,
            None,
            "cancellation",
            "2024-03-05",
            amount=Decimal("0.05"),
            currency="USD",
            key="cancelled",
        )
        # 2.5 cents each way: 3 and 3, so the pledge and its cancellation still cancel out
        (row,) = balances(world.session, View())
        assert (row.pledged_value, row.cancelled_value) == (Decimal("0.03"), Decimal("0.03"))
        assert row.outstanding_value == 0

    def test_a_weekend_event_uses_the_last_business_days_rate(self, world):
        world.rate("USD", "2024-11-29", "1.0565")  # a Friday
        package = world.package("US", "Weekend tranche")
        world.record(
            package, None, "pledge", "2024-12-01", amount=Decimal(1_056_500), currency="USD"
        )
        assert world.line()["pledged_value"] == 1_000_000

    def test_an_amount_without_any_rate_is_counted_as_unconverted_not_zero(self, world):
        package = world.package("PL", "Polish package", aid_type="financial")
        world.record(package, None, "pledge", "2024-01-10", amount=Decimal(100), currency="PLN")
        line = world.line()
        assert (line["pledged_value"], line["unconverted"]) == (0, 1)

    def test_undisclosed_packages_are_counted_apart_never_as_zero(self, world):
        for n in (9, 10):
            package = world.package("IT", f"{n}th package", ordinal=n, secrecy="undisclosed")
            world.record(package, None, "pledge", "2024-12-03", qualifier="undisclosed")
        line = world.line(group_by=("donor",))
        assert (line["undisclosed"], line["pledged_value"]) == (2, 0)

    def test_in_kind_estimates_stay_apart_from_reported_values(self, world):
        package = world.package("DE", "Shell deliveries")
        shells = world.item(package, "shells", world.shell)
        world.record(package, shells, "pledge", "2023-05-01", quantity=Decimal(1000), unit="shell")
        line = world.line()
        assert (line["pledged_value"], line["estimated"]) == (0, 3_000_000)

    def test_money_is_exact_to_the_cent_at_eighteen_digits(self, world, session):
        package = world.package("US", "Large")
        world.record(
            package,
            None,
            "pledge",
            "2024-01-01",
            amount=Decimal("1234567890123456.78"),
            currency="USD",
        )
        for n in range(7):
            world.record(
                package,
                None,
                "pledge",
                "2024-01-02",
                amount=Decimal("0.01"),
                currency="USD",
                source=f"cent-{n}",
            )
        assert world.line(currency="USD")["pledged_value"] == Decimal("1234567890123456.85")


class TestClaims:
    def coalition(self, world):
        statement = world.package(
            "NATO", "Coalition statement", initiative="LEO", aggregate_claim=True
        )
        world.record(
            statement,
            world.item(statement, "Leopard 2", world.tank),
            "pledge",
            "2023-02-14",
            quantity=Decimal(48),
            unit="tank",
            source="nato",
        )
        for donor, n in [("DE", 18), ("PL", 14)]:
            own = world.package(donor, f"{donor} Leopards", initiative="LEO")
            world.record(
                own,
                world.item(own, "Leopard 2", world.tank),
                "pledge",
                "2023-02-01",
                quantity=Decimal(n),
                unit="tank",
                source=donor,
            )

    def test_both_claims_are_kept_side_by_side_with_their_sources(self, world):
        self.coalition(world)
        claims = {c.basis: c for c in conflicting_claims(world.session, "LEO")}
        assert claims["initiative statement"].quantity == 48
        assert claims["initiative statement"].sources == ("https://example.org/nato",)
        assert claims["sum of members' own pledges"].quantity == 32
        assert claims["sum of members' own pledges"].donor == "DE, PL"

    def test_donor_totals_exclude_the_overlapping_statement(self, world):
        self.coalition(world)
        total = balances(world.session, View(), group_by=("unit",))
        assert [r.pledged for r in total] == [32]
        assert View().basis.startswith("donors' own")
        with_claims = balances(
            world.session, View(include_aggregate_claims=True), group_by=("unit",)
        )
        assert [r.pledged for r in with_claims] == [80]

    def test_initiative_and_donor_totals_never_count_a_tank_twice(self, world):
        self.coalition(world)
        by_donor = sum(
            r.pledged for r in balances(world.session, View(initiative="LEO"), group_by=("donor",))
        )
        by_initiative = balances(world.session, View(initiative="LEO"), group_by=("initiative",))
        assert by_donor == by_initiative[0].pledged == 32


def warnings_of(session: Session) -> list[tuple[str, str]]:
    rows = session.execute(
        sa.select(m.ReconciliationWarning.kind, m.LedgerEntry.key).join(
            m.LedgerEntry, m.LedgerEntry.id == m.ReconciliationWarning.entry_id
        )
    ).all()
    return sorted((kind, key) for kind, key in rows)


def german_tanks(world):
    """Germany's package of tanks and its Leopard 2A6 line."""
    package = world.package("DE", "Tanks")
    return package, world.item(package, "Leopard 2A6", world.tank)


def delivered_beyond_pledge(world):
    """14 tanks pledged and 18 delivered on :func:`german_tanks`; the package, the line and
    the delivery."""
    package, tanks = german_tanks(world)
    world.record(package, tanks, "pledge", "2023-01-25", quantity=Decimal(14), unit="tank")
    extra = world.record(
        package, tanks, "delivery", "2023-03-27", quantity=Decimal(18), unit="tank"
    )
    return package, tanks, extra


class TestWarnings:
    def test_a_running_total_that_goes_down_is_flagged_and_kept(self, world):
        package, shells = eu_shells(world)
        lower = world.record(
            package,
            shells,
            "delivery",
            "2024-12-01",
            quantity=Decimal(900_000),
            unit="shell",
            cumulative=True,
            source="lower",
        )
        assert ("running_total_down", lower.key) in warnings_of(world.session)
        assert world.line()["delivered"] == 900_000

    def test_deliveries_beyond_the_pledge_are_stored_with_a_warning(self, world):
        *_line, extra = delivered_beyond_pledge(world)
        assert warnings_of(world.session) == [("delivered_beyond_pledge", extra.key)]
        assert world.line()["outstanding"] == -4

    def test_a_delivery_before_any_pledge_is_flagged(self, world):
        package = world.package("GB", "Demining kits")
        kits = world.item(package, "bomb disposal kits")
        early = world.record(
            package, kits, "delivery", "2022-12-30", quantity=Decimal(100), unit="kit"
        )
        assert warnings_of(world.session) == [("delivery_before_pledge", early.key)]

    def test_two_sources_disagreeing_on_the_same_figure_are_flagged(self, world):
        package, tanks = german_tanks(world)
        world.record(
            package,
            tanks,
            "pledge",
            "2023-01-25",
            quantity=Decimal(14),
            unit="tank",
            source="ministry",
        )
        other = world.record(
            package,
            tanks,
            "pledge",
            "2023-01-25",
            quantity=Decimal(18),
            unit="tank",
            source="newspaper",
        )
        assert ("sources_disagree", other.key) in warnings_of(world.session)

    def test_warnings_survive_a_correction_that_resolves_them(self, world):
        package, tanks, extra = delivered_beyond_pledge(world)
        world.correct(
            package,
            tanks,
            extra,
            "2023-04-01",
            "18 counted training tanks",
            quantity=Decimal(14),
            unit="tank",
            source="fix",
        )
        assert warnings_of(world.session) == [("delivered_beyond_pledge", extra.key)]
        assert world.line()["outstanding"] == 0


def test_a_recording_time_without_timezone_is_refused():
    with pytest.raises(svc.ValidationError) as refused:
        svc.check_entry_figures(
            svc.EntryInput(
                event="pledge",
                event_date=date(2024, 1, 1),
                amount=Decimal(1),
                currency="EUR",
                recorded_at=datetime(2024, 1, 1),
            )
        )
    assert refused.value.field == "recorded_at"


def test_future_events_are_refused():
    tomorrow = datetime.now(UTC).date().replace(year=datetime.now(UTC).year + 1)
    with pytest.raises(svc.ValidationError) as refused:
        svc.check_entry_figures(
            svc.EntryInput(event="pledge", event_date=tomorrow, amount=Decimal(1), currency="EUR")
        )
    assert refused.value.field == "event_date"


def test_the_monthly_timeline_equals_the_general_month_split(world):
    world.rate("USD", "2024-11-29", "1.0565")
    world.rate("USD", "2024-12-02", "1.0500")
    us = world.package("US", "PDA tranche 2024-12-02", instrument="PDA")
    world.record(us, None, "pledge", "2024-12-02", amount=Decimal(725_000_000), currency="USD")
    de = world.package("DE", "Winter aid", aid_type="financial")
    world.record(de, None, "pledge", "2024-11-30", amount=Decimal("1400000000.50"), currency="EUR")
    world.record(de, None, "delivery", "2024-12-20", amount=Decimal(400_000_000), currency="EUR")
    for currency in ("EUR", "USD"):
        fast = time_series(world.session, View(), currency=currency)
        # A donor filter takes the general path through balances().
        general = time_series(world.session, View(donors=("US", "DE")), currency=currency)
        assert [r["month"] for r in fast] == ["2024-11", "2024-12"]
        assert [(r["pledged_value"], r["delivered_value"]) for r in fast] == [
            (r["pledged_value"], r["delivered_value"]) for r in general
        ]
    eur = time_series(world.session, View())
    assert eur[-1]["cumulative_pledged_value"] == Decimal("1400000000.50") + (
        Decimal(725_000_000) / Decimal("1.05")
    ).quantize(Decimal("0.01"))


class TestStages:
    """Pledged ⊇ allocated ⊇ delivered: a delivery counts as allocated, once."""

    def test_a_delivery_without_an_allocation_counts_as_allocated(self, world):
        package = world.package("DE", "Shells for Ukraine")
        shells = world.item(package, "shells", equipment=world.shell)
        world.record(package, shells, "pledge", "2023-03-01", quantity=Decimal(1000), unit="shell")
        world.record(package, shells, "delivery", "2023-05-01", quantity=Decimal(400), unit="shell")
        (row,) = balances(world.session, View())
        assert (row.pledged, row.allocated, row.delivered) == (1000, 400, 400)
        # 400 delivered shells at the catalogue's EUR 3,000: allocated and delivered alike.
        assert row.delivered_estimated_value == row.allocated_estimated_value == 1_200_000

    def test_a_delivery_of_what_was_allocated_is_not_counted_twice(self, world):
        self._shells_allocated_then_delivered(world)
        (row,) = balances(world.session, View(as_of=date(2023, 4, 1)))
        assert (row.allocated, row.delivered, row.outstanding) == (600, 400, 600)
        (row,) = balances(world.session, View())
        assert (row.allocated, row.delivered) == (700, 700)

    def _shells_allocated_then_delivered(self, world):
        package = world.package("DE", "Shells for Ukraine")
        shells = world.item(package, "shells", equipment=world.shell)
        world.record(package, shells, "pledge", "2023-01-10", quantity=Decimal(1000), unit="shell")
        world.record(
            package, shells, "allocation", "2023-01-20", quantity=Decimal(600), unit="shell"
        )
        world.record(package, shells, "delivery", "2023-03-05", quantity=Decimal(400), unit="shell")
        world.record(package, shells, "delivery", "2023-06-05", quantity=Decimal(300), unit="shell")

    def test_before_the_deliveries_only_the_allocation_counts(self, world):
        self._shells_allocated_then_delivered(world)
        (row,) = balances(world.session, View(as_of=date(2023, 2, 1)))
        assert (row.allocated, row.delivered) == (600, 0)
        (row,) = balances(world.session, View(as_of=date(2023, 4, 1)))
        assert (row.allocated, row.delivered) == (600, 400)

    def test_per_month_the_stage_follows_the_running_totals(self, world):
        # January allocates 600; March delivers 400 of them (nothing new allocated); June
        # delivers 300, 100 more than was ever allocated. Months add up to the whole: 700.
        self._shells_allocated_then_delivered(world)
        rows = balances(world.session, View(), group_by=("month",))
        by_month = {row.keys["month"]: (row.allocated, row.delivered) for row in rows}
        assert by_month == {
            "2023-01": (600, 0),
            "2023-03": (0, 400),
            "2023-06": (100, 300),
        }
        values = [row.allocated_estimated_value for row in rows]
        # EUR 3,000 a shell: 600, 0 and 100 shells.
        assert values == [1_800_000, 0, 300_000]
        (whole,) = balances(world.session, View())
        assert whole.allocated == sum(row.allocated for row in rows) == 700

    def test_an_allocation_stated_after_the_delivery_is_not_added_to_it(self, world):
        package = world.package("DE", "Shells for Ukraine")
        shells = world.item(package, "shells", equipment=world.shell)
        world.record(package, shells, "pledge", "2023-01-10", quantity=Decimal(1000), unit="shell")
        world.record(package, shells, "delivery", "2023-02-05", quantity=Decimal(400), unit="shell")
        world.record(
            package, shells, "allocation", "2023-04-20", quantity=Decimal(500), unit="shell"
        )
        rows = balances(world.session, View(), group_by=("month",))
        assert [(r.keys["month"], r.allocated) for r in rows] == [
            ("2023-01", 0),  # the pledge's month
            ("2023-02", 400),
            ("2023-04", 100),
        ]
        (whole,) = balances(world.session, View())
        assert (whole.allocated, whole.delivered) == (500, 400)

    def test_money_allocations_add_per_line_and_nest_per_donor(self, world):
        first = world.package("DE", "Budget support 1", aid_type="financial")
        second = world.package("DE", "Budget support 2", aid_type="financial")
        for package, allocated, delivered in ((first, 100, 150), (second, 80, 20)):
            world.record(package, None, "pledge", "2023-01-01", amount=Decimal(200), currency="EUR")
            world.record(
                package, None, "allocation", "2023-02-01", amount=Decimal(allocated), currency="EUR"
            )
            world.record(
                package, None, "delivery", "2023-03-01", amount=Decimal(delivered), currency="EUR"
            )
        (row,) = balances(world.session, View(), group_by=("donor", "aid_type"), by_unit=False)
        # Per package: max(100, 150) + max(80, 20) = 230, not 180 (allocations) or 350 (both).
        assert (row.pledged_value, row.allocated_value, row.delivered_value) == (400, 230, 170)

    def test_a_balance_export_names_the_price_behind_its_estimates(self, world, tmp_path):
        package = world.package("DE", "Shells for Ukraine")
        shells = world.item(package, "shells", equipment=world.shell)
        world.record(package, shells, "pledge", "2023-03-01", quantity=Decimal(2), unit="shell")
        world.record(package, shells, "delivery", "2023-05-01", quantity=Decimal(1), unit="shell")
        prov = provenance(world.session, "balance", View(), currency="EUR")
        assert [(b.equipment, b.price, b.currency, b.entries) for b in prov.prices] == [
            ("155mm shell", Decimal("3000"), "EUR", 2)
        ]
        assert provenance(world.session, "ledger", View(), currency=None).prices == ()

    def test_the_delivered_share_by_value_counts_in_kind_aid_at_its_reference_price(self, world):
        # One of two priced systems delivered, no money stated anywhere: half the value, not 0%.
        package = world.package("DE", "Shells for Ukraine")
        shells = world.item(package, "shells", equipment=world.shell)
        world.record(package, shells, "pledge", "2023-03-01", quantity=Decimal(2), unit="shell")
        world.record(package, shells, "delivery", "2023-05-01", quantity=Decimal(1), unit="shell")
        (row,) = balances(world.session, View(), group_by=("donor",), by_unit=False)
        assert (row.pledged_value, row.delivered_value) == (0, 0)
        assert (row.pledged_total_value, row.delivered_total_value) == (6000, 3000)
        assert row.delivered_value_share == Decimal("0.5")
