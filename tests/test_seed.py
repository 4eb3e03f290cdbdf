"""The seed data, loaded as `tracker init` loads it, holds the facts the project started from."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from tracker.db import make_engine, upgrade
from tracker.domain import models as m
from tracker.ledger import View, balances, conflicting_claims, totals_in_currency
from tracker.services.seed import SeedError, seed_database, seed_dir

REAL = Path(__file__).resolve().parents[2] / "shared" / "real"


@pytest.fixture(scope="module")
def seeded(seeded_db_url: str):
    engine = make_engine(seeded_db_url)
    with Session(engine) as session:
        yield session
    engine.dispose()


def counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
            for t in m.SQLModel.metadata.sorted_tables
        }


def test_loading_twice_changes_nothing(engine):
    first = seed_database(engine)
    after_first = counts(engine)
    second = seed_database(engine)
    assert sum(second.added.values()) == 0
    assert counts(engine) == after_first
    assert first.added["ledger_entry"] >= 350
    assert after_first["donor"] >= 40


def test_every_entry_has_a_source_and_every_required_donor_is_there(seeded):
    orphans = seeded.exec(
        select(sa.func.count()).select_from(m.LedgerEntry).where(m.LedgerEntry.source_id.is_(None))
    ).one()
    assert orphans == 0
    codes = set(seeded.exec(select(m.Donor.code)).all())
    eu = {
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
    }
    others = {
        "EU",
        "EIB",
        "EPF",
        "NATO",
        "AU",
        "JP",
        "KR",
        "NZ",
        "CH",
        "TW",
        "IN",
        "CN",
        "US",
        "GB",
        "CA",
        "NO",
        "TR",
        "IS",
        "AL",
        "ME",
        "MK",
    }
    assert eu | others <= codes
    nato = seeded.exec(
        select(sa.func.count())
        .select_from(m.Membership)
        .join(m.Donor, m.Donor.id == m.Membership.organisation_id)
        .where(m.Donor.code == "NATO")
    ).one()
    assert nato == 32


def test_the_eu_shell_promise_and_the_300000_delivered_by_december_2023(seeded):
    rows = balances(
        seeded,
        View(donors=("EU",), as_of=date(2023, 12, 1), category=None),
        group_by=("initiative", "unit"),
    )
    shells = [r for r in rows if r.keys["initiative"] == "EU-1M-SHELLS"]
    assert [(r.pledged, r.delivered, r.outstanding) for r in shells] == [
        (1_000_000, 300_000, 700_000)
    ]


def test_the_725m_package_of_2_december_2024_with_its_named_items(seeded):
    package = seeded.exec(
        select(m.Package).where(m.Package.title == "PDA tranche 2024-12-02")
    ).one()
    rows = balances(seeded, View(package_ids=(package.id,)), group_by=("package",), currency="USD")
    assert sum(r.pledged_value for r in rows) == 725_000_000
    labels = " ".join(seeded.exec(select(m.Item.label).where(m.Item.package_id == package.id)))
    for named in ("Stinger", "HIMARS", "mines"):
        assert named.lower() in labels.lower()


def test_the_two_leopard_2_claims_side_by_side(seeded):
    claims = {c.basis: c.quantity for c in conflicting_claims(seeded, "LEOPARD2-COALITION")}
    assert claims == {"initiative statement": 48, "sum of members' own pledges": 61}


def test_italys_packages_are_undisclosed_not_zero(seeded):
    [row] = totals_in_currency(seeded, View(donors=("IT",)), group_by=("donor",))
    assert row.undisclosed_count >= 10
    tenth = seeded.exec(
        select(m.Package).join(m.Donor).where(m.Donor.code == "IT", m.Package.ordinal == 10)
    ).one()
    assert tenth.secrecy == "undisclosed"


def _real_tranche_sums() -> dict[str, Decimal]:
    import csv

    sums = {"PDA": Decimal(0), "USAI": Decimal(0)}
    with (REAL / "us_security_assistance_tranches.csv").open() as handle:
        for row in csv.DictReader(handle):
            for auth in sums:
                if row[f"{auth.lower()}_million_usd"]:
                    sums[auth] += Decimal(row[f"{auth.lower()}_million_usd"]) * 1_000_000
    return sums


def test_us_tranches_sum_per_authority_as_the_real_file_does(seeded):
    totals = {
        r.keys["instrument"]: r.pledged_value
        for r in balances(seeded, View(donors=("US",)), group_by=("instrument",), currency="USD")
        if r.unit is None
    }
    real = _real_tranche_sums() if REAL.exists() else {}
    assert totals["PDA"] == Decimal("34025000000.00") == real.get("PDA", totals["PDA"])
    assert totals["USAI"] == Decimal("33208000000.00") == real.get("USAI", totals["USAI"])


def test_us_tranches_in_eur_equal_a_hand_computation_from_the_rate_table(seeded):
    entries = seeded.exec(
        select(m.LedgerEntry.amount, m.LedgerEntry.event_date, m.Package.instrument)
        .join(m.Package)
        .join(m.Donor)
        .where(
            m.Donor.code == "US", m.Package.instrument == "PDA", m.LedgerEntry.amount.isnot(None)
        )
    ).all()
    usd = dict(
        seeded.exec(
            select(m.FxRate.day, m.FxRate.rate).where(
                m.FxRate.currency == "USD", m.FxRate.provider == "ECB"
            )
        ).all()
    )
    days = sorted(usd)
    by_hand = Decimal(0)
    for amount, day, _ in entries:
        last = max(d for d in days if d <= day)
        by_hand += amount / usd[last]
    [pda] = [
        r
        for r in balances(seeded, View(donors=("US",)), group_by=("instrument",), currency="EUR")
        if r.keys["instrument"] == "PDA" and r.unit is None
    ]
    assert abs(pda.pledged_value - by_hand) < Decimal("1.00")
    assert pda.unconverted_count == 0


def test_a_malformed_reference_row_stops_the_load_and_writes_nothing(engine, tmp_path):
    broken = tmp_path / "seed"
    shutil.copytree(seed_dir(), broken)
    lines = (broken / "donors.csv").read_text(encoding="utf-8").splitlines()
    lines.insert(3, "XX1,country,Nowhere,EUR,")
    (broken / "donors.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SeedError) as refused:
        seed_database(engine, broken)
    assert str(refused.value).startswith("donors.csv, line 4, code 'XX1':")
    assert "'XX1'" in str(refused.value)
    assert counts(engine)["donor"] == 0


def test_a_malformed_ledger_row_names_file_line_field_and_value(engine, tmp_path):
    broken = tmp_path / "seed"
    shutil.copytree(seed_dir(), broken)
    path = broken / "ledger" / "articles.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = next(iter(__import__("csv").reader([lines[1]])))
    cells[header.index("quantity")] = "1,000"
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(cells)
    lines[1] = out.getvalue().rstrip("\n")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SeedError) as refused:
        seed_database(engine, broken)
    assert str(refused.value).startswith("articles.csv, line 2, quantity '1,000':")
    assert counts(engine)["ledger_entry"] == 0 and counts(engine)["donor"] == 0


def test_upgrade_is_idempotent_on_a_seeded_database(seeded_db_url):
    engine = make_engine(seeded_db_url)
    upgrade(engine)
    assert counts(engine)["ledger_entry"] >= 350
    engine.dispose()
