"""Benchmark: importing a 100,000-row ledger CSV, against the driver's own executemany.

    Run by bench/run.py (``import_rows_per_s``).

What is measured (wall clock, one run each, printed):

* ``import``: ``tracker.services.ledger_import.import_ledger`` on the CSV bytes, then commit.
  That is
  everything ``tracker import FILE`` does: decoding, checking every cell, resolving donors,
  packages, items and sources, inserting the entries, reconciliation warnings, the audit record.
* ``executemany``: the very rows the import stored in ``ledger_entry``, read back and inserted
  into a second copy of the database (with the same packages, items and sources already there)
  by the database driver's ``executemany`` (sqlite3 / psycopg) in one transaction. It checks
  nothing, so it is the floor no importer can beat.

The target (issue 6): at least 20,000 rows/s on SQLite, and at most 3x the executemany time.
The ratio is measured in the same run, so it holds on a slower or faster machine too.
"""

from __future__ import annotations

import csv
import io
import random
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import Session

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

from tracker.db import make_engine, upgrade
from tracker.domain import models as m
from tracker.domain.vocab import LEDGER_COLUMNS
from tracker.services.ledger_import import import_ledger
from tracker.services.seed import seed_database

DONORS = ("DE", "US", "GB", "PL", "FR", "NL", "DK", "NO", "SE", "CA", "IT", "CZ", "EU", "FI")
EQUIPMENT = (
    ("Leopard 2A6", "tank"),
    ("155mm artillery shell", "shell"),
    ("Bradley", "vehicle"),
    ("Stinger missile", "missile"),
    ("M777 155mm", "howitzer"),
)
CURRENCIES = ("EUR", "USD", "GBP", "PLN", "NOK")
START = date(2022, 3, 1)
# Copied between the two databases for the baseline: everything an entry row points at.
PARENT_TABLES = ("source", "package", "item")


def _source(n: int) -> dict[str, str]:
    """The columns describing bench release ``n``, alike on every row citing it (the import
    refuses a source described two ways)."""
    return {
        "source_url": f"https://bench.example.org/release/{n}",
        "source_title": f"Bench release {n}",
        "source_outlet": "Bench Wire",
        "source_reliability": "official",
    }


def synthetic_csv(rows: int, seed: int = 6) -> bytes:
    """A valid ledger CSV of ``rows`` entries: ~rows/100 packages of a few lines each, a
    pledge then deliveries per line (some cumulative), money-only pledges, 500 sources."""
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=LEDGER_COLUMNS, lineterminator="\n")
    writer.writeheader()
    written = 0
    package = 0
    while written < rows:
        package += 1
        donor = rng.choice(DONORS)
        announced = START + timedelta(days=rng.randint(0, 700))
        base = {
            "donor": donor,
            "package": f"Bench package {package}",
            "package_date": announced.isoformat(),
            "aid_type": "military",
            "instrument": "bilateral",
            "secrecy": "public",
        }
        for line in range(rng.randint(2, 6)):
            name, unit = rng.choice(EQUIPMENT)
            label = f"{name} lot {line}"
            pledged = rng.randint(10, 5000)
            delivered = 0
            for event in range(rng.randint(3, 30)):
                if written >= rows:
                    break
                day = announced + timedelta(days=event * 7)
                source = rng.randint(1, 500)
                row = {
                    **base,
                    "entry_id": f"bench-{package}-{line}-{event}",
                    "item": label,
                    "equipment": name,
                    "event_date": day.isoformat(),
                    "unit": unit,
                    "qualifier": "exact",
                    "cumulative": "false",
                    **_source(source),
                    "recorded_by": "bench",
                    "review_status": "reviewed" if rng.random() < 0.7 else "draft",
                }
                if event == 0:
                    row.update(event="pledge", quantity=str(pledged))
                else:
                    step = min(rng.randint(0, max(pledged // 10, 1)), pledged - delivered)
                    cumulative = rng.random() < 0.3
                    delivered += step
                    row.update(
                        event="delivery",
                        quantity=str(delivered if cumulative else step),
                        cumulative="true" if cumulative else "false",
                    )
                writer.writerow(row)
                written += 1
        if written < rows:
            writer.writerow(
                {
                    **base,
                    "entry_id": f"bench-{package}-value",
                    "event": "pledge",
                    "event_date": announced.isoformat(),
                    "amount": f"{rng.randint(1, 900)}000000.00",
                    "currency": rng.choice(CURRENCIES),
                    "qualifier": "about" if rng.random() < 0.2 else "exact",
                    **_source(package % 500 + 1),
                }
            )
            written += 1
    return out.getvalue().encode()


def _stored_rows(source: sa.Engine, table: str) -> tuple[list[tuple], list[str]]:
    """All rows of ``table`` as raw driver tuples (stored integers, not Decimals), and the
    column names."""
    with source.connect() as conn:
        result = conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY id")
        return [tuple(r) for r in result], list(result.keys())


def _driver_insert(engine: sa.Engine, table: str, columns: list[str], rows: list[tuple]) -> None:
    placeholder = "?" if engine.dialect.name == "sqlite" else "%s"
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) "
        f"VALUES ({', '.join([placeholder] * len(columns))})"
    )
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.executemany(sql, rows)
        raw.commit()
    finally:
        raw.close()


def prepare(url: str) -> sa.Engine:
    engine = make_engine(url)
    upgrade(engine)
    seed_database(engine)
    return engine


def run(rows: int, import_url: str, baseline_url: str) -> dict[str, float]:
    """Import ``rows`` synthetic rows, then insert the same rows with executemany; returns
    both rates (rows per second)."""
    data = synthetic_csv(rows)
    importer = prepare(import_url)
    baseline = prepare(baseline_url)
    with Session(importer) as session:
        before = session.scalar(sa.select(sa.func.count()).select_from(m.LedgerEntry))

    started = time.perf_counter()
    with Session(importer) as session:
        report = import_ledger(session, data, actor="bench", label="bench.csv")
        session.commit()
    import_seconds = time.perf_counter() - started
    assert report.inserted == rows, report

    for table in PARENT_TABLES:
        parent_rows, columns = _stored_rows(importer, table)
        with baseline.connect() as conn:
            known = {r[0] for r in conn.exec_driver_sql(f"SELECT id FROM {table}")}
        _driver_insert(baseline, table, columns, [r for r in parent_rows if r[0] not in known])
    entry_rows, columns = _stored_rows(importer, "ledger_entry")
    new_entries = entry_rows[before:]
    started = time.perf_counter()
    _driver_insert(baseline, "ledger_entry", columns, new_entries)
    baseline_seconds = time.perf_counter() - started
    assert len(new_entries) == rows

    importer.dispose()
    baseline.dispose()
    return {"rows_per_s": rows / import_seconds, "baseline_rows_per_s": rows / baseline_seconds}


def measure(rows: int) -> dict[str, float]:
    """:func:`run` on two scratch SQLite files, removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="bench-import-"))
    try:
        return run(rows, f"sqlite:///{folder / 'import.db'}", f"sqlite:///{folder / 'baseline.db'}")
    finally:
        shutil.rmtree(folder)
