"""The migration stairway with data in the database, run as a user runs it (the ``tracker``
command): every revision, one step at a time, up to head, down to base and up again, with the
balances of the seeded sample the same at the end as at the start. The revisions come from
Alembic's script directory, so a new revision is on the stairway without editing this test."""

from __future__ import annotations

import json
from pathlib import Path

from alembic.script import ScriptDirectory

from tests.cli import tracker
from tracker.db import head_revision, migrations_dir


def _revisions() -> list[str]:
    """Every revision, oldest first."""
    scripts = ScriptDirectory(str(migrations_dir()))
    return [script.revision for script in reversed(list(scripts.walk_revisions()))]


def _at(url: str) -> str:
    return tracker("db", "current", url=url).stdout.strip()


def _balances(url: str) -> list[dict]:
    result = tracker("balance", "--group-by", "donor,aid_type", "--json", url=url)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def _entries(url: str) -> int:
    status = json.loads(tracker("status", "--json", url=url).stdout)
    return status["tables"]["ledger_entry"]


def _step_up(url: str, revisions: list[str]) -> None:
    for revision in revisions:
        result = tracker("db", "upgrade", revision, url=url)
        assert result.returncode == 0, result.stderr
        assert _at(url) == revision


def _step_down(url: str, targets: list[str]) -> list[str]:
    """One ``db downgrade -1`` per target; a step that would drop rows is refused first and
    then confirmed with --yes. Returns the refusals, one line each."""
    refusals = []
    for target in targets:
        result = tracker("db", "downgrade", "--", "-1", url=url)
        if result.returncode != 0:
            assert "--yes" in result.stderr and "Traceback" not in result.stderr
            refusals.append(result.stderr.strip())
            result = tracker("db", "downgrade", "--yes", "--", "-1", url=url)
        assert result.returncode == 0, result.stderr
        assert _at(url) == target
    return refusals


def test_every_revision_up_down_and_up_again_keeps_the_balances(
    db_url: str, tmp_path: Path
) -> None:
    revisions = _revisions()
    assert len(revisions) >= 3 and revisions[-1] == head_revision()
    _step_up(db_url, revisions)
    assert tracker("init", url=db_url).returncode == 0
    before = _balances(db_url)
    entries = _entries(db_url)
    assert entries > 300 and any(row["delivered_estimated_value"] != "0" for row in before)
    backup = tmp_path / "backup"
    assert tracker("export", "--all", str(backup), url=db_url).returncode == 0

    # Down to base: the steps that drop tables holding rows say so and wait for --yes.
    refusals = _step_down(db_url, [*reversed(revisions[:-1]), "base"])
    assert any("entry_effect (" in line for line in refusals)
    assert any("ledger_entry (" in line for line in refusals)
    assert all(len(line.splitlines()) == 1 for line in refusals)

    # Up again on the empty schema, the backup restored: the same balances.
    _step_up(db_url, revisions)
    restored = tracker("import", "--all", str(backup), url=db_url)
    assert restored.returncode == 0, restored.stderr
    assert _balances(db_url) == before

    # With the data in place: down to the first revision (which holds the ledger) and up
    # again one revision at a time; the derived balances are rebuilt on reaching head.
    _step_down(db_url, list(reversed(revisions[:-1])))
    assert _entries(db_url) == entries
    _step_up(db_url, revisions[1:])
    assert _balances(db_url) == before
    checked = tracker("db", "check", url=db_url)
    assert checked.returncode == 0 and "agree with the ledger" in checked.stdout
