"""Ledger benchmark: the library's balances against hand-written SQL on the same database.

    python bench/generate.py sqlite:///bench/out/bench.db          # once, ~1,000,000 entries
    python bench/bench_ledger.py sqlite:///bench/out/bench.db [--repeat 5]

For each view (all-donor totals in EUR, one donor's balance per equipment, the monthly time
series, and an as-of view of a past date) it prints the median time of ``tracker.ledger``
and of a hand-written SQL query that computes the same figures from the same tables, their
ratio, and whether the figures agree to the cent. Targets (issue 4): ratio within 1.5x, the
all-donor balance under 1 s on SQLite with a million entries.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlmodel import Session

from tracker.db import make_engine
from tracker.ledger import View, balances, time_series, totals_in_currency

CENT = Decimal("0.01")

# Hand-written: the same figures (every kind, reported, estimated, undisclosed, unconverted,
# entry count) as per-package sums over the derived increments, then per donor.
ALL_DONORS_SQL = """
SELECT d.code, x.kind, SUM(x.q), SUM(x.xe), SUM(x.e), SUM(x.est),
       COUNT(DISTINCT CASE WHEN x.und = 1 THEN x.package_id END), SUM(x.unconv), SUM(x.n)
FROM (SELECT package_id, kind, SUM(dq) AS q, SUM(x_eur) AS xe, SUM(eur) AS e,
             SUM(est_eur) AS est, MAX(CASE WHEN undisclosed THEN 1 ELSE 0 END) AS und,
             SUM(CASE WHEN unconverted THEN 1 ELSE 0 END) AS unconv, COUNT(*) AS n
      FROM entry_effect GROUP BY package_id, kind) AS x
JOIN package p ON p.id = x.package_id
JOIN donor d ON d.id = p.donor_id
WHERE p.aggregate_claim = false
GROUP BY d.code, x.kind
"""

ONE_DONOR_SQL = """
SELECT COALESCE(t.name, i.label), i.unit, x.kind, SUM(x.q), SUM(x.xe), SUM(x.e), SUM(x.est),
       COUNT(DISTINCT CASE WHEN x.und = 1 THEN x.package_id END), SUM(x.unconv), SUM(x.n)
FROM (SELECT package_id, kind, item_key, SUM(dq) AS q, SUM(x_eur) AS xe, SUM(eur) AS e,
             SUM(est_eur) AS est, MAX(CASE WHEN undisclosed THEN 1 ELSE 0 END) AS und,
             SUM(CASE WHEN unconverted THEN 1 ELSE 0 END) AS unconv, COUNT(*) AS n
      FROM entry_effect
      WHERE package_id IN (SELECT p.id FROM package p JOIN donor d ON d.id = p.donor_id
                           WHERE d.code = :donor)
      GROUP BY package_id, kind, item_key) AS x
JOIN package p ON p.id = x.package_id
LEFT JOIN item i ON i.id = x.item_key
LEFT JOIN equipment_type t ON t.id = i.equipment_type_id
WHERE p.aggregate_claim = false
GROUP BY COALESCE(t.name, i.label), i.unit, x.kind
"""

SERIES_SQL = """
SELECT substr(CAST(x.day AS VARCHAR), 1, 7) AS month, x.kind, SUM(x.xe), SUM(x.e)
FROM (SELECT applies_on AS day, kind, SUM(x_eur) AS xe, SUM(eur) AS e
      FROM entry_effect WHERE claim = false GROUP BY applies_on, kind) AS x
GROUP BY substr(CAST(x.day AS VARCHAR), 1, 7), x.kind
"""


def cents(exact, converted) -> Decimal:
    """The value the library reports for an exact euro sum plus a converted sum (cents)."""
    total = Decimal(int(exact or 0)) * CENT + (Decimal(str(converted or 0)) * CENT).quantize(CENT)
    return total.quantize(CENT)


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def all_donors(session: Session, repeat: int) -> tuple[float, float, bool]:
    ours_t, ours = timed(lambda: totals_in_currency(session, View(), group_by=("donor",)), repeat)
    hand_t, rows = timed(lambda: session.execute(sa.text(ALL_DONORS_SQL)).all(), repeat)
    hand: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for code, kind, _q, xe, e, *_ in rows:
        hand[code][kind] = cents(xe, e)
    same = all(
        abs(r.pledged_value - hand[r.keys["donor"]].get("pledge", Decimal(0))) <= CENT
        and abs(r.delivered_value - hand[r.keys["donor"]].get("delivery", Decimal(0))) <= CENT
        for r in ours
    ) and len(ours) == len(hand)
    return ours_t, hand_t, same


def one_donor(session: Session, repeat: int, donor: str) -> tuple[float, float, bool]:
    view = View(donors=(donor,))
    ours_t, ours = timed(lambda: balances(session, view, group_by=("equipment",)), repeat)
    hand_t, rows = timed(
        lambda: session.execute(sa.text(ONE_DONOR_SQL), {"donor": donor}).all(), repeat
    )
    hand: dict[tuple, dict[str, tuple]] = defaultdict(dict)
    for name, unit, kind, q, xe, e, *_ in rows:
        hand[(name, unit)][kind] = (Decimal(int(q or 0)) / 1000, cents(xe, e))
    same = len(ours) == len(hand) and all(
        hand[(r.keys["equipment"], r.unit)].get("pledge", (0, 0))[0] == r.pledged
        and hand[(r.keys["equipment"], r.unit)].get("delivery", (0, 0))[0] == r.delivered
        and abs(
            hand[(r.keys["equipment"], r.unit)].get("pledge", (0, Decimal(0)))[1] - r.pledged_value
        )
        <= CENT
        for r in ours
    )
    return ours_t, hand_t, same


def series(session: Session, repeat: int) -> tuple[float, float, bool]:
    ours_t, ours = timed(lambda: time_series(session, View()), repeat)
    hand_t, rows = timed(lambda: session.execute(sa.text(SERIES_SQL)).all(), repeat)
    hand: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for month, kind, xe, e in rows:
        hand[month][kind] = cents(xe, e)
    same = len(ours) == len(hand) and all(
        abs(r["pledged_value"] - hand[r["month"]].get("pledge", Decimal(0))) <= CENT for r in ours
    )
    return ours_t, hand_t, same


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--donor", default="DE")
    args = parser.parse_args()
    engine = make_engine(args.url)
    with Session(engine) as session:
        n = session.execute(sa.text("SELECT COUNT(*) FROM ledger_entry")).scalar_one()
        print(f"{engine.dialect.name}: {n:,} ledger entries; median of {args.repeat} runs")
        print(f"{'view':28} {'tracker':>10} {'hand SQL':>10} {'ratio':>7}  same figures")
        for label, run in [
            ("all-donor totals (EUR)", lambda: all_donors(session, args.repeat)),
            (f"one donor ({args.donor})", lambda: one_donor(session, args.repeat, args.donor)),
            ("monthly time series", lambda: series(session, args.repeat)),
        ]:
            ours_t, hand_t, same = run()
            print(f"{label:28} {ours_t:>9.3f}s {hand_t:>9.3f}s {ours_t / hand_t:>6.2f}x  {same}")
        as_of = View(as_of=date(2024, 6, 30))
        t, _ = timed(lambda: totals_in_currency(session, as_of, group_by=("donor",)), args.repeat)
        print(
            f"{'all-donor as of 2024-06-30':28} {t:>9.3f}s   (recomputes packages with running "
            "totals or corrections)"
        )
        t, _ = timed(
            lambda: totals_in_currency(session, View(), group_by=("donor",), currency="USD"),
            args.repeat,
        )
        print(f"{'all-donor totals (USD)':28} {t:>9.3f}s")
    engine.dispose()


if __name__ == "__main__":
    main()
