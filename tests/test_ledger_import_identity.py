"""One fact, one entry, one description: what the ledger CSV gives back and what an import
refuses rather than silently merges (docs/ledger-csv.md, "Keys and sources").

* The data export is the interchange format and writes every key and text as stored, so
  export -> import -> export gives the same bytes; a key that went through a spreadsheet
  (``'=1+1``) still names the entry ``=1+1``.
* Rows citing one source describe it alike; a re-imported row whose entry exists must agree
  with it in every field, or it is refused naming the field and both values.
"""

from __future__ import annotations

import csv
import io
import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from tests.test_ledger_csv import ACTOR, entry_count, ledger_csv, row, setup_reference
from tracker.db import make_engine, upgrade
from tracker.domain import models as m
from tracker.domain.characters import foreign_digit, hidden_character, spreadsheet_twin
from tracker.io.csv_columns import ImportFailed
from tracker.io.exports import ExportRequest, export_view
from tracker.services.ledger_import import import_ledger


@pytest.fixture
def ready(session: Session) -> Session:
    setup_reference(session)
    return session


def export_ledger(session: Session, path: Path) -> bytes:
    export_view(session, ExportRequest(view="ledger"), path)
    return path.read_bytes()


def refusal(session: Session, data: bytes) -> list[tuple[int, str, str, str]]:
    with pytest.raises(ImportFailed) as caught:
        import_ledger(session, data, actor=ACTOR)
    session.rollback()
    return [(e.line, e.field, e.value, e.message) for e in caught.value.errors]


# --- keys: byte-exact, and one entry per fact ------------------------------------------------


def test_a_spreadsheet_twin_is_the_key_with_or_without_its_protecting_apostrophe() -> None:
    assert spreadsheet_twin("=1+1") == "'=1+1"
    assert spreadsheet_twin("'=1+1") == "=1+1"
    assert spreadsheet_twin("  -5") == "'  -5"
    assert spreadsheet_twin("'Tis-1") is None  # an apostrophe before plain text is the text
    assert spreadsheet_twin("t-1") is None


def test_the_data_export_writes_a_formula_like_key_as_it_is_stored(ready, tmp_path) -> None:
    import_ledger(ready, ledger_csv([row(1, entry_id="=1+1", item="-Leopard")]), actor=ACTOR)
    ready.commit()
    exported = export_ledger(ready, tmp_path / "ledger.csv").decode()
    assert exported.splitlines()[1].startswith("=1+1,DE,Tanks for Ukraine,")
    assert ",-Leopard," in exported


def test_re_importing_an_export_adds_nothing_even_with_formula_like_keys(ready, tmp_path) -> None:
    import_ledger(
        ready, ledger_csv([row(1, entry_id="=1+1"), row(2, entry_id="@sum")]), actor=ACTOR
    )
    ready.commit()
    again = import_ledger(ready, export_ledger(ready, tmp_path / "l.csv"), actor=ACTOR)
    ready.commit()
    assert (again.inserted, again.unchanged, entry_count(ready)) == (0, 2, 2)


def test_a_key_with_a_spreadsheets_apostrophe_is_the_same_entry_not_a_second(ready) -> None:
    import_ledger(ready, ledger_csv([row(1, entry_id="=1+1")]), actor=ACTOR)
    ready.commit()
    again = import_ledger(ready, ledger_csv([row(1, entry_id="'=1+1")]), actor=ACTOR)
    ready.commit()
    assert (again.inserted, again.unchanged) == (0, 1)
    assert ready.exec(select(m.LedgerEntry.key)).all() == ["=1+1"]


def test_both_spellings_of_one_key_in_one_file_are_a_repeat(ready: Session) -> None:
    data = ledger_csv([row(1, entry_id="+7"), row(2, entry_id="'+7", event="delivery")])
    assert refusal(ready, data) == [(3, "entry_id", "'+7", "repeats line 2")]


def test_a_correction_finds_the_entry_it_corrects_by_either_spelling(ready: Session) -> None:
    import_ledger(ready, ledger_csv([row(1, entry_id="-first")]), actor=ACTOR)
    ready.commit()
    fix = row(2, entry_id="fix", event="correction", quantity="12", corrects="'-first")
    header = (*ledger_csv([]).decode().strip().split(","), "corrects", "reason")
    import_ledger(ready, ledger_csv([{**fix, "reason": "typo"}], header), actor=ACTOR)
    ready.commit()
    corrected = ready.exec(select(m.LedgerEntry).where(m.LedgerEntry.key == "fix")).one()
    first = ready.exec(select(m.LedgerEntry).where(m.LedgerEntry.key == "-first")).one()
    assert corrected.corrects_id == first.id


@pytest.fixture(scope="module")
def two_databases(tmp_path_factory: pytest.TempPathFactory) -> tuple[Engine, Engine]:
    engines = []
    for name in ("first", "second"):
        engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp(name) / 'ledger.db'}")
        upgrade(engine)
        with Session(engine) as session:
            setup_reference(session)
        engines.append(engine)
    return engines[0], engines[1]


# Printable text of any script, as researchers type it, starting with what a spreadsheet
# reads as a formula; free-text columns may also hold tabs and line breaks inside.
_PRINTABLE = st.characters(categories=("L", "N", "P", "S", "Zs"), exclude_characters="\x85").filter(
    # What the ledger CSV accepts: characters this Python's Unicode tables call assigned, and
    # digits 0-9 only (a key is refused a digit of another script).
    lambda ch: hidden_character(ch) is None and foreign_digit(ch) is None
)
_LEADING = st.sampled_from(["", "=", "+", "-", "@", "'", "'=", " =", "＝"])
_FREE = st.text(st.one_of(_PRINTABLE, st.sampled_from("\t\r\n")), min_size=1, max_size=30)
_counter = itertools.count()


def crlf_csv(rows: list[dict[str, str]], header: tuple[str, ...]) -> bytes:
    """The rows as a ledger CSV with CRLF line ends (RFC 4180, as the export writes them): with
    a bare LF the csv module leaves a cell holding a lone CR unquoted."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=dict.fromkeys(header), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


@st.composite
def formula_like(draw: st.DrawFn, body: st.SearchStrategy[str]) -> str:
    return draw(_LEADING) + draw(body)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    key=formula_like(st.text(_PRINTABLE, min_size=1, max_size=20)),
    item=formula_like(st.text(_PRINTABLE, min_size=1, max_size=20)),
    quote=formula_like(_FREE),
    title=formula_like(_FREE),
    reason=formula_like(_FREE),
    claimant=formula_like(st.text(_PRINTABLE, min_size=1, max_size=20)),
)
def test_export_import_export_gives_the_same_bytes_for_any_printable_text(
    two_databases, tmp_path, key, item, quote, title, reason, claimant
) -> None:
    first, second = two_databases
    n = next(_counter)
    cells = {
        "entry_id": f"{key}~{n}",
        "item": f"{item}~{n}",
        "source_url": f"https://example.org/{n}",
        "source_title": title,
        "source_quote": quote,
        "source_claimant": claimant,
        "reason": reason,
        "stated": quote,
    }
    header = (*ledger_csv([]).decode().strip().split(","), *cells)
    with Session(first) as session:
        import_ledger(session, crlf_csv([row(n, **cells)], header), actor=ACTOR)
        session.commit()
        exported = export_ledger(session, tmp_path / f"first-{n}.csv")
        stored = entry_count(session)
    with Session(second) as session:
        import_ledger(session, exported, actor=ACTOR)
        session.commit()
        again = export_ledger(session, tmp_path / f"second-{n}.csv")
        assert entry_count(session) == stored  # nothing doubled
    assert again == exported


# --- sources: one description per source ------------------------------------------------------

SOURCE_HEADER = (
    *ledger_csv([]).decode().strip().split(","),
    "source_outlet",
    "source_claimant",
    "source_quote",
    "source_reliability",
)


def cited(n: int, **cells: str) -> dict[str, str]:
    return row(n, event="delivery" if n > 1 else "pledge", quantity="2" if n > 1 else "14", **cells)


def test_two_rows_giving_one_source_different_quotes_are_refused_naming_both_lines(ready) -> None:
    data = ledger_csv(
        [cited(1, source_quote="fourteen tanks"), cited(2, source_quote="two arrived")],
        SOURCE_HEADER,
    )
    assert refusal(ready, data) == [
        (
            3,
            "source_quote",
            "two arrived",
            "differs from line 2, which gives the same source 'fourteen tanks'; every row "
            "citing one source must describe it alike",
        )
    ]
    assert ready.exec(select(func.count()).select_from(m.Source)).one() == 0


def test_a_row_that_leaves_a_source_cell_empty_takes_what_another_row_states(ready) -> None:
    data = ledger_csv([cited(1, source_claimant="Minister"), cited(2)], SOURCE_HEADER)
    import_ledger(ready, data, actor=ACTOR)
    ready.commit()
    assert ready.exec(select(m.Source.claimant)).all() == ["Minister"]


def test_a_file_may_complete_a_stored_source_but_not_contradict_it(ready) -> None:
    import_ledger(ready, ledger_csv([cited(1)], SOURCE_HEADER), actor=ACTOR)
    ready.commit()
    import_ledger(
        ready, ledger_csv([cited(2, source_quote="two arrived")], SOURCE_HEADER), actor=ACTOR
    )
    ready.commit()
    source = ready.exec(select(m.Source)).one()
    assert (source.quote, source.version) == ("two arrived", 2)
    update = ready.exec(
        select(m.AuditLog).where(m.AuditLog.table_name == "source", m.AuditLog.action == "update")
    ).one()
    assert '"quote": null' in update.before and '"quote": "two arrived"' in update.after
    data = ledger_csv(
        [cited(3, source_quote="three", source_reliability="official")], SOURCE_HEADER
    )
    assert [(line, field, value) for line, field, value, _ in refusal(ready, data)] == [
        (2, "source_reliability", "official"),
        (2, "source_quote", "three"),
    ]
    assert (
        "the stored source, which gives the same source 'two arrived'" in refusal(ready, data)[1][3]
    )


# --- a re-imported entry must agree in every field ----------------------------------------------


@pytest.mark.parametrize(
    ("cells", "field", "stored", "given"),
    [
        ({"review_status": "reviewed"}, "review_status", "'draft'", "reviewed"),
        (
            {"recorded_at": "2024-01-02T03:04:05+00:00"},
            "recorded_at",
            None,
            "2024-01-02T03:04:05+00:00",
        ),
        ({"stated": "fourteen Leopards"}, "stated", "(empty)", "fourteen Leopards"),
        ({"quantity": "18"}, "quantity", "'14'", "18"),
        ({"item": "Leopards"}, "item", "'Leopard 2A6'", "Leopards"),
    ],
)
def test_a_known_entry_with_any_other_field_is_refused_naming_both_values(
    ready, cells, field, stored, given
) -> None:
    header = (*SOURCE_HEADER, "review_status", "recorded_at", "stated")
    import_ledger(ready, ledger_csv([row(1)], header), actor=ACTOR)
    ready.commit()
    [(line, named, value, message)] = refusal(ready, ledger_csv([row(1, **cells)], header))
    assert (line, named, value) == (2, field, given)
    assert message.startswith("entry t-1 exists already with ")
    if stored is not None:
        assert message.startswith(f"entry t-1 exists already with {stored};")
    assert message.endswith("record a correction instead of importing a changed row")
    assert entry_count(ready) == 1


def test_the_same_row_again_is_already_present(ready) -> None:
    header = (*SOURCE_HEADER, "review_status", "recorded_at")
    stated = row(1, review_status="reviewed", recorded_at="2024-01-02T03:04:05+00:00")
    import_ledger(ready, ledger_csv([stated], header), actor=ACTOR)
    ready.commit()
    again = import_ledger(ready, ledger_csv([stated], header), actor=ACTOR)
    assert (again.inserted, again.unchanged) == (0, 1)
