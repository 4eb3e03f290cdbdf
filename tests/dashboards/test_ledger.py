"""The ledger page: every entry behind a figure, with its source, opened from any page with
the figure's filters; the entries add up to the figure."""

import re
from decimal import Decimal
from urllib.parse import parse_qsl, urlsplit

from tests.dashboards.apptest import links, row_where, table_with, texts
from tracker.domain.display import format_compact_money
from tracker.domain.money import Money


def test_the_entries_behind_the_eu_shells_as_of_1_december_2023(open_page):
    at = open_page("ledger.py", donor="EU", as_of="2023-12-01")
    entries = table_with(at, "Entry")
    assert entries["Entry"].tolist() == [
        "art-eu-1m-shells-pledge",
        "art-eu-1m-shells-delivered-2023-11-29",
        "dlv-eu-shells-2023-08-11",
    ]
    assert entries["Quantity"].tolist() == [
        "1,000,000\u00a0shells",
        "≈\u00a0300,000\u00a0shells",
        "≈\u00a0223,800\u00a0shells",
    ]
    assert entries["Running total"].tolist() == ["", "yes", "yes"]
    assert "3 entries." in texts(at)


def test_every_entry_links_to_its_source(open_page):
    at = open_page("ledger.py", donor="US")
    entries = table_with(at, "Link")
    pda = entries[entries["Entry"] == "us-pda-2024-12-02"].iloc[0]
    assert pda["Link"].startswith("https://www.defense.gov/")
    assert pda["Amount"] == "$725,000,000.00"


def test_a_link_from_a_package_page_shows_that_packages_entries(open_page, package_id):
    tenth = package_id("IT", "10th military aid package")
    package_page = open_page("packages.py", package=str(tenth))
    _, _, params = next(link for link in links(package_page) if link[0] == "ledger")
    assert params["package"] == str(tenth) and params["claims"] == "true"
    at = open_page("ledger.py", **params)
    assert table_with(at, "Entry")["Entry"].tolist() == [
        "art-it-package-10-expected",
        "art-it-package-10-approved",
    ]


def test_the_overview_link_reproduces_the_overview_totals(open_page):
    overview = open_page("overview.py", currency="USD")
    _, _, params = links(overview)[0]
    at = open_page("ledger.py", **params)
    headline = next(m.value for m in overview.metric if m.label == "Pledged")
    summary = next(m.value for m in at.markdown if "add up to" in m.value)
    # The overview shows the compact form, the ledger the full one ($ escaped: not LaTeX);
    # both add the in-kind estimate to the reported money (the US tranches, $68,963m, and the
    # IFU's initial package, more than $241m).
    full = re.search(r"add up to pledged \\\$([\d,.]+) and", summary).group(1)
    assert format_compact_money(Money(Decimal(full.replace(",", "")), "USD"), "en") == headline
    assert "(\\$69,204,000,000.00 pledged" in summary


def test_bad_package_numbers_in_a_link_are_named_and_left_out(open_page):
    at = open_page("ledger.py", package="x,0")
    assert "package='x,0' has x, 0" in at.warning[0].value
    assert "package" not in at.query_params
    everything = open_page("ledger.py")
    count = next(m.value for m in everything.markdown if "entries" in m.value).split(".")[0]
    assert count in texts(at)


def test_a_donor_row_links_to_exactly_the_entries_it_counts(open_page):
    overview = open_page("overview.py", currency="USD")
    donors = table_with(overview, "Entries behind")
    us = row_where(donors, "Donor name", "United States")
    params = dict(parse_qsl(urlsplit(us["Entries behind"]).query))
    assert urlsplit(us["Entries behind"]).path == "ledger" and params["donor"] == "US"
    at = open_page("ledger.py", **params)
    # No US entry is superseded, so the ledger lists exactly the entries the row counts.
    assert f"{us['Entries']} entries." in texts(at)
    summary = next(m.value for m in at.markdown if "add up to" in m.value)
    pledged = us["Pledged value (USD)"].replace("$", "\\$")  # Markdown-escaped on the page
    assert f"({pledged} pledged" in summary


def test_each_amount_is_shown_in_the_base_currency_with_its_rate_date(open_page):
    at = open_page("ledger.py", donor="US", currency="EUR")
    entries = table_with(at, "Entry")
    pda = row_where(entries, "Entry", "us-pda-2024-12-02")
    assert pda["Amount"] == "$725,000,000.00"
    assert pda["Converted value"].startswith("€") and pda["Rate date"] == "Dec 2, 2024"
    assert pda["Rate source"] == "ECB"
    assert row_where(entries, "Entry", "us-pda-2024-12-02")["Conversion note"] == ""
