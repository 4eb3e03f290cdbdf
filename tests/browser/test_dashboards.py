"""The dashboards in a real browser: `tracker serve` on the seeded database, driven by headless
Chromium. Each page shows the figures the seed data fixes, the locale switch rewrites them,
a copied link reproduces a donor filter, a bad link falls back with a message, and the app
asks nothing of any other machine.

Tables are drawn on a canvas; their cells are also in the page as an accessible (hidden)
grid, so figures are read from the page's text content, which includes them and the charts'
axis labels. Screenshots of every view go to the artifacts folder.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect
from sqlmodel import Session

from tracker import db, ledger, queries
from tracker.domain import models as m
from tracker.domain.display import format_compact_money, format_money
from tracker.domain.money import Money

LOAD_TIMEOUT = 60_000  # ms for a page's script to finish (the first one warms the caches)
NBSP = "\u00a0"


@pytest.fixture(scope="module")
def package_ids(seeded_sqlite_url: str) -> dict[str, int]:
    """Package title -> id in the served database, as a link to its page carries it."""
    engine = db.make_engine(seeded_sqlite_url)
    P = m.Package.__table__
    with engine.connect() as conn:
        found = {title: id_ for title, id_ in conn.execute(sa.select(P.c.title, P.c.id))}
    engine.dispose()
    return found


def page_text(page: Page) -> str:
    """Everything the page holds as text: visible text, table cells, chart labels."""
    return page.evaluate("() => document.body.textContent")


def open_view(page: Page, url: str, *expected: str) -> str:
    """Open ``url`` and wait until the page holds every ``expected`` text; returns the text."""
    page.goto(url)
    page.wait_for_function(
        "texts => texts.every(t => document.body.textContent.includes(t))",
        arg=list(expected),
        timeout=LOAD_TIMEOUT,
    )
    return page_text(page)


def show_whole_page(page: Page) -> None:
    """A tall window, so a screenshot shows the page below the fold too."""
    page.set_viewport_size({"width": 1280, "height": 2600})
    page.wait_for_timeout(800)  # let the charts re-fit the new size


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


VIEWS = [
    # (name, path and query, texts the seed data fixes)
    ("overview", "/", ["Undisclosed packages", f"1,000,000{NBSP}shells", "12"]),
    (
        "donors-eu-december-2023",
        "/donors?donor=EU&as_of=2023-12-01",
        ["European Union (EU)", f"1,000,000{NBSP}shells", f"300,000{NBSP}shells"],
    ),
    (
        "equipment-leopard-2",
        "/equipment?equipment=Leopard%202",
        ["Claimed by NATO", f"48{NBSP}tanks", f"61{NBSP}tanks"],
    ),
    (
        "ledger-eu-december-2023",
        "/ledger?donor=EU&as_of=2023-12-01",
        ["3 entries", f"≈{NBSP}223,800{NBSP}shells", "art-eu-1m-shells-delivered-2023-11-29"],
    ),
]


@pytest.mark.parametrize(("name", "path", "texts"), VIEWS, ids=[v[0] for v in VIEWS])
def test_each_page_shows_the_figures_the_seed_data_fixes(
    page: Page, served_app: str, screenshot, name: str, path: str, texts: list[str]
):
    open_view(page, served_app + path, *texts)
    show_whole_page(page)
    screenshot(page, name)


# Package pages: (screenshot name, package title, what the page must show): the US package
# with its $725 million as stated, Italy's tenth with its value undisclosed.
PACKAGE_PAGES = [
    (
        "package-us-2024-12-02",
        "PDA tranche 2024-12-02",
        ["$725,000,000.00 as stated on", "Stinger missile", "us-pda-2024-12-02"],
    ),
    (
        "package-it-10th",
        "10th military aid package",
        [
            "the value of this package is not public",
            "contents and value undisclosed",
            "art-it-package-10-expected",
            "art-it-package-10-approved",
        ],
    ),
]


@pytest.mark.parametrize(
    ("name", "title", "texts"), PACKAGE_PAGES, ids=[p[0] for p in PACKAGE_PAGES]
)
def test_a_package_page_shows_its_value_or_that_it_is_undisclosed(
    page: Page,
    served_app: str,
    screenshot,
    package_ids: dict[str, int],
    name: str,
    title: str,
    texts: list[str],
):
    open_view(page, f"{served_app}/packages?package={package_ids[title]}", title, *texts)
    show_whole_page(page)
    screenshot(page, name)


def test_switching_the_locale_to_german_writes_one_million_with_dots(
    page: Page, served_app: str, screenshot
):
    open_view(page, f"{served_app}/", f"1,000,000{NBSP}shells", "Open reconciliation")
    page.get_by_role("combobox", name="Language").click()
    page.get_by_role("option", name="Deutsch (de)").click()
    page.wait_for_url(lambda url: query(url).get("locale") == ["de"], timeout=LOAD_TIMEOUT)
    page.wait_for_function(
        "t => document.body.textContent.includes(t)",
        arg=f"1.000.000{NBSP}Granaten",
        timeout=LOAD_TIMEOUT,
    )
    text = page_text(page)
    assert f"1,000,000{NBSP}shells" not in text
    assert "Zugesagt, Wert (EUR)" in text
    screenshot(page, "overview-de")


def test_a_copied_url_with_a_donor_filter_reproduces_the_filter(
    page: Page, served_app: str, browser, screenshot
):
    open_view(page, f"{served_app}/donors", "Donors to compare")
    picker = page.get_by_role("combobox", name="Donors to compare")
    picker.click()
    picker.press_sequentially("Germ")  # the list is long; typing narrows it, as a reader would
    page.get_by_role("option", name="Germany (DE)").click()
    page.wait_for_url(lambda url: query(url).get("donor") == ["DE"], timeout=LOAD_TIMEOUT)
    copied = page.url
    # A colleague opens the link in a browser of their own (no shared session or storage).
    colleague = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        other = colleague.new_page()
        open_view(other, copied, "Germany (DE)", "Pledged, share of GDP", "Sources")
        chosen = other.get_by_test_id("stMultiSelect").get_by_text("Germany (DE)")
        # The chip is drawn after the page's first paint; wait for it rather than sample once.
        expect(chosen).to_be_visible(timeout=LOAD_TIMEOUT)
        headings = other.get_by_test_id("stHeading").all_text_contents()
        assert "Germany (DE)" in headings and "United States (US)" not in headings
        assert query(other.url)["donor"] == ["DE"]
        screenshot(other, "donors-copied-link")
    finally:
        colleague.close()


def test_a_bad_link_shows_messages_and_the_default_view(page: Page, served_app: str, screenshot):
    open_view(
        page,
        f"{served_app}/donors?donor=XX&as_of=2023-13-01&locale=xx",
        "names XX, which the database does not know",
        "is not a date written YYYY-MM-DD",
        "locale='xx' is not supported",
        "Choose one or several donors",
    )
    params = query(page.url)
    assert params["locale"] == ["en"] and "donor" not in params and "as_of" not in params
    screenshot(page, "bad-link")


def test_a_figure_links_to_the_entries_behind_it(page: Page, served_app: str):
    open_view(page, f"{served_app}/?as_of=2023-12-01", "See the entries behind these totals")
    page.get_by_text("See the entries behind these totals").click()
    page.wait_for_url("**/ledger?**", timeout=LOAD_TIMEOUT)
    assert query(page.url)["as_of"] == ["2023-12-01"]
    page.wait_for_function(
        "t => document.body.textContent.includes(t)",
        arg="art-eu-1m-shells-delivered-2023-11-29",
        timeout=LOAD_TIMEOUT,
    )
    assert "These entries add up to pledged €" in page_text(page)
    assert "plus in-kind aid at catalogue reference prices (estimates)" in page_text(page)


def test_the_app_asks_nothing_of_other_machines(page: Page, served_app: str, package_ids):
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    for path, text in [
        ("/?locale=uk", "Обіцяно"),
        ("/donors?donor=US,IT", "Sources"),
        (f"/packages?package={package_ids['IFU initial package']}", "Every ledger entry"),
        ("/equipment?category=main%20battle%20tank", "Per donor"),
        ("/ledger", "Ledger entries"),
    ]:
        open_view(page, served_app + path, text)
    elsewhere = sorted({url for url in asked if not url.startswith((served_app, "data:", "blob:"))})
    assert asked and elsewhere == []


def test_the_overview_shows_delivered_value_with_its_estimate_basis(
    page: Page, served_app: str, seeded_sqlite_url: str, screenshot
):
    # The seed's deliveries in kind (the EU's shells, Leopard 2, IRIS-T, PzH 2000...) valued at
    # the catalogue's reference prices: what the page must say, computed from the database.
    engine = db.make_engine(seeded_sqlite_url)
    with Session(engine) as session:
        (total,) = ledger.totals_in_currency(session, ledger.View())
        top = queries.price_basis(session, ledger.View())[0]
    engine.dispose()
    assert total.delivered_estimated_value > 1_000_000_000
    estimated = format_money(Money(total.delivered_estimated_value, "EUR"), "en")
    price = format_money(Money(top.price, top.currency), "en")
    text = open_view(page, served_app + "/", "estimated for deliveries in kind")
    assert f"{estimated} estimated for deliveries in kind" in text
    assert f"{top.equipment} {price} per {top.unit} ({top.year})" in text
    # The card labelled exactly "Delivered", not "Delivered share" (a substring match could
    # pick either, depending on which rendered first).
    label = page.get_by_test_id("stMetricLabel").get_by_text("Delivered", exact=True)
    delivered = page.get_by_test_id("stMetric").filter(has=label)
    shown = format_compact_money(Money(total.delivered_total_value, "EUR"), "en")
    expect(delivered.get_by_test_id("stMetricValue")).to_have_text(shown)
    screenshot(page, "overview-delivered-value")
