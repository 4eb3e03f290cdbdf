"""The one benchmark runner: every view of the tracker against a hand-written baseline.

    python bench/run.py --entries 100000 --json      # one size, one JSON object per line
    python bench/run.py --scaling                    # 10k, 100k and 1M, growth factors, plot
    python bench/run.py --database-url postgresql+psycopg://...   # on another database

The database of N entries is generated once and kept in bench/out/, named by N and the
generator's version, so later runs reuse it. Each result is a JSON object with ``name``,
``seconds`` (median of ``--repeat`` runs), ``baseline_seconds`` and ``ratio``; the baselines
are in bench/baselines.py (balances), bench/bench_export.py (csv.writer) and
bench/bench_import.py (executemany). Progress goes to stderr, one line per stage.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlmodel import Session

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import bench_export, bench_import  # noqa: E402
from bench.baselines import MONTH, Baseline, baseline_sql  # noqa: E402
from bench.generate import build  # noqa: E402
from tracker.db import make_engine, upgrade  # noqa: E402
from tracker.ledger import View, balances, time_series, totals_in_currency  # noqa: E402

GENERATOR_VERSION = 2  # bump when bench/generate.py (or the derived rows it builds) changes
OUT = ROOT / "bench" / "out"
AS_OF = date(2024, 6, 30)
DONOR = "DE"
IMPORT_ROWS = 50_000


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def database(entries: int) -> str:
    """The URL of a database of ``entries`` entries, generated unless the cached one exists
    (written under a temporary name and renamed when complete, so a killed run leaves none)."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"bench-{entries}-v{GENERATOR_VERSION}.db"
    if not path.exists():
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        progress(f"generating {entries:,} entries into {path.name}")
        build(f"sqlite:///{partial}", entries)
        partial.rename(path)
    return f"sqlite:///{path}"


def existing_database(url: str, entries: int) -> str:
    """``url`` (e.g. PostgreSQL) filled with ``entries`` generated entries unless it already
    holds them; refused if it holds another ledger (a run must not mix two sizes)."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            tables = sa.inspect(conn).get_table_names()
            found = (
                conn.execute(sa.text("SELECT count(*) FROM ledger_entry")).scalar_one()
                if "ledger_entry" in tables
                else 0
            )
    finally:
        engine.dispose()
    if found == 0:
        progress(f"generating {entries:,} entries into {make_url(url).database}")
        build(url, entries)
    elif not entries <= found < entries * 1.1:  # corrections and restatements come on top
        raise SystemExit(f"--database-url holds {found:,} entries, not about {entries:,}")
    return url


def scratch_database(url: str, name: str) -> str:
    """A new empty database ``name`` on the server of the PostgreSQL ``url`` (dropped first
    if a previous run left it)."""
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def median_seconds(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


# name: (the tracker's computation, its baseline)
BALANCE_VIEWS: dict[str, tuple[Callable[[Session], object], Baseline]] = {
    "balance_all": (
        lambda s: totals_in_currency(s, View(), group_by=("donor",)),
        Baseline(),
    ),
    "balance_donor": (
        lambda s: balances(s, View(donors=(DONOR,)), group_by=("donor",)),
        Baseline(donor=DONOR),
    ),
    "balance_as_of": (
        lambda s: totals_in_currency(s, View(as_of=AS_OF), group_by=("donor",)),
        Baseline(as_of=AS_OF),
    ),
    "balance_usd": (
        lambda s: totals_in_currency(s, View(), group_by=("donor",), currency="USD"),
        Baseline(currency="USD"),
    ),
    "balance_reviewed": (
        lambda s: totals_in_currency(s, View(reviewed_only=True), group_by=("donor",)),
        Baseline(reviewed_only=True),
    ),
    "balance_aid_type": (
        lambda s: totals_in_currency(s, View(), group_by=("aid_type",)),
        Baseline(group="p.aid_type"),
    ),
    "monthly": (lambda s: time_series(s, View()), Baseline(group=MONTH)),
}


def result(name: str, seconds: float, baseline: float, **extra: object) -> dict[str, object]:
    ratio = seconds / baseline if baseline else None
    return {
        "name": name,
        "seconds": round(seconds, 4),
        "baseline_seconds": round(baseline, 4),
        "ratio": None if ratio is None else round(ratio, 3),
        **extra,
    }


def balance_results(url: str, repeat: int) -> list[dict[str, object]]:
    engine = make_engine(url)
    out = []
    with Session(engine) as session:
        for name, (ours, baseline) in BALANCE_VIEWS.items():
            progress(f"{name}")
            sql, params = baseline_sql(baseline)
            ours(session)  # one warm-up run each, so both read from the same page cache
            session.execute(sa.text(sql), params).all()
            tracker_s = median_seconds(lambda ours=ours: ours(session), repeat)
            hand_s = median_seconds(
                lambda sql=sql, params=params: session.execute(sa.text(sql), params).all(), repeat
            )
            out.append(result(name, tracker_s, hand_s))
    engine.dispose()
    return out


def overview_results(url: str, repeat: int) -> list[dict[str, object]]:
    """The overview rendered through Streamlit's AppTest: cold (data cache emptied) and warm,
    each against the time of the page's queries replayed without Streamlit."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from dashboards.widgets import ui_common
    from tracker import queries

    os.environ["TRACKER_DATABASE_URL"] = url
    calls: list[tuple] = []
    original = ui_common.Context.query

    def noting(self, fn, *args, **kwargs):
        if (fn, args, kwargs) not in calls:
            calls.append((fn, args, kwargs))
        return original(self, fn, *args, **kwargs)

    at = AppTest.from_file(str(ROOT / "dashboards" / "app.py"), default_timeout=600)
    at.switch_page("app_pages/overview.py")
    ui_common.Context.query = noting
    try:
        at.run()  # a server's start-up: imports, engine, migration check
    finally:
        ui_common.Context.query = original
    if at.exception:
        raise SystemExit(f"the overview failed: {at.exception[0].value}")
    engine = make_engine(url)

    def replay() -> None:
        with Session(engine) as session:
            queries.change_marker(session)
            for fn, args, kwargs in calls:
                fn(session, *args, **kwargs)

    def cold() -> None:
        st.cache_data.clear()
        at.run()

    alone = median_seconds(replay, repeat)
    cold_s = median_seconds(cold, repeat)
    warm_s = median_seconds(at.run, repeat)
    engine.dispose()
    return [
        result("overview_cold", cold_s, alone, queries=len(calls)),
        result("overview_warm", warm_s, alone),
    ]


def run_all(entries: int, repeat: int, database_url: str | None = None) -> list[dict[str, object]]:
    url = existing_database(database_url, entries) if database_url else database(entries)
    # A database generated before the latest revision (its tables are kept between runs) is
    # migrated first: the views read the tables of the current schema.
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    results = [*balance_results(url, repeat)]
    progress("overview")
    results += overview_results(url, repeat)
    progress(f"import of {IMPORT_ROWS:,} rows")
    if database_url:
        rates = bench_import.run(
            IMPORT_ROWS,
            scratch_database(database_url, "bench_import"),
            scratch_database(database_url, "bench_import_baseline"),
        )
    else:
        rates = bench_import.measure(IMPORT_ROWS)
    # rows/s: higher is better, so the ratio is the baseline's rate over ours (as for times)
    results.append(
        result("import_rows_per_s", rates["rows_per_s"], rates["baseline_rows_per_s"])
        | {"ratio": round(rates["baseline_rows_per_s"] / rates["rows_per_s"], 3)}
    )
    progress("export")
    export = bench_export.compare(url)
    results.append(
        result(
            "export_seconds",
            export["seconds"],
            export["baseline_seconds"],
            rss_mb=round(export["rss_mb"]),
        )
    )
    for r in results:
        r["entries"] = entries
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("--scaling", action="store_true", help="10k, 100k and 1M entries")
    parser.add_argument(
        "--database-url",
        help="run on this database (e.g. PostgreSQL; generated into when empty) instead of "
        "the cached SQLite file; import and export use scratch databases on its server",
    )
    parser.add_argument("--plot", type=Path, default=ROOT / "bench" / "scaling.png")
    args = parser.parse_args()
    if args.scaling and args.database_url:
        parser.error("--scaling generates three sizes: use it without --database-url")
    sizes = [10_000, 100_000, 1_000_000] if args.scaling else [args.entries]
    by_size = {}
    for n in sizes:
        by_size[n] = run_all(n, args.repeat, args.database_url)
        for r in by_size[n]:
            if args.json:
                print(json.dumps(r), flush=True)
            else:
                print(
                    f"{n:>9,} {r['name']:18} {r['seconds']:>10} {r['baseline_seconds']:>10} "
                    f"{r['ratio']}x",
                    flush=True,
                )
    if args.scaling:
        print("growth per 10x entries (1.0 = linear):")
        for small, large in itertools.pairwise(sizes):
            for a, b in zip(by_size[small], by_size[large], strict=True):
                growth = (b["seconds"] / a["seconds"]) / (large / small) if a["seconds"] else None
                print(f"  {a['name']:18} {small:,} -> {large:,}: {growth:.2f}")
        plot(by_size, args.plot)


def plot(by_size: dict[int, list[dict[str, object]]], path: Path) -> None:
    """A small log-log PNG of seconds against entries per view, with the linear slope for
    comparison (matplotlib from the optional ``bench`` extra; skipped without it)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        progress("matplotlib is not installed (pip install -e '.[bench]'): no plot")
        return
    sizes = sorted(by_size)
    names = [r["name"] for r in by_size[sizes[0]] if r["name"] != "import_rows_per_s"]
    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=100)
    for name in names:
        seconds = [next(r["seconds"] for r in by_size[n] if r["name"] == name) for n in sizes]
        ax.plot(sizes, seconds, marker="o", label=name)
    first = min(next(r["seconds"] for r in by_size[sizes[0]] if r["name"] == n) for n in names)
    ax.plot(sizes, [first * n / sizes[0] for n in sizes], "k--", lw=1, label="linear")
    ax.set(xscale="log", yscale="log", xlabel="ledger entries", ylabel="seconds (median)")
    ax.set_title("Growth of each view with the ledger (SQLite)")
    ax.legend(fontsize=7, ncol=2)
    fig.tight_layout()
    fig.savefig(path)
    progress(f"plot written to {path}")


if __name__ == "__main__":
    main()
