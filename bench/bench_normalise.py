"""Benchmark: normalising figures, one string at a time and a million values at once.

    .venv/bin/python bench/bench_normalise.py [--rows 1000000] [--url postgresql+psycopg://...]

What is measured (printed, nothing asserted):

* ``parse``: the median time of one ``tracker.domain.parsing.parse`` call, per sample string and
  over all of them (each call timed on its own, after a warm-up). Target: under 50 microseconds.
* ``quantities``: ``tracker.domain.units.convert_array`` turning N masses stated in tonnes, t and kg
  into kilograms (one cached pint factor per unit, one numpy gather and multiply).
* ``money (numpy)``: ``tracker.domain.fx.RateTable.convert`` turning N amounts in ten currencies on
  days across 2022-2025 into EUR at each day's ECB rate (loading the table is timed apart).
* ``money (SQL, per row)``: one ``SELECT SUM(...)`` over N stored rows that joins each row to
  its rate through ``tracker.domain.fx.rate_subquery``, as the ledger's totals do.
* ``money (SQL, grouped)``: the same total, summing per (currency, day) first and converting
  each group once: the shape to use when only totals are needed.

Each bulk figure is printed as values per second and as a ratio to a plain numpy multiply of
the same N numbers measured in the same run (so the ratio holds on a faster or slower machine).
Target: at least 1,000,000 values/s in bulk. The SQL totals are checked against the numpy one.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import sqlalchemy as sa
from sqlmodel import Session

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

from tracker.db import make_engine, upgrade
from tracker.domain import units
from tracker.domain.fx import RateTable, rate_subquery
from tracker.domain.parsing import parse
from tracker.services.rates import load_ecb_rates

SAMPLES = (
    ("$725m", "en"),
    ("about 300,000 155 mm shells", "en"),
    ("48 Leopard 2 tanks", "en"),
    ("11 billion euros ($11.8 bln)", "en"),
    ("between 10 and 12 tanks", "en"),
    ("NOK 10 billion", "en"),
    ("1,5 Mrd. €", "de"),
    ("1 000 000 obus", "fr"),
    ("близько 300 тис. снарядів", "uk"),
    ("an undisclosed number of tanks", "en"),
)
MASS_UNITS = ["tonne", "t", "kg", "tonnes"]
CURRENCIES = ["EUR", "USD", "GBP", "PLN", "NOK", "SEK", "DKK", "CAD", "JPY", "CHF"]
FIRST_DAY, DAYS = np.datetime64("2022-02-24"), 1200


def best_of(repeats: int, run: Callable[[], object]) -> float:
    """The fastest of ``repeats`` wall-clock runs, in seconds (least disturbed by the machine)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def bench_parse(calls: int) -> None:
    print(f"parse: median of {calls} timed calls per string")
    every: list[float] = []
    for text, locale in SAMPLES:
        parse(text, locale)
        times = []
        for _ in range(calls):
            start = time.perf_counter_ns()
            parse(text, locale)
            times.append((time.perf_counter_ns() - start) / 1000)
        every += times
        print(f"  {statistics.median(times):7.1f} us  {text!r} ({locale})")
    print(f"  {statistics.median(every):7.1f} us  median over all strings (target < 50 us)")


def report(label: str, rows: int, seconds: float, baseline: float) -> None:
    print(
        f"{label:24} {rows / seconds:14,.0f} values/s  {seconds * 1000:9.1f} ms  "
        f"{seconds / baseline:8.1f}x numpy multiply"
    )


def money_table(
    engine: sa.Engine, amounts_cents: np.ndarray, codes: np.ndarray, days: np.ndarray
) -> sa.Table:
    """A scratch table of N money rows (cents, currency, day), filled in batches."""
    table = sa.Table(
        "bench_money",
        sa.MetaData(),
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("amount", sa.BigInteger),
        sa.Column("currency", sa.String(3)),
        sa.Column("day", sa.Date),
    )
    # What a totals query groups by, with the amount, so SQL can aggregate in index order.
    sa.Index("ix_bench_money_currency_day", table.c.currency, table.c.day, table.c.amount)
    table.drop(engine, checkfirst=True)
    table.create(engine)
    py_days = days.astype("datetime64[D]").astype(object)
    with engine.begin() as conn:
        for start in range(0, len(amounts_cents), 50_000):
            stop = start + 50_000
            conn.execute(
                table.insert(),
                [
                    {"amount": int(a), "currency": CURRENCIES[c], "day": d}
                    for a, c, d in zip(
                        amounts_cents[start:stop],
                        codes[start:stop],
                        py_days[start:stop],
                        strict=True,
                    )
                ],
            )
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--calls", type=int, default=2000, help="timed parse calls per string")
    parser.add_argument("--url", help="database URL (default: a scratch SQLite file)")
    args = parser.parse_args()
    rows = args.rows

    bench_parse(args.calls)

    rng = np.random.default_rng(3)
    masses = rng.random(rows) * 1000
    mass_codes = rng.integers(0, len(MASS_UNITS), rows)
    amounts_cents = rng.integers(1, 10**12, rows)
    amounts = amounts_cents / 100
    codes = rng.integers(0, len(CURRENCIES), rows)
    days = FIRST_DAY + rng.integers(0, DAYS, rows).astype("timedelta64[D]")

    baseline = best_of(5, lambda: masses * 1000.0)
    print(f"\nbulk, {rows:,} values; numpy multiply baseline {baseline * 1000:.2f} ms")
    report(
        "quantities (numpy)",
        rows,
        best_of(5, lambda: units.convert_array(masses, mass_codes, MASS_UNITS, "kilogram")),
        baseline,
    )

    with tempfile.TemporaryDirectory() as scratch:
        engine = make_engine(args.url or f"sqlite:///{scratch}/bench.db")
        upgrade(engine)
        with Session(engine) as session:
            load_ecb_rates(session)
            session.commit()
            start = time.perf_counter()
            table = RateTable.load(session)
            print(f"{'(rate table load)':24} {time.perf_counter() - start:14.2f} s, once")
        in_eur = table.convert(amounts, codes, CURRENCIES, days, "EUR")
        report(
            "money (numpy)",
            rows,
            best_of(5, lambda: table.convert(amounts, codes, CURRENCIES, days, "EUR")),
            baseline,
        )

        bench = money_table(engine, amounts_cents, codes, days)
        per_row = sa.select(
            sa.func.sum(
                sa.cast(bench.c.amount, sa.Float)
                * rate_subquery("EUR", bench.c.day)
                / rate_subquery(bench.c.currency, bench.c.day)
            )
        )
        groups = (
            sa.select(bench.c.currency, bench.c.day, sa.func.sum(bench.c.amount).label("total"))
            .group_by(bench.c.currency, bench.c.day)
            .subquery()
        )
        grouped = sa.select(
            sa.func.sum(
                sa.cast(groups.c.total, sa.Float)
                * rate_subquery("EUR", groups.c.day)
                / rate_subquery(groups.c.currency, groups.c.day)
            )
        )
        expected = float(np.nansum(in_eur)) * 100
        with engine.connect() as conn:
            for label, query in (
                ("money (SQL, per row)", per_row),
                ("money (SQL, grouped)", grouped),
            ):
                seconds = best_of(3, lambda q=query: conn.execute(q).scalar())
                report(label, rows, seconds, baseline)
                total = conn.execute(query).scalar()
                print(f"{'':24} total agrees with numpy to {abs(total / expected - 1):.1e}")
        engine.dispose()


if __name__ == "__main__":
    main()
