"""The Kiel Institute importer, as a specification: Kiel's own release reproduced to the euro
on both backends, and each of its rules on small files of our own."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from babel import Locale
from sqlmodel import Session, select

from tests.cli import tracker
from tracker.domain import models as m
from tracker.io.csv_columns import ImportFailed
from tracker.io.kiel import Release, month_end
from tracker.ledger import View, balances
from tracker.services.kiel_import import import_kiel
from tracker.services.seed import SeedReport, load_donors, seed_dir

RELEASE_28 = Path("shared", "real", "kiel", "bilateral_activities.csv")
# ../shared beside the checkout (CI), or beside the folder of worktrees that holds it.
KIEL = next(
    (a / RELEASE_28 for a in Path(__file__).resolve().parents[1:] if (a / RELEASE_28).exists()),
    Path(__file__).resolve().parents[2] / RELEASE_28,
)
HEADER = "giver,dato,kategori,maal,verdi_eur,verdi_eur_redistr,verdi_eur_activity,maaned_nr"
R28 = Release(28)


@pytest.fixture
def donors(session: Session) -> Session:
    load_donors(session, seed_dir() / "donors.csv", SeedReport())
    session.flush()
    return session


def kiel_file(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "kiel.csv"
    path.write_text("\n".join((HEADER, *rows)) + "\n", encoding="utf-8")
    return path


def by_donor_and_aid_type(session: Session) -> dict[tuple[str, str], tuple[Decimal, Decimal]]:
    rows = balances(session, View(source="kiel"), group_by=("donor", "aid_type"), by_unit=False)
    return {
        (r.keys["donor"], r.keys["aid_type"]): (r.pledged_value, r.allocated_value) for r in rows
    }


def kiel_sums() -> dict[tuple[str, str], tuple[Decimal, Decimal]]:
    """Kiel's file summed by hand: commitments (their activity value) and allocations."""
    english = {name.lower(): code for code, name in Locale("en").territories.items()}
    english |= {"eu (commission and council)": "EU", "european investment bank": "EIB"}
    english |= {"european peace facility": "EPF", "turkiye": "TR", "south korea": "KR"}
    english |= {"united states": "US", "united kingdom": "GB"}
    sums: dict[tuple[str, str], list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    with KIEL.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            cell = sums[(english[row["giver"].lower()], row["kategori"].lower())]
            if row["maal"] == "Commitment":
                cell[0] += Decimal(row["verdi_eur_activity"])
            else:
                cell[1] += Decimal(row["verdi_eur"])
    return {key: (pledged, allocated) for key, (pledged, allocated) in sums.items()}


@pytest.mark.skipif(not KIEL.exists(), reason="../shared/real/kiel is not beside the checkout")
def test_release_28_reproduces_kiels_sums_per_donor_and_aid_type_to_the_euro(donors):
    report = import_kiel(donors, KIEL, release=R28, actor="test")
    assert (report.rows, report.inserted) == (5565, 5565)
    expected, got = kiel_sums(), by_donor_and_aid_type(donors)
    nonzero = {key for key, (_, allocated) in expected.items() if allocated}
    assert len(nonzero) == 108  # donor x aid type cells with allocations in Release 28
    for key, (pledged, allocated) in expected.items():
        assert abs(got[key][0] - pledged) < 1, key
        assert abs(got[key][1] - allocated) < 1, key
    assert abs(sum(v[1] for v in got.values()) - Decimal("349933076452.42")) < 1


def test_commitments_are_pledges_and_allocations_allocations_at_their_euro_value(donors, tmp_path):
    path = kiel_file(
        tmp_path,
        "Norway,2023-03-16,Military,Commitment,0.0,0.0,7300000000.0,15",
        "Norway,2023-04-02,Military,Allocation,250000000.0,250000000.0,250000000.0,16",
        "Norway,2023-04-02,Humanitarian,Allocation,1000.5,1000.5,1000.5,16",
    )
    import_kiel(donors, path, release=R28, actor="test")
    assert by_donor_and_aid_type(donors) == {
        ("NO", "humanitarian"): (0, Decimal("1000.50")),
        ("NO", "military"): (Decimal("7300000000"), Decimal("250000000")),
    }
    source = donors.exec(select(m.Source)).one()
    assert (source.outlet, source.title) == (
        "Kiel Institute for the World Economy",
        "Ukraine Support Tracker, Release 28",
    )


def test_a_row_without_a_day_is_dated_to_the_end_of_kiels_month_and_says_so(donors, tmp_path):
    path = kiel_file(tmp_path, "Czechia,,Military,Allocation,5000000.0,5000000.0,5000000.0,46")
    import_kiel(donors, path, release=R28, actor="test")
    entry = donors.exec(select(m.LedgerEntry)).one()
    assert month_end(46) == date(2025, 10, 31) == entry.event_date
    assert "day not given by Kiel: month 46 (October 2025)" in entry.reason


def test_a_negative_allocation_is_a_downward_revision_that_reduces_the_allocated_total(
    donors, tmp_path
):
    path = kiel_file(
        tmp_path,
        "Sweden,2025-10-01,Military,Allocation,200000000.0,200000000.0,200000000.0,46",
        "Sweden,2025-11-13,Military,Allocation,-51902216.22463279,0,0.0,47",
    )
    import_kiel(donors, path, release=R28, actor="test")
    assert by_donor_and_aid_type(donors)[("SE", "military")][1] == Decimal("148097783.78")
    revision = donors.exec(select(m.LedgerEntry).where(m.LedgerEntry.amount < 0)).one()
    assert "downward revision" in revision.reason
    assert "rounded to the cent from Kiel's -51902216.22463279" in revision.reason
    assert revision.stated.startswith("-51902216.22463279 EUR")


def test_identical_rows_are_both_kept_and_the_same_file_twice_adds_nothing(donors, tmp_path):
    same = "Latvia,2022-05-05,Military,Allocation,1500000.0,1500000.0,1500000.0,5"
    path = kiel_file(tmp_path, same, same)
    first = import_kiel(donors, path, release=R28, actor="test")
    again = import_kiel(donors, path, release=R28, actor="test")
    assert (first.inserted, again.inserted, again.unchanged) == (2, 0, 2)
    assert by_donor_and_aid_type(donors)[("LV", "military")][1] == 3_000_000


def test_every_bad_row_is_named_and_nothing_is_written(donors, tmp_path):
    path = kiel_file(
        tmp_path,
        "Norway,2023-04-02,Military,Allocation,10.0,10.0,10.0,16",
        "Atlantis,2023-04-02,Military,Allocation,10.0,10.0,10.0,16",
        "Norway,,Military,Allocation,ten,10.0,10.0,",
        "Norway,2023-04-02,Space,Pledge,10.0,10.0,10.0,16",
    )
    with pytest.raises(ImportFailed) as refused:
        import_kiel(donors, path, release=R28, actor="test")
    assert [(e.line, e.field) for e in refused.value.errors] == [
        (3, "donor"),
        (4, "value"),
        (4, "day"),
        (5, "measure"),
        (5, "category"),
    ]
    assert "'Atlantis' is not a donor the tracker knows" in str(refused.value.errors[0])
    assert donors.exec(select(m.LedgerEntry)).all() == []


def test_kiels_workbook_layout_reads_like_the_processed_file(donors, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Bilateral Assistance, MAIN DATA"
    sheet.append(["Kiel Institute for the World Economy: Ukraine Support Tracker"])
    sheet.append([])
    sheet.append(["ID", "Countries", "Announcement Date", "Type of Aid General", "Measure"])
    sheet["F3"], sheet["G3"], sheet["H3"] = "Total Value in EUR", "Source", "Item"
    sheet.append(
        ["1", "Germany", date(2022, 6, 1), "Military", "Allocation", 30000000.0, "", "IRIS-T"]
    )
    sheet.append(
        [
            "2",
            "Germany",
            date(2022, 6, 1),
            "Military",
            "Commitment",
            145000000.0,
            "https://example.org/release",
            "",
        ]
    )
    path = tmp_path / "kiel.xlsx"
    book.save(path)
    import_kiel(donors, path, release=Release(28, date(2026, 5, 1)), actor="test")
    assert by_donor_and_aid_type(donors) == {
        ("DE", "military"): (Decimal("145000000"), Decimal("30000000"))
    }
    urls = sorted(s.url for s in donors.exec(select(m.Source)).all())
    assert urls[0] == "https://example.org/release"  # the row's own link, where it has one


def test_the_command_lists_every_problem_when_asked(sqlite_url, tmp_path):
    assert tracker("init", "--no-sample", url=sqlite_url).returncode == 0
    rows = [f"Atlantis,2023-04-{d:02},Military,Allocation,1.0,1.0,1.0,16" for d in range(1, 26)]
    path = kiel_file(tmp_path, *rows)
    short = tracker("import-kiel", str(path), url=sqlite_url)
    assert short.returncode == 1 and "25 problems; nothing was imported" in short.stderr
    assert "... and 5 more" in short.stderr
    report = tmp_path / "problems.txt"
    full = tracker(
        "import-kiel", str(path), "--all-errors", "--report", str(report), url=sqlite_url
    )
    assert full.stderr.count("is not a donor the tracker knows") == 25
    assert len(report.read_text(encoding="utf-8").splitlines()) == 25


def test_source_kiel_keeps_only_the_release_and_own_keeps_the_teams_figures(sqlite_url, tmp_path):
    assert tracker("init", url=sqlite_url).returncode == 0
    by_donor = ("balance", "--group-by", "donor", "--json")
    before = tracker(*by_donor, url=sqlite_url).stdout
    path = kiel_file(tmp_path, "Norway,2023-05-02,Military,Allocation,4000000.5,0,0,17")
    assert tracker("import-kiel", str(path), url=sqlite_url).returncode == 0

    kiel = [
        json.loads(line)
        for line in tracker(*by_donor, "--source", "kiel", url=sqlite_url).stdout.splitlines()
    ]
    assert [(r["donor"], Decimal(r["allocated_value"])) for r in kiel] == [
        ("NO", Decimal("4000000.50"))
    ]
    assert tracker(*by_donor, "--source", "own", url=sqlite_url).stdout == before

    exported = tmp_path / "kiel-ledger.csv"
    assert tracker("export", str(exported), "--source", "kiel", url=sqlite_url).returncode == 0
    with exported.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["donor"], r["event"], Decimal(r["amount"]), r["source_title"]) for r in rows] == [
        ("NO", "allocation", Decimal("4000000.50"), "Ukraine Support Tracker, Release 28")
    ]

    wrong = tracker(*by_donor, "--source", "mine", url=sqlite_url)
    assert wrong.returncode != 0
    assert wrong.stderr.strip() == "error: --source 'mine': use one of kiel, own"
