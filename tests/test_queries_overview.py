"""The overview's one-pass figures are the figures of the separate views they replace.

Checked on a small generated ledger (running totals, corrections, foreign currencies, in-kind
estimates, an aid-type filter, a past date) on each backend: any difference, to the cent or
in the order of the rows, would show up on the page."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

from tests.conftest import BACKENDS, generated_ledger
from tracker import queries
from tracker.ledger import View, balances, totals_in_currency


@pytest.fixture(scope="module", params=BACKENDS)
def ledger(request, tmp_path_factory) -> Session:
    """A seeded database with 2,000 synthetic entries (built once per backend)."""
    folder = tmp_path_factory.mktemp("overview")
    yield from generated_ledger(
        request, folder, "overview_figures", entries=2_000, packages=50, items=300
    )


@pytest.mark.parametrize(
    ("view", "currency"),
    [
        (View(), "EUR"),
        (View(), "USD"),
        (View(aid_type="military"), "EUR"),
        (View(as_of=date(2024, 6, 30)), "EUR"),
    ],
    ids=["today", "usd", "military", "as-of"],
)
def test_every_figure_equals_its_own_query(ledger, view, currency):
    figures = queries.overview_figures(ledger, view, currency)
    separately = totals_in_currency(ledger, view, currency=currency)
    assert [figures.total] == separately
    assert figures.total.pledged_value > 0
    assert figures.donors == totals_in_currency(
        ledger, view, group_by=("donor", "donor_name"), currency=currency
    )
    assert figures.aid_types == totals_in_currency(
        ledger, view, group_by=("aid_type",), currency=currency
    )
    assert figures.categories == balances(ledger, view, group_by=("category",), currency=currency)
    assert figures.basis == queries.price_basis(ledger, view)
    assert sum(b.entries for b in figures.basis) > 0


def test_a_view_that_selects_nothing_has_a_total_of_nothing_and_no_rows(ledger):
    view = View(donors=("NO-SUCH-DONOR",))
    figures = queries.overview_figures(ledger, view)
    # like totals_in_currency, one total row counting no entries
    assert [figures.total] == totals_in_currency(ledger, view)
    assert (figures.total.entry_count, figures.total.pledged_value) == (0, 0)
    assert (figures.donors, figures.aid_types, figures.basis) == ([], [], [])
