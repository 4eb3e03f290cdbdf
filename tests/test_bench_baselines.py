"""The benchmark's hand-written baselines compute the tracker's own figures.

A baseline that disagreed with the tracker would make every ratio in bench/ meaningless, so
each one is checked here on a small generated ledger (running totals, corrections, drafts,
foreign currencies and all) against the tracker's balance of the same view."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa
from sqlmodel import Session

from bench.baselines import MONTH, Baseline, baseline_sql
from tests.conftest import BACKENDS, generated_ledger
from tracker.ledger import View, time_series, totals_in_currency

CENT = Decimal("0.01")
AS_OF = date(2024, 6, 30)


@pytest.fixture(scope="module", params=BACKENDS)
def ledger(request, tmp_path_factory) -> Session:
    """A seeded database with 3,000 synthetic entries (built once per backend)."""
    folder = tmp_path_factory.mktemp("bench")
    yield from generated_ledger(
        request, folder, "bench_baselines", entries=3_000, packages=60, items=400
    )


def hand_written(session: Session, baseline: Baseline) -> dict[object, dict[str, Decimal]]:
    """{group: {kind: value}} from the baseline's whole cents."""
    sql, params = baseline_sql(baseline)
    out: dict[object, dict[str, Decimal]] = defaultdict(dict)
    for group, kind, _q, exact, converted in session.execute(sa.text(sql), params):
        cents = int(exact or 0) + int(converted or 0)
        out[str(group) if group is not None else None][kind] = Decimal(cents) * CENT
    return out


def assert_same(rows, hand, key) -> None:
    """Every group's pledged, delivered and cancelled value equal to the cent: both sides
    add whole cents, so there is no rounding left to tolerate."""
    assert len(rows) == len([g for g in hand if hand[g]]) > 0
    for row in rows:
        figures = hand[key(row)]
        assert row.pledged_value == figures.get("pledge", 0), key(row)
        assert row.delivered_value == figures.get("delivery", 0), key(row)
        assert row.cancelled_value == figures.get("cancellation", 0), key(row)


@pytest.mark.parametrize(
    ("view", "currency", "baseline"),
    [
        (View(), "EUR", Baseline()),
        (View(as_of=AS_OF), "EUR", Baseline(as_of=AS_OF)),
        (View(reviewed_only=True), "EUR", Baseline(reviewed_only=True)),
        (View(), "USD", Baseline(currency="USD")),
    ],
    ids=["today", "as-of", "reviewed", "usd"],
)
def test_donor_totals_match(ledger, view, currency, baseline):
    rows = totals_in_currency(ledger, view, group_by=("donor",), currency=currency)
    assert_same(rows, hand_written(ledger, baseline), lambda r: r.keys["donor"])


def test_one_donor_and_aid_type_match(ledger):
    donor = totals_in_currency(ledger, View(donors=("DE",)), group_by=("donor",))
    assert_same(donor, hand_written(ledger, Baseline(donor="DE")), lambda r: r.keys["donor"])
    by_aid = totals_in_currency(ledger, View(), group_by=("aid_type",))
    hand = hand_written(ledger, Baseline(group="p.aid_type"))
    assert_same(by_aid, hand, lambda r: r.keys["aid_type"])


def test_monthly_series_matches(ledger):
    ours = time_series(ledger, View())
    hand = hand_written(ledger, Baseline(group=MONTH))
    assert len(ours) == len(hand)
    for row in ours:
        assert row["pledged_value"] == hand[row["month"]].get("pledge", 0)
        assert row["delivered_value"] == hand[row["month"]].get("delivery", 0)
