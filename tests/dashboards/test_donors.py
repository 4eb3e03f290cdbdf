"""The donors page: several donors side by side with totals, share of GDP, packages, delivery
rate, timeline and sources; a link naming an unknown donor falls back to every donor."""

from streamlit.testing.v1 import AppTest

from tests.dashboards.apptest import chart_data, chart_specs, metrics, row_where, table_with, texts
from tests.dashboards.conftest import DASHBOARDS, RUN_TIMEOUT, page_file
from tracker.db import make_engine, session_scope
from tracker.io.kiel import Release
from tracker.services.kiel_import import import_kiel


def test_a_copied_link_with_donors_shows_them_side_by_side(open_page):
    at = open_page("donors.py", donor="US,DE")
    assert [s.value for s in at.subheader][:2] == ["United States (US)", "Germany (DE)"]
    assert at.multiselect[0].value == ["US", "DE"]
    assert at.query_params["donor"] == "US,DE"
    packages = table_with(at, "Package")
    assert "PDA tranche 2024-12-02" in packages["Package"].tolist()
    assert set(packages["Donor"]) == {"US", "DE"}


def test_the_us_share_of_gdp_names_the_gdp_year_and_source(open_page):
    at = open_page("donors.py", donor="US")
    # $68,963m of tranches over the reference GDP of 2022, $25,400bn (World Bank WDI).
    assert metrics(at)["Pledged, share of GDP"] == "0.27%"
    assert "Of 2022 GDP" in texts(at) and "World Bank" in texts(at)


def test_the_eu_shells_as_known_on_1_december_2023(open_page):
    at = open_page("donors.py", donor="EU", as_of="2023-12-01")
    balance = table_with(at, "Equipment")
    shells = row_where(balance, "Equipment", "155mm artillery shell")
    assert shells["Pledged"] == "1,000,000\u00a0shells"
    assert shells["Delivered"] == "300,000\u00a0shells"
    assert shells["Outstanding"] == "700,000\u00a0shells"
    sources = table_with(at, "Entries citing it")
    assert "Live blog: Russia claims capture of village in Ukraine's Donetsk region" in (
        sources["Source"].tolist()
    )


def test_italys_secret_packages_are_counted_not_valued(open_page):
    at = open_page("donors.py", donor="IT")
    assert "Undisclosed packages: 10" in texts(at)
    packages = table_with(at, "Undisclosed figures")
    tenth = row_where(packages, "Package", "10th military aid package")
    assert (
        tenth["Secrecy"] == "contents and value undisclosed"
        and tenth["Undisclosed figures"] == "yes"
    )


def test_the_timeline_compares_the_donors(open_page):
    at = open_page("donors.py", donor="US,IFU", currency="USD")
    titles = [spec["title"]["text"] for spec in chart_specs(at)]
    timeline = titles.index("Running totals of reported value, by donor")
    assert chart_specs(at)[timeline]["encoding"]["y"]["title"] == "Running total ($B)"
    data = chart_data(at)[timeline]
    assert set(data["series"]) == {"United States", "International Fund for Ukraine"}
    # The last running total of the US line is the sum of its tranches, in $bn.
    us = data[(data["series"] == "United States") & (data["measure"] == "Pledged")]
    assert us["value"].iloc[-1] == 68.963


def test_a_link_with_an_unknown_donor_warns_and_shows_every_donor(open_page):
    at = open_page("donors.py", donor="XX")
    assert [w.value for w in at.warning] == [
        "The link's donor='XX' names XX, which the database does not know; showing all."
    ]
    assert at.multiselect[0].value == []
    assert "donor" not in at.query_params
    everyone = table_with(at, "Donor")
    assert "United States (US)" in everyone["Donor"].tolist()


def test_the_donors_page_sets_the_teams_figures_beside_kiels(writable_url, tmp_path):
    kiel = tmp_path / "kiel.csv"
    kiel.write_text(
        "giver,dato,kategori,maal,verdi_eur,verdi_eur_redistr,verdi_eur_activity,maaned_nr\n"
        "United States,2023-01-10,Military,Allocation,1000000000.0,0,1000000000.0,13\n",
        encoding="utf-8",
    )
    engine = make_engine(writable_url)
    with session_scope(engine) as session:
        import_kiel(session, kiel, release=Release(28), actor="test")
    engine.dispose()
    at = AppTest.from_file(str(DASHBOARDS / "app.py"), default_timeout=RUN_TIMEOUT)
    at.switch_page(page_file("donors.py")).run()
    table = table_with(at, "Allocated, Kiel (EUR)")
    us = row_where(table, "Donor", "United States (US)")
    assert us["Allocated, Kiel (EUR)"] == "€1,000,000,000.00"
    assert us["Pledged, own (EUR)"].startswith("€")
    own = us["Allocated, own (EUR)"].removeprefix("€").replace(",", "")
    gap = float(own) - 1_000_000_000
    assert us["Own minus Kiel (EUR)"] == ("-€" if gap < 0 else "€") + f"{abs(gap):,.2f}"
