"""Two researchers import at the same moment, and both files name the same new package, line
and source. Run as two real ``tracker import`` processes with their own connections, on each
backend: both imports succeed, and the package, the line and the source exist once."""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.cli import tracker
from tests.conftest import BACKENDS, sqlite_file_url
from tracker.db import make_engine
from tracker.domain.vocab import LEDGER_COLUMNS

ROUNDS = 3
ROWS = 400  # per file: enough work that the two transactions overlap


def _ledger_csv(path: Path, round_: int, who: str) -> None:
    """``ROWS`` delivery entries of ``who``, all against round ``round_``'s shared package."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=LEDGER_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for n in range(ROWS):
        writer.writerow(
            {
                "entry_id": f"race-{round_}-{who}-{n}",
                "donor": "DE",
                "package": f"Race package {round_}",
                "package_date": "2024-05-02",
                "aid_type": "military",
                "item": f"Race drones {round_}",
                "event": "delivery",
                "event_date": f"2024-06-{1 + n % 28:02d}",
                "quantity": "2",
                "unit": "drone",
                "source_url": f"https://example.org/race/{round_}",
                "source_title": f"Race release {round_}",
            }
        )
    path.write_text(buffer.getvalue(), encoding="utf-8")


def _both_at_once(files: list[Path], url: str) -> list[subprocess.CompletedProcess]:
    """``tracker import`` of each file, all started before any is waited for."""
    env = {**os.environ, "TRACKER_DATABASE_URL": url}
    running = [
        subprocess.Popen(
            [sys.executable, "-m", "tracker", "import", str(file)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for file in files
    ]
    results = []
    for process in running:
        out, err = process.communicate(timeout=300)
        results.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    return results


@pytest.fixture(params=BACKENDS)
def reference_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database of each backend with the reference data (donors, catalogue, rates)."""
    if request.param == "sqlite":
        seeded = request.getfixturevalue("seeded_sqlite_url").removeprefix("sqlite:///")
        copy = tmp_path / "tracker.db"
        with sqlite3.connect(seeded) as source, sqlite3.connect(copy) as target:
            source.backup(target)
        return sqlite_file_url(copy)
    url = request.getfixturevalue("pg_url")
    assert tracker("init", "--no-sample", url=url).returncode == 0
    return url


def test_concurrent_imports_of_the_same_new_package_both_succeed_with_one_package(
    reference_url: str, tmp_path: Path
) -> None:
    for round_ in range(ROUNDS):
        files = []
        for who in ("ana", "bohdan"):
            files.append(tmp_path / f"{who}-{round_}.csv")
            _ledger_csv(files[-1], round_, who)
        for result in _both_at_once(files, reference_url):
            assert result.returncode == 0, result.stderr
            assert f"{ROWS} entries imported" in result.stdout

    engine = make_engine(reference_url)
    try:
        with engine.connect() as conn:
            counts = conn.execute(
                sa.text(
                    "SELECT (SELECT count(*) FROM package WHERE title LIKE 'Race package %'), "
                    "(SELECT count(*) FROM item WHERE label LIKE 'Race drones %'), "
                    "(SELECT count(*) FROM source WHERE url LIKE 'https://example.org/race/%'), "
                    "(SELECT count(*) FROM ledger_entry WHERE key LIKE 'race-%')"
                )
            ).one()
    finally:
        engine.dispose()
    assert tuple(counts) == (ROUNDS, ROUNDS, ROUNDS, ROUNDS * 2 * ROWS)
    checked = tracker("db", "check", url=reference_url)
    assert checked.returncode == 0, checked.stderr
