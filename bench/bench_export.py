"""Benchmark: exporting the whole ledger (1,000,000 entries) against the driver's cursor.

Run by bench/run.py (``export_seconds``) on the database it generated.

What is measured, each in its own child process so that its peak memory is its own:

* ``tracker``: what ``tracker export FILE --view ledger --format data`` does - the ledger table
  read through SQLAlchemy, every cell typed, checked, formatted and neutralised, written as a
  stream, plus the provenance queries and the companion JSON.
* ``baseline``: the same SELECT run on the database driver's own cursor (sqlite3, or a
  psycopg server-side cursor), its rows handed unchanged to ``csv.writer``. It formats and
  checks nothing, so it is the floor an exporter cannot beat.

Both run ``--rounds`` times, alternating, and the best value of each measure is compared: wall
clock and CPU time (the CPU ratio is the steadier one on a busy machine), and peak resident memory
of the process (Linux's VmHWM, interpreter and libraries included). Targets (issue 7): within
2x of the baseline, and under 200 MB, which only a streamed export can meet.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


# --- the two children -----------------------------------------------------------------------------


def run_tracker(url: str, out: Path, fmt: str) -> dict[str, float]:
    sys.path.insert(0, str(ROOT))
    from sqlmodel import Session

    from tracker.db import make_engine
    from tracker.io import exports as io_csv

    engine = make_engine(url)
    started = time.perf_counter()
    with Session(engine) as session:
        written = io_csv.export_view(session, io_csv.ExportRequest(view="ledger", fmt=fmt), out)
    return {"seconds": time.perf_counter() - started, "rows": written.rows}


def run_baseline(url: str, out: Path, sql: str) -> dict[str, float]:
    started = time.perf_counter()
    if url.startswith("sqlite"):
        import sqlite3

        connection = sqlite3.connect(url.split(":///", 1)[1])
        cursor = connection.cursor()
    else:
        import psycopg

        connection = psycopg.connect(url)
        cursor = connection.cursor(name="bench_export")  # server-side: streamed
    cursor.execute(sql)
    rows = 0
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([d[0] for d in cursor.description])
        while block := cursor.fetchmany(5000):
            writer.writerows(block)
            rows += len(block)
    connection.close()
    return {"seconds": time.perf_counter() - started, "rows": rows}


def peak_rss_mb() -> float:
    """This process's peak resident memory since it started its program. Linux's VmHWM, not
    ``ru_maxrss``, which also counts the memory of the parent it was forked from."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # an upper bound


def child(argv: list[str]) -> None:
    kind, url, out, extra = argv
    if kind == "tracker":
        result = run_tracker(url, Path(out), extra)
    else:
        result = run_baseline(url, Path(out), extra)
    result["rss_mb"] = peak_rss_mb()
    print(json.dumps(result))


# --- the parent ---------------------------------------------------------------------------------


def measure(args: list[str]) -> dict[str, float]:
    """Run one child: its wall time for the export, its CPU time and its peak RSS (the whole
    process: interpreter and libraries included)."""
    process = subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE, text=True)
    output = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"child {args[0]} failed with status {process.returncode}")
    result = json.loads(output)
    result["cpu"] = usage.ru_utime + usage.ru_stime
    return result


def prepare(url: str) -> tuple[str, str]:
    """The driver's URL of the database and the baseline's SQL."""
    sys.path.insert(0, str(ROOT))
    from tracker import queries
    from tracker.db import make_engine
    from tracker.io import exports as io_csv

    engine = make_engine(url)
    # The very query the export runs (the whole ledger, as known today), bound values inlined.
    view = io_csv.pinned(queries.make_view(include_aggregate_claims=True))
    statement = queries.ledger_statement(view)
    sql = str(statement.compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True}))
    driver_url = engine.url.set(drivername=engine.url.get_backend_name())
    engine.dispose()
    return driver_url.render_as_string(hide_password=False), sql


def compare(url: str, rounds: int = 2) -> dict[str, float]:
    """Best wall seconds of the tracker's ledger export and of the csv.writer baseline over
    ``rounds`` alternating runs, each in its own child process."""
    driver_url, sql = prepare(url)
    folder = Path(tempfile.mkdtemp(prefix="bench-export-"))
    best: dict[str, dict[str, float]] = {}
    try:
        for _ in range(rounds):
            for kind, extra in (("baseline", sql), ("tracker", "data")):
                target = driver_url if kind == "baseline" else url
                result = measure([kind, target, str(folder / f"{kind}.csv"), extra])
                previous = best.get(kind, result)
                best[kind] = {k: min(result[k], previous[k]) for k in ("seconds", "rss_mb")}
                best[kind]["rows"] = result["rows"]
    finally:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()
    if best["tracker"]["rows"] != best["baseline"]["rows"]:
        raise SystemExit(f"export row counts differ: {best['tracker']} vs {best['baseline']}")
    return {
        "seconds": best["tracker"]["seconds"],
        "baseline_seconds": best["baseline"]["seconds"],
        "rss_mb": best["tracker"]["rss_mb"],
    }


if __name__ == "__main__":
    child(sys.argv[1:])
