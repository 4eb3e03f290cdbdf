"""Data entry in a real browser: a researcher signs in, records a delivery against a seeded
item, sees the overview's delivered figure change and finds the change in the audit trail.

The app is served from a copy of the seeded database with one editor account, because this
test writes (the shared seeded database is read only).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date

import pytest
from playwright.sync_api import Locator, Page, expect
from sqlmodel import Session, select

from tests.browser.conftest import serving
from tests.browser.streamlit_page import wait_for_app_run
from tests.conftest import copy_with_accounts, draft_delivery
from tracker import db
from tracker.domain import models as m
from tracker.domain.display import format_quantity
from tracker.ledger import View, balances

LOAD_TIMEOUT = 60_000  # ms
EDITOR, REVIEWER, PASSWORD = "olena", "taras", "correct horse battery"
CATEGORY = "infantry fighting vehicle"
PACKAGE = "CZ: Heavy weapons announcement 2022-04-01, 2022-04-01"


@pytest.fixture(scope="module")
def database(seeded_sqlite_url: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A copy of the seeded database with an editor account."""
    target = tmp_path_factory.mktemp("data-entry") / "app.db"
    roles = {EDITOR: "editor", REVIEWER: "reviewer"}
    return copy_with_accounts(seeded_sqlite_url, target, roles, PASSWORD)


@pytest.fixture(scope="module")
def app(database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(database, tmp_path_factory.mktemp("data-entry-app")) as base_url:
        yield base_url


def delivered(url: str) -> str:
    """The overview's delivered figure for the category, computed from the ledger itself."""
    engine = db.make_engine(url)
    with Session(engine) as session:
        [row] = [
            r
            for r in balances(session, View(), group_by=("category",))
            if r.keys["category"] == CATEGORY
        ]
    engine.dispose()
    return format_quantity(row.delivered, row.unit)


def wait_for_text(page: Page, text: str) -> None:
    page.wait_for_function(
        "t => document.body.textContent.includes(t)", arg=text, timeout=LOAD_TIMEOUT
    )


def overview_row(page: Page, base_url: str) -> list[str]:
    """The cells of the category's row in the overview's table (category, pledged, delivered,
    outstanding)."""
    page.goto(f"{base_url}/overview")
    row = page.get_by_test_id("stDataFrame").locator("tr").filter(has_text=CATEGORY).first
    row.wait_for(state="attached", timeout=LOAD_TIMEOUT)
    return [cell.strip() for cell in row.locator("td").all_text_contents()]


def pick(page: Page, label: str, search: str, option: str) -> None:
    """Choose ``option`` in the select box called ``label``, typing ``search`` to find it."""
    box = page.get_by_test_id("stSelectbox").filter(has_text=label)
    box.click()
    box.locator("input").fill(search)
    page.get_by_role("option", name=option).click()
    wait_for_app_run(page, LOAD_TIMEOUT)


def type_into(field: Locator, text: str) -> None:
    field.fill(text)
    field.press("Enter")


def test_a_recorded_delivery_changes_the_overview_and_is_audited(
    page: Page, app: str, database: str, screenshot
) -> None:
    before = delivered(database)
    pledged, shown_before = overview_row(page, app)[1:3]
    assert shown_before == before

    page.goto(f"{app}/enter_event")
    sign_in(page)

    pick(page, "Donor (to narrow the list)", "Czech", "Czechia (CZ)")
    pick(page, "Package", "2022-04-01", PACKAGE)
    pick(page, "Line", "BMP", "BMP-1, counted in vehicle")
    page.get_by_role("spinbutton", name="year, Date of the event").click()
    page.keyboard.type("20220615")
    page.keyboard.press("Tab")
    wait_for_app_run(page, LOAD_TIMEOUT)
    type_into(page.get_by_role("textbox", name="Figure as stated"), "12 vehicles")
    wait_for_text(page, "12 vehicles → 12 vehicles")  # the preview (markdown draws -> as →)
    page.get_by_text("A new source").click()
    wait_for_app_run(page, LOAD_TIMEOUT)
    type_into(
        page.get_by_role("textbox", name="Address (URL)"), "https://example.org/cz-bmp-handover"
    )
    wait_for_app_run(page, LOAD_TIMEOUT)
    type_into(page.get_by_role("textbox", name="Title"), "Czech BMP-1 handover")
    wait_for_app_run(page, LOAD_TIMEOUT)
    screenshot(page, "filled")
    page.get_by_role("button", name="Save event").click()
    wait_for_text(page, "Delivery (arrived) recorded as a draft: 12 vehicles")
    expect(page.get_by_role("button", name="Save event")).to_be_disabled()  # saved once
    screenshot(page, "saved")

    after = delivered(database)
    assert after != before
    assert overview_row(page, app)[1:3] == [pledged, after]
    screenshot(page, "overview")

    page.goto(f"{app}/audit")
    newest = page.get_by_test_id("stDataFrame").locator("tr").filter(has_text=EDITOR).first
    newest.wait_for(state="attached", timeout=LOAD_TIMEOUT)
    cells = [cell.strip() for cell in newest.locator("td").all_text_contents()]
    assert cells[2:5] == [EDITOR, "created", "ledger_entry"]
    after_json = page.get_by_test_id("stJson").nth(1)
    after_json.wait_for(timeout=LOAD_TIMEOUT)
    recorded = after_json.text_content()
    for field, value in (
        ("recorded_by", EDITOR),
        ("event", "delivery"),
        ("quantity", "12"),
        ("review_status", "draft"),
        ("event_date", "2022-06-15"),
    ):
        assert f'"{field}":"{value}"' in recorded.replace(" ", "").replace("\n", ""), field
    screenshot(page, "audit")


def sign_in(page: Page, name: str = EDITOR) -> None:
    """Sign in on the research page open in ``page`` as ``name`` (the test password)."""
    wait_for_text(page, "Sign in to write")
    type_into(page.get_by_role("textbox", name="Account name"), name)
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    wait_for_text(page, f"Signed in as {name}")
    wait_for_app_run(page, LOAD_TIMEOUT)


def upload_csv(page: Page, name: str, body: str) -> None:
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": body.encode("utf-8")}]
    )
    wait_for_app_run(page, LOAD_TIMEOUT)


UPLOAD_HEADER = (
    "entry_id,donor,package,aid_type,item,equipment,event,event_date,quantity,unit,source_url\n"
)


def stored_keys(url: str, keys: list[str]) -> list[str]:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
        marks = ",".join("?" * len(keys))
        found = connection.execute(f"SELECT key FROM ledger_entry WHERE key IN ({marks})", keys)
        return sorted(key for (key,) in found)


def test_a_csv_uploaded_on_the_import_page_is_checked_then_imported(
    page: Page, app: str, database: str, screenshot
) -> None:
    page.goto(f"{app}/import_csv")
    sign_in(page)
    bad = UPLOAD_HEADER + (
        "br-1,PL,Browser tanks,military,PT-91,PT-91 Twardy,pledge,2024-04-02,ten,tank,"
        "https://example.org/pl-browser\n"
    )
    upload_csv(page, "bad.csv", bad)
    wait_for_text(page, "bad.csv: the first rows as read")
    wait_for_app_run(page, LOAD_TIMEOUT)
    page.get_by_role("button", name="Import").click()
    wait_for_text(page, "bad.csv: 1 problem; nothing was imported.")
    screenshot(page, "refused")
    assert stored_keys(database, ["br-1"]) == []

    good = UPLOAD_HEADER + (
        "br-1,PL,Browser tanks,military,PT-91,PT-91 Twardy,pledge,2024-04-02,10,tank,"
        "https://example.org/pl-browser\n"
        "br-2,PL,Browser tanks,military,PT-91,PT-91 Twardy,delivery,2024-05-02,4,tank,"
        "https://example.org/pl-browser\n"
    )
    upload_csv(page, "good.csv", good)
    wait_for_text(page, "good.csv: the first rows as read")  # not the bad file's preview
    wait_for_app_run(page, LOAD_TIMEOUT)
    page.get_by_role("button", name="Import").click()
    wait_for_text(page, "good.csv: 2 entries imported, 0 already in the ledger")
    screenshot(page, "imported")
    assert stored_keys(database, ["br-1", "br-2"]) == ["br-1", "br-2"]


def drafts(url: str, shells: tuple[int, ...]) -> list[int]:
    """Draft deliveries of EU shells (one per figure), recorded as the editor; their ids."""
    engine = db.make_engine(url)
    with Session(engine) as session:
        package = session.exec(
            select(m.Package).where(m.Package.title == "EU one million shells initiative")
        ).one()
        ids = [
            draft_delivery(
                session,
                package,
                shells=count,
                day=date(2024, 6, day),
                stated=f"{count} shells",
                actor=EDITOR,
            ).id
            for day, count in enumerate(shells, start=1)
        ]
        session.commit()
    engine.dispose()
    return ids


def review_statuses(url: str, ids: list[int]) -> list[str]:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
        marks = ",".join("?" * len(ids))
        found = connection.execute(
            f"SELECT review_status FROM ledger_entry WHERE id IN ({marks}) ORDER BY id", ids
        )
        return [status for (status,) in found]


def test_a_reviewer_approves_the_entry_on_the_card_clicked(
    page: Page, app: str, database: str, screenshot
) -> None:
    first, second = drafts(database, (31000, 32000))
    page.goto(f"{app}/review")
    sign_in(page, REVIEWER)
    card = page.locator(f".st-key-review-approve-{second}").get_by_role("button")
    card.wait_for(timeout=LOAD_TIMEOUT)
    screenshot(page, "queue")
    card.click()
    wait_for_text(page, "Approved: European Union")
    wait_for_app_run(page, LOAD_TIMEOUT)
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("32,000")
    expect(page.locator(f".st-key-review-approve-{second}")).to_have_count(0)
    assert review_statuses(database, [first, second]) == ["draft", "reviewed"]
    page.locator(f".st-key-review-approve-{first}").get_by_role("button").click()
    wait_for_app_run(page, LOAD_TIMEOUT)
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("31,000")
    screenshot(page, "approved")
    assert review_statuses(database, [first, second]) == ["reviewed", "reviewed"]


def test_one_sentence_on_the_record_page_becomes_package_line_entry_and_source(
    page: Page, app: str, database: str, screenshot
) -> None:
    page.goto(f"{app}/record")
    sign_in(page)
    pick(page, "Donor", "Norw", "Norway (NO)")
    page.get_by_role("spinbutton", name="year, Date").click()
    page.keyboard.type("20240514")
    page.keyboard.press("Tab")
    wait_for_app_run(page, LOAD_TIMEOUT)
    box = page.get_by_test_id("stSelectbox").filter(has_text="What was given")
    box.click()
    box.locator("input").fill("NASAMS")
    page.get_by_role("option", name="NASAMS", exact=True).click()
    wait_for_app_run(page, LOAD_TIMEOUT)
    type_into(page.get_by_role("textbox", name="Quantity", exact=True), "two systems")
    wait_for_app_run(page, LOAD_TIMEOUT)
    type_into(page.get_by_role("textbox", name="Value (optional)"), "NOK 1.5 billion")
    wait_for_app_run(page, LOAD_TIMEOUT)
    type_into(page.get_by_role("textbox", name="Title of the new package"), "Browser NASAMS")
    wait_for_app_run(page, LOAD_TIMEOUT)
    page.get_by_text("A new source").click()
    wait_for_app_run(page, LOAD_TIMEOUT)
    type_into(page.get_by_role("textbox", name="Address (URL)"), "https://example.org/no-nasams")
    wait_for_app_run(page, LOAD_TIMEOUT)
    wait_for_text(page, "Will record a draft Pledge (promised) of 2\u00a0systems, worth")
    screenshot(page, "record-filled")
    page.get_by_role("button", name="Save", exact=True).click()
    wait_for_text(page, "Pledge (promised) recorded as a draft: two systems; NOK 1.5 billion")
    screenshot(page, "record-saved")
    with sqlite3.connect(database.removeprefix("sqlite:///")) as connection:
        rows = connection.execute(
            "SELECT i.label, e.quantity, e.amount, e.currency, s.url FROM ledger_entry e "
            "JOIN package p ON p.id = e.package_id JOIN item i ON i.id = e.item_id "
            "JOIN source s ON s.id = e.source_id WHERE p.title = 'Browser NASAMS'"
        ).fetchall()
    assert [(label, currency, url) for label, _q, _a, currency, url in rows] == [
        ("NASAMS", "NOK", "https://example.org/no-nasams")
    ]
