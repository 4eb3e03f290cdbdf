"""Moving between pages in a real browser: the overview answers at /overview as well as at /,
and a filter chosen on a page is still chosen when the reader comes back to it through the
menu (which clears the query string)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Page, expect

from tests.browser.streamlit_page import open_app, wait_for_app_run

LOAD_TIMEOUT = 60_000  # ms: the first run of a page warms the caches


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_the_overview_opens_at_its_own_path(page: Page, served_app: str, screenshot) -> None:
    open_app(page, f"{served_app}/overview", LOAD_TIMEOUT)
    expect(page.get_by_role("heading", name="Pledged versus delivered")).to_be_visible()
    expect(page.get_by_text("Page not found")).to_have_count(0)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    screenshot(page, "overview-path")


def test_the_overview_aid_type_survives_a_visit_to_the_donors_page(
    page: Page, served_app: str, screenshot
) -> None:
    open_app(page, f"{served_app}/", LOAD_TIMEOUT)
    page.get_by_role("combobox", name="Aid type").click()
    page.get_by_role("option", name="military", exact=True).click()
    page.wait_for_url(lambda url: _query(url).get("aid_type") == ["military"], timeout=LOAD_TIMEOUT)
    wait_for_app_run(page, LOAD_TIMEOUT)

    nav = page.get_by_test_id("stSidebarNav")
    nav.get_by_role("link", name="Donors").click()
    page.wait_for_url(lambda url: urlsplit(url).path.endswith("/donors"), timeout=LOAD_TIMEOUT)
    wait_for_app_run(page, LOAD_TIMEOUT)
    assert "aid_type" not in _query(page.url)

    nav.get_by_role("link", name="Overview").click()
    page.wait_for_url(lambda url: _query(url).get("aid_type") == ["military"], timeout=LOAD_TIMEOUT)
    wait_for_app_run(page, LOAD_TIMEOUT)
    expect(page.get_by_role("combobox", name="Aid type")).to_have_value("military")
    screenshot(page, "overview-filter-kept")
