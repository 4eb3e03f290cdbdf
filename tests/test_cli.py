"""The ``tracker`` command end to end, run as a separate process like a user runs it."""

from __future__ import annotations

import json

import pytest

from tests.cli import tracker
from tracker.db import head_revision


def test_init_twice_leaves_the_same_counts_and_the_head_revision(db_url):
    first = tracker("init", url=db_url)
    assert first.returncode == 0, first.stderr
    before = json.loads(tracker("status", "--json", url=db_url).stdout)
    second = tracker("init", url=db_url)
    assert "added nothing new" in second.stdout
    after = json.loads(tracker("status", "--json", url=db_url).stdout)
    assert after == before
    assert after["revision"] == after["head"] and after["up_to_date"] is True
    assert after["tables"]["donor"] >= 40 and after["tables"]["ledger_entry"] >= 350


def test_status_masks_the_password(pg_server):
    url = pg_server.url("postgres").replace("postgres@", "postgres:s3cret@")
    shown = json.loads(tracker("status", "--json", url=url).stdout)["database_url"]
    assert "s3cret" not in shown and "***" in shown


@pytest.mark.parametrize(
    "url, expected",
    [
        ("postgresql+psycopg://nobody:pw@127.0.0.1:1/none", "cannot connect to the database"),
        ("not a url", "is not a database URL"),
        ("mysql+nodriver://x@y/z", "cannot use database URL"),
    ],
)
def test_a_bad_database_url_gives_one_clear_line(url, expected):
    result = tracker("status", url=url)
    assert result.returncode == 1
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_db_downgrade_upgrade_and_current(sqlite_url):
    assert tracker("db", "upgrade", url=sqlite_url).returncode == 0
    assert tracker("db", "current", url=sqlite_url).stdout.strip() == head_revision()
    assert tracker("db", "downgrade", "0001", url=sqlite_url).returncode == 0
    assert tracker("db", "current", url=sqlite_url).stdout.strip() == "0001"
    assert tracker("db", "downgrade", "base", url=sqlite_url).returncode == 0
    assert tracker("db", "current", url=sqlite_url).stdout.strip() == "base"


def test_balance_json_has_the_documented_keys_and_as_of_figures(seeded_sqlite_url):
    result = tracker(
        "balance", "--donor", "EU", "--as-of", "2023-12-01", "--json", url=seeded_sqlite_url
    )
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    shells = [r for r in rows if r["unit"] == "shell"]
    assert shells and shells[0]["pledged"] == "1000000" and shells[0]["delivered"] == "300000"
    assert shells[0]["outstanding"] == "700000" and shells[0]["delivered_share"] == "0.3"
    keys = {
        "donor",
        "equipment",
        "unit",
        "pledged",
        "allocated",
        "delivered",
        "cancelled",
        "outstanding",
        "delivered_share",
        "currency",
        "pledged_value",
        "delivered_value",
        "undisclosed_count",
        "warnings",
    }
    assert keys <= set(shells[0])


def test_balance_refuses_a_malformed_date(seeded_sqlite_url):
    result = tracker("balance", "--as-of", "01/12/2023", url=seeded_sqlite_url)
    assert (
        result.returncode == 2
        and "--as-of '01/12/2023': give a date as YYYY-MM-DD" in result.stderr
    )


def test_warnings_json_lists_stored_warnings(seeded_sqlite_url):
    result = tracker("warnings", "--json", url=seeded_sqlite_url)
    kinds = {json.loads(line)["kind"] for line in result.stdout.splitlines()}
    assert "delivery_before_pledge" in kinds


@pytest.mark.parametrize("alias, code", [("EL", "GR"), ("el", "GR"), ("UK", "GB")])
def test_every_command_reads_a_donor_alias_as_its_iso_code(
    seeded_sqlite_url, tmp_path, alias, code
):
    # The EU writes Greece "EL" and NATO the United Kingdom "UK"; both name the same donor as
    # the ISO code in balance and in export alike (they disagreed before the vocabulary moved
    # to one place).
    by_alias = tracker("balance", "--donor", alias, "--json", url=seeded_sqlite_url)
    by_code = tracker("balance", "--donor", code, "--json", url=seeded_sqlite_url)
    assert by_alias.returncode == 0, by_alias.stderr
    assert by_alias.stdout == by_code.stdout
    rows = [json.loads(line) for line in by_code.stdout.splitlines()]
    assert any(row["pledged"] != "0" for row in rows), f"the seed has {code} pledges"
    exported = {}
    for name in (alias, code):
        out = tmp_path / f"{name}.csv"
        result = tracker(
            "export", str(out), "--view", "ledger", "--donor", name, url=seeded_sqlite_url
        )
        assert result.returncode == 0, result.stderr
        exported[name] = out.read_text(encoding="utf-8")
    assert exported[alias] == exported[code]
    assert f",{code}," in exported[code]


def test_a_migration_cycle_rebuilds_the_derived_balances_and_db_check_proves_it(db_url):
    assert tracker("init", url=db_url).returncode == 0
    before = tracker("balance", "--donor", "EU", "--json", url=db_url).stdout
    assert '"delivered": "1000000"' in before
    refused = tracker("db", "downgrade", "0001", url=db_url)
    assert refused.returncode == 1
    assert "entry_effect (388 rows)" in refused.stderr and "--yes" in refused.stderr
    assert tracker("db", "downgrade", "--yes", "0001", url=db_url).returncode == 0
    stale = tracker("balance", "--donor", "EU", url=db_url)
    assert stale.returncode == 1 and "run `tracker db upgrade`" in stale.stderr
    assert "Traceback" not in stale.stderr
    assert "revision: 0001" in tracker("status", url=db_url).stdout
    upgraded = tracker("db", "upgrade", url=db_url)
    assert "derived balances rebuilt from the ledger" in upgraded.stdout
    assert tracker("balance", "--donor", "EU", "--json", url=db_url).stdout == before
    checked = tracker("db", "check", url=db_url)
    assert checked.returncode == 0 and "agree with the ledger" in checked.stdout


def test_downgrading_to_base_names_every_table_it_would_empty(seeded_sqlite_url):
    refused = tracker("db", "downgrade", "base", url=seeded_sqlite_url)
    assert refused.returncode == 1
    assert "ledger_entry (" in refused.stderr and "fx_rate (" in refused.stderr
    assert f"revision: {head_revision()} " in tracker("status", url=seeded_sqlite_url).stdout


@pytest.mark.parametrize(
    "option, refusal",
    [
        (("--donor", "ZZ"), "donor 'ZZ' is not a known donor code"),
        (("--equipment", "Death Star"), "equipment 'Death Star' matches no catalogue entry"),
        (("--category", "nonsense"), "category 'nonsense' is not a category of the catalogue"),
        (("--currency", "XYZ"), "--currency 'XYZ': not an ISO 4217 currency code"),
        (("--currency", "UAH"), "--currency UAH: no exchange rates for it"),
    ],
)
def test_balance_refuses_a_filter_that_names_nothing_instead_of_printing_no_rows(
    seeded_sqlite_url, option, refusal
):
    result = tracker("balance", *option, url=seeded_sqlite_url)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.strip() == f"error: {refusal}" or refusal in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_balance_and_export_refuse_an_unknown_donor_in_the_same_words(seeded_sqlite_url, tmp_path):
    balance = tracker("balance", "--donor", "ZZ", url=seeded_sqlite_url)
    export = tracker("export", str(tmp_path / "x.csv"), "--donor", "ZZ", url=seeded_sqlite_url)
    assert (
        balance.stderr.strip()
        == export.stderr.strip()
        == ("error: donor 'ZZ' is not a known donor code")
    )
