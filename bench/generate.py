"""Build a realistic synthetic tracker database for the benchmarks.

About 50 donors (the seeded ones), 5,000 packages, 50,000 items and 1,000,000 ledger entries in
several currencies, with running totals (3% of lines), corrections (0.2%), drafts and undisclosed
values in realistic proportions. Rows go in through bulk inserts (the services would take
minutes for a million rows); the seed data and ECB rates are loaded first through
``tracker.services.seed``, so every constraint and trigger of the real schema applies.

    python bench/generate.py sqlite:///bench/out/bench.db --entries 1000000
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session

from tracker.db import make_engine, upgrade
from tracker.domain import models as m
from tracker.ledger import rebuild_effects
from tracker.services.seed import seed_database

CURRENCIES = ("EUR", "EUR", "EUR", "USD", "USD", "GBP", "PLN", "NOK", "SEK", "DKK", "CAD", "JPY")
UNITS = ("shell", "round", "tank", "vehicle", "howitzer", "missile", "drone", "tonne", "system")
START, END = date(2022, 2, 24), date(2025, 6, 30)
BATCH = 20_000


def _day(rng: random.Random, after: date = START) -> date:
    span = (END - after).days
    return after + timedelta(days=rng.randint(0, max(span, 0)))


def _recorded(rng: random.Random, day: date) -> datetime:
    return datetime.combine(day + timedelta(days=rng.randint(0, 30)), dtime(12), tzinfo=UTC)


def generate(
    engine: Engine,
    entries: int = 1_000_000,
    *,
    packages: int = 5_000,
    items: int = 50_000,
    seed: int = 20240224,
) -> dict[str, int]:
    """Fill a migrated, seeded database with synthetic packages, items and entries."""
    rng = random.Random(seed)
    with engine.begin() as conn:
        donor_ids = [r[0] for r in conn.execute(sa.select(m.Donor.id))]
        source_ids = []
        for n in range(2_000):
            source_ids.append(
                conn.execute(
                    sa.insert(m.Source)
                    .values(
                        key=f"url:bench.example/{n}",
                        url=f"https://bench.example/{n}",
                        title=f"Synthetic release {n}",
                        reliability="media",
                        created_at=datetime.now(UTC),
                    )
                    .returning(m.Source.id)
                ).scalar_one()
            )
        package_rows = []
        for n in range(packages):
            secrecy = "undisclosed" if rng.random() < 0.03 else "public"
            package_rows.append(
                {
                    "donor_id": rng.choice(donor_ids),
                    "title": f"Synthetic package {n}",
                    "announced_on": _day(rng),
                    "aid_type": rng.choice(m.AID_TYPES),
                    "instrument": rng.choice(m.INSTRUMENTS),
                    "secrecy": secrecy,
                    "aggregate_claim": False,
                    "version": 1,
                    "created_at": datetime.now(UTC),
                }
            )
        conn.execute(sa.insert(m.Package), package_rows)
        package_ids = [
            r[0]
            for r in conn.execute(
                sa.select(m.Package.id).where(m.Package.title.like("Synthetic package %"))
            )
        ]
        item_rows = [
            {
                "package_id": package_ids[n % len(package_ids)],
                "label": f"Synthetic item {n}",
                "unit": rng.choice(UNITS),
                "version": 1,
            }
            for n in range(items)
        ]
        conn.execute(sa.insert(m.Item), item_rows)
        item_info = [
            (r.id, r.package_id, r.unit)
            for r in conn.execute(
                sa.select(m.Item.id, m.Item.package_id, m.Item.unit).where(
                    m.Item.label.like("Synthetic item %")
                )
            )
        ]
    written = _entries(engine, rng, entries, package_ids, item_info, source_ids)
    return {"packages": packages, "items": items, "entries": written}


def _entries(engine, rng, total, package_ids, item_info, source_ids) -> int:
    """Per line: a pledge, then allocations and deliveries, some as running totals; a few
    cancellations, corrections and money-only package entries."""
    written, key = 0, 0
    batch: list[dict] = []
    with engine.begin() as conn:
        while written + len(batch) < total - total // 500:  # 0.2% left for corrections
            item_id, package_id, unit = rng.choice(item_info)
            money_only = rng.random() < 0.15
            # Running totals are rare in practice (5 of the 360 seed entries): 3% of lines.
            reports_running_totals = rng.random() < 0.03
            currency = rng.choice(CURRENCIES)
            pledge_day = _day(rng)
            size = rng.choice((10, 50, 200, 1000, 50_000))
            for n in range(rng.randint(5, 30)):
                key += 1
                kind = (
                    "pledge"
                    if n == 0
                    else rng.choice(
                        ("delivery", "delivery", "delivery", "allocation", "pledge", "cancellation")
                    )
                )
                day = pledge_day if n == 0 else _day(rng, pledge_day)
                cumulative = kind == "delivery" and reports_running_totals and rng.random() < 0.5
                quantity = None if money_only else Decimal(rng.randint(1, size))
                amount = (
                    Decimal(rng.randint(1, 500_000)) * 1000
                    if money_only or rng.random() < 0.3
                    else None
                )
                undisclosed = n == 0 and rng.random() < 0.02
                if undisclosed:
                    quantity = amount = None
                batch.append(
                    {
                        "key": f"bench-{key}",
                        "package_id": package_id,
                        "item_id": None if money_only else item_id,
                        "event": kind,
                        "effective_event": kind,
                        "event_date": day,
                        "applies_on": day,
                        "quantity": quantity,
                        "quantity_high": None,
                        "unit": None if quantity is None else unit,
                        "amount": amount,
                        "amount_high": None,
                        "currency": currency if amount is not None else None,
                        "qualifier": "undisclosed"
                        if undisclosed
                        else rng.choice(("exact", "exact", "exact", "about", "at least")),
                        "cumulative": cumulative,
                        "corrects_id": None,
                        "reason": None,
                        "stated": None,
                        "source_id": rng.choice(source_ids),
                        "recorded_at": _recorded(rng, day),
                        "recorded_by": "bench",
                        "review_status": "reviewed" if rng.random() < 0.8 else "draft",
                        "reviewed_by": None,
                        "review_comment": None,
                        "version": 1,
                    }
                )
            if len(batch) >= BATCH:
                conn.execute(sa.insert(m.LedgerEntry), batch)
                written += len(batch)
                batch = []
        if batch:
            conn.execute(sa.insert(m.LedgerEntry), batch)
            written += len(batch)
        written += _corrections(conn, rng, total - written)
    return written


def _corrections(conn, rng, count: int) -> int:
    """Corrections of random earlier entries (revaluations), as the last entries."""
    if count <= 0:
        return 0
    E = m.LedgerEntry.__table__
    targets = conn.execute(
        sa.select(
            E.c.id,
            E.c.key,
            E.c.package_id,
            E.c.item_id,
            E.c.effective_event,
            E.c.applies_on,
            E.c.quantity,
            E.c.unit,
            E.c.amount,
            E.c.currency,
            E.c.source_id,
            E.c.recorded_at,
        )
        .where(E.c.key.like("bench-%"), E.c.qualifier != "undisclosed")
        .order_by(sa.func.random())
        .limit(count)
    ).all()
    rows = []
    for t in targets:
        day = min(t.applies_on + timedelta(days=rng.randint(30, 400)), END)
        rows.append(
            {
                "key": f"bench-fix-{t.id}",
                "package_id": t.package_id,
                "item_id": t.item_id,
                "event": "correction",
                "effective_event": t.effective_event,
                "event_date": day,
                "applies_on": t.applies_on,
                "quantity": None if t.quantity is None else t.quantity * Decimal("0.9"),
                "quantity_high": None,
                "unit": t.unit,
                "amount": None
                if t.amount is None
                else (t.amount * Decimal("0.9")).quantize(Decimal("0.01")),
                "amount_high": None,
                "currency": t.currency,
                "qualifier": "exact",
                "cumulative": False,
                "corrects_id": t.id,
                "reason": "synthetic revaluation",
                "stated": None,
                "source_id": t.source_id,
                "recorded_at": max(t.recorded_at, _recorded(rng, day)),
                "recorded_by": "bench",
                "review_status": "reviewed",
                "reviewed_by": None,
                "review_comment": None,
                "version": 1,
            }
        )
    conn.execute(sa.insert(m.LedgerEntry), rows)
    return len(rows)


def build(url: str, entries: int) -> dict[str, float]:
    """Migrate, seed and generate; returns the timings."""
    engine = make_engine(url)
    started = time.perf_counter()
    upgrade(engine)
    seed_database(engine)
    seeded = time.perf_counter()
    counts = generate(engine, entries=entries)
    with Session(engine) as session:
        rebuild_effects(session)  # the bulk insert bypassed the services that keep it
        session.commit()
    with engine.begin() as conn:
        conn.execute(sa.text("ANALYZE"))  # fresh planner statistics on both backends
    done = time.perf_counter()
    engine.dispose()
    return {"seed_s": seeded - started, "generate_s": done - seeded, **counts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="database URL (an empty database)")
    parser.add_argument("--entries", type=int, default=1_000_000)
    args = parser.parse_args()
    print(build(args.url, args.entries))


if __name__ == "__main__":
    main()
