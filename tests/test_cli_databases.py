"""Commands pointed at a database they cannot use: one line on stderr naming what is wrong,
a non-zero exit, no traceback, and nothing written."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.cli import tracker
from tests.conftest import sqlite_file_url
from tracker.db import head_revision

READERS = [
    ("balance",),
    ("warnings",),
    ("convert", "$725m", "--to", "EUR", "--on", "2024-12-02"),
]


def _one_line(result) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def _copy(url: str, path: Path) -> Path:
    """A private copy of the SQLite database at ``url`` (the shared seeded one stays as it is)."""
    source = sqlite3.connect(url.removeprefix("sqlite:///"))
    target = sqlite3.connect(path)
    source.backup(target)
    source.close()
    target.close()
    return path


def test_an_unknown_revision_is_named_with_the_known_ones(sqlite_url: str) -> None:
    line = _one_line(tracker("db", "upgrade", "nonsense", url=sqlite_url))
    assert "revision 'nonsense'" in line and head_revision() in line
    assert _one_line(tracker("db", "downgrade", "nonsense", url=sqlite_url)).startswith(
        "error: revision 'nonsense'"
    )


def _not_sqlite(tmp_path: Path) -> str:
    path = tmp_path / "notes.db"
    path.write_text("shopping list: bread, milk\n", encoding="utf-8")
    return sqlite_file_url(path)


def _another_application(tmp_path: Path) -> str:
    path = tmp_path / "recipes.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipe (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO recipe (name) VALUES ('borscht')")
    return sqlite_file_url(path)


def _old_revision(tmp_path: Path) -> str:
    url = sqlite_file_url(tmp_path / "old.db")
    assert tracker("db", "upgrade", "0001", url=url).returncode == 0
    return url


DATABASES = {
    "unreachable-postgresql": (
        lambda _: "postgresql+psycopg://nobody:pw@127.0.0.1:1/none",
        "cannot connect to the database at postgresql+psycopg://nobody:***@127.0.0.1:1/none",
    ),
    "not-sqlite": (_not_sqlite, "notes.db: file is not a database"),
    "another-application": (
        _another_application,
        "holds tables of another application (recipe) and no tracker schema",
    ),
    "old-revision": (
        _old_revision,
        f"at revision 0001 and this tracker needs {head_revision()}: run `tracker db upgrade`",
    ),
}


@pytest.mark.parametrize("database", sorted(DATABASES))
@pytest.mark.parametrize("command", READERS, ids=lambda c: c[0])
def test_reading_commands_say_in_one_line_what_is_wrong_with_the_database(
    tmp_path: Path, database: str, command: tuple[str, ...]
) -> None:
    make, expected = DATABASES[database]
    url = make(tmp_path)
    line = _one_line(tracker(*command, url=url))
    assert expected in line
    if database == "another-application":  # and its tables are left alone
        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            tables = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        assert tables == [("recipe",)]


def test_init_refuses_to_put_its_tables_beside_another_applications(tmp_path: Path) -> None:
    url = _another_application(tmp_path)
    line = _one_line(tracker("init", url=url))
    assert "holds tables of another application (recipe)" in line
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone() == (1,)


def test_an_import_into_a_read_only_database_writes_nothing(
    seeded_sqlite_url: str, tmp_path: Path
) -> None:
    path = _copy(seeded_sqlite_url, tmp_path / "tracker.db")
    url = sqlite_file_url(path)
    exported = tmp_path / "ledger.csv"
    assert tracker("export", str(exported), "--view", "ledger", url=url).returncode == 0
    header, first = exported.read_text(encoding="utf-8").splitlines()[:2]
    new = tmp_path / "new.csv"
    new.write_text(f"{header}\n{first.replace(first.split(',')[0], 'a-new-entry', 1)}\n")
    before = json.loads(tracker("status", "--json", url=url).stdout)["tables"]

    read_only = f"sqlite:///file:{path}?mode=ro&uri=true"
    line = _one_line(tracker("import", str(new), url=read_only))
    assert "attempt to write a readonly database; nothing was written" in line
    assert json.loads(tracker("status", "--json", url=url).stdout)["tables"] == before
    imported = tracker("import", str(new), url=url)  # the same file is fine where writable
    assert "1 entries imported" in imported.stdout, imported.stderr


@pytest.mark.parametrize(
    "damage, refusal",
    [
        (
            "UPDATE source SET quote = 'said' || char(0) || 'so' WHERE id = 3",
            "source.csv, line 4, quote: cannot read 'said\\x00so' (a NUL character (U+0000), "
            "which PostgreSQL cannot store); nothing was restored",
        ),
        (
            "UPDATE package SET ordinal = 3000000000 WHERE id = 2",
            "package.csv, line 3, ordinal: cannot read '3000000000' (over the 32-bit column's "
            "limit of 2,147,483,647); nothing was restored",
        ),
    ],
    ids=["nul-character", "ordinal-over-32-bits"],
)
def test_a_backup_postgresql_cannot_hold_is_refused_by_line_and_field(
    seeded_sqlite_url: str, pg_url: str, tmp_path: Path, damage: str, refusal: str
) -> None:
    path = _copy(seeded_sqlite_url, tmp_path / "tracker.db")
    with sqlite3.connect(path) as conn:  # what SQLite accepts from any client
        conn.execute(damage)
    backup = tmp_path / "backup"
    made = tracker("export", "--all", str(backup), url=sqlite_file_url(path))
    assert made.returncode == 0, made.stderr

    line = _one_line(tracker("import", "--all", str(backup), url=pg_url))
    assert line.endswith(refusal)
    counts = json.loads(tracker("status", "--json", url=pg_url).stdout)["tables"]
    assert counts and set(counts.values()) == {0}
