"""The overview answers "who promised what, how much has arrived, and since when" from the
seeded ledger: money totals in the base currency, undisclosed packages counted, the EU shells
by category, running totals, and the open reconciliation warnings."""

from tests.dashboards.apptest import chart_specs, links, metrics, row_where, table_with, texts


def test_headline_counts_every_undisclosed_package_once(open_page):
    at = open_page("overview.py")
    # Italy's ten secret packages (the tenth's correction replaces its first report, so it
    # counts once), the US tranche of 2024-12-02 whose four items have no quantities, and
    # the IFU package whose two items have none.
    assert metrics(at)["Undisclosed packages"] == "12"
    donors = table_with(at, "Undisclosed packages")
    assert row_where(donors, "Donor name", "Italy")["Undisclosed packages"] == "10"
    assert row_where(donors, "Donor name", "United States")["Undisclosed packages"] == "1"


def test_the_eu_shells_appear_under_artillery_ammunition_with_their_delivery_share(open_page):
    at = open_page("overview.py", as_of="2023-12-01")
    shells = table_with(at, "Category")
    row = shells[
        (shells["Category"] == "artillery ammunition") & shells["Pledged"].str.endswith("shells")
    ].iloc[0]
    assert row["Pledged"] == "1,000,000\u00a0shells"
    assert row["Delivered"] == "300,000\u00a0shells"
    assert row["Delivered share"] == "30.0%"


def test_in_german_the_million_shells_are_written_with_dots(open_page):
    at = open_page("overview.py", locale="de")
    shells = table_with(at, "Kategorie")
    assert "1.000.000\u00a0Granaten" in shells["Zugesagt"].tolist()
    donors = table_with(at, "Zugesagt, Wert (EUR)")
    assert row_where(donors, "Name des Gebers", "Vereinigte Staaten")[
        "Zugesagt, Wert (EUR)"
    ].endswith("\u00a0€")


def test_money_totals_are_in_the_chosen_base_currency(open_page):
    at = open_page("overview.py", currency="USD")
    donors = table_with(at, "Pledged value (USD)")
    # The US tranches are stated in USD, so in a USD view they are their exact sum: PDA
    # $34,025m + USAI $33,208m + FMF $1,730m (seed_data/README.md).
    assert row_where(donors, "Donor name", "United States")["Pledged value (USD)"] == (
        "$68,963,000,000.00"
    )
    assert metrics(at)["Pledged"].startswith("$")


def test_charts_have_titles_units_and_the_readers_locale(open_page):
    at = open_page("overview.py", locale="fr")
    specs = chart_specs(at)
    titles = [spec["title"]["text"] for spec in specs]
    assert "Valeur promise et livrée, total cumulé par mois" in titles
    running = specs[titles.index("Valeur promise et livrée, total cumulé par mois")]
    assert running["encoding"]["y"]["title"] == "Total cumulé (Md\u00a0€)"
    assert running["config"]["locale"]["number"]["decimal"] == ","
    for spec in specs:
        axis = spec["encoding"]["x"]
        assert axis.get("title") or spec["encoding"]["y"].get("title")


def test_the_open_warnings_are_listed_with_their_entries(open_page):
    at = open_page("overview.py")
    warnings = table_with(at, "What was found")
    assert sorted(warnings["Entry"]) == [
        "art-gb-2022-12-30-bomb-disposal-kits",
        "art-gb-2022-12-30-metal-detectors",
        "art-umo-swiss-made-rounds",
    ]
    assert set(warnings["Warning"]) == {"delivery before any pledge"}


def test_the_totals_link_to_the_ledger_with_the_same_view(open_page):
    at = open_page("overview.py", aid_type="military", as_of="2024-01-31")
    target, label, params = links(at)[0]
    assert target == "ledger" and "entries behind" in label
    assert params == {
        "currency": "EUR",
        "locale": "en",
        "as_of": "2024-01-31",
        "aid_type": "military",
    }
    assert "as known on Jan 31, 2024" in texts(at)


def test_the_donor_table_counts_in_kind_deliveries_in_the_share_by_value(open_page):
    at = open_page("overview.py", as_of="2023-12-01")
    donors = table_with(at, "Donor name")
    eu = row_where(donors, "Donor name", "European Union")
    # The shells were pledged and delivered in numbers, never in money: the reported columns
    # stay at zero, the estimates (EUR 5,000 a shell) carry the value.
    assert eu["Delivered value (EUR)"] == "€0.00"
    assert eu["Allocated, estimated value (EUR)"] == "€1,500,000,000.00"
    assert eu["Delivered, estimated value (EUR)"] == "€1,500,000,000.00"
    assert eu["Outstanding value, estimates included (EUR)"] == "€3,500,000,000.00"
    assert eu["Delivered share by value (estimates included)"] == "30.0%"
    assert metrics(at)["Delivered"] == "€3B"
