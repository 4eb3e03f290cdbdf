"""The one rule for missing test prerequisites: skip on a laptop, fail in CI.

A developer without PostgreSQL or Chromium should still be able to run the rest of the suite,
but a CI run that quietly skipped the PostgreSQL or browser tests would report green for code
that was never exercised on those paths. CI sets ``CI=true``.
"""

from __future__ import annotations

import os
from typing import NoReturn

import pytest

# Tests carrying these markers may never be skipped in CI.
MUST_RUN_IN_CI = ("postgres", "browser")


def in_ci() -> bool:
    """True when the ``CI`` environment variable is set to anything but a false-ish value."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def unavailable(reason: str) -> NoReturn:
    """Stop the current test or fixture: a failure in CI, a skip with ``reason`` elsewhere."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: these tests must run, not skip)", pytrace=False)
    pytest.skip(reason)
