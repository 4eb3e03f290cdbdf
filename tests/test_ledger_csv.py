"""Importing the ledger CSV (docs/ledger-csv.md): every bad input a researcher's file can hold is
refused with its line, field and value, and a refused file writes nothing at all.

The library tests run on SQLite and PostgreSQL; the ``tracker import`` tests run the command
as a user does, in a separate process.
"""

from __future__ import annotations

import csv
import io
import subprocess
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from tests.cli import tracker
from tracker import ledger
from tracker.db import make_engine, upgrade
from tracker.domain import models as m
from tracker.domain.vocab import LEDGER_COLUMNS, POINT_FIGURE_COLUMNS
from tracker.io.csv_columns import ImportFailed, load_table
from tracker.io.ledger_csv import RowError, RowReader
from tracker.ledger import effects, warnings
from tracker.services import bulk
from tracker.services.ledger_import import import_ledger

ACTOR = "olena"
HEADER = (
    "entry_id",
    "donor",
    "package",
    "package_date",
    "aid_type",
    "item",
    "equipment",
    "event",
    "event_date",
    *POINT_FIGURE_COLUMNS,
    "source_url",
    "source_title",
)


def setup_reference(session: Session) -> None:
    for code, name, currency in (("DE", "Germany", "EUR"), ("US", "United States", "USD")):
        session.add(m.Donor(code=code, kind="country", name=name, currency=currency))
    session.add(m.EquipmentType(name="Leopard 2A6", category="main battle tank", unit="tank"))
    session.add(
        m.EquipmentType(name="155mm artillery shell", category="artillery ammunition", unit="shell")
    )
    session.commit()


def row(n: int, **cells: str) -> dict[str, str]:
    """A valid pledge of ``n`` tanks; keyword arguments change single cells."""
    base = {
        "entry_id": f"t-{n}",
        "donor": "DE",
        "package": "Tanks for Ukraine",
        "package_date": "2023-01-25",
        "aid_type": "military",
        "item": "Leopard 2A6",
        "equipment": "Leopard 2A6",
        "event": "pledge",
        "event_date": "2023-01-25",
        "quantity": "14",
        "unit": "tank",
        "qualifier": "exact",
        "cumulative": "false",
        "source_url": "https://example.org/germany-leopard",
        "source_title": "Germany pledges",
    }
    return {**base, **cells}


def ledger_csv(rows: list[dict[str, str]], header: tuple[str, ...] = HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def entry_count(session: Session) -> int:
    return session.exec(select(func.count()).select_from(m.LedgerEntry)).one()


def refused(session: Session, data: bytes) -> list[RowError]:
    """The errors of a refused import, after checking that nothing stayed written."""
    before = entry_count(session)
    with pytest.raises(ImportFailed) as caught:
        import_ledger(session, data, actor=ACTOR)
    session.rollback()
    assert entry_count(session) == before
    assert session.exec(select(func.count()).select_from(m.Package)).one() == 0
    return caught.value.errors


def where(errors: list[RowError]) -> list[tuple[int, str, str]]:
    return [(e.line, e.field, e.value) for e in errors]


@pytest.fixture
def ready(session: Session) -> Session:
    setup_reference(session)
    return session


# --- the file as a whole -------------------------------------------------------------------


def test_a_valid_file_is_imported_as_draft_entries_with_their_source(ready: Session) -> None:
    data = ledger_csv([row(1), row(2, event="delivery", event_date="2023-03-27", quantity="4")])
    report = import_ledger(ready, data, actor=ACTOR, label="tanks.csv")
    ready.commit()
    assert (report.rows, report.inserted, report.unchanged) == (2, 2, 0)
    entries = ready.exec(select(m.LedgerEntry).order_by(m.LedgerEntry.id)).all()
    assert [(e.key, e.event, e.quantity, e.review_status, e.recorded_by) for e in entries] == [
        ("t-1", "pledge", Decimal(14), "draft", ACTOR),
        ("t-2", "delivery", Decimal(4), "draft", ACTOR),
    ]
    source = ready.get(m.Source, entries[0].source_id)
    assert source.url == "https://example.org/germany-leopard"
    audit = ready.exec(select(m.AuditLog).where(m.AuditLog.action == "import")).one()
    assert (audit.actor, audit.row_key) == (ACTOR, "tanks.csv")


def test_importing_the_same_file_twice_adds_nothing_the_second_time(ready: Session) -> None:
    data = ledger_csv([row(1), row(2, event="delivery", event_date="2023-03-27", quantity="4")])
    import_ledger(ready, data, actor=ACTOR)
    ready.commit()
    again = import_ledger(ready, data, actor=ACTOR)
    ready.commit()
    assert (again.inserted, again.unchanged) == (0, 2)
    assert entry_count(ready) == 2
    imports = ready.exec(select(m.AuditLog).where(m.AuditLog.action == "import")).all()
    assert len(imports) == 1  # a re-import that adds nothing leaves no import record


def test_a_known_entry_id_with_other_figures_is_refused_not_overwritten(ready: Session) -> None:
    import_ledger(ready, ledger_csv([row(1)]), actor=ACTOR)
    ready.commit()
    with pytest.raises(ImportFailed) as caught:
        import_ledger(ready, ledger_csv([row(1, quantity="18")]), actor=ACTOR)
    ready.rollback()
    [error] = caught.value.errors
    assert (error.line, error.field, error.value) == (2, "quantity", "18")
    assert error.message.startswith("entry t-1 exists already with '14';")
    assert ready.exec(select(m.LedgerEntry.quantity)).all() == [Decimal(14)]


def test_a_byte_order_mark_is_accepted(ready: Session) -> None:
    report = import_ledger(ready, b"\xef\xbb\xbf" + ledger_csv([row(1)]), actor=ACTOR)
    assert report.inserted == 1


@pytest.mark.parametrize("data", [b"", b"   \n\n", b"\xef\xbb\xbf"])
def test_an_empty_file_is_refused(ready: Session, data: bytes) -> None:
    assert where(refused(ready, data)) == [(0, "file", "")]


def test_a_file_that_is_not_utf8_is_refused_with_the_line_of_the_first_bad_byte(ready) -> None:
    latin1 = ledger_csv([row(1), row(2, package="Lieferung für die Ukraine")]).decode()
    [error] = refused(ready, latin1.encode("latin-1"))
    assert (error.line, error.field) == (3, "encoding")
    assert "not UTF-8" in error.message


def test_a_wrong_header_is_refused_naming_the_missing_columns(ready: Session) -> None:
    missing, unknown = refused(ready, b"date,country,amount\n2023-01-25,DE,100\n")
    assert (missing.line, missing.field) == (1, "header")
    for column in ("entry_id", "donor", "package", "aid_type", "event", "event_date"):
        assert column in missing.message
    assert (unknown.field, unknown.value) == ("header", "date, country")


def test_a_missing_required_column_is_named(ready: Session) -> None:
    header = tuple(c for c in HEADER if c != "event_date")
    [error] = refused(ready, ledger_csv([row(1)], header))
    assert (error.line, error.field) == (1, "header")
    assert "missing column(s) event_date" in error.message


def test_extra_and_repeated_columns_are_refused(ready: Session) -> None:
    errors = refused(ready, ledger_csv([row(1)], (*HEADER, "notes", "quantity")))
    assert [(e.field, e.value, e.message) for e in errors] == [
        ("header", "notes", "unknown column(s)"),
        ("header", "quantity", "repeated column(s)"),
    ]


def test_a_row_with_too_many_cells_is_named(ready: Session) -> None:
    data = ledger_csv([row(1)]) + b"t-2,DE,extra,cells\n"
    assert where(refused(ready, data)) == [(3, "row", "t-2,DE,extra,cells")]


# --- bad cells -----------------------------------------------------------------------------

# A week ahead, not tomorrow: a suite that runs across midnight (or in a timezone behind UTC)
# must still find this day in the future when the import checks it.
NEXT_WEEK = (date.today() + timedelta(days=7)).isoformat()


@pytest.mark.parametrize(
    ("cells", "field", "message"),
    [
        ({"quantity": "-5"}, "quantity", "must not be negative"),
        ({"quantity": "five"}, "quantity", "plain number"),
        ({"quantity": "1,000"}, "quantity", "plain number"),
        ({"quantity": "", "amount": "100", "currency": "XYZ"}, "currency", "ISO 4217"),
        ({"donor": "XX"}, "donor", "is not a known donor code"),
        ({"event_date": NEXT_WEEK}, "event_date", "is in the future"),
        ({"event_date": "25.01.2023"}, "event_date", "YYYY-MM-DD"),
        ({"event": "gift"}, "event", "must be one of pledge"),
        ({"unit": "parsec"}, "unit", "is not a known unit"),
        ({"equipment": "Leopard 7"}, "equipment", "is not in the equipment catalogue"),
        ({"source_url": "", "source_title": ""}, "source", "needs a URL or a title"),
    ],
)
def test_a_bad_cell_is_refused_naming_line_field_and_value(ready, cells, field, message) -> None:
    errors = refused(ready, ledger_csv([row(1), row(2, **cells)]))
    assert [(e.line, e.field) for e in errors] == [(3, field)]
    assert message in errors[0].message
    shown = {k: v for k, v in cells.items() if k == field}
    if shown:
        assert errors[0].value == shown[field]


@pytest.mark.parametrize(
    ("cells", "field", "message"),
    [
        ({"item": "Leopard\x00 2A6"}, "item", "hidden character U+0000 (NUL)"),
        ({"package": "Tanks \x1b[31mfor Ukraine"}, "package", "hidden character U+001B"),
        ({"entry_id": "t-\u200b2"}, "entry_id", "hidden character U+200B"),
        ({"quantity": "٤٨"}, "quantity", "U+0664 (ARABIC-INDIC DIGIT FOUR) is not one of"),
        ({"quantity": "４８"}, "quantity", "U+FF14 (FULLWIDTH DIGIT FOUR) is not one of"),
        ({"quantity": "1.2345"}, "quantity", "more than 3 decimal places"),
        ({"quantity": "9" * 19}, "quantity", "is too large to store"),
        ({"amount": "100.001", "currency": "EUR"}, "amount", "more than 2 decimal places"),
        ({"amount": "1" + "0" * 30, "currency": "EUR"}, "amount", "is too large to store"),
        ({"amount": "100", "currency": "XAU"}, "currency", "ISO 4217"),
        ({"amount": "100", "currency": "XXX"}, "currency", "ISO 4217"),
        ({"package_ordinal": "99999999999999999999"}, "package_ordinal", "at most 2147483647"),
        ({"package_ordinal": "٣"}, "package_ordinal", "U+0663"),
        ({"source_title": "x" * 131_073}, "source_title", "longer than 131072 characters"),
    ],
)
def test_a_cell_that_would_be_misread_is_refused_with_its_line_and_column(
    ready, cells, field, message
) -> None:
    header = (*HEADER, "package_ordinal")
    errors = refused(ready, ledger_csv([row(1), row(2, **cells)], header))
    assert [(e.line, e.field) for e in errors] == [(3, field)]
    assert message in errors[0].message


def test_a_line_break_is_text_in_a_quote_but_not_in_a_code(ready: Session) -> None:
    header = (*HEADER, "source_quote")
    data = ledger_csv([row(1, source_quote="We will send\nfourteen tanks.")], header)
    assert import_ledger(ready, data, actor=ACTOR).inserted == 1
    errors = refused_again(ready, ledger_csv([row(2, entry_id="t-\n2")], header))
    assert [(e.field, e.message) for e in errors] == [
        ("entry_id", "holds the hidden character U+000A (LINE FEED)")
    ]


def refused_again(session: Session, data: bytes) -> list[RowError]:
    """The errors of a refused import into a ledger that already holds entries."""
    with pytest.raises(ImportFailed) as caught:
        import_ledger(session, data, actor=ACTOR)
    session.rollback()
    return caught.value.errors


def test_a_long_cell_in_a_row_the_fast_reader_refuses_is_named_not_a_traceback(
    ready: Session,
) -> None:
    # A short row sends the file to the csv module, whose own limit is 131,072 characters.
    data = ledger_csv([row(1, source_title="x" * 200_000)]) + b"t-2,DE\n"
    errors = refused(ready, data)
    assert [(e.line, e.field) for e in errors] == [(2, "source_title"), (3, "row")]
    assert "longer than 131072 characters (200000)" in errors[0].message


HIDDEN = st.characters(categories=["Cc", "Cf", "Co"], exclude_characters="\t\n\r")


@settings(max_examples=200, deadline=None)
@given(HIDDEN, st.sampled_from(HEADER), st.integers(min_value=0, max_value=40))
def test_any_hidden_character_in_any_cell_is_refused_with_its_line_and_column(
    hidden: str, column: str, at: int
) -> None:
    cell = row(2).get(column, "")
    cells = {column: cell[:at] + hidden + cell[at:]}
    errors: list[RowError] = []
    RowReader(load_table(ledger_csv([row(1), row(2, **cells)]))).parse(errors)
    assert (3, column) in [(e.line, e.field) for e in errors]
    assert all(e.line == 3 for e in errors)


def test_every_bad_row_is_reported_not_only_the_first(ready: Session) -> None:
    errors = refused(
        ready,
        ledger_csv(
            [row(1, quantity="-1"), row(2), row(3, quantity="x"), row(4, cumulative="maybe")]
        ),
    )
    assert where(errors) == [
        (2, "quantity", "-1"),
        (4, "quantity", "x"),
        (5, "cumulative", "maybe"),
    ]


def test_a_row_refused_for_its_donor_has_its_figures_checked_too(ready: Session) -> None:
    errors = refused(ready, ledger_csv([row(1, donor="XX", event_date=NEXT_WEEK)]))
    assert where(errors) == [(2, "donor", "XX"), (2, "event_date", NEXT_WEEK)]


def test_an_entry_id_repeated_in_the_file_is_refused(ready: Session) -> None:
    errors = refused(ready, ledger_csv([row(1), row(1, event="delivery", quantity="2")]))
    assert [(e.line, e.field, e.value) for e in errors] == [(3, "entry_id", "t-1")]
    assert errors[0].message == "repeats line 2"


def test_an_editor_cannot_import_rows_already_marked_reviewed(ready: Session) -> None:
    data = ledger_csv([row(1), row(2, review_status="reviewed")], (*HEADER, "review_status"))
    with pytest.raises(ImportFailed) as caught:
        import_ledger(ready, data, actor=ACTOR, may_review=False)
    ready.rollback()
    assert where(caught.value.errors) == [(3, "review_status", "reviewed")]
    assert entry_count(ready) == 0
    report = import_ledger(ready, data, actor=ACTOR, may_review=True)
    assert report.inserted == 2


def test_a_delivery_larger_than_the_pledge_is_stored_with_a_warning(ready: Session) -> None:
    data = ledger_csv([row(1), row(2, event="delivery", event_date="2023-06-01", quantity="18")])
    report = import_ledger(ready, data, actor=ACTOR)
    ready.commit()
    assert (report.inserted, report.new_warnings) == (2, 1)
    warning = ready.exec(select(m.ReconciliationWarning)).one()
    delivery = ready.exec(select(m.LedgerEntry).where(m.LedgerEntry.key == "t-2")).one()
    assert (warning.kind, warning.entry_id) == ("delivered_beyond_pledge", delivery.id)
    assert "delivered 18" in warning.message and "pledged 14" in warning.message


def test_one_bad_row_in_ten_thousand_is_named_and_nothing_is_written(ready: Session) -> None:
    rows = []
    for n in range(10_000):
        day = date(2022, 3, 1) + timedelta(days=n % 600)
        rows.append(
            row(
                n,
                package=f"Package {n // 20}",
                event="delivery" if n % 20 else "pledge",
                event_date=day.isoformat(),
                quantity=str(1 + n % 7),
            )
        )
    rows[7_345]["quantity"] = "12O"  # a letter O typed for a zero
    errors = refused(ready, ledger_csv(rows))
    assert where(errors) == [(7_347, "quantity", "12O")]


@pytest.mark.parametrize("block", [bulk.BLOCK_ROWS, 100])
def test_a_large_file_is_stored_row_for_row_in_file_order(
    ready: Session, monkeypatch: pytest.MonkeyPatch, block: int
) -> None:
    # 1,234 rows: several multi-row insert statements and a remainder on SQLite; in blocks
    # of 100, a worker thread writes each block while the rows after it are checked.
    monkeypatch.setattr(bulk, "BLOCK_ROWS", block)
    rows = [
        row(
            n,
            package=f"Package {n // 50}",
            event="pledge" if n % 50 == 0 else "delivery",
            event_date=(date(2023, 1, 2) + timedelta(days=n % 50)).isoformat(),
            quantity=str(500 if n % 50 == 0 else n % 9),
            cumulative="false",
        )
        for n in range(1_234)
    ]
    report = import_ledger(ready, ledger_csv(rows), actor=ACTOR)
    ready.commit()
    assert report.inserted == 1_234
    stored = ready.exec(
        select(m.LedgerEntry.key, m.LedgerEntry.quantity, m.LedgerEntry.event_date).order_by(
            m.LedgerEntry.id
        )
    ).all()
    assert stored == [
        (r["entry_id"], Decimal(r["quantity"]), date.fromisoformat(r["event_date"])) for r in rows
    ]


def test_a_row_refused_after_blocks_were_written_leaves_nothing_written(
    ready: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Nine blocks of 100 are written while the rows are checked; row 951 is dated in the
    # future, so the import is refused and the rollback takes the written blocks too.
    monkeypatch.setattr(bulk, "BLOCK_ROWS", 100)
    rows = [row(n, package=f"Package {n // 40}") for n in range(1_000)]
    rows[950]["event_date"] = "2999-01-01"
    errors = refused(ready, ledger_csv(rows))
    assert [(e.line, e.field, e.value, e.message) for e in errors] == [
        (952, "event_date", "2999-01-01", "is in the future")
    ]


def test_a_large_import_derives_the_same_totals_and_warnings_in_parallel(
    ready: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    # From _OVERLAP_FROM entries on, the derived increments are refreshed in a worker thread
    # while the warnings are computed; force that path on a small file.
    monkeypatch.setattr(effects, "_OVERLAP_FROM", 0)
    shells = {
        "package": "Shells",
        "item": "shells",
        "equipment": "155mm artillery shell",
        "unit": "shell",
    }
    rows = [
        row(1),
        row(2, event="delivery", event_date="2023-03-01", quantity="10"),
        row(3, event="delivery", event_date="2023-04-01", quantity="18", cumulative="true"),
        row(4, quantity="1000", **shells),
        row(5, event="delivery", event_date="2023-05-02", quantity="400", **shells),
    ]
    report = import_ledger(ready, ledger_csv(rows), actor=ACTOR)
    ready.commit()
    assert (report.inserted, report.new_warnings) == (5, 1)
    effect = m.EntryEffect.__table__
    columns = [c for c in effect.columns if c.name not in ("eur", "est_eur")]
    stored = ready.execute(sa.select(*columns).order_by(effect.c.entry_id)).all()
    ledger.rebuild_effects(ready)
    assert ready.execute(sa.select(*columns).order_by(effect.c.entry_id)).all() == stored
    increments = [r.dq for r in stored]  # thousandths: 14 pledged, +10, then 18 in all (+8)
    assert increments == [14_000, 10_000, 8_000, 1_000_000, 400_000]
    warning = ready.exec(select(m.ReconciliationWarning)).one()
    assert warning.kind == "delivered_beyond_pledge" and "delivered 18" in warning.message


def test_the_warnings_of_an_import_are_those_the_stored_ledger_gives(ready: Session) -> None:
    # The importer checks the entries it has just written without reading them back; what
    # it stores must be what the checks find in the database afterwards, message for message.
    rows = [
        row(1),
        row(2, event="delivery", event_date="2023-03-01", quantity="10.5"),
        row(3, event="delivery", event_date="2023-04-01", quantity="9", cumulative="true"),
        row(4, event="delivery", event_date="2023-05-01", quantity="18"),
        row(5, package="Other", event="delivery", event_date="2023-01-01", quantity="2"),
        row(
            6,
            event="correction",
            event_date="2023-05-02",
            quantity="8",
            corrects="t-4",
            reason="the ministry's figure was 8",
        ),
    ]
    data = ledger_csv(rows, (*HEADER, "corrects", "reason"))
    report = import_ledger(ready, data, actor=ACTOR)
    ready.commit()
    stored = {
        (w.kind, w.entry_id, w.message) for w in ready.exec(select(m.ReconciliationWarning)).all()
    }
    lines = {(e.package_id, e.item_id) for e in ready.exec(select(m.LedgerEntry)).all()}
    packages = sorted({package for package, _ in lines})
    facts = warnings._facts(ready, packages)
    found = {
        (kind, entry.id, message) for kind, entry, _, message in warnings._findings(facts, lines)
    }
    assert stored == found
    assert report.new_warnings == len(stored)
    assert {(kind, entry_id) for kind, entry_id, _ in stored} == {
        ("running_total_down", 3),  # 10.5 delivered, then "9 so far"
        ("delivered_beyond_pledge", 6),  # 9 + 8 (the corrected figure) > 14 pledged
        ("delivery_before_pledge", 5),  # "Other" has no pledge
    }


def test_progress_is_reported_from_reading_to_done(ready: Session) -> None:
    seen: list[tuple[float, str]] = []
    import_ledger(
        ready,
        ledger_csv([row(1), row(2, event="delivery", quantity="3")]),
        actor=ACTOR,
        progress=lambda f, msg: seen.append((f, msg)),
    )
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions)
    assert fractions[-1] == 1.0
    assert seen[-1][1] == "2 entries imported, 0 already present"


# --- `tracker import FILE` -----------------------------------------------------------------


def tracker_import(path: Path, url: str) -> subprocess.CompletedProcess:
    return tracker("import", str(path), "--user", ACTOR, url=url)


@pytest.fixture
def cli_engine(sqlite_url: str) -> Engine:
    engine = make_engine(sqlite_url)
    upgrade(engine)
    with Session(engine) as session:
        setup_reference(session)
    yield engine
    engine.dispose()


def test_tracker_import_names_each_bad_row_and_writes_nothing(cli_engine, tmp_path) -> None:
    path = tmp_path / "tanks.csv"
    path.write_bytes(ledger_csv([row(1), row(2, donor="XX"), row(3, quantity="-2")]))
    result = tracker_import(path, str(cli_engine.url))
    assert result.returncode == 1
    assert "tanks.csv: 2 problem(s); nothing was imported" in result.stderr
    assert "line 3, donor 'XX': is not a known donor code" in result.stderr
    assert "line 4, quantity '-2': must not be negative" in result.stderr
    assert "Traceback" not in result.stderr
    with Session(cli_engine) as session:
        assert entry_count(session) == 0
        assert session.exec(select(func.count()).select_from(m.Package)).one() == 0


def test_tracker_import_twice_reports_what_was_already_there(cli_engine, tmp_path) -> None:
    path = tmp_path / "tanks.csv"
    path.write_bytes(ledger_csv([row(1), row(2, event="delivery", quantity="4")]))
    first = tracker_import(path, str(cli_engine.url))
    assert first.returncode == 0, first.stderr
    assert "2 rows, 2 entries imported, 0 already present" in first.stdout
    second = tracker_import(path, str(cli_engine.url))
    assert second.returncode == 0, second.stderr
    assert "2 rows, 0 entries imported, 2 already present" in second.stdout
    with Session(cli_engine) as session:
        assert entry_count(session) == 2


def test_tracker_import_of_a_missing_file_fails_clearly(cli_engine, tmp_path) -> None:
    result = tracker_import(tmp_path / "nowhere.csv", str(cli_engine.url))
    assert result.returncode == 1
    assert "no such file" in result.stderr


def test_the_documented_columns_are_the_importers_columns() -> None:
    documented = Path(__file__).resolve().parents[1] / "docs" / "ledger-csv.md"
    rows = [
        line.split("|")[1].strip().strip("`")
        for line in documented.read_text().splitlines()
        if line.startswith("| `")
    ]
    assert tuple(rows) == LEDGER_COLUMNS
