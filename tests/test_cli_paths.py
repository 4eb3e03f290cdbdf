"""One line a person can act on, never a traceback and never a misleading word: what the
``tracker`` command says about paths, database URLs and far dates (issue #14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli import tracker
from tracker import db


def one_line(result) -> str:
    """The command's only line on stderr (a traceback has many)."""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


# --- what is given to import ---------------------------------------------------------------


def test_import_of_a_folder_says_it_is_a_folder(tmp_path: Path, sqlite_url: str) -> None:
    result = tracker("import", str(tmp_path), url=sqlite_url)
    assert result.returncode == 1
    assert (
        one_line(result)
        == f"error: {tmp_path} is a folder, not a file: give the CSV file inside it"
    )


def test_import_of_a_device_says_it_is_not_a_regular_file(sqlite_url: str) -> None:
    result = tracker("import", "/dev/null", url=sqlite_url)
    assert one_line(result) == (
        "error: /dev/null is not a regular file (a device, pipe or socket): give a CSV file"
    )


def test_import_of_an_empty_file_says_it_is_empty(tmp_path: Path, sqlite_url: str) -> None:
    empty = tmp_path / "ledger.csv"
    empty.write_bytes(b"")
    result = tracker("import", str(empty), url=sqlite_url)
    assert (
        one_line(result) == f"error: {empty} is empty: a ledger CSV needs at least its header row"
    )


def test_import_of_a_missing_file_still_says_no_such_file(tmp_path: Path, sqlite_url) -> None:
    result = tracker("import", str(tmp_path / "gone.csv"), url=sqlite_url)
    assert one_line(result) == f"error: no such file: {tmp_path / 'gone.csv'}"


# --- the database URL ----------------------------------------------------------------------


def test_status_of_a_database_whose_folder_does_not_exist_says_so(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'nowhere' / 'tracker.db'}"
    result = tracker("status", url=url)
    assert result.returncode == 1
    assert one_line(result) == (
        f"error: no database at {url}: its folder {tmp_path / 'nowhere'} does not exist; "
        "`tracker init` creates it"
    )
    assert not (tmp_path / "nowhere").exists()  # asking created nothing


def test_a_reading_command_on_a_missing_file_says_the_file_does_not_exist(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    result = tracker("balance", url=url)
    assert "the file" in one_line(result) and "does not exist" in one_line(result)
    assert not (tmp_path / "tracker.db").exists()


def test_a_percent_sign_in_the_url_reaches_the_migrations_intact(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'team%20share%.db'}"
    result = tracker("init", "--no-sample", url=url)
    assert result.returncode == 0, result.stderr
    assert "at revision" in result.stdout


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql+psycopg://olena:s3cret@db:5432/t", "postgresql+psycopg://olena:***@db:5432/t"),
        ("postgresql+psycopg://olena:s3cret@db:port/t", "postgresql+psycopg://olena:***@db:port/t"),
        ("postgres ql://olena:50%off@db/t", "postgres ql://olena:***@db/t"),
        ("sqlite:///plain.db", "sqlite:///plain.db"),
    ],
)
def test_every_url_is_shown_with_its_password_masked(url: str, shown: str) -> None:
    assert db.mask_url(url) == shown


def test_an_unparseable_url_is_refused_without_showing_its_password() -> None:
    result = tracker("status", url="postgresql+psycopg://olena:s3cret@db:port/t")
    assert one_line(result) == (
        "error: TRACKER_DATABASE_URL is not a database URL: "
        "postgresql+psycopg://olena:***@db:port/t"
    )


# --- dates and output paths ----------------------------------------------------------------


def test_balance_as_of_the_last_day_of_the_calendar_counts_everything(seeded_sqlite_url) -> None:
    far = tracker("balance", "--as-of", "9999-12-31", "--json", url=seeded_sqlite_url)
    today = tracker("balance", "--json", url=seeded_sqlite_url)
    assert far.returncode == 0, far.stderr
    assert far.stdout == today.stdout


def test_export_into_a_missing_folder_names_the_folder(tmp_path, seeded_sqlite_url) -> None:
    target = tmp_path / "missing" / "ledger.csv"
    result = tracker("export", str(target), "--view", "ledger", url=seeded_sqlite_url)
    assert result.returncode == 1
    assert one_line(result) == (
        f"error: cannot write {target}: its folder {tmp_path / 'missing'} does not exist"
    )
