"""Dashboard benchmark: a page rendered cold and warm, beside the time of its queries alone.

    python bench/generate.py sqlite:///bench/out/bench.db          # once, ~1,000,000 entries
    python bench/bench_dashboard.py sqlite:///bench/out/bench.db [--repeat 3] [--page overview.py]

Pages render in this process through Streamlit's AppTest, the way a running server renders
them: one throw-away render first (imports, the cached engine, the migration check), then

* queries alone: every query the page asked for during that render, replayed straight
  against the database with no Streamlit in between, plus the change marker read on each run;
* cold: Streamlit's data cache emptied, then one render (every query runs);
* warm: one more render with the cache full (only the change marker reaches the database).

Medians of ``--repeat`` rounds, each figure beside the queries-alone baseline of the same run.
AppTest adds its own polling (a few sleeps of milliseconds per run), so the renders measured
here are, if anything, slower than what a browser gets from ``tracker serve``.
Targets (issue 5): cold under 2 s and warm under 0.3 s for the overview of a million entries.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import streamlit as st
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from dashboards.widgets import ui_common
from tracker import (
    db,
    queries,
)
from tracker.domain import models as m

DASHBOARDS = Path(__file__).resolve().parents[1] / "dashboards"
TIMEOUT = 600  # seconds one render may take
COLD_TARGET, WARM_TARGET = 2.0, 0.3

Call = tuple[Callable[..., Any], tuple, tuple]


def recorded_calls() -> tuple[list[Call], Callable[[], None]]:
    """Make every ``Context.query`` also note its call; returns the notes and an undo."""
    calls: list[Call] = []
    original = ui_common.Context.query

    def noting(self, fn, *args, **kwargs):
        call = (fn, args, tuple(sorted(kwargs.items())))
        if call not in calls:
            calls.append(call)
        return original(self, fn, *args, **kwargs)

    ui_common.Context.query = noting

    def undo() -> None:
        ui_common.Context.query = original

    return calls, undo


def render(at: AppTest) -> float:
    """Seconds for one run of the page: the script from its first line to its last delta."""
    started = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - started
    if at.exception:
        raise SystemExit(f"the page failed: {at.exception[0].value}")
    return elapsed


def replay(engine: sa.Engine, calls: list[Call]) -> list[float]:
    """Seconds for each of the page's queries run directly on a warm engine (the app's is
    cached too); the first figure is the change marker every run reads."""
    times = []
    with Session(engine) as session:
        started = time.perf_counter()
        queries.change_marker(session)
        times.append(time.perf_counter() - started)
        for fn, args, kwargs in calls:
            started = time.perf_counter()
            fn(session, *args, **dict(kwargs))
            times.append(time.perf_counter() - started)
    return times


def describe(fn: Callable[..., Any], args: tuple, kwargs: tuple) -> str:
    shown = [type(a).__name__ for a in args] + [f"{k}={v!r}" for k, v in kwargs]
    return f"{fn.__module__}.{fn.__qualname__}({', '.join(shown)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="a database filled by bench/generate.py")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--page", default="overview.py", help="page file, e.g. donors.py")
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a query parameter of the page's link (repeatable)",
    )
    args = parser.parse_args()
    params = dict(p.split("=", 1) for p in args.param)
    os.environ["TRACKER_DATABASE_URL"] = args.url

    engine = db.make_engine(args.url)
    with engine.connect() as conn:
        entries = conn.execute(sa.select(sa.func.count()).select_from(m.LedgerEntry)).scalar()

    # One AppTest session for every render: a new one rescans the installed components
    # (about a second) on its first run, which a running server does once, at start-up.
    at = AppTest.from_file(str(DASHBOARDS / "app.py"), default_timeout=TIMEOUT)
    at.switch_page(args.page)
    at.query_params.update(params)
    calls, undo = recorded_calls()
    first = render(at)  # imports, engine, migration check, component scan: a server's start-up
    undo()
    rounds: dict[str, list[float]] = {"queries alone": [], "cold render": [], "warm render": []}
    per_query: list[list[float]] = []
    for _ in range(args.repeat):
        per_query.append(replay(engine, calls))
        rounds["queries alone"].append(sum(per_query[-1]))
        st.cache_data.clear()
        rounds["cold render"].append(render(at))
        rounds["warm render"].append(render(at))
    engine.dispose()

    base = statistics.median(rounds["queries alone"])
    print(f"{engine.dialect.name}: {entries:,} ledger entries; page {args.page} {params or ''}")
    print(
        f"first render after start-up {first:.3f}s; {len(calls)} distinct queries; "
        f"median of {args.repeat} rounds"
    )
    print(f"{'':16} {'seconds':>9} {'x queries':>10}  target")
    targets = {"cold render": COLD_TARGET, "warm render": WARM_TARGET}
    for label, times in rounds.items():
        t = statistics.median(times)
        target = targets.get(label)
        verdict = "" if target is None else f"< {target} s: {'met' if t < target else 'MISSED'}"
        print(f"{label:16} {t:>9.3f} {t / base:>9.2f}x  {verdict}")
    print("queries alone, each (median seconds):")
    names = ["tracker.queries.change_marker(Session)"] + [describe(*call) for call in calls]
    for n, name in enumerate(names):
        print(f"  {statistics.median(times[n] for times in per_query):>7.3f}  {name}")


if __name__ == "__main__":
    main()
