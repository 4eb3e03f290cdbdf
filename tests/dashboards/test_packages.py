"""The packages page: a searchable, sortable list, and ``?package=ID`` for one package with its
items, declared value or undisclosed state, secrecy, and every ledger entry with its source."""

from tests.dashboards.apptest import links, row_where, table_with, texts


def test_searching_finds_the_us_package_of_2_december_2024(open_page):
    at = open_page("packages.py", q="PDA tranche 2024-12-02", currency="USD")
    packages = table_with(at, "Package")
    assert packages["Package"].tolist() == ["PDA tranche 2024-12-02"]
    assert packages["Pledged value (USD)"].tolist() == ["$725,000,000.00"]
    assert at.text_input[0].value == "PDA tranche 2024-12-02"


def test_the_list_sorts_by_the_chosen_column(open_page):
    at = open_page("packages.py", donor="US", sort="-pledged_value", currency="USD")
    values = table_with(at, "Pledged value (USD)")["Pledged value (USD)"].tolist()
    amounts = [float(v.strip("$").replace(",", "")) for v in values]
    assert amounts == sorted(amounts, reverse=True) and len(amounts) > 50


def test_each_sort_order_is_named_in_words_that_fit_its_column(open_page):
    at = open_page("packages.py", donor="US")
    sort = next(box for box in at.selectbox if box.label == "Sort by")
    assert sort.value == "-package_date"
    assert sort.format_func(sort.value) == "Date, newest first"
    assert sort.format_func("donor") == "Donor, A to Z"
    assert sort.format_func("-pledged_value") == "Pledged value, largest first"


def test_the_list_links_each_package_to_its_page(open_page, package_id):
    at = open_page("packages.py", q="10th military aid package")
    link = table_with(at, "Details")["Details"].tolist()
    assert link == [
        f"packages?currency=EUR&locale=en&package={package_id('IT', '10th military aid package')}"
    ]


def test_the_us_package_declares_725_million_dollars(open_page, package_id):
    at = open_page("packages.py", package=str(package_id("US", "PDA tranche 2024-12-02")))
    assert at.title[0].value == "PDA tranche 2024-12-02"
    assert "**\\$725,000,000.00** as stated on Dec 2, 2024" in texts(at)  # $ is not LaTeX
    items = table_with(at, "Equipment")
    stinger = row_where(items, "Equipment", "Stinger missile")
    assert stinger["Pledged"] == "undisclosed"
    entries = table_with(at, "Entry")
    assert "us-pda-2024-12-02" in entries["Entry"].tolist()
    assert links(at)[0][0] == "packages"  # back to the list


def test_italys_tenth_package_is_undisclosed_with_both_reports_listed(open_page, package_id):
    at = open_page("packages.py", package=str(package_id("IT", "10th military aid package")))
    text = texts(at)
    assert "**undisclosed**: the value of this package is not public" in text
    assert "**Secrecy:** contents and value undisclosed" in text
    entries = table_with(at, "Entry")
    assert entries["Entry"].tolist() == ["art-it-package-10-expected", "art-it-package-10-approved"]
    assert entries["Corrects"].tolist() == ["", "art-it-package-10-expected"]


def test_the_nato_statement_is_marked_as_an_aggregate_claim(open_page, package_id):
    at = open_page("packages.py", package=str(package_id("NATO", "Leopard 2 coalition statement")))
    assert "initiative-wide statement" in texts(at)
    items = table_with(at, "Equipment")
    assert row_where(items, "Equipment", "Leopard 2")["Pledged"] == "48\u00a0tanks"


def test_a_link_to_a_missing_package_warns_and_shows_the_list(open_page):
    at = open_page("packages.py", package="999999")
    assert [w.value for w in at.warning] == [
        "The link's package=999999 is not a package in the database; showing all packages."
    ]
    assert at.title[0].value == "Packages"
    assert "package" not in at.query_params


def test_a_malformed_package_number_warns_and_shows_the_list(open_page):
    at = open_page("packages.py", package="ten")
    assert "package='ten' is not a package number" in at.warning[0].value
    assert at.title[0].value == "Packages"


def test_searching_an_equipment_name_lists_the_packages_holding_it(open_page):
    # No package title names NASAMS; the search finds them through their items.
    at = open_page("packages.py", q="NASAMS")
    packages = table_with(at, "Package")
    assert sorted(packages["Donor"]) == ["CA", "LT", "US"]
    assert all("Heavy weapons announcement" in title for title in packages["Package"])
    assert "3 packages" in texts(at)
