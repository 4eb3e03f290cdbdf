"""Running the ``tracker`` command as a user does: a separate process on a given database."""

from __future__ import annotations

import os
import subprocess
import sys


def tracker(*args: str, url: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """``tracker ARGS`` with TRACKER_DATABASE_URL set to ``url``; output captured as text."""
    env = {**os.environ, "TRACKER_DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        env=env,
        capture_output=True,
        text=True,
        input=stdin,
        timeout=300,
    )
