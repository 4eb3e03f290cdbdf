"""The reads the dashboards add to tracker.queries, on both backends: the change marker the
caches are keyed on, the choices a link is checked against, and the rows behind the donors,
packages, equipment and ledger pages, checked against the seed files."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import Session, select

from tracker import queries
from tracker import services as svc
from tracker.domain import models as m
from tracker.services.seed import seed_dir


@pytest.fixture
def seeded(seeded_session: Session) -> Session:
    """The seeded database every test here reads."""
    return seeded_session


def _seed_rows(donor: str) -> list[dict[str, str]]:
    rows = []
    for path in sorted((seed_dir() / "ledger").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows += [row for row in csv.DictReader(handle) if row["donor"] == donor]
    return rows


def test_any_write_raises_the_change_marker(session):
    before = queries.change_marker(session)
    assert before == (0,) * len(before)  # a new database
    svc.get_or_create_source(
        session,
        svc.SourceInput(url="https://example.org/a-report", title="A report"),
        actor="test",
    )
    session.flush()
    after = queries.change_marker(session)
    assert after != before and all(a >= b for a, b in zip(after, before, strict=True))


def test_choices_list_what_a_link_may_name(seeded):
    found = queries.choices(seeded)
    assert found.currencies[:3] == ("EUR", "USD", "GBP")
    assert ("IT", "Italy") in found.donors and ("GB", "United Kingdom") in found.donors
    assert ("main battle tank", "Leopard 2") in found.families
    assert "artillery ammunition" in found.categories
    assert [code for code, _ in found.initiatives] == [
        "EU-1M-SHELLS",
        "IFU",
        "LEOPARD2-COALITION",
    ]


def test_warnings_follow_the_views_donors_and_as_of_date(seeded):
    uk = queries.warnings_in_view(seeded, queries.make_view(donors=["GB"]))
    assert sorted(w["entry"] for w in uk) == [
        "art-gb-2022-12-30-bomb-disposal-kits",
        "art-gb-2022-12-30-metal-detectors",
    ]
    assert {w["kind"] for w in uk} == {"delivery_before_pledge"}
    earlier = queries.make_view(donors=["GB"], as_of=date(2022, 12, 29))
    assert queries.warnings_in_view(seeded, earlier) == []


def test_the_us_share_of_gdp_uses_the_reference_year_and_the_gdps_currency(seeded):
    (us,) = queries.gdp_shares(seeded, queries.make_view(donors=["US"]))
    with (seed_dir() / "donor_gdp.csv").open(encoding="utf-8", newline="") as handle:
        gdp = next(row for row in csv.DictReader(handle) if row["donor"] == "US")
    assert (us["gdp_year"], us["gdp"], us["gdp_currency"]) == (
        int(gdp["year"]),
        Decimal(gdp["gdp"]),
        "USD",
    )
    tranches = sum(Decimal(r["amount"]) for r in _seed_rows("US") if r["amount"])
    assert us["pledged_value"] == tranches  # USD amounts in a USD share: no conversion
    assert us["pledged_share"] == tranches / Decimal(gdp["gdp"])
    assert us["source_url"] == gdp["source_url"]


def test_a_donor_without_a_gdp_figure_has_no_share(seeded):
    assert queries.gdp_shares(seeded, queries.make_view(donors=["EU"])) == []


def test_the_sources_behind_the_eu_shells_are_every_report_of_them(seeded):
    sources = queries.sources_behind(seeded, queries.make_view(donors=["EU"]))
    titles = {s["title"] for s in sources}
    assert titles == {r["source_title"] for r in _seed_rows("EU")}
    assert sum(s["entries"] for s in sources) == len(_seed_rows("EU"))


def test_the_leopard_2_coalition_is_the_initiative_with_an_aggregate_claim(seeded):
    assert queries.claim_initiatives(seeded) == [
        {
            "code": "LEOPARD2-COALITION",
            "name": "Leopard 2 tank coalition",
            "families": ("Leopard 2",),
            "categories": ("main battle tank",),
        }
    ]


def test_a_package_header_says_what_the_package_is(seeded):
    view = queries.make_view(donors=["US"])
    table = queries.package_table(seeded, view)
    package_id = next(
        r["package_id"] for r in table.rows if r["package"] == "PDA tranche 2024-12-02"
    )
    header = queries.package_header(seeded, package_id)
    assert (header["donor"], header["instrument"], header["aid_type"], header["secrecy"]) == (
        "US",
        "PDA",
        "military",
        "public",
    )
    assert header["announced_on"] == date(2024, 12, 2)
    assert queries.package_header(seeded, 10**9) is None


def test_the_ledger_count_includes_superseded_entries(seeded):
    # Every Italian row of the seed files, the first report of the tenth package included
    # although its correction supersedes it.
    view = queries.make_view(donors=["IT"])
    assert queries.ledger_count(seeded, view) == len(_seed_rows("IT"))
    assert queries.ledger_count(seeded, view) == sum(
        1 for _ in queries.ledger_table(seeded, view).rows
    )


def test_the_ledger_count_honours_an_equipment_filter(seeded):
    view = queries.make_view(equipment="Leopard 2")
    table = queries.ledger_table(seeded, view)
    keys = [c.key for c in table.columns]
    listed = [dict(zip(keys, r, strict=True)) for r in table.rows]
    family = {
        name
        for name, fam in seeded.exec(select(m.EquipmentType.name, m.EquipmentType.family))
        if "leopard 2" in f"{name} {fam}".lower()
    }
    assert listed and all(r["equipment"] in family for r in listed)
    assert queries.ledger_count(seeded, view) == len(listed)
    everything = queries.ledger_count(seeded, queries.make_view())
    assert queries.ledger_count(seeded, view) < everything


def test_warning_counts_beside_balances_follow_the_same_view_as_the_balances(seeded):
    # The UK's two warned deliveries were recorded as reviewed seed entries; a view that a
    # warning's entry is not part of (other donor, earlier date, equipment filter) counts none.
    def counts(**view: object) -> dict[tuple[str, str | None], int]:
        rows = queries.balance_rows(seeded, queries.make_view(**view))
        return {(r["donor"], r["equipment"]): r["warnings"] for r in rows if r["warnings"]}

    assert counts(donors=["GB"]) == {("GB", "metal detector"): 1, ("GB", "bomb-disposal kit"): 1}
    assert counts(donors=["GB"], as_of=date(2022, 12, 29)) == {}
    assert counts(donors=["GB"], equipment="detector") == {("GB", "metal detector"): 1}


def test_a_package_search_for_an_equipment_name_finds_every_package_holding_it(seeded):
    # The packages with an item whose catalogue type is named NASAMS, read from the ORM
    # objects rather than through the search's own SQL.
    types = {t.id: t.name for t in seeded.exec(select(m.EquipmentType))}
    holding = {
        item.package_id
        for item in seeded.exec(select(m.Item))
        if "nasams" in (types.get(item.equipment_type_id) or "").lower()
    }
    view = queries.make_view(include_aggregate_claims=True)
    found = queries.package_table(seeded, view, search="NASAMS").rows
    assert {row["package_id"] for row in found} == holding
    assert {row["donor"] for row in found} == {"US", "LT", "CA"}
    # None of their titles names the system: the items are what the search found.
    assert not any("nasams" in row["package"].lower() for row in found)


def test_a_package_search_still_matches_titles_and_takes_wildcards_literally(seeded):
    view = queries.make_view(donors=["US"])
    titles = [r["package"] for r in queries.package_table(seeded, view, search="pda TRANCHE").rows]
    assert "PDA tranche 2024-12-02" in titles
    assert all("pda tranche" in t.lower() for t in titles)
    assert list(queries.package_table(seeded, view, search="%").rows) == []
