"""``tracker export`` and ``tracker import --all``, run as a separate process like a user runs
them: the files they write, the provenance beside them, and one clear line for a bad option."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from sqlmodel import Session

from tests.cli import tracker
from tracker import queries
from tracker.db import make_engine
from tracker.domain.vocab import LEDGER_COLUMNS
from tracker.io.backup import DERIVED_TABLES
from tracker.io.ledger_csv import write_ledger_csv
from tracker.queries.ledger_rows import ledger_rows


def test_ledger_data_export_is_the_interchange_file_with_provenance(seeded_sqlite_url, tmp_path):
    path = tmp_path / "ledger.csv"
    result = tracker("export", str(path), "--as-of", "2024-12-31", url=seeded_sqlite_url)
    assert result.returncode == 0, result.stderr
    frame = pd.read_csv(path)
    assert tuple(frame.columns) == LEDGER_COLUMNS
    record = json.loads((tmp_path / "ledger.csv.provenance.json").read_text("utf-8"))
    assert f"{len(frame)} rows (data)" in result.stdout
    assert record["rows"] == len(frame)
    assert record["as_of"] == "2024-12-31" and record["base_currency"] is None
    assert record["filters"]["include_aggregate_claims"] is True
    assert record["sources_columns"][:2] == ["source_url", "source_outlet"]

    expected = io.StringIO(newline="")
    engine = make_engine(seeded_sqlite_url)
    with Session(engine) as session:
        write_ledger_csv(ledger_rows(session, as_of=date(2024, 12, 31)), expected)
    engine.dispose()
    assert path.read_bytes() == expected.getvalue().encode("utf-8")


def test_balance_briefing_for_two_donors_in_german(seeded_sqlite_url, tmp_path):
    path = tmp_path / "balance-de.csv"
    result = tracker(
        "export",
        str(path),
        "--view",
        "balance",
        "--donor",
        "de",
        "--donor",
        "PL",
        "--as-of",
        "2024-06-30",
        "--format",
        "briefing",
        "--locale",
        "de",
        "--currency",
        "eur",
        url=seeded_sqlite_url,
    )
    assert result.returncode == 0, result.stderr
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    block, table = data.decode("utf-8-sig").split("\r\n\r\n", 1)
    cells = dict(csv.reader(io.StringIO(block, newline=""), delimiter=";"))
    assert cells["Stand"] == "2024-06-30"
    assert cells["Basiswährung"] == "EUR"
    assert cells["Filter"] == "Geber: DE, PL"
    assert cells["Stichtage der Wechselkurse"].startswith("USD (ECB): ")  # dollar-priced kit
    rows = list(csv.reader(io.StringIO(table, newline=""), delimiter=";"))
    assert rows[0][:3] == ["Geber", "Ausrüstung", "Einheit"]
    assert rows[0][10] == "Zugesagt, Wert (EUR)"
    assert {r[0] for r in rows[1:]} == {"DE", "PL"}
    record = json.loads((tmp_path / "balance-de.csv.provenance.json").read_text("utf-8"))
    assert record["locale"] == "de" and record["delimiter"] == ";"
    assert record["rows"] == len(rows) - 1


def test_packages_data_export_reads_back_with_pandas(seeded_sqlite_url, tmp_path):
    path = tmp_path / "packages.csv"
    result = tracker(
        "export", str(path), "--view", "packages", "--donor", "US", url=seeded_sqlite_url
    )
    assert result.returncode == 0, result.stderr
    frame = pd.read_csv(path)
    tranche = frame[frame["package"] == "PDA tranche 2024-12-02"].iloc[0]
    assert tranche["currency"] == "EUR"
    assert tranche["donor_name"] == "United States"
    assert "3982157" in tranche["sources"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--view", "bal"], "--view 'bal': use one of ledger, balance, packages"),
        (["--format", "pdf"], "format 'pdf': use one of data, briefing"),
        (["--locale", "es"], "locale 'es': use one of en, de, fr, uk"),
        (["--view", "balance", "--currency", "XYZ"], "--currency 'XYZ': not an ISO 4217"),
        (["--currency", "XYZ"], "--currency 'XYZ': not an ISO 4217"),
        (["--as-of", "2024-13-01"], "--as-of '2024-13-01': give a date as YYYY-MM-DD"),
        (["--donor", "XX"], "donor 'XX' is not a known donor code"),
    ],
)
def test_a_bad_option_is_one_line_naming_it_and_writes_nothing(
    seeded_sqlite_url, tmp_path, args, message
):
    path = tmp_path / "out.csv"
    result = tracker("export", str(path), *args, url=seeded_sqlite_url)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not path.exists()


def test_export_without_a_database_file_says_to_run_init(sqlite_url, tmp_path):
    result = tracker("export", str(tmp_path / "x.csv"), url=sqlite_url)
    assert result.returncode == 1
    assert "does not exist; `tracker init` creates it" in result.stderr


def test_export_all_then_import_all_restores_every_table(seeded_sqlite_url, sqlite_url, tmp_path):
    folder = tmp_path / "backup"
    made = tracker("export", "--all", str(folder), url=seeded_sqlite_url)
    assert made.returncode == 0, made.stderr
    assert (folder / "manifest.json").is_file() and (folder / "ledger.csv").is_file()
    restored = tracker("import", "--all", str(folder), url=sqlite_url)
    assert restored.returncode == 0, restored.stderr
    before = json.loads(tracker("status", "--json", url=seeded_sqlite_url).stdout)["tables"]
    after = json.loads(tracker("status", "--json", url=sqlite_url).stdout)["tables"]
    assert after == before  # the derived entry_effect rebuilt to the same rows
    copied = {name: n for name, n in before.items() if name not in DERIVED_TABLES}
    assert f"restored {sum(copied.values())} rows into {len(copied)} tables" in restored.stdout

    again = tracker("import", "--all", str(folder), url=sqlite_url)
    assert again.returncode == 1
    assert "the database is not empty (" in again.stderr and "nothing was restored" in again.stderr
    assert json.loads(tracker("status", "--json", url=sqlite_url).stdout)["tables"] == before


@pytest.mark.parametrize(
    "args, message",
    [
        (["export"], "give a FILE to write, or --all DIR for a full backup"),
        (["export", "x.csv", "--all", "dir"], "give either a FILE or --all DIR, not both"),
        (["import"], "give a ledger CSV to import, or --all DIR to restore a backup"),
        (["import", "--all", "no-such-folder"], "--all: no such folder: no-such-folder"),
    ],
)
def test_file_and_all_are_one_or_the_other(sqlite_url, args, message):
    result = tracker(*args, url=sqlite_url)
    assert result.returncode == 2
    assert message in result.stderr


def test_export_all_refuses_a_folder_with_files(seeded_sqlite_url, tmp_path: Path):
    (tmp_path / "keep.txt").write_text("mine")
    result = tracker("export", "--all", str(tmp_path), url=seeded_sqlite_url)
    assert result.returncode == 2
    assert "is not empty; back up into a new folder" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_a_ledger_export_imported_into_reference_data_only_reproduces_every_balance(
    seeded_sqlite_url, sqlite_url, tmp_path
):
    exported = tmp_path / "ledger.csv"
    assert tracker("export", str(exported), url=seeded_sqlite_url).returncode == 0
    assert tracker("init", "--no-sample", url=sqlite_url).returncode == 0
    empty = tracker("status", "--json", url=sqlite_url)
    assert json.loads(empty.stdout)["tables"]["ledger_entry"] == 0
    imported = tracker("import", str(exported), url=sqlite_url)
    assert imported.returncode == 0, imported.stderr
    for grouping in ("donor,equipment", "donor,aid_type"):
        args = ("balance", "--group-by", grouping, "--json")
        original = tracker(*args, url=seeded_sqlite_url).stdout
        assert original.count("\n") > 30
        assert tracker(*args, url=sqlite_url).stdout == original


def test_a_ledger_export_in_a_base_currency_holds_the_values_the_query_gives(
    seeded_sqlite_url, tmp_path
):
    path = tmp_path / "ledger-eur.csv"
    result = tracker(
        "export",
        str(path),
        "--donor",
        "US",
        "--as-of",
        "2024-12-31",
        "--currency",
        "EUR",
        url=seeded_sqlite_url,
    )
    assert result.returncode == 0, result.stderr
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    engine = make_engine(seeded_sqlite_url)
    with Session(engine) as session:
        view = queries.make_view(
            donors=["US"], as_of=date(2024, 12, 31), include_aggregate_claims=True
        )
        table = queries.ledger_table(session, view, currency="EUR")
        keys = [c.key for c in table.columns]
        expected = [dict(zip(keys, row, strict=True)) for row in table.rows]
    engine.dispose()
    assert list(frame.columns) == keys
    assert frame["entry_id"].tolist() == [r["entry_id"] for r in expected]
    assert frame["value"].tolist() == [
        "" if r["value"] is None else format(r["value"], "f") for r in expected
    ]
    assert frame["rate_date"].tolist() == [
        "" if r["rate_date"] is None else r["rate_date"].isoformat() for r in expected
    ]
    pda = frame[frame["entry_id"] == "us-pda-2024-12-02"].iloc[0]
    assert (pda["amount"], pda["currency"], pda["value_currency"]) == ("725000000", "USD", "EUR")
    assert (pda["rate_date"], pda["rate_provider"]) == ("2024-12-02", "ECB")
    record = json.loads((tmp_path / "ledger-eur.csv.provenance.json").read_text("utf-8"))
    assert record["base_currency"] == "EUR"
    assert record["exchange_rates"][0]["currency"] == "USD"


def test_a_balance_briefing_gives_the_delivered_share_in_percent_as_the_page_does(
    seeded_sqlite_url, tmp_path
):
    path = tmp_path / "balance.csv"
    args = ("--view", "balance", "--donor", "EU", "--as-of", "2023-12-01", "--format", "briefing")
    result = tracker("export", str(path), *args, url=seeded_sqlite_url)
    assert result.returncode == 0, result.stderr
    table = path.read_bytes().decode("utf-8-sig").split("\r\n\r\n", 1)[1]
    rows = list(csv.DictReader(io.StringIO(table, newline="")))
    shells = next(r for r in rows if r["Unit"] == "shell")
    # The overview shows the EU shells on 1 December 2023 as 30.0% delivered.
    assert (shells["Pledged"], shells["Delivered"]) == ("1000000", "300000")
    assert shells["Delivered share (%)"] == "30.0"
