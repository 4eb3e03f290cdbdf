"""Backups and the ledger interchange reproduce the data exactly, across both backends.

* A full backup goes SQLite -> PostgreSQL -> SQLite and every row of every table (audit log,
  users, exchange rates included) and every balance comes back identical.
* A restore writes into an empty database only, and checks every file before writing a row.
* The ledger exported as ``data`` and imported into a database holding only the reference
  tables (donors, catalogue, rates: what the ledger CSV refers to by code) reproduces every
  balance.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from tests.conftest import sqlite_file_url
from tracker import queries
from tracker import services as svc
from tracker.db import current_revision, make_engine, session_scope, upgrade
from tracker.domain import models as m
from tracker.domain.vocab import LEDGER_COLUMNS
from tracker.io import backup
from tracker.io import exports as io_csv
from tracker.ledger import balances, rebuild_effects
from tracker.services import accounts as auth
from tracker.services.ledger_import import import_file
from tracker.services.rates import load_ecb_rates
from tracker.services.restore import restore
from tracker.services.seed import REFERENCE_FILES, SeedReport, seed_database, seed_dir

ACTOR = "test-archivist"


def snapshot(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every table, typed, in primary-key order."""
    with engine.connect() as conn:
        return {
            table.name: [
                tuple(r)
                for r in conn.execute(sa.select(table).order_by(*table.primary_key.columns))
            ]
            for table in backup.tables()
        }


VIEWS = [
    queries.make_view(),
    queries.make_view(include_aggregate_claims=True),
    queries.make_view(as_of=date(2023, 6, 30)),
    queries.make_view(reviewed_only=True),
    queries.make_view(donors=["US", "DE"], as_of=date(2024, 12, 31)),
]
GROUPINGS = [
    ("donor", "equipment"),
    ("donor", "package", "equipment"),
    ("initiative",),
    ("aid_type", "month"),
    (),
]


def every_balance(engine: Engine) -> list[object]:
    """The balance of every view, grouping and base currency the tests compare."""
    out: list[object] = []
    with Session(engine) as session:
        for view in VIEWS:
            for currency in ("EUR", "USD"):
                out.append(queries.balance_rows(session, view, currency=currency))
                for group_by in GROUPINGS:
                    out.append(balances(session, view, group_by=group_by, currency=currency))
    return out


def busy_database(url: str) -> Engine:
    """A seeded database that has also lived a little: a review, a correction, an account,
    and text that is hard to store faithfully (empty versus missing, backslashes, a lone
    carriage return, a formula)."""
    engine = make_engine(url)
    upgrade(engine)
    seed_database(engine)
    with session_scope(engine) as session:
        entry = svc.find_entry(session, "us-pda-2024-12-02")
        assert entry is not None
        svc.review_entry(
            session,
            entry.id,
            status="returned",
            reviewer="reviewer-a",
            comment="fact sheet link\r\nchecked twice",
        )
        package = session.get(m.Package, entry.package_id)
        source = svc.get_or_create_source(
            session,
            svc.SourceInput(
                title='=HYPERLINK("http://evil.example")',
                quote="\\N is not null",
                claimant="\\backslash first",
                outlet="line\ronly CR",
            ),
            actor=ACTOR,
        )
        svc.record_entry(
            session,
            package=package,
            item=None,
            source=source,
            recorded_by=ACTOR,
            data=svc.EntryInput(
                event="correction",
                event_date=date(2024, 12, 3),
                amount=Decimal("700000000"),
                currency="USD",
                corrects="us-pda-2024-12-02",
                reason="restated value",
            ),
        )
        auth.create_user(
            session, "archivist", role="admin", password="not-a-real-secret", actor=ACTOR
        )
        session.add(m.Donor(code="TEST-EMPTY", kind="fund", name="Empty notes", notes=""))
        # Rates of the currencies the seed ledger and these tests use: the same round trip,
        # in a fraction of the time of all 220,000 ECB rows.
        session.execute(sa.delete(m.FxRate).where(m.FxRate.currency.not_in(["USD", "GBP"])))
        rebuild_effects(session)
    return engine


@pytest.fixture(scope="module")
def busy_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """Built once for the module; tests only read it (a refused restore writes nothing)."""
    engine = busy_database(sqlite_file_url(tmp_path_factory.mktemp("busy") / "busy.db"))
    yield engine
    engine.dispose()


def table_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}


def test_backup_round_trip_sqlite_postgresql_sqlite_is_exact(busy_sqlite, pg_url, tmp_path):
    first, second, third = tmp_path / "from-sqlite", tmp_path / "from-pg", tmp_path / "again"
    backup.backup(busy_sqlite, first)
    pg = make_engine(pg_url)
    sqlite_again = make_engine(sqlite_file_url(tmp_path / "again.db"))
    try:
        restored = restore(pg, first)
        backup.backup(pg, second)
        restore(sqlite_again, second)
        backup.backup(sqlite_again, third)

        original = snapshot(busy_sqlite)
        assert restored == {name: len(rows) for name, rows in original.items()}
        assert original["audit_log"] and original["app_user"] and original["fx_rate"]
        assert snapshot(pg) == original
        assert snapshot(sqlite_again) == original
        assert table_files(second) == table_files(first) == table_files(third)

        expected = every_balance(busy_sqlite)
        assert every_balance(pg) == expected
        assert every_balance(sqlite_again) == expected

        # PostgreSQL hands out the next id after the restored ones.
        with session_scope(pg) as session:
            source = svc.get_or_create_source(
                session, svc.SourceInput(url="https://example.org/after-restore"), actor=ACTOR
            )
        assert source.id == max(row[0] for row in original["source"]) + 1
    finally:
        pg.dispose()
        sqlite_again.dispose()


def test_empty_text_missing_values_and_backslashes_survive(busy_sqlite, tmp_path):
    backup.backup(busy_sqlite, tmp_path / "b")
    copy = make_engine(sqlite_file_url(tmp_path / "copy.db"))
    restore(copy, tmp_path / "b")
    with Session(copy) as session:
        empty = session.exec(select(m.Donor).where(m.Donor.code == "TEST-EMPTY")).one()
        assert empty.notes == ""
        assert session.exec(select(m.Donor).where(m.Donor.code == "DE")).one().notes is None
        odd = session.exec(select(m.Source).where(m.Source.quote == "\\N is not null")).one()
        assert odd.claimant == "\\backslash first"
        assert odd.outlet == "line\ronly CR"
        assert odd.title == '=HYPERLINK("http://evil.example")'  # backups are not neutralised
    copy.dispose()


def test_the_backup_lists_its_files_and_carries_the_interchange_ledger(busy_sqlite, tmp_path):
    written = backup.backup(busy_sqlite, tmp_path / "b")
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text("utf-8"))
    assert manifest["revision"] == current_revision(busy_sqlite)
    assert [t["name"] for t in manifest["tables"]] == [t.name for t in backup.tables()]
    assert {t["name"]: t["rows"] for t in manifest["tables"]} == {
        name: len(rows) for name, rows in snapshot(busy_sqlite).items()
    }
    assert [t.name for t in written] == [t.name for t in backup.tables()]
    with (tmp_path / "b" / "ledger.csv").open(encoding="utf-8", newline="") as handle:
        ledger = list(csv.reader(handle))
    assert len(ledger) == 1 + len(snapshot(busy_sqlite)["ledger_entry"])
    assert ledger[0] == list(LEDGER_COLUMNS)


def test_backup_refuses_a_folder_that_holds_files(busy_sqlite, tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "notes.txt").write_text("keep me")
    with pytest.raises(backup.BackupError, match="is not empty"):
        backup.backup(busy_sqlite, tmp_path / "b")


def test_restore_refuses_a_database_that_holds_rows_and_writes_nothing(busy_sqlite, tmp_path):
    backup.backup(busy_sqlite, tmp_path / "b")
    before = snapshot(busy_sqlite)
    with pytest.raises(backup.BackupError, match=r"not empty \(app_user: 1 rows, audit_log: "):
        restore(busy_sqlite, tmp_path / "b")
    assert snapshot(busy_sqlite) == before


@pytest.fixture
def a_backup(busy_sqlite, tmp_path) -> Path:
    folder = tmp_path / "b"
    backup.backup(busy_sqlite, folder)
    return folder


def test_restore_refuses_a_changed_file_before_touching_the_database(a_backup, tmp_path):
    path = a_backup / "donor.csv"
    path.write_bytes(path.read_bytes().replace(b"Germany", b"Germania"))
    target = make_engine(sqlite_file_url(tmp_path / "target.db"))
    with pytest.raises(backup.BackupError, match=r"donor\.csv: checksum differs"):
        restore(target, a_backup)
    assert current_revision(target) is None
    target.dispose()


def test_every_file_of_a_backup_is_listed_with_its_checksum(a_backup):
    manifest = json.loads((a_backup / "manifest.json").read_text("utf-8"))
    on_disk = {p.name for p in a_backup.iterdir()} - {"manifest.json"}
    assert set(manifest["files"]) == on_disk and "ledger.csv" in on_disk
    ledger = hashlib.sha256((a_backup / "ledger.csv").read_bytes()).hexdigest()
    assert manifest["files"]["ledger.csv"] == ledger


def test_restore_refuses_a_changed_interchange_ledger(a_backup, tmp_path):
    path = a_backup / "ledger.csv"
    path.write_bytes(path.read_bytes().replace(b",pledge,", b",delivery,", 1))
    target = make_engine(sqlite_file_url(tmp_path / "target.db"))
    with pytest.raises(backup.BackupError, match=r"^ledger\.csv: checksum differs from manifest"):
        restore(target, a_backup)
    assert current_revision(target) is None
    target.dispose()


def test_restore_refuses_a_file_the_backup_did_not_make(a_backup, tmp_path):
    (a_backup / "notes.csv").write_text("a,b\r\n", "utf-8")
    target = make_engine(sqlite_file_url(tmp_path / "target.db"))
    with pytest.raises(backup.BackupError, match=r"^notes\.csv: not part of the backup"):
        restore(target, a_backup)
    target.dispose()


def test_restore_refuses_another_schema_revision(a_backup, tmp_path):
    manifest = json.loads((a_backup / "manifest.json").read_text("utf-8"))
    manifest["revision"] = "9999"
    (a_backup / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    target = make_engine(sqlite_file_url(tmp_path / "target.db"))
    with pytest.raises(backup.BackupError, match="backup is at schema revision '9999'"):
        restore(target, a_backup)
    assert all(not rows for rows in snapshot(target).values())
    target.dispose()


def test_restore_refuses_a_folder_without_a_manifest(tmp_path):
    (tmp_path / "b").mkdir()
    target = make_engine(sqlite_file_url(tmp_path / "target.db"))
    with pytest.raises(backup.BackupError, match=r"holds no manifest\.json"):
        restore(target, tmp_path / "b")
    target.dispose()


def test_restore_names_the_file_line_and_column_of_an_unreadable_cell(a_backup, tmp_path):
    path = a_backup / "fx_rate.csv"
    lines = path.read_bytes().split(b"\r\n")
    cells = lines[1].split(b",")
    cells[1] = b"2024-02-30"
    lines[1] = b",".join(cells)
    path.write_bytes(b"\r\n".join(lines))
    manifest = json.loads((a_backup / "manifest.json").read_text("utf-8"))
    for entry in manifest["tables"]:
        if entry["name"] == "fx_rate":
            entry["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    manifest["files"]["fx_rate.csv"] = hashlib.sha256(path.read_bytes()).hexdigest()
    (a_backup / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    target = make_engine(sqlite_file_url(tmp_path / "target.db"))
    with pytest.raises(backup.BackupError, match=r"fx_rate.csv, line 2, day: cannot read '2024-02"):
        restore(target, a_backup)
    assert all(not rows for rows in snapshot(target).values())  # all or nothing
    target.dispose()


# --- the ledger interchange ------------------------------------------------------------------


def reference_only(url: str) -> Engine:
    """A migrated database with the reference tables and ECB rates but no ledger: what a
    ledger CSV needs to exist before it can be imported (it names donors and equipment)."""
    engine = make_engine(url)
    upgrade(engine)
    with session_scope(engine) as session:
        for name, loader in REFERENCE_FILES:
            loader(session, seed_dir() / name, SeedReport())
        load_ecb_rates(session)
    return engine


def test_the_ledger_exported_as_data_and_imported_elsewhere_reproduces_every_balance(
    seeded_sqlite_url, db_url, tmp_path
):
    source = make_engine(seeded_sqlite_url)
    path = tmp_path / "ledger.csv"
    with Session(source) as session:
        written = io_csv.export_view(session, io_csv.ExportRequest(view="ledger"), path)
    target = reference_only(db_url)
    try:
        with session_scope(target) as session:
            report = import_file(session, path, actor=ACTOR)
        assert report.inserted == written.rows > 300
        assert every_balance(target) == every_balance(source)
    finally:
        target.dispose()
        source.dispose()
