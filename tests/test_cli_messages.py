"""The ``tracker`` command speaks the researcher's language: ``--locale`` (or TRACKER_LOCALE)
turns its own lines - results, counts with their plural forms, refusals - into German, French
or Ukrainian, while JSON keys and the data files stay English."""

from __future__ import annotations

import json

from tests.cli import tracker


def test_a_refused_option_is_explained_in_german(seeded_sqlite_url):
    result = tracker("--locale", "de", "balance", "--aid-type", "weapons", url=seeded_sqlite_url)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Fehler: --aid-type 'weapons': verwenden Sie einen der Werte "
        "military, financial, humanitarian"
    )


def test_tracker_locale_gives_the_warning_count_its_ukrainian_plural(
    seeded_sqlite_url, monkeypatch
):
    listed = tracker("warnings", "--json", url=seeded_sqlite_url)
    count = len(listed.stdout.splitlines())
    assert count == 3
    monkeypatch.setenv("TRACKER_LOCALE", "uk")
    result = tracker("warnings", url=seeded_sqlite_url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "3 попередження"  # the "few" form: 2-4
    english = tracker("--locale", "en", "warnings", url=seeded_sqlite_url)
    assert english.stdout.splitlines()[-1] == "3 warnings"


def test_an_export_reports_in_french_and_its_file_stays_english(seeded_sqlite_url, tmp_path):
    path = tmp_path / "balance.csv"
    args = ("export", str(path), "--view", "balance", "--donor", "EU")
    result = tracker("--locale", "fr", *args, url=seeded_sqlite_url)
    assert result.returncode == 0, result.stderr
    record = json.loads((tmp_path / "balance.csv.provenance.json").read_text("utf-8"))
    assert record["rows"] == 1  # the EU's shells: the singular form
    assert result.stdout.strip() == (
        f"{path} : 1 ligne (data) ; provenance dans balance.csv.provenance.json"
    )
    assert path.read_text("utf-8").startswith("donor,equipment,unit,pledged,")


def test_a_briefing_without_its_own_locale_is_in_the_commands_language(seeded_sqlite_url, tmp_path):
    path = tmp_path / "balance-de.csv"
    args = ("export", str(path), "--view", "balance", "--donor", "EU", "--format", "briefing")
    result = tracker("--locale", "de", *args, url=seeded_sqlite_url)
    assert result.returncode == 0, result.stderr
    assert (
        path.read_bytes()
        .decode("utf-8-sig")
        .startswith("Export aus dem Hilfe-Tracker;Bilanz je Geber und Ausrüstung\r\n")
    )


def test_json_output_keeps_its_english_keys_in_any_locale(seeded_sqlite_url):
    result = tracker("--locale", "uk", "status", "--json", url=seeded_sqlite_url)
    assert set(json.loads(result.stdout)) == {
        "database_url",
        "revision",
        "head",
        "up_to_date",
        "tables",
    }
    plain = tracker("--locale", "uk", "status", url=seeded_sqlite_url)
    assert plain.stdout.splitlines()[0].startswith("база даних: sqlite:")


def test_a_missing_database_is_reported_in_french(tmp_path):
    url = f"sqlite:///{tmp_path / 'ailleurs' / 'tracker.db'}"
    result = tracker("--locale", "fr", "balance", url=url)
    assert result.returncode == 1
    assert result.stderr.strip().startswith(f"erreur : aucune base de données à {url} : ")
    assert result.stderr.strip().endswith("; `tracker init` la crée")
