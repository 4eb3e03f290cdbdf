"""The table functions pages display and export (tracker.queries), and the provenance they
carry, checked against the seed data on both backends and against independent computations
(the interchange export, the entries behind a figure, the Python converter)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlmodel import Session, select

from tracker import queries
from tracker.domain import models as m
from tracker.domain.fx import convert
from tracker.domain.money import Money
from tracker.domain.vocab import LEDGER_COLUMNS
from tracker.ledger import entries_behind
from tracker.queries.ledger_rows import ledger_rows


@pytest.fixture
def session(seeded_session: Session) -> Session:
    """Every test here reads the seeded database, not an empty one."""
    return seeded_session


def mapping(table: queries.Table) -> list[dict[str, object]]:
    keys = [c.key for c in table.columns]
    return [dict(zip(keys, row, strict=True)) for row in table.rows]


def test_the_ledger_table_holds_the_entries_of_the_interchange_export(session):
    as_of = date(2023, 11, 30)
    view = queries.make_view(donors=["EU"], as_of=as_of, include_aggregate_claims=True)
    table = queries.ledger_table(session, view)
    assert tuple(c.key for c in table.columns) == LEDGER_COLUMNS
    rows = mapping(table)
    expected = [r["entry_id"] for r in ledger_rows(session, donors=["EU"], as_of=as_of)]
    assert [r["entry_id"] for r in rows] == expected
    later = list(ledger_rows(session, donors=["EU"]))
    assert 0 < len(expected) < len(later)  # the as-of date left later entries out
    assert all(r["donor"] == "EU" and r["event_date"] <= as_of for r in rows)


def test_the_ledger_table_applies_every_filter_of_the_view(session):
    everything = mapping(
        queries.ledger_table(session, queries.make_view(include_aggregate_claims=True))
    )
    reviewed = mapping(
        queries.ledger_table(
            session, queries.make_view(reviewed_only=True, include_aggregate_claims=True)
        )
    )
    own = mapping(queries.ledger_table(session, queries.make_view()))
    leopards = mapping(queries.ledger_table(session, queries.make_view(equipment="leopard 2")))
    assert [r for r in everything if r["review_status"] == "reviewed"] == reviewed
    assert [r for r in everything if not r["aggregate_claim"]] == own
    assert len(own) < len(everything)
    family = {t.name: t.family or "" for t in session.exec(select(m.EquipmentType))}

    def names_a_leopard(row: dict) -> bool:
        words = (row["item"] or "", row["equipment"] or "", family.get(row["equipment"], ""))
        return any("leopard 2" in word.lower() for word in words)

    assert [r for r in own if names_a_leopard(r)] == leopards
    assert len(leopards) >= 10


def test_the_balance_table_is_balance_rows_with_their_sources(session):
    view = queries.make_view(donors=["DE", "US"])
    table = queries.balance_table(session, view, currency="EUR")
    rows = list(table.rows)
    plain = queries.balance_rows(session, view, currency="EUR", as_strings=False)
    assert [{k: v for k, v in r.items() if k != "sources"} for r in rows] == plain
    assert [c.key for c in table.columns][-1] == "sources"
    gepard = next(r for r in rows if r["donor"] == "DE" and r["equipment"] == "Flakpanzer Gepard")
    behind = entries_behind(session, queries.make_view(donors=["DE"], equipment="Gepard"))
    expected = sorted({e["source_url"] or e["source_title"] for e in behind})
    assert gepard["sources"].split(queries.SOURCE_SEPARATOR) == expected
    assert len(expected) >= 2


def test_the_package_table_gives_each_package_its_money_and_sources(session):
    view = queries.make_view(donors=["US"])
    rows = list(queries.package_table(session, view, currency="USD").rows)
    tranche = next(r for r in rows if r["package"] == "PDA tranche 2024-12-02")
    assert tranche["pledged_value"] == Decimal("725000000.00")
    assert tranche["currency"] == "USD" and tranche["instrument"] == "PDA"
    assert tranche["package_date"] == date(2024, 12, 2)
    assert tranche["undisclosed_count"] == 1  # the items named without figures
    assert tranche["entry_count"] == 5
    assert "https://www.defense.gov/News/Releases/Release/Article/3982157/" in tranche["sources"]
    assert [r["package_date"] for r in rows] == sorted(r["package_date"] for r in rows)

    in_euro = next(
        r
        for r in queries.package_table(session, view, currency="EUR").rows
        if r["package"] == "PDA tranche 2024-12-02"
    )
    by_python = convert(session, Money(Decimal(725_000_000), "USD"), "EUR", date(2024, 12, 2))
    assert abs(in_euro["pledged_value"] - by_python.amount) <= Decimal("0.01")


def converted_days(session: Session, view, base: str) -> dict[str, set[date]]:
    """Per currency, the days of the rates the Python converter picks for the view's money:
    amounts stated in another currency than ``base``, and in-kind estimates priced in one."""
    days: dict[str, set[date]] = {}
    for e in entries_behind(session, view):
        entry = session.get(m.LedgerEntry, e["id"])
        item = session.get(m.Item, entry.item_id) if entry.item_id else None
        kit = (
            session.get(m.EquipmentType, item.equipment_type_id)
            if item and item.equipment_type_id
            else None
        )
        if entry.amount is not None:
            currency = entry.currency
        elif kit is not None and kit.ref_unit_price is not None:
            currency = kit.ref_price_currency
        else:
            continue
        if currency == base:
            continue
        for leg in {currency, base} - {"EUR"}:
            conversion = convert(session, Money(Decimal(1), leg), "EUR", entry.applies_on)
            days.setdefault(leg, set()).add(conversion.rate_date)
    return days


def test_rates_used_are_the_days_the_converter_picks(session):
    view = queries.make_view(donors=["US"], as_of=date(2024, 12, 31))
    used = queries.rates_used(session, view, currency="EUR")
    expected = converted_days(session, view, "EUR")
    assert {u.currency: set(u.days) for u in used} == expected
    assert len(expected["USD"]) > 50
    assert all(u.providers == ("ECB",) and u.missing == () for u in used)


def test_a_base_currency_other_than_the_euro_needs_its_own_rate_too(session):
    view = queries.make_view(donors=["US"], as_of=date(2024, 12, 31))
    used = queries.rates_used(session, view, currency="GBP")
    assert {u.currency: set(u.days) for u in used} == converted_days(session, view, "GBP")
    assert {u.currency for u in used} == {"USD", "GBP"}


def test_data_version_counts_what_was_recorded_by_the_as_of_date(session):
    as_of = date(2023, 6, 30)
    stamps = [datetime.fromisoformat(r["recorded_at"]) for r in ledger_rows(session)]
    known = [s for s in stamps if s < datetime(2023, 7, 1, tzinfo=UTC)]
    version = queries.data_version(session, as_of)
    assert version.entries == len(known) and 0 < len(known) < len(stamps)
    assert version.latest_recorded_at == max(known)
    today = queries.data_version(session, None)
    assert today.entries == len(stamps) and today.latest_recorded_at == max(stamps)
    assert today.latest_change_at is not None
    assert today.latest_change_at <= datetime.now(UTC) + timedelta(seconds=1)


def test_the_ledger_in_a_base_currency_converts_each_amount_at_its_event_date(session):
    view = queries.make_view(donors=["US"], as_of=date(2024, 12, 31))
    table = queries.ledger_table(session, view, currency="EUR")
    keys = [c.key for c in table.columns]
    at = keys.index("currency") + 1
    assert keys[at : at + 6] == [c.key for c in queries.LEDGER_VALUE_COLUMNS]
    rows = mapping(table)
    plain = mapping(queries.ledger_table(session, view))
    assert [r["entry_id"] for r in rows] == [r["entry_id"] for r in plain]  # same entries
    priced = [r for r in rows if r["amount"] is not None]
    assert len(priced) > 50
    for row in priced:
        expected = convert(session, Money(row["amount"], "USD"), "EUR", row["event_date"])
        assert (row["value"], row["value_currency"]) == (expected.amount, "EUR")
        assert (row["rate_date"], row["rate_provider"]) == (expected.rate_date, "ECB")
        assert row["rate_date"] <= row["event_date"] and row["value_note"] is None
    pda = next(r for r in rows if r["entry_id"] == "us-pda-2024-12-02")
    assert pda["amount"] == Decimal("725000000")
    assert Decimal("650000000") < pda["value"] < Decimal("700000000")  # about 1.05 USD per EUR
    assert all(r["value"] is None and r["value_note"] is None for r in rows if not r["amount"])
    # The provenance of this table names exactly the rate days its rows used.
    (used,) = queries.ledger_rates_used(session, view, currency="EUR")
    assert (used.currency, used.providers, used.missing) == ("USD", ("ECB",), ())
    assert set(used.days) == {r["rate_date"] for r in priced}


def test_an_amount_without_a_rate_says_so_instead_of_a_blank(session):
    # The ECB publishes no hryvnia rate, so no dollar amount can be shown in UAH.
    view = queries.make_view(donors=["US"], as_of=date(2024, 12, 31))
    rows = [r for r in mapping(queries.ledger_table(session, view, currency="UAH")) if r["amount"]]
    assert rows and all(r["value"] is None for r in rows)
    assert {r["value_note"] for r in rows} == {
        "not converted: currency 'UAH': no exchange rate stored at all; `tracker init` loads "
        "the ECB rates, `tracker rates import FILE --provider NAME` any others"
    }
