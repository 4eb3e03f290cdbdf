#!/usr/bin/env bash
# Command (1): set up this checkout, migrate and seed the database, serve the dashboard.
# The database is TRACKER_DATABASE_URL, by default an embedded SQLite file in the user's data
# folder, so nothing else needs installing. Extra arguments go to `tracker serve`
# (e.g. --port 8502).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh
.venv/bin/tracker init
exec .venv/bin/tracker serve "$@"
