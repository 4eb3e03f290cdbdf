"""The download buttons under a table: the files hold exactly the rows the page shows."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import UTC, datetime

import pandas as pd
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from dashboards.widgets import exports_ui
from tests.dashboards.conftest import RUN_TIMEOUT
from tracker import db, queries


def test_both_downloads_hold_exactly_the_rows_shown(app_url):
    engine = db.make_engine(app_url)
    view = queries.make_view(donors=["US"])
    with Session(engine) as session:
        table = queries.package_table(session, view, currency="EUR")
        shown = list(table.rows)[5:12]  # a page of the table, as a page would show it
    data, briefing = exports_ui.downloads(
        engine, shown, table.columns, view=view, currency="EUR", locale="fr", name="packages"
    )
    today = datetime.now(UTC).date().isoformat()
    assert data.file_name == f"packages-{today}.zip"
    assert briefing.file_name == f"packages-{today}-fr.csv"

    with zipfile.ZipFile(io.BytesIO(data.build())) as archive:
        frame = pd.read_csv(archive.open(f"packages-{today}.csv"))
        record = json.loads(archive.read(f"packages-{today}.csv.provenance.json"))
    assert frame["package"].tolist() == [r["package"] for r in shown]
    assert frame["pledged_value"].tolist() == [float(r["pledged_value"]) for r in shown]
    assert record["rows"] == len(shown) and record["base_currency"] == "EUR"
    assert record["as_of"] == today and record["filters"]["donors"] == ["US"]

    text = briefing.build().decode("utf-8-sig")
    block, body = text.split("\r\n\r\n", 1)
    assert block.startswith("Export du suivi de l'aide;Paquets\r\n")
    lines = list(csv.reader(io.StringIO(body, newline=""), delimiter=";"))
    assert lines[0][2] == "Paquet"
    assert [line[2] for line in lines[1:]] == [r["package"] for r in shown]
    value = [c.key for c in table.columns].index("pledged_value")
    assert [line[value] for line in lines[1:]] == [
        format(r["pledged_value"], "f").replace(".", ",") for r in shown
    ]
    engine.dispose()


def render_buttons() -> None:
    """A page with one small table and its download buttons."""
    from dashboards.widgets import exports_ui
    from tracker import queries

    columns = (queries.Column("donor"), queries.Column("pledged_value", "money"))
    exports_ui.download_buttons(
        [{"donor": "DE", "pledged_value": 1}],
        columns,
        view=queries.make_view(),
        currency="EUR",
        locale="uk",
        name="demo",
    )


def test_the_page_gets_a_data_and_a_briefing_button(app_url):
    at = AppTest.from_function(render_buttons, default_timeout=RUN_TIMEOUT).run()
    assert not at.exception
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels == ["Download data (CSV + provenance, zip)", "Download briefing (Excel, uk)"]


def test_the_file_holds_the_columns_on_screen_with_their_units_hedges_and_sources(app_url):
    from dashboards.widgets.formatting import Col

    engine = db.make_engine(app_url)
    view = queries.make_view(donors=["EU"])
    with Session(engine) as session:
        table = queries.balance_table(session, view, currency="EUR")
        rows = list(table.rows)
    displayed = [
        Col("equipment"),
        Col("pledged", "quantity", unit="unit", hedge="pledged_qualifier"),
        Col("link"),  # screen-only: no such column in the table
        Col("delivered_value", "money"),
    ]
    columns = exports_ui.on_screen(table.columns, displayed)
    keys = [c.key for c in columns]
    expected = ["equipment", "pledged", "unit", "pledged_qualifier", "delivered_value", "sources"]
    assert keys == [k for k in expected if k in {c.key for c in table.columns}]
    assert "link" not in keys and "donor" not in keys
    data, _ = exports_ui.downloads(
        engine, rows, columns, view=view, currency="EUR", locale="en", name="balance"
    )
    today = datetime.now(UTC).date().isoformat()
    with zipfile.ZipFile(io.BytesIO(data.build())) as archive:
        frame = pd.read_csv(archive.open(f"balance-{today}.csv"))
    assert frame.columns.tolist() == keys
    assert len(frame) == len(rows)
    engine.dispose()


def test_the_ledger_download_holds_the_converted_values_the_page_shows(app_url):
    from dashboards.widgets.formatting import Col
    from dashboards.widgets.ui_common import first_ledger_rows

    # The ledger page's money columns (the page module runs when imported, so they are
    # restated here): the stated amount, then its converted value with the rate behind it.
    page_columns = [
        Col("entry_id", label="Entry"),
        Col("amount", "amount", unit="currency", hedge="qualifier"),
        Col("value", "amount", unit="value_currency", hedge="qualifier"),
        Col("rate_date", "date"),
        Col("rate_provider"),
        Col("value_note"),
    ]

    engine = db.make_engine(app_url)
    view = queries.make_view(donors=["US"])
    with Session(engine) as session:
        shown = first_ledger_rows(session, view, limit=1000, currency="EUR")  # what the page lists
    columns = exports_ui.on_screen(queries.VALUED_LEDGER_TABLE_COLUMNS, page_columns)
    keys = [c.key for c in columns]
    assert keys == [
        "entry_id",
        "amount",
        "amount_high",
        "currency",
        "qualifier",
        "value",
        "value_high",
        "value_currency",
        "rate_date",
        "rate_provider",
        "value_note",
    ]
    data, _ = exports_ui.downloads(
        engine, shown, columns, view=view, currency="EUR", locale="en", name="ledger"
    )
    today = datetime.now(UTC).date().isoformat()
    with zipfile.ZipFile(io.BytesIO(data.build())) as archive:
        frame = pd.read_csv(archive.open(f"ledger-{today}.csv"), dtype=str, keep_default_na=False)
        record = json.loads(archive.read(f"ledger-{today}.csv.provenance.json"))
    assert frame["entry_id"].tolist() == [r["entry_id"] for r in shown]
    assert frame["value"].tolist() == [
        "" if r["value"] is None else format(r["value"], "f") for r in shown
    ]
    assert set(frame.loc[frame["value"] != "", "value_currency"]) == {"EUR"}
    assert record["base_currency"] == "EUR"
    engine.dispose()
