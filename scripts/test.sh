#!/usr/bin/env bash
# Command (2): set up this checkout (including Debian's postgresql and chromium when missing and
# running as root) and run the whole test suite: SQLite, PostgreSQL and browser tests, then ruff.
# Extra arguments go to pytest (e.g. -k sqlite, -x). Screenshots are written below
# $TRACKER_TEST_ARTIFACTS (default: artifacts/ in the checkout), whose path is printed at the end.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh --system-deps

mkdir -p "${TRACKER_TEST_ARTIFACTS:-artifacts}"
TRACKER_TEST_ARTIFACTS="$(cd "${TRACKER_TEST_ARTIFACTS:-artifacts}" && pwd)"
export TRACKER_TEST_ARTIFACTS

echo "test: pytest (whole suite, all markers)"
pytest_status=0
# --durations: the slowest tests, to keep an eye on the CI time budget.
.venv/bin/pytest --durations=10 "$@" || pytest_status=$?

echo "test: ruff check"
ruff_status=0
.venv/bin/ruff check . || ruff_status=$?

echo "test: artifacts (screenshots): $TRACKER_TEST_ARTIFACTS"
echo "test: pytest exit code $pytest_status, ruff exit code $ruff_status"
if [ "$pytest_status" -ne 0 ] || [ "$ruff_status" -ne 0 ]; then
  exit 1
fi
