"""The equipment page: pledged versus delivered by category, family and donor, never adding
different counting units, and an initiative's own claim beside its members' pledges."""

from tests.dashboards.apptest import chart_data, chart_specs, metrics, row_where, table_with, texts


def test_the_leopard_2_claims_are_shown_side_by_side(open_page):
    at = open_page("equipment.py", equipment="Leopard 2")
    # NATO's statement of 48 tanks (art-leopard2-coalition-48) and the members' own pledges
    # tagged LEOPARD2-COALITION in the heavy-weapons list: 61 tanks.
    claims = {k: v for k, v in metrics(at).items() if k.startswith("Claimed by")}
    assert claims == {
        "Claimed by NATO": "48\u00a0tanks",
        "Claimed by CA, DE, ES, NO, PL, PT": "61\u00a0tanks",
    }
    sources = [m.value for m in at.markdown if m.value.startswith("- ")]
    assert "- NATO countries pledge 48 Leopard 2 tanks for Kyiv, boost munitions output" in sources
    assert any("bundesregierung.de" in s for s in sources)


def test_the_leopard_2_family_per_donor_uses_the_members_own_figures(open_page):
    at = open_page("equipment.py", equipment="Leopard 2")
    per_donor = table_with(at, "Donor name")
    assert "NATO" not in per_donor["Donor name"].tolist()  # the statement is never added
    spec = chart_specs(at)[0]
    assert spec["encoding"]["x"]["title"] == "Quantity (tanks)"
    assert spec["title"]["text"] == "Leopard 2: pledged versus delivered per donor"
    pledged = chart_data(at)[0]
    pledged = pledged[pledged["measure"] == "Pledged"]
    assert pledged["value"].sum() == sum(
        float(v.split("\u00a0")[0].replace(",", "")) for v in per_donor["Pledged"]
    )


def test_artillery_ammunition_as_of_1_december_2023(open_page):
    at = open_page("equipment.py", category="artillery ammunition", as_of="2023-12-01")
    headline = metrics(at)
    assert headline["Pledged (shells)"] == "1,000,000\u00a0shells"
    assert headline["Delivered (shells)"] == "300,000\u00a0shells"
    per_donor = table_with(at, "Donor name")
    eu = row_where(per_donor, "Donor name", "European Union")
    assert (eu["Pledged"], eu["Delivered"], eu["Delivered share"]) == (
        "1,000,000\u00a0shells",
        "300,000\u00a0shells",
        "30.0%",
    )


def test_quantities_in_different_units_stay_on_separate_rows(open_page):
    at = open_page("equipment.py", category="armoured vehicle")
    summary = table_with(at, "Family")
    units = {cell.split("\u00a0")[-1] for cell in summary["Pledged"]}
    assert units == {"tanks", "vehicles"}


def test_an_unknown_category_in_a_link_is_ignored_with_a_message(open_page):
    at = open_page("equipment.py", category="spaceships")
    assert [w.value for w in at.warning] == [
        "The link's category='spaceships' is not a known category; filter ignored."
    ]
    assert at.selectbox(key="equipment:category").value == ""  # "All"


def test_delivered_shells_are_valued_at_the_catalogue_price_and_labelled_as_estimates(open_page):
    at = open_page("equipment.py", category="artillery ammunition", as_of="2023-12-01")
    # 300,000 of the EU's 1,000,000 shells had arrived; the seed catalogue prices a 155mm
    # shell at EUR 5,000 (2024), so EUR 1.5bn of the EUR 5bn pledge is delivered.
    headline = metrics(at)
    assert (headline["Pledged"], headline["Allocated"], headline["Delivered"]) == (
        "€5B",
        "€1.5B",
        "€1.5B",
    )
    assert headline["Outstanding"] == "€3.5B"
    assert headline["Delivered share"] == "30.0%"
    assert "155mm artillery shell €5,000.00 per shell (2024)" in texts(at)
    summary = table_with(at, "Family")
    shells = row_where(summary, "Family", "155mm artillery ammunition")
    assert shells["Allocated"] == "300,000\u00a0shells"
    assert shells["Delivered value (EUR)"] == "€0.00"  # no money was reported for them
    assert shells["Delivered, estimated value (EUR)"] == "€1,500,000,000.00"
    assert shells["Delivered share by value (estimates included)"] == "30.0%"
