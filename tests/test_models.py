"""Exact decimals stored as scaled 64-bit integers (tracker.domain.models.scaled_problem): a
value that would lose a digit or overflow the column is refused with the reason, never
rounded or left to the database driver."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.models import MONEY_SCALE, QUANTITY_SCALE, ScaledDecimal, scaled_problem


@pytest.mark.parametrize(
    ("value", "scale", "problem"),
    [
        ("1.5", MONEY_SCALE, None),
        ("1.500", MONEY_SCALE, None),
        ("92233720368547758.07", MONEY_SCALE, None),
        ("1.234", MONEY_SCALE, "has more than 2 decimal places, which cannot be stored exactly"),
        (
            "0.0001",
            QUANTITY_SCALE,
            "has more than 3 decimal places, which cannot be stored exactly",
        ),
        (
            "92233720368547758.08",
            MONEY_SCALE,
            "is too large to store (at most 92233720368547758.07)",
        ),
        ("-1E+30", MONEY_SCALE, "is too large to store (at most 92233720368547758.07)"),
        ("NaN", MONEY_SCALE, "must be a number"),
    ],
)
def test_values_the_column_cannot_hold_are_named(
    value: str, scale: int, problem: str | None
) -> None:
    assert scaled_problem(Decimal(value), scale) == problem


@given(st.decimals(allow_nan=False, allow_infinity=False), st.sampled_from([2, 3, 6]))
def test_a_value_is_either_stored_exactly_or_refused(value: Decimal, scale: int) -> None:
    column = ScaledDecimal(scale)
    if scaled_problem(value, scale) is None:
        stored = column.process_bind_param(value, None)
        assert column.process_result_value(stored, None) == value
    else:
        with pytest.raises(ValueError, match=r"cannot be stored exactly|too large to store"):
            column.process_bind_param(value, None)
