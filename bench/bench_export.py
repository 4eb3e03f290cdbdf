"""Benchmark: exporting the whole ledger (1,000,000 entries) against the driver's cursor.

    .venv/bin/python bench/bench_export.py [URL] [--entries 1000000] [--rounds 3]
                                           [--format data|briefing]

URL defaults to ``sqlite:///bench/out/bench.db``; a database without the synthetic ledger is
filled first by ``bench/generate.py`` (which takes a few minutes for a million entries).

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

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = f"sqlite:///{ROOT / 'bench' / 'out' / 'bench.db'}"


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
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", *args], stdout=subprocess.PIPE, text=True
    )
    output = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"child {args[0]} failed with status {process.returncode}")
    result = json.loads(output)
    result["cpu"] = usage.ru_utime + usage.ru_stime
    return result


def prepare(url: str, entries: int) -> tuple[str, str]:
    """The database (generated when it lacks the synthetic ledger) and the baseline's SQL."""
    sys.path.insert(0, str(ROOT))
    import sqlalchemy as sa

    from tracker import queries
    from tracker.db import current_revision, make_engine
    from tracker.domain import models as m
    from tracker.io import exports as io_csv

    engine = make_engine(url)
    count = 0
    if current_revision(engine) is not None:
        with engine.connect() as conn:
            count = conn.execute(sa.select(sa.func.count()).select_from(m.LedgerEntry)).scalar()
    if count < entries:
        sys.path.insert(0, str(ROOT / "bench"))
        from generate import build

        print(f"generating {entries:,} entries into {url} ...", flush=True)
        print(build(url, entries), flush=True)
    # The very query the export runs (the whole ledger, as known today), bound values inlined.
    view = io_csv.pinned(queries.make_view(include_aggregate_claims=True))
    statement = queries.ledger_statement(view)
    sql = str(statement.compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True}))
    driver_url = engine.url.set(drivername=engine.url.get_backend_name())
    engine.dispose()
    return driver_url.render_as_string(hide_password=False), sql


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", nargs="?", default=DEFAULT_URL)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--format", dest="fmt", choices=("data", "briefing"), default="data")
    args = parser.parse_args()
    driver_url, sql = prepare(args.url, args.entries)
    folder = Path(tempfile.mkdtemp(prefix="bench-export-"))
    best: dict[str, dict[str, float]] = {}
    for n in range(args.rounds):
        for kind, extra in (("baseline", sql), ("tracker", args.fmt)):
            url = driver_url if kind == "baseline" else args.url
            result = measure([kind, url, str(folder / f"{kind}.csv"), extra])
            result["mb"] = (folder / f"{kind}.csv").stat().st_size / 1e6
            print(
                f"round {n + 1} {kind:8} {result['rows']:>10,} rows  {result['seconds']:7.2f} s "
                f"wall  {result['cpu']:7.2f} s cpu  {result['rss_mb']:6.0f} MB peak RSS  "
                f"{result['mb']:6.0f} MB file",
                flush=True,
            )
            previous = best.get(kind)
            best[kind] = {
                key: min(result[key], previous[key]) if previous else result[key]
                for key in ("seconds", "cpu", "rss_mb", "rows")
            }
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    tracker, baseline = best["tracker"], best["baseline"]
    if tracker["rows"] != baseline["rows"]:
        raise SystemExit(f"row counts differ: {tracker['rows']} vs {baseline['rows']}")
    wall = tracker["seconds"] / baseline["seconds"]
    cpu = tracker["cpu"] / baseline["cpu"]
    for kind, result in (("tracker", tracker), ("baseline", baseline)):
        print(
            f"best of {args.rounds} {kind}: {result['seconds']:.2f} s wall, "
            f"{result['cpu']:.2f} s cpu"
        )
    print(f"ratio tracker/baseline: {wall:.2f}x wall, {cpu:.2f}x cpu (target <= 2x)")
    print(
        f"peak RSS: tracker {tracker['rss_mb']:.0f} MB, baseline {baseline['rss_mb']:.0f} MB "
        f"(target < 200 MB)"
    )


if __name__ == "__main__":
    main()
